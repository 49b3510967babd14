// What CUDA's conversion functions do with NaNs: the same on the host (`cuda-host`, the headers'
// software branch, x86-64, 2026-11-23) and on the device (`cuda`, an NVIDIA H200, sm_90,
// 2026-12-04), each observed over every input (all 2^32 binary32 ones in every mode): every
// number is right; only NaNs differ, each becoming CUDA's canonical one.
#pragma once

#include "fpconform/backend.hpp"

namespace fpconform::cuda {

inline constexpr KnownDeviation kKnownNanDeviations[] = {
    {Op::f16_to_f32, DeviationKind::nan_sign,
     "__half2float: every NaN becomes 0x7FFFFFFF, positive, all payload bits set"},
    {Op::f16_to_f32, DeviationKind::nan_payload,
     "__half2float: every NaN becomes 0x7FFFFFFF, positive, all payload bits set"},
    {Op::bf16_to_f32, DeviationKind::nan_quiet,
     "__bfloat162float shifts the 16 bits left by 16: a signaling NaN stays signaling"},
    {Op::e4m3_to_f32, DeviationKind::nan_sign,
     "__nv_cvt_fp8_to_halfraw: a NaN becomes the half 0x7FFF, so the float 0x7FFFFFFF"},
    {Op::e4m3_to_f32, DeviationKind::nan_payload,
     "__nv_cvt_fp8_to_halfraw: a NaN becomes the half 0x7FFF, so the float 0x7FFFFFFF"},
    {Op::e5m2_to_f32, DeviationKind::nan_sign,
     "__nv_cvt_fp8_to_halfraw: a NaN becomes the half 0x7FFF, so the float 0x7FFFFFFF"},
    {Op::e5m2_to_f32, DeviationKind::nan_payload,
     "__nv_cvt_fp8_to_halfraw: a NaN becomes the half 0x7FFF, so the float 0x7FFFFFFF"},
    {Op::f32_to_f16, DeviationKind::nan_sign,
     "__float2half_rn/_rz/_rd/_ru: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f32_to_f16, DeviationKind::nan_payload,
     "__float2half_rn/_rz/_rd/_ru: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f32_to_bf16, DeviationKind::nan_sign,
     "__float2bfloat16_rn/_rz/_rd/_ru: every NaN becomes 0x7FFF, positive, payload all "
     "ones"},
    {Op::f32_to_bf16, DeviationKind::nan_payload,
     "__float2bfloat16_rn/_rz/_rd/_ru: every NaN becomes 0x7FFF, positive, payload all "
     "ones"},
    // From a double (host branch, x86-64, 2026-12-05, edge + random inputs; the device's not run
    // yet): every number rounded once, right; NaNs as from a float.
    {Op::f64_to_f16, DeviationKind::nan_sign,
     "__double2half: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f64_to_f16, DeviationKind::nan_payload,
     "__double2half: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f64_to_bf16, DeviationKind::nan_sign,
     "__double2bfloat16: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f64_to_bf16, DeviationKind::nan_payload,
     "__double2bfloat16: every NaN becomes 0x7FFF, positive, payload all ones"},
    {Op::f32_to_e4m3, DeviationKind::nan_sign,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive (E4M3 has one NaN per sign, 0x7F and 0xFF)"},
    {Op::f32_to_e4m3_sat, DeviationKind::nan_sign,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive (E4M3 has one NaN per sign, 0x7F and 0xFF)"},
    {Op::f32_to_e5m2, DeviationKind::nan_sign,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive, payload all ones"},
    {Op::f32_to_e5m2, DeviationKind::nan_payload,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive, payload all ones"},
    {Op::f32_to_e5m2_sat, DeviationKind::nan_sign,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive, payload all ones"},
    {Op::f32_to_e5m2_sat, DeviationKind::nan_payload,
     "__nv_cvt_float_to_fp8: every NaN becomes 0x7F, positive, payload all ones"},
};

}  // namespace fpconform::cuda
