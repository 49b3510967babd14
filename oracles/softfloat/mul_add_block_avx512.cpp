// mulAdd's block fill, 8 cases per AVX-512 instruction: the algorithm of mul_add.hpp (the exact
// product, added exactly to c with a sticky bit, rounded once) in 64-bit lanes. Like the add,
// sub and mul fill (arith_block_avx512.cpp) it is an accelerator, not a second reference:
// suites/arith_block_test.cpp compares it with the scalar oracle case by case, every mode and
// NaN policy.
//
// Why 64 bits suffice. A block has one a and one c, both finite and non-zero (else the block is
// left to the scalar oracle). The product of two significands of at most 11 bits is exact (22
// bits). Both terms are moved so that their leading one is bit 61; the smaller is shifted right
// with a sticky bit. While it loses nothing (a shift below 40: each term has at least 40 zero
// bits below it) the sum is exact, cancellation or not; when it does lose bits, the larger term
// leads by 40 places, the sum keeps its leading one at bit 60 or 61, and the sticky bit lies 50
// places below the rounding position, so the sum rounds as the exact value does. Lanes whose b is
// zero, infinite or NaN, and exact zero sums (whose sign 6.3 decides), go to the scalar oracle.
#include "oracles/softfloat/mul_add_block_avx512.hpp"

#include <bit>

#include "fpconform/format.hpp"
#include "oracles/softfloat/mul_add.hpp"

#if defined(__x86_64__)
#include "oracles/softfloat/round_avx512.hpp"
#endif

namespace fpconform::oracle {

#if defined(__x86_64__)
namespace {

// GCC 12's avx512fintrin.h builds unmasked results on _mm512_undefined_* (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

struct Term {
  bool sign;
  std::int64_t exp;  // the value is sig * 2^exp
  std::uint64_t sig;
  bool usable;  // finite and non-zero
};

template <const Format& F>
Term unpack_one(std::uint32_t x) {
  const std::uint32_t e = (x >> F.frac_bits) & F.exp_mask(), f = x & F.frac_mask();
  const std::uint64_t sig = e ? f | (1u << F.frac_bits) : f;
  return {((x >> (F.width() - 1)) & 1) != 0,
          static_cast<std::int64_t>(e ? e : 1) - F.bias - F.frac_bits, sig,
          e != F.exp_mask() && sig != 0};
}

template <const Format& F, Rounding R>
FPCONFORM_AVX512_LOOP void block(std::uint32_t a, std::uint32_t c, std::uint32_t b0, std::size_t n,
                              NanPolicy nan, std::uint16_t* out) {
  const Term x = unpack_one<F>(a), z = unpack_one<F>(c);
  // c with its leading one at bit 61.
  const int cshift = std::countl_zero(z.sig) - 2;
  const __m512i vc = _mm512_set1_epi64(static_cast<long long>(z.sig << cshift));
  const __m512i ec = _mm512_set1_epi64(z.exp - cshift);
  const __mmask8 sign_c = z.sign ? 0xFF : 0;
  const __m512i sig_a = _mm512_set1_epi64(static_cast<long long>(x.sig));
  const __m512i exp_a = _mm512_set1_epi64(x.exp);
  const __m512i iota = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
  const __m512i two = _mm512_set1_epi64(2), zero = _mm512_setzero_si512();
  for (std::size_t i = 0; i < n; i += 8) {
    const __mmask8 m = n - i >= 8 ? __mmask8(0xFF) : static_cast<__mmask8>((1u << (n - i)) - 1);
    const __m512i b = _mm512_add_epi64(_mm512_set1_epi64(b0 + i), iota);
    const __m512i e = _mm512_and_si512(_mm512_srli_epi64(b, F.frac_bits), _mm512_set1_epi64(F.exp_mask()));
    const __m512i f = _mm512_and_si512(b, _mm512_set1_epi64(F.frac_mask()));
    const __m512i sig_b = _mm512_mask_or_epi64(f, _mm512_test_epi64_mask(e, e), f,
                                               _mm512_set1_epi64(1 << F.frac_bits));
    const __m512i exp_b = _mm512_sub_epi64(_mm512_max_epi64(e, _mm512_set1_epi64(1)),
                                           _mm512_set1_epi64(F.bias + F.frac_bits));
    const __mmask8 special = _mm512_cmpeq_epi64_mask(e, _mm512_set1_epi64(F.exp_mask())) |
                             _mm512_cmpeq_epi64_mask(sig_b, zero);
    const __mmask8 sign_b = _mm512_test_epi64_mask(b, _mm512_set1_epi64(1 << (F.width() - 1)));
    const __mmask8 sign_p = x.sign ? static_cast<__mmask8>(~sign_b) : sign_b;
    // The product, exact, with its leading one at bit 61 (a zero lane is special).
    const __m512i p = _mm512_mul_epu32(sig_b, sig_a);
    const __m512i sh = _mm512_sub_epi64(_mm512_lzcnt_epi64(p), two);
    const __m512i vp = _mm512_sllv_epi64(p, sh);
    const __m512i ep = _mm512_sub_epi64(_mm512_add_epi64(exp_a, exp_b), sh);
    // The larger magnitude first.
    const __mmask8 c_big = _mm512_cmpgt_epi64_mask(ec, ep) |
                           (_mm512_cmpeq_epi64_mask(ec, ep) & _mm512_cmpgt_epu64_mask(vc, vp));
    const __m512i hi_v = _mm512_mask_mov_epi64(vp, c_big, vc), lo_v = _mm512_mask_mov_epi64(vc, c_big, vp);
    const __m512i hi_e = _mm512_mask_mov_epi64(ep, c_big, ec), lo_e = _mm512_mask_mov_epi64(ec, c_big, ep);
    const __mmask8 sign = static_cast<__mmask8>((sign_p & ~c_big) | (sign_c & c_big));
    // shift_right_jam by min(hi_e - lo_e, 63): lo_v < 2^62, so 63 places leave the sticky bit only.
    const __m512i dd = _mm512_min_epi64(_mm512_sub_epi64(hi_e, lo_e), _mm512_set1_epi64(63));
    const __m512i lost = _mm512_sllv_epi64(lo_v, _mm512_sub_epi64(_mm512_set1_epi64(64), dd));
    const __m512i sticky = _mm512_maskz_set1_epi64(_mm512_test_epi64_mask(lost, lost), 1);
    const __m512i aligned = _mm512_or_si512(_mm512_srlv_epi64(lo_v, dd), sticky);
    const __mmask8 same = static_cast<__mmask8>(~(sign_p ^ sign_c));
    const __m512i sum = _mm512_mask_add_epi64(_mm512_sub_epi64(hi_v, aligned), same, hi_v, aligned);
    const __mmask8 exact_zero = _mm512_cmpeq_epi64_mask(sum, zero);
    const __m512i safe = _mm512_mask_mov_epi64(sum, exact_zero | special, _mm512_set1_epi64(1) );
    const __m512i bits = avx512::round64<F, R>(sign, hi_e, safe);
    _mm_mask_storeu_epi16(out + i, m, _mm512_cvtepi64_epi16(bits));
    for (unsigned scalar = (special | exact_zero) & m; scalar; scalar &= scalar - 1) {
      const unsigned k = static_cast<unsigned>(std::countr_zero(scalar));
      out[i + k] = static_cast<std::uint16_t>(
          detail::mul_add_impl(F, F, a, b0 + static_cast<std::uint32_t>(i + k), c, R, Tininess::after, nan).bits);
    }
  }
}

using BlockFn = void (*)(std::uint32_t, std::uint32_t, std::uint32_t, std::size_t, NanPolicy, std::uint16_t*);

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

}  // namespace

bool mul_add_block_avx512(Op op, std::uint32_t a, std::uint32_t c, std::uint32_t b0, std::size_t n,
                          Rounding r, NanPolicy nan, std::uint16_t* out) {
  const OpInfo& i = info(op);
  if (!avx512::cpu_runs_fills() || i.arith != Arith::mul_add || b0 + n > 0x10000) return false;
  BlockFn f = nullptr;
  if (i.src == &kBinary16) {
    if (!unpack_one<kBinary16>(a).usable || !unpack_one<kBinary16>(c).usable) return false;
    f = by_mode<kBinary16>(r);
  } else if (i.src == &kBfloat16) {
    if (!unpack_one<kBfloat16>(a).usable || !unpack_one<kBfloat16>(c).usable) return false;
    f = by_mode<kBfloat16>(r);
  }
  if (f == nullptr) return false;
  f(a, c, b0, n, nan, out);
  return true;
}

#else

bool mul_add_block_avx512(Op, std::uint32_t, std::uint32_t, std::uint32_t, std::size_t, Rounding,
                          NanPolicy, std::uint16_t*) {
  return false;
}

#endif

}  // namespace fpconform::oracle
