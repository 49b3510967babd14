// add, sub, mul, div, sqrt and mulAdd on one 16-bit format F (binary16, bfloat16), every rounding mode,
// integer-only, written from IEEE 754-2019 (5.4.1, 6.1-6.3, 7.2-7.4) and SoftFloat's way of
// rounding a wider significand once. Independent of oracles/: a second implementation.
//
// Every finite result is first made exact or "exact enough": a significand `sig` and the weight
// of its bit 0, `exp0` (value = sig * 2^exp0), where a nonzero bit 0 may stand for lost bits
// ("sticky") only when it lies far below the rounding position. pack() normalizes it, in a
// 32-bit word (add, sub, mul) or a 64-bit one (div, sqrt, mulAdd), to
//
//   bit W-2                                     bit 0
//   1 . [ P-1 fraction bits ] [ W-1-P dropped bits, sticky ORed into the last ]
//
// and rounds once. NaN results follow x86 SSE (Intel SDM vol. 1, 4.8.3.5): the first NaN
// operand, quieted; an invalid operation gives the negative default NaN (0xFE00, 0xFFC0).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

#include "backends/portable/narrow.hpp"
#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::portable::arith {

template <const Format& F>
struct Traits {
  static_assert(F.container_bits == 16 && F.shift == 0 && F.specials == Specials::ieee);
  static constexpr int P = F.frac_bits + 1;                           // precision
  static constexpr std::uint32_t kSign = 0x8000;
  static constexpr std::uint32_t kInf = F.exp_mask() << F.frac_bits;  // +infinity
  static constexpr std::uint32_t kQuiet = F.quiet_bit();
  static constexpr std::uint32_t kDefaultNaN = kSign | kInf | kQuiet;  // x86: negative
  static constexpr std::uint32_t kMaxFinite = kInf - 1;
};

// A container split into fields; `sig` with the hidden bit, `exp0` the weight of sig's bit 0.
struct Parts {
  std::uint32_t sign;
  std::uint32_t exp_field;
  std::uint32_t frac;
  std::uint32_t sig;
  int exp0;
};

template <const Format& F>
constexpr Parts split(std::uint32_t x) {
  Parts p{};
  p.sign = x >> 15;
  p.exp_field = (x >> F.frac_bits) & F.exp_mask();
  p.frac = x & F.frac_mask();
  p.sig = p.exp_field ? p.frac | (1u << F.frac_bits) : p.frac;
  p.exp0 = (p.exp_field ? static_cast<int>(p.exp_field) : 1) - F.bias - F.frac_bits;
  return p;
}

template <const Format& F>
constexpr bool is_nan(const Parts& p) { return p.exp_field == F.exp_mask() && p.frac != 0; }
template <const Format& F>
constexpr bool is_inf(const Parts& p) { return p.exp_field == F.exp_mask() && p.frac == 0; }
constexpr bool is_zero(const Parts& p) { return p.exp_field == 0 && p.frac == 0; }

// x86: the first operand that is a NaN, quieted.
template <const Format& F>
constexpr std::uint32_t first_nan(std::uint32_t a, const Parts& pa, std::uint32_t b) {
  return (is_nan<F>(pa) ? a : b) | Traits<F>::kQuiet;
}

// x >> n (n <= 63) with the bits shifted out ORed into bit 0, for the scalar 64-bit paths, where
// two shifts beat shift_right_jam's barrel.
constexpr std::uint64_t shift_right_jam64(std::uint64_t x, std::uint32_t n) {
  return (x >> n) | std::uint64_t{(x & ((std::uint64_t{1} << n) - 1)) != 0};
}

// sign, sig * 2^exp0 (sig != 0, its leading bit at most at W-2) rounded to F under R. Branch-free
// (every step computed, the right one selected), so that a batch of it vectorizes like the
// narrowings (portable.batch_code_paths checks that add, sub and mul do).
template <const Format& F, Rounding R, typename U>
constexpr std::uint32_t pack(std::uint32_t sign, int exp0, U sig) {
  using T = Traits<F>;
  constexpr int kTop = static_cast<int>(sizeof(U) * 8) - 2;  // the leading bit's place
  constexpr auto kDrop = static_cast<std::uint32_t>(kTop + 1 - T::P);
  // A 32-bit word goes through barrels of constant shifts, which vectorize; a 64-bit one (a
  // quotient, a root, mulAdd's sum: scalar code) through lzcnt and two shifts, about twice the
  // barrels' rate there.
  std::uint32_t shift = 0;
  U s;
  if constexpr (sizeof(U) == 8) {
    shift = static_cast<std::uint32_t>(std::countl_zero(sig) - 1);
    s = sig << shift;
  } else {
    s = normalize<kTop>(sig, shift);
  }
  int exp = exp0 + kTop - static_cast<int>(shift);  // unbiased exponent of the leading bit
  // Tiny: denormalize to emin, then round at the same bit (a shift past the top leaves the sticky).
  const auto tiny = static_cast<std::uint32_t>(std::clamp(F.emin() - exp, 0, kTop + 1));
  if constexpr (sizeof(U) == 8)
    s = shift_right_jam64(s, tiny);
  else
    s = shift_right_jam(s, tiny);
  exp = std::max(exp, F.emin());
  const auto rounded = static_cast<std::uint32_t>((s + round_bias<R, kDrop, U>(s, sign)) >> kDrop);
  // (exp + bias - 1) << f + rounded: the hidden bit carries into the exponent field, a
  // subnormal (exp = emin, no hidden bit) gets field 0, a carry out of rounding adds one.
  const std::uint32_t bits =
      (static_cast<std::uint32_t>(exp + F.bias - 1) << F.frac_bits) + rounded;
  const std::uint32_t overflowed = overflows_to_infinity<R>(sign) ? T::kInf : T::kMaxFinite;
  return (sign << 15) | select(bits >= T::kInf, overflowed, bits);
}

// An exact zero's sign from a sum of opposite signs (6.3): +0, except -0 toward negative.
template <Rounding R>
constexpr std::uint32_t exact_zero_sign() { return R == Rounding::rdn ? 1u : 0u; }

// add, sub and mul compute their finite result whatever the operands (a NaN's or an infinity's
// fields give a bounded, unused value), then select the special cases over it.

template <const Format& F, Rounding R>
constexpr std::uint32_t add(std::uint32_t a, std::uint32_t b) {
  using T = Traits<F>;
  const Parts pa = split<F>(a), pb = split<F>(b);
  // The larger magnitude (the encodings order as the magnitudes do) is `big`; both significands
  // go up to bit P-1+kUp = 29, leaving bit 30 for a carry. The smaller is aligned with a sticky
  // bit: a shift of 2 or more leaves the sticky at least 18 bits below any rounding position,
  // even after a subtraction's one-bit cancellation; a shift of 0 or 1 is exact. Both exponents
  // share F's grid (a subnormal's is emin's), so their difference is a plain shift.
  constexpr int kUp = 30 - T::P;
  const bool swap = (b & 0x7FFF) > (a & 0x7FFF);
  const std::uint32_t big = select(swap, pb.sig, pa.sig) << kUp;
  const std::uint32_t small_sig = select(swap, pa.sig, pb.sig) << kUp;
  const int big_exp = swap ? pb.exp0 : pa.exp0, small_exp = swap ? pa.exp0 : pb.exp0;
  const std::uint32_t sign = select(swap, pb.sign, pa.sign);
  const std::uint32_t small =
      shift_right_jam(small_sig, static_cast<std::uint32_t>(std::min(big_exp - small_exp, 31)));
  const bool same_sign = pa.sign == pb.sign;
  const std::uint32_t sum = select(same_sign, big + small, big - small);
  std::uint32_t r = pack<F, R>(sign, big_exp - kUp, sum);
  // An exact zero: x - x, or two zeros, whose sign is theirs when they agree (6.3).
  r = select(sum == 0, select(same_sign, pa.sign, exact_zero_sign<R>()) << 15, r);
  const bool inf_a = is_inf<F>(pa), inf_b = is_inf<F>(pb);
  const std::uint32_t both_inf = select(same_sign, a, T::kDefaultNaN);  // inf - inf: invalid (7.2)
  r = select(inf_a | inf_b, select(inf_b, select(inf_a, both_inf, b), a), r);
  return select(is_nan<F>(pa) | is_nan<F>(pb), first_nan<F>(a, pa, b), r);
}

template <const Format& F, Rounding R>
constexpr std::uint32_t sub(std::uint32_t a, std::uint32_t b) {
  // a - b = a + (-b), except that a NaN b keeps its own sign.
  return add<F, R>(a, select(is_nan<F>(split<F>(b)), b, b ^ Traits<F>::kSign));
}

template <const Format& F, Rounding R>
constexpr std::uint32_t mul(std::uint32_t a, std::uint32_t b) {
  using T = Traits<F>;
  const Parts pa = split<F>(a), pb = split<F>(b);
  const std::uint32_t sign = pa.sign ^ pb.sign;
  // Exact: two P-bit significands give at most 2P <= 22 bits; 0 when either is zero.
  const std::uint32_t prod = pa.sig * pb.sig;
  std::uint32_t r = pack<F, R>(sign, pa.exp0 + pb.exp0, prod);
  r = select(prod == 0, sign << 15, r);
  const bool zero = is_zero(pa) | is_zero(pb);  // 0 * inf: invalid (7.2)
  r = select(is_inf<F>(pa) | is_inf<F>(pb), select(zero, T::kDefaultNaN, (sign << 15) | T::kInf), r);
  return select(is_nan<F>(pa) | is_nan<F>(pb), first_nan<F>(a, pa, b), r);
}

// Scalar (no vector unit divides integers), so the rare special operands may branch: measured,
// this is 1.8 times the rate of the same division with every case selected.
template <const Format& F, Rounding R>
constexpr std::uint32_t div(std::uint32_t a, std::uint32_t b) {
  using T = Traits<F>;
  const Parts pa = split<F>(a), pb = split<F>(b);
  if (is_nan<F>(pa) || is_nan<F>(pb)) return first_nan<F>(a, pa, b);
  const std::uint32_t sign = pa.sign ^ pb.sign;
  if (is_inf<F>(pa)) return is_inf<F>(pb) ? T::kDefaultNaN : (sign << 15) | T::kInf;
  if (is_inf<F>(pb)) return sign << 15;
  if (is_zero(pb)) return is_zero(pa) ? T::kDefaultNaN : (sign << 15) | T::kInf;  // 7.2, 7.3
  if (is_zero(pa)) return sign << 15;
  // (sig_a << 48) / sig_b has at least 48 - P >= 37 bits: the remainder's sticky lies far below
  // the rounding position.
  constexpr int kScale = 48;
  const std::uint64_t num = std::uint64_t{pa.sig} << kScale;
  const std::uint64_t q = num / pb.sig;
  const std::uint64_t sticky = q * pb.sig != num;
  return pack<F, R>(sign, pa.exp0 - pb.exp0 - kScale, q | sticky);
}

// a * b + c rounded once. Both terms go on one grid with the larger one's leading bit at bit 61:
// the product has at most 2P <= 22 bits, so the smaller term loses bits to the sticky only when
// it lies more than 40 bits lower, far below the rounding position, where it cancels at most
// the one leading bit a subtraction can; closer terms are added exactly.
template <const Format& F, Rounding R>
constexpr std::uint32_t mul_add(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  using T = Traits<F>;
  const Parts pa = split<F>(a), pb = split<F>(b), pc = split<F>(c);
  if (is_nan<F>(pa) || is_nan<F>(pb) || is_nan<F>(pc))  // x86: the first NaN of a, b, c
    return (is_nan<F>(pa) ? a : is_nan<F>(pb) ? b : c) | T::kQuiet;
  const std::uint32_t sign = pa.sign ^ pb.sign;
  if ((is_inf<F>(pa) && is_zero(pb)) || (is_zero(pa) && is_inf<F>(pb))) return T::kDefaultNaN;
  if (is_inf<F>(pa) || is_inf<F>(pb)) {
    if (is_inf<F>(pc) && pc.sign != sign) return T::kDefaultNaN;  // inf - inf (7.2)
    return (sign << 15) | T::kInf;
  }
  if (is_inf<F>(pc)) return c;
  if (is_zero(pa) || is_zero(pb)) {  // an exact zero product: c, or a zero sum's sign (6.3)
    if (!is_zero(pc)) return c;
    return (sign == pc.sign ? sign : exact_zero_sign<R>()) << 15;
  }
  const std::uint64_t prod = std::uint64_t{pa.sig} * pb.sig;
  const int prod_exp0 = pa.exp0 + pb.exp0;
  if (is_zero(pc)) return pack<F, R>(sign, prod_exp0, prod);
  constexpr int kTop = 61;
  const auto place = [](std::uint64_t sig, int exp0, int& top) {
    const int msb = 63 - std::countl_zero(sig);
    top = exp0 + msb;
    return sig << (kTop - msb);
  };
  int top_p = 0, top_c = 0;
  std::uint64_t big = place(prod, prod_exp0, top_p), small = place(pc.sig, pc.exp0, top_c);
  std::uint32_t big_sign = sign, small_sign = pc.sign;
  int top = top_p;
  if (top_c > top_p) {
    std::swap(big, small);
    std::swap(big_sign, small_sign);
    top = top_c;
  }
  small = shift_right_jam64(small, static_cast<std::uint32_t>(std::min(top - (top_c > top_p ? top_p : top_c), 63)));
  if (big_sign == small_sign) return pack<F, R>(big_sign, top - kTop, big + small);
  if (big == small) return exact_zero_sign<R>() << 15;
  return big > small ? pack<F, R>(big_sign, top - kTop, big - small)
                     : pack<F, R>(small_sign, top - kTop, small - big);
}

// floor(sqrt(n)), digit by digit (two bits of n per bit of the root).
constexpr std::uint64_t isqrt(std::uint64_t n) {
  std::uint64_t root = 0, bit = std::uint64_t{1} << 62;
  while (bit > n) bit >>= 2;
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

template <const Format& F, Rounding R>
constexpr std::uint32_t sqrt(std::uint32_t a) {
  using T = Traits<F>;
  const Parts pa = split<F>(a);
  if (is_nan<F>(pa)) return a | T::kQuiet;
  if (is_zero(pa)) return a;                   // sqrt(-0) = -0 (6.3)
  if (pa.sign) return T::kDefaultNaN;          // negative, infinity included: invalid (7.2)
  if (is_inf<F>(pa)) return a;
  // sig * 2^exp0 with exp0 even; the root of sig << 2k has at least 24 bits.
  std::uint64_t sig = pa.sig;
  int exp0 = pa.exp0;
  if (exp0 & 1) sig <<= 1, --exp0;
  constexpr int kHalfScale = 24;
  const std::uint64_t n = sig << (2 * kHalfScale);
  const std::uint64_t root = isqrt(n);
  return pack<F, R>(0, exp0 / 2 - kHalfScale, root | std::uint64_t{root * root != n});
}

}  // namespace fpconform::portable::arith
