// cuda: CUDA's conversion functions run on the GPU (device 0), one kernel per (op, rounding):
//   f32_to_f16   __float2half_rn / _rz / _rd / _ru      cvt.{rn,rz,rm,rp}.f16.f32
//   f32_to_bf16  __float2bfloat16_rn / _rz / _rd / _ru  cvt.{rn,rz,rm,rp}.bf16.f32
//   f16_to_f32, bf16_to_f32                              __half2float, __bfloat162float
//   f32_to_e4m3[_sat], f32_to_e5m2[_sat]                 __nv_cvt_float_to_fp8, __NV_NOSAT or
//                                                        __NV_SATFINITE (cvt.rn.satfinite.e4m3x2
//                                                        .f32 on sm_89+; NOSAT is CUDA's software)
//   e4m3_to_f32, e5m2_to_f32                             __nv_cvt_fp8_to_halfraw, then to float
//   f32_to_e3m2, _e2m3, _e2m1 (rn, rz) and back          __nv_cvt_float_to_fp6 / _fp4 and
//                                                        __nv_cvt_fp6/fp4_to_halfraw, then to
//                                                        float (not yet run on a GPU)
//   f16_/bf16_ add sub mul div sqrt (rne)                __hadd __hsub __hmul __hdiv hsqrt
// The same table, compiled for the host, is `cuda-host` (backends/cuda_host): the two differ only
// where CUDA's headers take a different branch on the device.
//
// On an H200 (sm_90, 2026-12-04) every number was right: all 2^32 inputs of the binary32
// conversions in each mode, all operand pairs of add, sub, mul, div (so __hdiv's binary32
// reciprocal and correction round correctly) and all sqrt operands, and __hfma on 5.3 million
// hard, edge and random triples and all (a, b) of one c. Only NaNs differ from IEEE's choice:
// the conversions make every NaN CUDA's canonical one, as the host branch does (cuda_known.hpp,
// declared), and the arithmetic returns 0x7FFF (NaN policy canonical). No flags are reported.
#include <cstdlib>

#include "backends/cuda/cuda_functions.hpp"
#include "backends/cuda/cuda_known.hpp"
#include "fpconform/backend.hpp"
#include "platform/gpu.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include "backends/cuda/cuda_kernels.hpp"
#endif

namespace fpconform {
namespace {

class CudaBackend final : public Backend {
 public:
  std::string_view name() const override { return "cuda"; }
  std::string_view description() const override {
    return "CUDA device kernels: __float2half_rn/_rz/_rd/_ru, __float2bfloat16_*, "
           "__nv_cvt_float_to_fp8 (E4M3/E5M2, saturating or not), __nv_cvt_float_to_fp6/fp4 (E3M2, "
           "E2M3, E2M1; rn, rz) and the widening ones; "
           "__hadd, __hsub, __hmul, __hdiv, hsqrt, __hfma (half, bfloat16; rne), on GPU 0";
  }
  BackendKind kind() const override { return BackendKind::device; }
  bool implements(Op op, Rounding r) const override {
    return is_arithmetic(op) ? r == Rounding::rne : cuda::has_function(op, r);
  }
  NanPolicy nan_policy() const override { return NanPolicy::canonical; }
  std::span<const KnownDeviation> known_deviations() const override { return cuda::kKnownNanDeviations; }
  Availability available() const override { return require_cuda_kernels(); }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {
#ifdef FPCONFORM_HAVE_CUDA
    cuda::convert_on_device(op, r, in, out, n);
#else
    (void)op, (void)r, (void)in, (void)out, (void)n;
    std::abort();  // unavailable: callers check first
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(CudaBackend);

}  // namespace fpconform
