# `cmake --install`: the fpconform command, the public headers (plugin.h among them) and a CMake
# package with which a vendor builds a plug-in and gates it in CTest:
#   bin/fpconform
#   include/fpconform/*.h *.hpp
#   lib/cmake/fpconform/fpconformConfig.cmake, fpconformConfigVersion.cmake, fpconformTargets*.cmake,
#                       fpconform-functions.cmake
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# What a plug-in links to: plugin.h only (plain C, no library).
add_library(fpconform_plugin INTERFACE)
target_include_directories(fpconform_plugin INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(fpconform_plugin PROPERTIES EXPORT_NAME plugin)

# The same names in this build tree, so that fpconform-functions.cmake serves both.
add_library(fpconform::plugin ALIAS fpconform_plugin)
add_executable(fpconform::fpconform ALIAS fpconform)
include(${CMAKE_CURRENT_LIST_DIR}/fpconform-functions.cmake)

# The installed command finds the libraries it was linked with outside the loader's default
# directories (CUDA's libcublas in /usr/local/cuda/lib in CUDA builds).
set_target_properties(fpconform PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)

install(TARGETS fpconform fpconform_plugin EXPORT fpconformTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/fpconform/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fpconform
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

set(fpconform_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/fpconform)
install(EXPORT fpconformTargets NAMESPACE fpconform:: DESTINATION ${fpconform_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/fpconformConfig.cmake.in
  ${PROJECT_BINARY_DIR}/fpconformConfig.cmake INSTALL_DESTINATION ${fpconform_cmake_dir})
# 0.x: a minor version may change the command line or the plug-in ABI.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fpconformConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/fpconformConfig.cmake
              ${PROJECT_BINARY_DIR}/fpconformConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/fpconform-functions.cmake
        DESTINATION ${fpconform_cmake_dir})

# The package end to end: install this build into a scratch prefix, build a consumer's plug-in
# against it (suites/package/consumer) and run the consumer's gate test. Needs the built command
# (ctest does not build); in a cross build the consumer gets the same toolchain file.
if(BUILD_TESTING)
  add_test(NAME package.consumer
           COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
                   -DWORK=${PROJECT_BINARY_DIR}/package_test
                   -DCONSUMER=${PROJECT_SOURCE_DIR}/suites/package/consumer
                   -DGENERATOR=${CMAKE_GENERATOR} -DTOOLCHAIN=${CMAKE_TOOLCHAIN_FILE}
                   -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
                   -P ${PROJECT_SOURCE_DIR}/suites/package/package_test.cmake)
  set_tests_properties(package.consumer PROPERTIES LABELS package TIMEOUT 900 RUN_SERIAL TRUE)
endif()
