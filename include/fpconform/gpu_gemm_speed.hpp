// GEMM speed on the GPU, operands resident on the device: the int8 GEMM backends (`cuda-dp4a`,
// `cublaslt-imma`) against cuBLAS's FP32 SGEMM, with and without TF32 tensor cores.
#pragma once

#include <string>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform {

struct GpuGemmTiming {
  std::string name;         // "cuda-dp4a/s8", "cublaslt-imma/s8", "cublas-sgemm-fp32", "cublas-sgemm-tf32"
  double seconds = 0;       // per GEMM: median of CUDA-event times after one warm-up call
  double peak_gops = 0;     // int8 entries: the tensor cores' dense int8 peak (0: unknown GPU)
  std::string peak_source;  // where that peak comes from
};

// cuda-dp4a/s8, cublaslt-imma/s8, cublas-sgemm-fp32, cublas-sgemm-tf32 on `shape`, data on the
// device; repetitions until they total >= 0.2 s and number >= 10. Throws std::invalid_argument
// with probe_gpu().why_not when there is no device.
std::vector<GpuGemmTiming> time_gpu_gemms(GemmShape shape);

}  // namespace fpconform
