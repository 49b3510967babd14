// time_gpu_gemms(): refused with the probe's reason where there is no device (or no CUDA in this
// build); the timing itself is gpu_timing.cpp.
#include "fpconform/gpu_gemm_speed.hpp"

#include <stdexcept>
#include <string>

#include "platform/gpu.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include "backends/int8_cuda/int8_cuda_gemm.hpp"
#endif

namespace fpconform {

std::vector<GpuGemmTiming> time_gpu_gemms(GemmShape shape) {
  const GpuProbe& p = probe_gpu();
  if (!p.gpu) throw std::invalid_argument("time_gpu_gemms: " + p.why_not);
  if (shape.m < 1 || shape.n < 1 || shape.k < 1) throw std::invalid_argument("time_gpu_gemms: empty shape");
#ifdef FPCONFORM_HAVE_CUDA
  return int8_cuda::time_gemms(shape);
#else
  throw std::logic_error("time_gpu_gemms: a GPU without CUDA built in");  // probe_gpu() finds none then
#endif
}

}  // namespace fpconform
