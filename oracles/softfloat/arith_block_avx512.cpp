// The sweep's block fill for add, sub and mul of binary16 and bfloat16, 16 cases per AVX-512
// instruction: the same integer algorithm as add.hpp, mul.hpp and round_pack.hpp, in 32-bit
// lanes. It is an accelerator, not a second reference: suites/arith_block_test.cpp compares it
// with the scalar oracle case by case (every mode and NaN policy; all 2^32 pairs under label
// exhaustive-full), and every sweep of `portable` compares it with an independent implementation.
//
// Why 32 bits suffice. Each operand's significand (at most 11 bits) is moved up to bit 29.
//   add/sub: the smaller is aligned to the larger with a sticky bit (shift_right_jam); the larger
//            then has at least 18 zero bits below its last significant one, so the sum (< 2^31)
//            is odd exactly when inexact and rounds as the exact sum does (add.hpp's argument).
//   mul:     the product of two significands of at most 11 bits is exact (< 2^22).
// Rounding sig * 2^e to the quantum 2^q drops d = q - e bits; d <= 0 is exact, d >= 32 leaves
// only a sticky value below half a quantum (sig < 2^31), so d is clamped to 32.
//
// A sweep's block has one first operand a. Where a vector's lanes share a finite non-zero a, the
// fast path below unpacks a once; only b's infinities and NaNs (and zeros in mul) are special.
// Its add keeps the significands unnormalized at bit 29 (a subnormal's lower): the larger
// magnitude is the larger container, the exact sum is at least 2^(28 - frac) after cancellation
// and below 2^31, so the bits dropped are 9..24 and rounding is one biased add and shift. The
// special lanes are blended in, not branched on: random b puts one in about 40 % of vectors.
#include "oracles/softfloat/arith_block_avx512.hpp"

#include "oracles/softfloat/div_block_avx512.hpp"

#if defined(__x86_64__)

#include "oracles/softfloat/round_avx512.hpp"


namespace fpconform::oracle {
namespace {

// GCC 12's avx512fintrin.h builds unmasked results on _mm512_undefined_* (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

struct Lanes {
  __mmask16 sign;
  __m512i exp;  // the value is sig * 2^exp
  __m512i sig;  // non-zero where the lane is not special
};

// Unpacks 16 containers of F; special gets the lanes that are zero, infinite or NaN.
template <const Format& F>
FPCONFORM_AVX512_INLINE Lanes unpack16(__m512i x, __mmask16& special) {
  const __m512i e = _mm512_and_si512(_mm512_srli_epi32(x, F.frac_bits), _mm512_set1_epi32(F.exp_mask()));
  const __m512i f = _mm512_and_si512(x, _mm512_set1_epi32(F.frac_mask()));
  const __mmask16 normal = _mm512_test_epi32_mask(e, e);
  const __m512i sig = _mm512_mask_or_epi32(f, normal, f, _mm512_set1_epi32(1 << F.frac_bits));
  const __m512i exp = _mm512_sub_epi32(_mm512_max_epi32(e, _mm512_set1_epi32(1)),
                                       _mm512_set1_epi32(F.bias + F.frac_bits));
  special |= _mm512_cmpeq_epi32_mask(e, _mm512_set1_epi32(F.exp_mask())) |
             _mm512_cmpeq_epi32_mask(sig, _mm512_setzero_si512());
  const __mmask16 sign = _mm512_test_epi32_mask(x, _mm512_set1_epi32(1 << (F.width() - 1)));
  return {sign, exp, sig};
}

// round_pack for non-zero sig < 2^31: the result's container bits, sign included.
template <const Format& F, Rounding R>
FPCONFORM_AVX512_INLINE __m512i round16(__mmask16 sign, __m512i exp, __m512i sig) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i top = _mm512_sub_epi32(_mm512_add_epi32(exp, _mm512_set1_epi32(31)), _mm512_lzcnt_epi32(sig));
  const __m512i q = _mm512_sub_epi32(_mm512_max_epi32(top, _mm512_set1_epi32(F.emin())),
                                     _mm512_set1_epi32(F.frac_bits));
  const __m512i d = _mm512_sub_epi32(q, exp);
  const __m512i dpos = _mm512_min_epi32(_mm512_max_epi32(d, _mm512_setzero_si512()), _mm512_set1_epi32(32));
  const __mmask16 exact_up = _mm512_cmplt_epi32_mask(d, _mm512_setzero_si512());
  __m512i n = _mm512_srlv_epi32(sig, dpos);
  n = _mm512_mask_sllv_epi32(n, exact_up, sig, _mm512_sub_epi32(_mm512_setzero_si512(), d));
  const __m512i rem = _mm512_and_si512(sig, _mm512_sub_epi32(_mm512_sllv_epi32(one, dpos), one));
  const __mmask16 inexact = _mm512_test_epi32_mask(rem, rem);
  __mmask16 up = 0;
  if constexpr (R == Rounding::rne || R == Rounding::rna) {
    const __m512i half = _mm512_sllv_epi32(one, _mm512_sub_epi32(dpos, one));  // valid where inexact
    if constexpr (R == Rounding::rne)
      up = _mm512_cmpgt_epu32_mask(rem, half) |
           (_mm512_cmpeq_epi32_mask(rem, half) & _mm512_test_epi32_mask(n, one));
    else
      up = _mm512_cmpge_epu32_mask(rem, half);
  }
  if constexpr (R == Rounding::rup) up = static_cast<__mmask16>(~sign);
  if constexpr (R == Rounding::rdn) up = sign;
  n = _mm512_mask_add_epi32(n, up & inexact, n, one);
  // q + frac_bits + bias - 1 is the biased exponent less one: adding n (1.f, or a carry to 10.0)
  // completes it, and below the normals it is 0, so n alone is the subnormal (or zero).
  const __m512i biased = _mm512_add_epi32(q, _mm512_set1_epi32(F.frac_bits + F.bias - 1));
  __m512i bits = _mm512_add_epi32(_mm512_slli_epi32(biased, F.frac_bits), n);
  const __m512i inf = _mm512_set1_epi32(F.exp_mask() << F.frac_bits);
  const __mmask16 overflow = _mm512_cmpge_epu32_mask(bits, inf);
  __mmask16 to_inf = 0xFFFF;  // 7.4: infinity in the nearest modes and in the direction away
  if constexpr (R == Rounding::rtz) to_inf = 0;
  if constexpr (R == Rounding::rup) to_inf = static_cast<__mmask16>(~sign);
  if constexpr (R == Rounding::rdn) to_inf = sign;
  bits = _mm512_mask_mov_epi32(bits, overflow, _mm512_sub_epi32(inf, one));
  bits = _mm512_mask_mov_epi32(bits, overflow & to_inf, inf);
  return _mm512_mask_or_epi32(bits, sign, bits, _mm512_set1_epi32(1 << (F.width() - 1)));
}

// Both operands finite and non-zero.
template <const Format& F, Arith A, Rounding R>
FPCONFORM_AVX512_INLINE __m512i compute16(Lanes x, Lanes y) {
  if constexpr (A == Arith::mul)
    return round16<F, R>(x.sign ^ y.sign, _mm512_add_epi32(x.exp, y.exp), _mm512_mullo_epi32(x.sig, y.sig));
  if constexpr (A == Arith::sub) y.sign = static_cast<__mmask16>(~y.sign);
  // Significands up to bit 29 (lzcnt 2).
  const __m512i two = _mm512_set1_epi32(2);
  const __m512i lx = _mm512_sub_epi32(_mm512_lzcnt_epi32(x.sig), two);
  const __m512i ly = _mm512_sub_epi32(_mm512_lzcnt_epi32(y.sig), two);
  __m512i ex = _mm512_sub_epi32(x.exp, lx), ey = _mm512_sub_epi32(y.exp, ly);
  __m512i sx = _mm512_sllv_epi32(x.sig, lx), sy = _mm512_sllv_epi32(y.sig, ly);
  // The larger magnitude first.
  const __mmask16 swap = _mm512_cmplt_epi32_mask(ex, ey) |
                         (_mm512_cmpeq_epi32_mask(ex, ey) & _mm512_cmplt_epu32_mask(sx, sy));
  const __m512i ex2 = _mm512_mask_mov_epi32(ex, swap, ey), ey2 = _mm512_mask_mov_epi32(ey, swap, ex);
  const __m512i sx2 = _mm512_mask_mov_epi32(sx, swap, sy), sy2 = _mm512_mask_mov_epi32(sy, swap, sx);
  const __mmask16 sign = static_cast<__mmask16>((x.sign & ~swap) | (y.sign & swap));
  // shift_right_jam by min(ex - ey, 31): sy < 2^30, so 31 places or more leave the sticky bit only.
  const __m512i dd = _mm512_min_epi32(_mm512_sub_epi32(ex2, ey2), _mm512_set1_epi32(31));
  const __m512i lost = _mm512_sllv_epi32(sy2, _mm512_sub_epi32(_mm512_set1_epi32(32), dd));
  const __m512i sticky = _mm512_maskz_set1_epi32(_mm512_test_epi32_mask(lost, lost), 1);
  const __m512i aligned = _mm512_or_si512(_mm512_srlv_epi32(sy2, dd), sticky);
  const __mmask16 same = static_cast<__mmask16>(~(x.sign ^ y.sign));
  const __m512i sum = _mm512_mask_add_epi32(_mm512_sub_epi32(sx2, aligned), same, sx2, aligned);
  // 6.3: an exact zero difference is +0, -0 in roundTowardNegative.
  const __mmask16 zero = _mm512_cmpeq_epi32_mask(sum, _mm512_setzero_si512());
  const __m512i safe = _mm512_mask_mov_epi32(sum, zero, _mm512_set1_epi32(1));
  const __m512i bits = round16<F, R>(sign, ex2, safe);
  return _mm512_mask_mov_epi32(
      bits, zero, _mm512_set1_epi32(R == Rounding::rdn ? 1 << (F.width() - 1) : 0));
}

// Lanes with a zero, infinite or NaN operand (add.hpp, mul.hpp, nan_result.hpp), as the scalar
// oracle gives them; x and y are the operands' containers.
template <const Format& F, Arith A, Rounding R>
FPCONFORM_AVX512_INLINE __m512i special16(__m512i x, __m512i y, NanPolicy nan) {
  const __m512i sign_bit = _mm512_set1_epi32(1 << (F.width() - 1));
  const __m512i inf = _mm512_set1_epi32(F.exp_mask() << F.frac_bits);
  const __m512i quiet = _mm512_set1_epi32(F.quiet_bit());
  const __m512i mag_x = _mm512_andnot_si512(sign_bit, x), mag_y = _mm512_andnot_si512(sign_bit, y);
  const __mmask16 nan_x = _mm512_cmpgt_epu32_mask(mag_x, inf), nan_y = _mm512_cmpgt_epu32_mask(mag_y, inf);
  const __mmask16 inf_x = _mm512_cmpeq_epi32_mask(mag_x, inf), inf_y = _mm512_cmpeq_epi32_mask(mag_y, inf);
  const __mmask16 zero_x = _mm512_testn_epi32_mask(mag_x, mag_x), zero_y = _mm512_testn_epi32_mask(mag_y, mag_y);
  const __m512i yv = A == Arith::sub ? _mm512_xor_si512(y, sign_bit) : y;  // the value added
  const __m512i xs = _mm512_and_si512(x, sign_bit), ys = _mm512_and_si512(yv, sign_bit);
  __m512i bits;
  __mmask16 invalid;
  if constexpr (A == Arith::mul) {
    const __m512i sign = _mm512_xor_si512(xs, ys);
    bits = _mm512_mask_or_epi32(sign, inf_x | inf_y, sign, inf);
    invalid = (inf_x & zero_y) | (zero_x & inf_y);
  } else {
    const __m512i zero_sum = _mm512_mask_mov_epi32(
        _mm512_set1_epi32(R == Rounding::rdn ? 1 << (F.width() - 1) : 0),
        _mm512_cmpeq_epi32_mask(xs, ys), xs);
    bits = _mm512_mask_mov_epi32(_mm512_mask_mov_epi32(x, zero_x, yv), zero_x & zero_y, zero_sum);
    bits = _mm512_mask_mov_epi32(bits, inf_y, yv);
    bits = _mm512_mask_mov_epi32(bits, inf_x, x);
    invalid = inf_x & inf_y & _mm512_cmpneq_epi32_mask(xs, ys);
  }
  const __m512i canonical = _mm512_set1_epi32(F.exp_mask() << F.frac_bits | F.frac_mask());
  const __m512i positive_default = _mm512_or_si512(inf, quiet);
  switch (nan) {
    case NanPolicy::x86: {
      bits = _mm512_mask_mov_epi32(bits, invalid, _mm512_or_si512(positive_default, sign_bit));
      const __m512i pick = _mm512_mask_mov_epi32(y, nan_x, x);
      return _mm512_mask_or_epi32(bits, nan_x | nan_y, pick, quiet);
    }
    case NanPolicy::arm: {
      bits = _mm512_mask_mov_epi32(bits, invalid, positive_default);
      const __mmask16 sig_x = nan_x & _mm512_testn_epi32_mask(x, quiet);
      const __mmask16 sig_y = nan_y & _mm512_testn_epi32_mask(y, quiet);
      const __mmask16 take_x = sig_x | (nan_x & ~sig_y);
      const __m512i pick = _mm512_mask_mov_epi32(y, take_x, x);
      return _mm512_mask_or_epi32(bits, nan_x | nan_y, pick, quiet);
    }
    case NanPolicy::arm_default_nan:
      return _mm512_mask_mov_epi32(bits, invalid | nan_x | nan_y, positive_default);
    case NanPolicy::canonical: break;
  }
  return _mm512_mask_mov_epi32(bits, invalid | nan_x | nan_y, canonical);
}

// One first operand in every lane, unpacked once.
struct Fixed {
  __m512i word;    // a's container
  __m512i mag;     // a without its sign
  __mmask16 sign;  // every lane or none
  __m512i e;       // biased exponent, a subnormal's read as 1
  __m512i sig;     // significand, the hidden bit at bit 29
  Lanes lanes;     // for mul
  bool usable;     // finite and non-zero: the fast path applies
};

// The biased exponent of a finite magnitude (a subnormal's read as 1) and its significand moved
// up so that a normal's hidden bit is bit 29: mag - (e - 1) << frac is 1.f, or 0.f for e = 1.
template <const Format& F>
FPCONFORM_AVX512_INLINE __m512i exp16(__m512i mag) {
  return _mm512_max_epi32(_mm512_srli_epi32(mag, F.frac_bits), _mm512_set1_epi32(1));
}
template <const Format& F>
FPCONFORM_AVX512_INLINE __m512i sig16(__m512i mag, __m512i e) {
  return _mm512_slli_epi32(_mm512_add_epi32(_mm512_sub_epi32(mag, _mm512_slli_epi32(e, F.frac_bits)),
                                            _mm512_set1_epi32(1 << F.frac_bits)),
                           29 - F.frac_bits);
}

template <const Format& F>
FPCONFORM_AVX512_INLINE Fixed fixed16(std::uint32_t a) {
  const std::uint32_t mag = a & ((1u << (F.width() - 1)) - 1);
  const std::uint32_t inf = F.exp_mask() << F.frac_bits;
  __mmask16 special = 0;
  const __m512i word = _mm512_set1_epi32(static_cast<int>(a));
  const __m512i m = _mm512_set1_epi32(static_cast<int>(mag));
  const __m512i e = exp16<F>(m);
  return {word, m, static_cast<__mmask16>(a >> (F.width() - 1) ? 0xFFFF : 0), e, sig16<F>(m, e),
          unpack16<F>(word, special), mag != 0 && mag < inf};
}

// a + b (or a - b) for a finite non-zero a and the finite lanes of b; yv is the value added.
template <const Format& F, Rounding R>
FPCONFORM_AVX512_INLINE __m512i add_fixed16(const Fixed& x, __m512i yv, __m512i mag_b) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i sign_bit = _mm512_set1_epi32(1 << (F.width() - 1));
  const __mmask16 sign_y = _mm512_test_epi32_mask(yv, sign_bit);
  const __mmask16 y_larger = _mm512_cmplt_epu32_mask(x.mag, mag_b);
  const __mmask16 sign = static_cast<__mmask16>((x.sign & ~y_larger) | (sign_y & y_larger));
  const __mmask16 same = static_cast<__mmask16>(~(x.sign ^ sign_y));
  const __m512i e_b = exp16<F>(mag_b), sig_b = sig16<F>(mag_b, e_b);
  const __m512i e_big = _mm512_max_epi32(x.e, e_b);
  const __m512i sig_big = _mm512_mask_mov_epi32(x.sig, y_larger, sig_b);
  const __m512i sig_small = _mm512_mask_mov_epi32(sig_b, y_larger, x.sig);
  // shift_right_jam: a shift by 32 or more gives 0, and its mask of lost bits is all ones.
  const __m512i dd = _mm512_abs_epi32(_mm512_sub_epi32(x.e, e_b));
  const __m512i kept = _mm512_srlv_epi32(sig_small, dd);
  const __mmask16 lost = _mm512_test_epi32_mask(sig_small, _mm512_sub_epi32(_mm512_sllv_epi32(one, dd), one));
  const __m512i aligned = _mm512_mask_or_epi32(kept, lost, kept, one);
  const __m512i sum = _mm512_mask_add_epi32(_mm512_sub_epi32(sig_big, aligned), same, sig_big, aligned);
  // The value is sum * 2^(e_big - bias - 29); the quantum drops d bits: the result's leading bit
  // less frac, or the subnormals' quantum.
  const __m512i d = _mm512_max_epi32(
      _mm512_sub_epi32(_mm512_set1_epi32(31 - F.frac_bits), _mm512_lzcnt_epi32(sum)),
      _mm512_sub_epi32(_mm512_set1_epi32(30 - F.frac_bits), e_big));
  __m512i round_bias = _mm512_setzero_si512();
  if constexpr (R == Rounding::rna)
    round_bias = _mm512_sllv_epi32(one, _mm512_sub_epi32(d, one));
  if constexpr (R == Rounding::rne)  // half - 1, and half where the kept part is odd
    round_bias = _mm512_add_epi32(_mm512_srlv_epi32(_mm512_set1_epi32(-1), _mm512_sub_epi32(_mm512_set1_epi32(33), d)),
                                  _mm512_and_si512(_mm512_srlv_epi32(sum, d), one));
  if constexpr (R == Rounding::rup || R == Rounding::rdn) {
    const __m512i all = _mm512_sub_epi32(_mm512_sllv_epi32(one, d), one);
    round_bias = _mm512_maskz_mov_epi32(R == Rounding::rup ? static_cast<__mmask16>(~sign) : sign, all);
  }
  const __m512i n = _mm512_srlv_epi32(_mm512_add_epi32(sum, round_bias), d);
  // The biased exponent less one is d + e_big - (30 - frac): 0 below the normals, n carries.
  const __m512i biased = _mm512_add_epi32(d, _mm512_sub_epi32(e_big, _mm512_set1_epi32(30 - F.frac_bits)));
  __m512i bits = _mm512_add_epi32(_mm512_slli_epi32(biased, F.frac_bits), n);
  const __m512i inf = _mm512_set1_epi32(F.exp_mask() << F.frac_bits);
  const __mmask16 overflow = _mm512_cmpge_epu32_mask(bits, inf);
  __mmask16 to_inf = 0xFFFF;  // 7.4
  if constexpr (R == Rounding::rtz) to_inf = 0;
  if constexpr (R == Rounding::rup) to_inf = static_cast<__mmask16>(~sign);
  if constexpr (R == Rounding::rdn) to_inf = sign;
  bits = _mm512_mask_mov_epi32(bits, overflow, _mm512_sub_epi32(inf, one));
  bits = _mm512_mask_mov_epi32(bits, overflow & to_inf, inf);
  bits = _mm512_mask_or_epi32(bits, sign, bits, sign_bit);
  // 6.3: an exact zero sum is +0, -0 in roundTowardNegative.
  return _mm512_mask_mov_epi32(bits, _mm512_testn_epi32_mask(sum, sum),
                               _mm512_set1_epi32(R == Rounding::rdn ? 1 << (F.width() - 1) : 0));
}

// The lanes of the fast path whose b is infinite or NaN, or zero in mul (a finite and non-zero).
template <const Format& F, Arith A>
FPCONFORM_AVX512_INLINE __m512i special_b16(const Fixed& x, __m512i b, __m512i yv, __m512i mag_b,
                                                  NanPolicy nan) {
  const __m512i sign_bit = _mm512_set1_epi32(1 << (F.width() - 1));
  const __m512i inf = _mm512_set1_epi32(F.exp_mask() << F.frac_bits);
  const __m512i quiet = _mm512_set1_epi32(F.quiet_bit());
  __m512i bits;
  if constexpr (A == Arith::mul) {  // a signed zero or infinity
    const __m512i sign = _mm512_and_si512(_mm512_xor_si512(x.word, b), sign_bit);
    bits = _mm512_or_si512(sign, _mm512_maskz_mov_epi32(_mm512_cmpeq_epi32_mask(mag_b, inf), inf));
  } else {  // a + infinity is that infinity (a + 0 takes the finite path: sig 0, the sum exact)
    bits = yv;
  }
  const __mmask16 nan_b = _mm512_cmpgt_epu32_mask(mag_b, inf);
  switch (nan) {
    case NanPolicy::x86:
    case NanPolicy::arm: return _mm512_mask_or_epi32(bits, nan_b, b, quiet);  // the only NaN, quieted
    case NanPolicy::arm_default_nan: return _mm512_mask_mov_epi32(bits, nan_b, _mm512_or_si512(inf, quiet));
    case NanPolicy::canonical: break;
  }
  return _mm512_mask_mov_epi32(bits, nan_b, _mm512_set1_epi32(F.exp_mask() << F.frac_bits | F.frac_mask()));
}

template <const Format& F, Arith A, Rounding R>
FPCONFORM_AVX512_INLINE __m512i fast16(const Fixed& x, __m512i b, NanPolicy nan) {
  const __m512i sign_bit = _mm512_set1_epi32(1 << (F.width() - 1));
  const __m512i inf = _mm512_set1_epi32(F.exp_mask() << F.frac_bits);
  const __m512i mag_b = _mm512_andnot_si512(sign_bit, b);
  const __m512i yv = A == Arith::sub ? _mm512_xor_si512(b, sign_bit) : b;
  __m512i bits;
  if constexpr (A == Arith::mul) {
    __mmask16 unused = 0;
    bits = compute16<F, A, R>(x.lanes, unpack16<F>(b, unused));
  } else {
    bits = add_fixed16<F, R>(x, yv, mag_b);
  }
  __mmask16 special = _mm512_cmpge_epu32_mask(mag_b, inf);
  if constexpr (A == Arith::mul) special |= _mm512_testn_epi32_mask(mag_b, mag_b);
  // Without a branch: a random b has a lane of these in about 40 % of vectors, a mispredicted branch.
  return _mm512_mask_mov_epi32(bits, special, special_b16<F, A>(x, b, yv, mag_b, nan));
}

// The words first .. first + n - 1, or, where words is given, words[0 .. n - 1] (a sweep's
// inputs in the order the backends get them).
template <const Format& F, Arith A, Rounding R>
FPCONFORM_AVX512_LOOP void block16(std::uint32_t first, const std::uint32_t* words, std::size_t n,
                                    NanPolicy nan, std::uint16_t* out) {
  const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i low = _mm512_set1_epi32(0xFFFF);
  Fixed fx = fixed16<F>(words ? words[0] >> 16 : first >> 16);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = n - i >= 16 ? __mmask16(0xFFFF) : static_cast<__mmask16>((1u << (n - i)) - 1);
    const __m512i w = words ? _mm512_maskz_loadu_epi32(m, words + i)
                            : _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first + i)), iota);
    const __m512i a = _mm512_srli_epi32(w, 16), b = _mm512_and_si512(w, low);
    __mmask16 other = _mm512_mask_cmpneq_epi32_mask(m, a, fx.word);
    if (other) {
      fx = fixed16<F>(static_cast<std::uint32_t>(_mm_cvtsi128_si32(_mm512_castsi512_si128(a))));
      other = _mm512_mask_cmpneq_epi32_mask(m, a, fx.word);
    }
    __m512i bits;
    if (other == 0 && fx.usable) {
      bits = fast16<F, A, R>(fx, b, nan);
    } else {
      __mmask16 special = 0;
      const Lanes x = unpack16<F>(a, special);
      const Lanes y = unpack16<F>(b, special);
      bits = compute16<F, A, R>(x, y);
      if (special) bits = _mm512_mask_mov_epi32(bits, special, special16<F, A, R>(a, b, nan));
    }
    // A full vector's store unmasked: the same speed as joining two vectors for one 64-byte store.
    if (m == 0xFFFF)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), _mm512_cvtepi32_epi16(bits));
    else
      _mm256_mask_storeu_epi16(out + i, m, _mm512_cvtepi32_epi16(bits));
  }
}

using BlockFn = void (*)(std::uint32_t, const std::uint32_t*, std::size_t, NanPolicy, std::uint16_t*);

template <const Format& F, Arith A>
BlockFn by_mode(Rounding r) {
  switch (r) {
    case Rounding::rne: return &block16<F, A, Rounding::rne>;
    case Rounding::rtz: return &block16<F, A, Rounding::rtz>;
    case Rounding::rdn: return &block16<F, A, Rounding::rdn>;
    case Rounding::rup: return &block16<F, A, Rounding::rup>;
    case Rounding::rna: return &block16<F, A, Rounding::rna>;
  }
  return nullptr;
}

template <const Format& F>
BlockFn by_arith(Arith a, Rounding r) {
  switch (a) {
    case Arith::add: return by_mode<F, Arith::add>(r);
    case Arith::sub: return by_mode<F, Arith::sub>(r);
    case Arith::mul: return by_mode<F, Arith::mul>(r);
    default: return nullptr;
  }
}

#pragma GCC diagnostic pop

BlockFn kernel(Op op, Rounding r) {
  if (!avx512::cpu_runs_fills()) return nullptr;
  const OpInfo& i = info(op);
  if (i.src == &kBinary16) return by_arith<kBinary16>(i.arith, r);
  if (i.src == &kBfloat16) return by_arith<kBfloat16>(i.arith, r);
  return nullptr;
}

}  // namespace

bool arith_block_vectorized(Op op, Rounding r) { return kernel(op, r) != nullptr || div_block_vectorized(op); }

bool arith_block_avx512(Op op, std::uint32_t first, std::size_t n, Rounding r, NanPolicy nan,
                        std::uint16_t* out) {
  const BlockFn f = kernel(op, r);
  if (f == nullptr) return div_block_avx512(op, first, nullptr, n, r, nan, out);
  f(first, nullptr, n, nan, out);
  return true;
}

bool arith_block_avx512_words(Op op, const std::uint32_t* words, std::size_t n, Rounding r,
                              NanPolicy nan, std::uint16_t* out) {
  const BlockFn f = kernel(op, r);
  if (f == nullptr) return div_block_avx512(op, 0, words, n, r, nan, out);
  f(0, words, n, nan, out);
  return true;
}

}  // namespace fpconform::oracle

#else

namespace fpconform::oracle {
bool arith_block_vectorized(Op, Rounding) { return false; }
bool arith_block_avx512(Op, std::uint32_t, std::size_t, Rounding, NanPolicy, std::uint16_t*) {
  return false;
}
bool arith_block_avx512_words(Op, const std::uint32_t*, std::size_t, Rounding, NanPolicy,
                              std::uint16_t*) {
  return false;
}
}  // namespace fpconform::oracle

#endif
