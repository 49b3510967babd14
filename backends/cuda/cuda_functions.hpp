// Which (op, rounding) CUDA has a conversion function for: the `cuda` and `cuda-host` backends'
// declaration, the same in every build (without nvcc or CUDA's headers they are unavailable, not
// unimplemented). No CUDA header is needed here.
#pragma once

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

#if defined(__CUDACC__)
#define FPCONFORM_HD __host__ __device__
#else
#define FPCONFORM_HD
#endif

namespace fpconform::cuda {

// Whether CUDA has a function for (op, r). The FP8 conversions round to nearest even only; the
// widening ones are exact and asked for with rne. TF32 has no host function (wmma's
// __float_to_tf32 is device code), so neither backend offers it.
FPCONFORM_HD constexpr bool has_function(Op op, Rounding r) {
  switch (op) {
    case Op::f16_to_f32:
    case Op::bf16_to_f32:
    case Op::e4m3_to_f32:
    case Op::e5m2_to_f32:
    case Op::f32_to_e4m3:
    case Op::f32_to_e4m3_sat:
    case Op::f32_to_e5m2:
    case Op::f32_to_e5m2_sat:
      return r == Rounding::rne;
    case Op::f32_to_f16:
    case Op::f32_to_bf16:
      return r != Rounding::rna;
    // OCP MX FP6, FP4 (cuda_fp6.h, cuda_fp4.h): cudaRoundNearest and cudaRoundZero only.
    case Op::e3m2_to_f32:
    case Op::e2m3_to_f32:
    case Op::e2m1_to_f32:
      return r == Rounding::rne;
    case Op::f32_to_e3m2:
    case Op::f32_to_e2m3:
    case Op::f32_to_e2m1:
      return r == Rounding::rne || r == Rounding::rtz;
    case Op::f32_to_tf32:
      return false;
    // From a double: __double2half, __double2bfloat16, __nv_cvt_double_to_fp8 (nearest even
    // only), __nv_cvt_double_to_fp6 / _fp4 (nearest or zero). __double2float_r* is device code.
    case Op::f64_to_f16:
    case Op::f64_to_bf16:
    case Op::f64_to_e4m3:
    case Op::f64_to_e4m3_sat:
    case Op::f64_to_e5m2:
    case Op::f64_to_e5m2_sat:
      return r == Rounding::rne;
    case Op::f64_to_e3m2:
    case Op::f64_to_e2m3:
    case Op::f64_to_e2m1:
      return r == Rounding::rne || r == Rounding::rtz;
    default:  // arithmetic: not yet wired to CUDA's functions
      return false;
  }
  return false;
}

}  // namespace fpconform::cuda
