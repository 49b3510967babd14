# Every dependency is a Debian package (tools/install-deps.sh installs them all).
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
find_package(rapidcheck REQUIRED)
find_package(benchmark REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(MPFR REQUIRED IMPORTED_TARGET mpfr)
pkg_check_modules(GMP REQUIRED IMPORTED_TARGET gmp)
# MPFR keeps its exponent range and flags in thread-local storage. Through the shared library each
# access is a call to __tls_get_addr, a quarter of oracle_vs_mpfr_exhaustive's time; the static
# archive Debian ships uses initial-exec TLS. fpconform_mpfr links the archive where there is one.
find_library(FPCONFORM_MPFR_ARCHIVE NAMES libmpfr.a HINTS ${MPFR_LIBDIR} NO_DEFAULT_PATH)
add_library(fpconform_mpfr INTERFACE)
if(FPCONFORM_MPFR_ARCHIVE)
  target_include_directories(fpconform_mpfr SYSTEM INTERFACE ${MPFR_INCLUDE_DIRS})
  target_link_libraries(fpconform_mpfr INTERFACE ${FPCONFORM_MPFR_ARCHIVE} PkgConfig::GMP)
else()
  target_link_libraries(fpconform_mpfr INTERFACE PkgConfig::MPFR PkgConfig::GMP)
endif()
find_package(OpenMP REQUIRED)
# INT8 peers: oneDNN's matmul and gemmlowp (header-only). oneDNN is optional (the aarch64 build
# goes without it): without it the onednn backend is not compiled in and `fpconform list` does not
# show it. (Debian's dnnl-config.cmake insists on OpenCL's development files; the library needs
# neither.)
find_library(DNNL_LIBRARY dnnl)
find_path(DNNL_INCLUDE_DIR oneapi/dnnl/dnnl.hpp)
if(DNNL_LIBRARY AND DNNL_INCLUDE_DIR)
  add_library(fpconform_dnnl INTERFACE)
  target_link_libraries(fpconform_dnnl INTERFACE ${DNNL_LIBRARY})
  target_include_directories(fpconform_dnnl SYSTEM INTERFACE ${DNNL_INCLUDE_DIR})
else()
  message(STATUS "onednn backend not built: libdnnl-dev not found")
endif()
find_path(GEMMLOWP_INCLUDE_DIR gemmlowp/public/gemmlowp.h REQUIRED)
