// What the AVX-512 block fills (add, sub, mul; mulAdd; div) share: the target attributes, the
// CPU check and round_pack in 64-bit lanes (x86-64 only; include inside #if defined(__x86_64__)).
#pragma once

#include <immintrin.h>

#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"

#define FPCONFORM_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512cd,avx512dq")))
// clang 14 crashes (instruction selection) building these loops with the fuzz preset's coverage,
// address and undefined sanitizers together; any two of them build. The fuzzers never reach them
// (they read files), so they go without coverage instrumentation under clang.
#if defined(__clang__)
#define FPCONFORM_AVX512_LOOP FPCONFORM_AVX512_TARGET __attribute__((no_sanitize("coverage")))
#else
#define FPCONFORM_AVX512_LOOP FPCONFORM_AVX512_TARGET
#endif
#define FPCONFORM_AVX512_INLINE FPCONFORM_AVX512_TARGET __attribute__((always_inline)) inline

// GCC 12's avx512fintrin.h builds unmasked results on _mm512_undefined_* (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace fpconform::oracle::avx512 {

// Whether this CPU runs code built for FPCONFORM_AVX512_TARGET.
inline bool cpu_runs_fills() {
  static const bool ok = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd") &&
                         __builtin_cpu_supports("avx512dq");
  return ok;
}

// round_pack for non-zero sig < 2^63: the result's container bits, sign included.
template <const Format& F, Rounding R>
FPCONFORM_AVX512_INLINE __m512i round64(__mmask8 sign, __m512i exp, __m512i sig) {
  const __m512i one = _mm512_set1_epi64(1), zero = _mm512_setzero_si512();
  const __m512i top = _mm512_sub_epi64(_mm512_add_epi64(exp, _mm512_set1_epi64(63)), _mm512_lzcnt_epi64(sig));
  const __m512i q = _mm512_sub_epi64(_mm512_max_epi64(top, _mm512_set1_epi64(F.emin())),
                                     _mm512_set1_epi64(F.frac_bits));
  const __m512i d = _mm512_sub_epi64(q, exp);
  const __m512i dpos = _mm512_min_epi64(_mm512_max_epi64(d, zero), _mm512_set1_epi64(64));
  const __mmask8 exact_up = _mm512_cmplt_epi64_mask(d, zero);
  __m512i n = _mm512_srlv_epi64(sig, dpos);
  n = _mm512_mask_sllv_epi64(n, exact_up, sig, _mm512_sub_epi64(zero, d));
  const __m512i rem = _mm512_and_si512(sig, _mm512_sub_epi64(_mm512_sllv_epi64(one, dpos), one));
  const __mmask8 inexact = _mm512_test_epi64_mask(rem, rem);
  __mmask8 up = 0;
  if constexpr (R == Rounding::rne || R == Rounding::rna) {
    const __m512i half = _mm512_sllv_epi64(one, _mm512_sub_epi64(dpos, one));  // valid where inexact
    if constexpr (R == Rounding::rne)
      up = _mm512_cmpgt_epu64_mask(rem, half) |
           (_mm512_cmpeq_epi64_mask(rem, half) & _mm512_test_epi64_mask(n, one));
    else
      up = _mm512_cmpge_epu64_mask(rem, half);
  }
  if constexpr (R == Rounding::rup) up = static_cast<__mmask8>(~sign);
  if constexpr (R == Rounding::rdn) up = sign;
  n = _mm512_mask_add_epi64(n, up & inexact, n, one);
  // As round16: the biased exponent less one, plus n (1.f, a carry to 10.0, or a subnormal).
  const __m512i biased = _mm512_add_epi64(q, _mm512_set1_epi64(F.frac_bits + F.bias - 1));
  __m512i bits = _mm512_add_epi64(_mm512_slli_epi64(biased, F.frac_bits), n);
  const __m512i inf = _mm512_set1_epi64(F.exp_mask() << F.frac_bits);
  const __mmask8 overflow = _mm512_cmpge_epu64_mask(bits, inf);
  __mmask8 to_inf = 0xFF;  // 7.4: infinity in the nearest modes and in the direction away
  if constexpr (R == Rounding::rtz) to_inf = 0;
  if constexpr (R == Rounding::rup) to_inf = static_cast<__mmask8>(~sign);
  if constexpr (R == Rounding::rdn) to_inf = sign;
  bits = _mm512_mask_mov_epi64(bits, overflow, _mm512_sub_epi64(inf, one));
  bits = _mm512_mask_mov_epi64(bits, overflow & to_inf, inf);
  return _mm512_mask_or_epi64(bits, sign, bits, _mm512_set1_epi64(1 << (F.width() - 1)));
}

}  // namespace fpconform::oracle::avx512

#pragma GCC diagnostic pop
