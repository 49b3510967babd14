// div's block fill, 8 cases per AVX-512 instruction, through binary64: both operands are exact
// binary64 numbers, the quotient is divided in binary64 in the direction of the mode (to nearest
// for rne and rna), and that binary64 value is rounded to the format by round_pack in 64-bit
// lanes. Why that is the quotient correctly rounded:
//   directed modes: rounding down (up, toward zero) to binary64 and then to the format is
//     rounding down (up, toward zero) to the format, because every number of the format is a
//     binary64 number;
//   to nearest: a quotient of two p-bit significands (p <= 11) that is not itself a midpoint of
//     the format lies at least 2^-(2p+1) of its size from every midpoint (the numerator
//     a - m * b of the difference is a non-zero multiple of a quantum the p-bit and (p+1)-bit
//     factors fix), far more than binary64's half ulp, 2^-53: rounding to binary64 neither
//     reaches a midpoint nor crosses one, and a midpoint quotient is exact in binary64.
// An accelerator of the integer oracle (div.hpp), not a reference: arith_block_test compares it
// with the scalar oracle case by case, every mode and NaN policy.
#include "oracles/softfloat/div_block_avx512.hpp"

#include <bit>

#include "fpconform/format.hpp"
#include "oracles/softfloat/arith.hpp"

#if defined(__x86_64__)
#include "oracles/softfloat/round_avx512.hpp"
#endif

namespace fpconform::oracle {

#if defined(__x86_64__)
namespace {

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

// 8 containers of F as exact binary64 values; special gets the lanes that are zero, infinite or NaN.
template <const Format& F>
FPCONFORM_AVX512_INLINE __m512d to_binary64(__m512i x, __mmask8& special) {
  const __m512i e = _mm512_and_si512(_mm512_srli_epi64(x, F.frac_bits), _mm512_set1_epi64(F.exp_mask()));
  const __m512i f = _mm512_and_si512(x, _mm512_set1_epi64(F.frac_mask()));
  const __m512i sig = _mm512_mask_or_epi64(f, _mm512_test_epi64_mask(e, e), f, _mm512_set1_epi64(1 << F.frac_bits));
  const __m512i exp = _mm512_sub_epi64(_mm512_max_epi64(e, _mm512_set1_epi64(1)),
                                       _mm512_set1_epi64(F.bias + F.frac_bits));
  special |= _mm512_cmpeq_epi64_mask(e, _mm512_set1_epi64(F.exp_mask())) |
             _mm512_cmpeq_epi64_mask(sig, _mm512_setzero_si512());
  const __m512d magnitude = _mm512_scalef_pd(_mm512_cvtepi64_pd(sig), _mm512_cvtepi64_pd(exp));  // exact
  const __mmask8 negative = _mm512_test_epi64_mask(x, _mm512_set1_epi64(1 << (F.width() - 1)));
  return _mm512_mask_sub_pd(magnitude, negative, _mm512_setzero_pd(), magnitude);
}

template <Rounding R>
FPCONFORM_AVX512_INLINE __m512d divide(__m512d a, __m512d b) {
  if constexpr (R == Rounding::rtz) return _mm512_div_round_pd(a, b, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  if constexpr (R == Rounding::rdn) return _mm512_div_round_pd(a, b, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  if constexpr (R == Rounding::rup) return _mm512_div_round_pd(a, b, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC);
  return _mm512_div_round_pd(a, b, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

template <const Format& F, Rounding R>
FPCONFORM_AVX512_LOOP void block(std::uint32_t first, const std::uint32_t* words, std::size_t n,
                                  Op op, NanPolicy nan, std::uint16_t* out) {
  const __m256i iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (std::size_t i = 0; i < n; i += 8) {
    const __mmask8 m = n - i >= 8 ? __mmask8(0xFF) : static_cast<__mmask8>((1u << (n - i)) - 1);
    const __m256i w32 = words ? _mm256_maskz_loadu_epi32(m, words + i)
                              : _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first + i)), iota);
    const __m512i w = _mm512_cvtepu32_epi64(w32);
    __mmask8 special = 0;
    const __m512d a = to_binary64<F>(_mm512_srli_epi64(w, 16), special);
    const __m512d b = to_binary64<F>(_mm512_and_si512(w, _mm512_set1_epi64(0xFFFF)), special);
    // Special lanes divide 1 by 1 instead: their results are replaced below.
    const __m512d one = _mm512_set1_pd(1.0);
    const __m512d q = divide<R>(_mm512_mask_mov_pd(a, special, one), _mm512_mask_mov_pd(b, special, one));
    const __m512i bits = _mm512_castpd_si512(q);
    const __mmask8 sign = _mm512_test_epi64_mask(bits, _mm512_set1_epi64(std::int64_t{1} << 63));
    const __m512i sig = _mm512_or_si512(_mm512_and_si512(bits, _mm512_set1_epi64((std::int64_t{1} << 52) - 1)),
                                        _mm512_set1_epi64(std::int64_t{1} << 52));
    const __m512i exp = _mm512_sub_epi64(
        _mm512_and_si512(_mm512_srli_epi64(bits, 52), _mm512_set1_epi64(0x7FF)), _mm512_set1_epi64(1075));
    _mm_mask_storeu_epi16(out + i, m, _mm512_cvtepi64_epi16(avx512::round64<F, R>(sign, exp, sig)));
    for (unsigned scalar = special & m; scalar; scalar &= scalar - 1) {
      const unsigned k = static_cast<unsigned>(std::countr_zero(scalar));
      const std::uint32_t word = words ? words[i + k] : first + static_cast<std::uint32_t>(i + k);
      out[i + k] = static_cast<std::uint16_t>(arith(op, word, R, Tininess::after, nan).bits);
    }
  }
}

using BlockFn = void (*)(std::uint32_t, const std::uint32_t*, std::size_t, Op, NanPolicy, std::uint16_t*);

template <const Format& F>
BlockFn by_mode(Rounding r) {
  switch (r) {
    case Rounding::rne: return &block<F, Rounding::rne>;
    case Rounding::rtz: return &block<F, Rounding::rtz>;
    case Rounding::rdn: return &block<F, Rounding::rdn>;
    case Rounding::rup: return &block<F, Rounding::rup>;
    case Rounding::rna: return &block<F, Rounding::rna>;
  }
  return nullptr;
}

#pragma GCC diagnostic pop

BlockFn kernel(Op op, Rounding r) {
  const OpInfo& i = info(op);
  if (!avx512::cpu_runs_fills() || i.arith != Arith::div) return nullptr;
  if (i.src == &kBinary16) return by_mode<kBinary16>(r);
  if (i.src == &kBfloat16) return by_mode<kBfloat16>(r);
  return nullptr;
}

}  // namespace

bool div_block_vectorized(Op op) { return kernel(op, Rounding::rne) != nullptr; }

bool div_block_avx512(Op op, std::uint32_t first, const std::uint32_t* words, std::size_t n,
                      Rounding r, NanPolicy nan, std::uint16_t* out) {
  const BlockFn f = kernel(op, r);
  if (f == nullptr) return false;
  f(first, words, n, op, nan, out);
  return true;
}

#else

bool div_block_vectorized(Op) { return false; }
bool div_block_avx512(Op, std::uint32_t, const std::uint32_t*, std::size_t, Rounding, NanPolicy,
                      std::uint16_t*) {
  return false;
}

#endif

}  // namespace fpconform::oracle
