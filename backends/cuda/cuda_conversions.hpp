// CUDA's own conversion functions (cuda_fp16.h, cuda_bf16.h, cuda_fp8.h, cuda_fp6.h,
// cuda_fp4.h), one per implemented
// (op, rounding), as bits in and bits out. The same text is compiled twice: by nvcc into the
// device kernels of `cuda` (backends/cuda/cuda_kernels.cu), and by the host compiler into
// `cuda-host` (backends/cuda_host), where CUDA's headers take their software branch
// (NV_IF_ELSE_TARGET). So where the two backends differ, CUDA's two paths differ.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp4.h>
#include <cuda_fp6.h>
#include <cuda_fp8.h>

#include "backends/cuda/cuda_functions.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::cuda {

FPCONFORM_HD inline float as_float(std::uint32_t x) {
  float f;
  memcpy(&f, &x, 4);
  return f;
}

FPCONFORM_HD inline std::uint32_t as_bits(float f) {
  std::uint32_t x;
  memcpy(&x, &f, 4);
  return x;
}

FPCONFORM_HD inline double as_double(std::uint64_t x) {
  double d;
  memcpy(&d, &x, 8);
  return d;
}

FPCONFORM_HD inline std::uint32_t half_bits(__half h) { return __half_raw(h).x; }
FPCONFORM_HD inline std::uint32_t bf16_bits(__nv_bfloat16 b) { return __nv_bfloat16_raw(b).x; }

FPCONFORM_HD inline __half half_of(std::uint32_t x) {
  __half_raw r;
  r.x = static_cast<unsigned short>(x);
  return r;
}

FPCONFORM_HD inline __nv_bfloat16 bf16_of(std::uint32_t x) {
  __nv_bfloat16_raw r;
  r.x = static_cast<unsigned short>(x);
  return r;
}

// FP8 to binary32 goes through CUDA's FP8 -> half (exact: every E4M3 and E5M2 value is a half),
// then half -> float (exact).
FPCONFORM_HD inline std::uint32_t fp8_to_f32(std::uint32_t x, __nv_fp8_interpretation_t kind) {
  const __half_raw h = __nv_cvt_fp8_to_halfraw(static_cast<__nv_fp8_storage_t>(x), kind);
  return as_bits(__half2float(__half(h)));
}

// FP6 and FP4 to binary32 likewise through half (every E3M2, E2M3 and E2M1 value is a half).
FPCONFORM_HD inline std::uint32_t fp6_to_f32(std::uint32_t x, __nv_fp6_interpretation_t kind) {
  const __half_raw h = __nv_cvt_fp6_to_halfraw(static_cast<__nv_fp6_storage_t>(x), kind);
  return as_bits(__half2float(__half(h)));
}
FPCONFORM_HD inline std::uint32_t fp4_to_f32(std::uint32_t x) {
  const __half_raw h = __nv_cvt_fp4_to_halfraw(static_cast<__nv_fp4_storage_t>(x), __NV_E2M1);
  return as_bits(__half2float(__half(h)));
}

// cudaRoundNearest or cudaRoundZero: the two modes cuda_fp6.h and cuda_fp4.h accept.
template <Rounding r>
constexpr cudaRoundMode fp6_rounding() {
  static_assert(r == Rounding::rne || r == Rounding::rtz);
  return r == Rounding::rne ? cudaRoundNearest : cudaRoundZero;
}

// The source container's bits in, the destination's out (DESIGN.md, Formats).
template <Op op, Rounding r>
FPCONFORM_HD inline std::uint32_t convert_one(std::uint64_t x) {
  static_assert(has_function(op, r));
  if constexpr (op == Op::f16_to_f32) return as_bits(__half2float(half_of(x)));
  if constexpr (op == Op::bf16_to_f32) return as_bits(__bfloat162float(bf16_of(x)));
  if constexpr (op == Op::e4m3_to_f32) return fp8_to_f32(x, __NV_E4M3);
  if constexpr (op == Op::e5m2_to_f32) return fp8_to_f32(x, __NV_E5M2);
  if constexpr (op == Op::f32_to_f16) {
    const float f = as_float(x);
    if constexpr (r == Rounding::rne) return half_bits(__float2half_rn(f));
    if constexpr (r == Rounding::rtz) return half_bits(__float2half_rz(f));
    if constexpr (r == Rounding::rdn) return half_bits(__float2half_rd(f));
    if constexpr (r == Rounding::rup) return half_bits(__float2half_ru(f));
  }
  if constexpr (op == Op::f32_to_bf16) {
    const float f = as_float(x);
    if constexpr (r == Rounding::rne) return bf16_bits(__float2bfloat16_rn(f));
    if constexpr (r == Rounding::rtz) return bf16_bits(__float2bfloat16_rz(f));
    if constexpr (r == Rounding::rdn) return bf16_bits(__float2bfloat16_rd(f));
    if constexpr (r == Rounding::rup) return bf16_bits(__float2bfloat16_ru(f));
  }
  if constexpr (op == Op::e3m2_to_f32) return fp6_to_f32(x, __NV_E3M2);
  if constexpr (op == Op::e2m3_to_f32) return fp6_to_f32(x, __NV_E2M3);
  if constexpr (op == Op::e2m1_to_f32) return fp4_to_f32(x);
  if constexpr (op == Op::f32_to_e3m2) return __nv_cvt_float_to_fp6(as_float(x), __NV_E3M2, fp6_rounding<r>());
  if constexpr (op == Op::f32_to_e2m3) return __nv_cvt_float_to_fp6(as_float(x), __NV_E2M3, fp6_rounding<r>());
  if constexpr (op == Op::f32_to_e2m1) return __nv_cvt_float_to_fp4(as_float(x), __NV_E2M1, fp6_rounding<r>());
  if constexpr (op == Op::f32_to_e4m3)
    return __nv_cvt_float_to_fp8(as_float(x), __NV_NOSAT, __NV_E4M3);
  if constexpr (op == Op::f32_to_e4m3_sat)
    return __nv_cvt_float_to_fp8(as_float(x), __NV_SATFINITE, __NV_E4M3);
  if constexpr (op == Op::f32_to_e5m2)
    return __nv_cvt_float_to_fp8(as_float(x), __NV_NOSAT, __NV_E5M2);
  if constexpr (op == Op::f32_to_e5m2_sat)
    return __nv_cvt_float_to_fp8(as_float(x), __NV_SATFINITE, __NV_E5M2);
  if constexpr (op == Op::f64_to_f16) return half_bits(__double2half(as_double(x)));
  if constexpr (op == Op::f64_to_bf16) return bf16_bits(__double2bfloat16(as_double(x)));
  if constexpr (op == Op::f64_to_e4m3) return __nv_cvt_double_to_fp8(as_double(x), __NV_NOSAT, __NV_E4M3);
  if constexpr (op == Op::f64_to_e4m3_sat) return __nv_cvt_double_to_fp8(as_double(x), __NV_SATFINITE, __NV_E4M3);
  if constexpr (op == Op::f64_to_e5m2) return __nv_cvt_double_to_fp8(as_double(x), __NV_NOSAT, __NV_E5M2);
  if constexpr (op == Op::f64_to_e5m2_sat) return __nv_cvt_double_to_fp8(as_double(x), __NV_SATFINITE, __NV_E5M2);
  if constexpr (op == Op::f64_to_e3m2) return __nv_cvt_double_to_fp6(as_double(x), __NV_E3M2, fp6_rounding<r>());
  if constexpr (op == Op::f64_to_e2m3) return __nv_cvt_double_to_fp6(as_double(x), __NV_E2M3, fp6_rounding<r>());
  if constexpr (op == Op::f64_to_e2m1) return __nv_cvt_double_to_fp4(as_double(x), __NV_E2M1, fp6_rounding<r>());
  return 0;
}

// CUDA's arithmetic functions (__hadd, __hsub, __hmul, __hdiv; hsqrt on the device only) on the
// bits of up to three operands of T (__half or __nv_bfloat16; b unused for sqrt, c but for
// mulAdd), the result's bits out.
// Compiled for the device by nvcc (`cuda`) and for the host (`cuda-host`), as convert_one.
template <typename T, Arith A>
FPCONFORM_HD inline std::uint16_t arith_one(std::uint16_t a_bits, std::uint16_t b_bits,
                                            std::uint16_t c_bits = 0) {
  constexpr bool half = std::is_same_v<T, __half>;
  const auto of = [](std::uint16_t x) -> T {
    if constexpr (half)
      return half_of(x);
    else
      return bf16_of(x);
  };
  const T a = of(a_bits), b = of(b_bits);
  T c{};
  if constexpr (A == Arith::add) c = __hadd(a, b);
  if constexpr (A == Arith::sub) c = __hsub(a, b);
  if constexpr (A == Arith::mul) c = __hmul(a, b);
  if constexpr (A == Arith::div) c = __hdiv(a, b);
#ifdef __CUDA_ARCH__  // device-only functions: hsqrt, __hfma (fma.rn.f16, fma.rn.bf16)
  if constexpr (A == Arith::sqrt) c = hsqrt(a);
  if constexpr (A == Arith::mul_add) c = __hfma(a, b, of(c_bits));
#else
  (void)c_bits;
#endif
  if constexpr (half)
    return static_cast<std::uint16_t>(half_bits(c));
  else
    return static_cast<std::uint16_t>(bf16_bits(c));
}

// The storage words of op's source and destination (uint8_t, uint16_t, uint32_t, uint64_t).
template <int Bits>
using Storage = std::conditional_t<
    Bits == 8, std::uint8_t,
    std::conditional_t<Bits == 16, std::uint16_t, std::conditional_t<Bits == 32, std::uint32_t, std::uint64_t>>>;
template <Op op>
using SrcWord = Storage<kOps[static_cast<std::size_t>(op)].src->container_bits>;
template <Op op>
using DstWord = Storage<kOps[static_cast<std::size_t>(op)].dst->container_bits>;

// A table with one entry per (op, rounding), at op * kRoundings.size() + rounding:
// Entry<op, r>::get() for each (the kernel table and the host table alike).
template <typename Fn, template <Op, Rounding> typename Entry>
constexpr auto function_table() {
  constexpr std::size_t kR = kRoundings.size();
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<Fn, sizeof...(I)>{
        Entry<static_cast<Op>(I / kR), static_cast<Rounding>(I % kR)>::get()...};
  }(std::make_index_sequence<kOps.size() * kR>{});
}

static_assert([] {
  for (std::size_t i = 0; i < kOps.size(); ++i)
    if (kOps[i].op != static_cast<Op>(i)) return false;
  return true;
}(), "function_table() takes kOps to be in the order of Op");

constexpr std::size_t table_index(Op op, Rounding r) {
  return static_cast<std::size_t>(op) * kRoundings.size() + static_cast<std::size_t>(r);
}

}  // namespace fpconform::cuda
