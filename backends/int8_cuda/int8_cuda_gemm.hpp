// The INT8 GEMMs on the GPU (the fpconform_int8_cuda library, built only with nvcc), as plain C++
// for the backends' host code. Each throws std::runtime_error naming the CUDA or cuBLAS call that
// failed and its status.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "fpconform/gpu_gemm_speed.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform::int8_cuda {

// dp4a kernel, s8 or u8 A: B packed and uploaded here, once.
std::unique_ptr<GemmKernel> make_dp4a_gemm(GemmShape shape, IntType a_type, const std::int8_t* b);

// cuBLASLt IMMA, s8 A only: B packed and uploaded here, once.
std::unique_ptr<GemmKernel> make_imma_gemm(GemmShape shape, const std::int8_t* b);

// time_gpu_gemms() once a device is known to be there.
std::vector<GpuGemmTiming> time_gemms(GemmShape shape);

}  // namespace fpconform::int8_cuda
