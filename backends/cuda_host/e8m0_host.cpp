#include "backends/cuda_host/e8m0_host.hpp"

#include <stdexcept>

#ifdef FPCONFORM_HAVE_CUDA_HEADERS
#include <cuda_fp8.h>
#include <cuda_runtime_api.h>  // CUDART_VERSION
#if CUDART_VERSION >= 12080
#define FPCONFORM_CUDA_E8M0 1
#endif
#endif

namespace fpconform::cuda_host {

std::string e8m0_unavailable() {
#ifdef FPCONFORM_CUDA_E8M0
  return "";
#elif defined(FPCONFORM_HAVE_CUDA_HEADERS)
  return "CUDA's headers here predate 12.8: no __nv_cvt_float_to_e8m0";
#else
  return "built without CUDA's headers";
#endif
}

std::uint8_t f32_to_e8m0(float x, bool up, bool saturate) {
#ifdef FPCONFORM_CUDA_E8M0
  return __nv_cvt_float_to_e8m0(x, saturate ? __NV_SATFINITE : __NV_NOSAT,
                                up ? cudaRoundPosInf : cudaRoundZero);
#else
  (void)x, (void)up, (void)saturate;
  throw std::logic_error("cuda_host::f32_to_e8m0: " + e8m0_unavailable());
#endif
}

}  // namespace fpconform::cuda_host
