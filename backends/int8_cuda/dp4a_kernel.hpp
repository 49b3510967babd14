// The dp4a GEMM kernel on device pointers (dp4a_gemm.cu): what the cuda-dp4a backend runs and
// what time_gpu_gemms() times.
#pragma once

#include <cstdint>

#include <cuda_runtime_api.h>

#include "fpconform/int8.hpp"

namespace fpconform::int8_cuda {

// C (m x n int32, row-major) = A B on `stream`, from A as m rows and B^T as n rows of
// padded_k(k) / 4 words (pack.hpp), 4 k per word; A's bytes are s8 or u8 as a_type says, B's s8.
// Throws std::runtime_error when the launch fails.
void dp4a_gemm(GemmShape s, IntType a_type, const std::int32_t* a, const std::int32_t* bt, std::int32_t* c,
               cudaStream_t stream);

}  // namespace fpconform::int8_cuda
