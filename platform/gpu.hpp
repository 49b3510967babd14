// The CUDA device the device backends (`cuda`, `cuda-dp4a`, `cublaslt-imma`) run on, if any.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "fpconform/backend.hpp"

namespace fpconform {

struct GpuInfo {
  std::string name;  // "NVIDIA H100 80GB HBM3"
  int cc_major = 0, cc_minor = 0;
  int sms = 0;
  double clock_ghz = 0;  // the SMs' peak clock, as the driver reports it
  std::size_t memory_bytes = 0;
  std::string driver;   // the CUDA version the driver supports, "13.0"
  std::string runtime;  // the CUDA runtime linked in, "13.0"
};

// Device 0, looked at once per process; without one, why not: "built without CUDA (no nvcc when
// configured)", "cuda disabled by FPCONFORM_DISABLE", or "no CUDA device (cudaGetDeviceCount:
// cudaErrorNoDevice ...)".
struct GpuProbe {
  std::optional<GpuInfo> gpu;
  std::string why_not;
};
const GpuProbe& probe_gpu();

// What every device backend's available() says: ok, or {false, probe_gpu().why_not}.
Availability require_cuda_device();

// The backends with fpconform's own kernels (cuda, cuda-dp4a): a device, and code in this build
// that runs on it (CMAKE_CUDA_ARCHITECTURES); the cuBLAS ones bring their own.
Availability require_cuda_kernels();

// Why code built for `architectures` (CMAKE_CUDA_ARCHITECTURES, ; or , between: "90",
// "80-real;90-virtual") cannot run on compute capability major.minor, or "" when it can or cannot
// be told ("native", "all"): real code (sm_XY) runs on X.Y to X.9, virtual code (compute_XY, PTX)
// on X.Y and later; arch-specific code (90a) on X.Y alone, family code (100f) on X.Y to X.9.
std::string cuda_code_refuses(int major, int minor, std::string_view architectures);

// "NVIDIA H100 80GB HBM3, sm_90, 132 SMs at 1.98 GHz, 79.1 GiB; driver CUDA 13.0, runtime 13.0",
// or "none: <why not>" (the machine line of results and reports).
std::string gpu_summary();

}  // namespace fpconform
