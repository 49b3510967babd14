# CUDA is optional. With nvcc (CUDA 12.8 or later: cuda_fp6.h, cuda_fp4.h) the device backends are built: `cuda` (conversion
# kernels) and the INT8 GEMMs on the GPU (dp4a, cuBLASLt IMMA); they run where a GPU is found and
# are reported "skipped: no CUDA device (...)" elsewhere. Without nvcc they are still listed, as
# "skipped: built without CUDA". `cuda-host` (CUDA's own conversion functions on the host) needs
# only the toolkit's headers, so it runs in CI on every machine that has them.
#   -DFPCONFORM_CUDA=AUTO (default) build the CUDA code when nvcc is found
#   -DFPCONFORM_CUDA=ON             require it (the `cuda` preset)
#   -DFPCONFORM_CUDA=OFF            never
set(FPCONFORM_CUDA AUTO CACHE STRING "Build the CUDA backends: AUTO, ON or OFF")
set_property(CACHE FPCONFORM_CUDA PROPERTY STRINGS AUTO ON OFF)

set(FPCONFORM_HAVE_CUDA OFF)
set(FPCONFORM_HAVE_CUDA_HEADERS OFF)
if(NOT FPCONFORM_CUDA STREQUAL "OFF" AND NOT CMAKE_CROSSCOMPILING)
  # Debian's CUDA lives in /usr/local/cuda, often not on PATH.
  if(NOT CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX} AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc CACHE FILEPATH "nvcc")
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # sm_90 code for the H100 and compute_90 PTX, which the driver JIT-compiles for later GPUs.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 90)
    endif()
    enable_language(CUDA)
    # CMake 3.25 does not know nvcc's C++20 flag (no CUDA_STANDARD 20): give it directly.
    string(APPEND CMAKE_CUDA_FLAGS " -std=c++20")
    find_package(CUDAToolkit REQUIRED)
    set(FPCONFORM_HAVE_CUDA ON)
    message(STATUS "CUDA ${CMAKE_CUDA_COMPILER_VERSION}: device backends built for ${CMAKE_CUDA_ARCHITECTURES}")
  elseif(FPCONFORM_CUDA STREQUAL "ON")
    message(FATAL_ERROR "FPCONFORM_CUDA=ON but no CUDA compiler was found (set CMAKE_CUDA_COMPILER "
                        "or CUDACXX to nvcc)")
  else()
    message(STATUS "CUDA device backends not built: no nvcc found")
  endif()
  if(NOT FPCONFORM_HAVE_CUDA)
    find_package(CUDAToolkit QUIET)
  endif()
  # cuda_fp6.h and cuda_fp4.h (OCP MX FP6, FP4) came with CUDA 12.8.
  if(CUDAToolkit_FOUND AND EXISTS ${CUDAToolkit_INCLUDE_DIRS}/cuda_fp4.h)
    set(FPCONFORM_HAVE_CUDA_HEADERS ON)
  endif()
elseif(FPCONFORM_CUDA STREQUAL "ON")
  message(FATAL_ERROR "FPCONFORM_CUDA=ON in a cross build: the CUDA backends are built natively")
endif()
