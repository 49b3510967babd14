// binary32 (and binary64) -> any narrower format D, one template for all of them (IEEE 754-2019
// 4.3, 6.2.3, 7.4; OCP OFP8 for the fn encoding and saturation). Integer-only and branch-light:
// every case is computed and the right one selected, so a batch loop vectorizes. The helpers work
// on 32-bit words unless told 64 (binary64 sources).
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::portable {

// c ? a : b, written as a mask so that the compiler keeps it branch-free (a branch per class
// of input mispredicts on every change of class; a mask costs three instructions).
template <typename U = std::uint32_t>
constexpr U select(bool c, std::type_identity_t<U> a, std::type_identity_t<U> b) {
  return b ^ ((a ^ b) & (0 - static_cast<U>(c)));
}

// x >> n (n below U's width) with the bits shifted out ORed into bit 0 ("jamming"), as a barrel
// of constant shifts so that a batch vectorizes without per-lane variable shifts.
template <std::uint32_t K, typename U>
constexpr U jam_stage(U x, std::uint32_t n) {
  const U lost = x & ((U{1} << K) - 1);
  return select<U>((n & K) != 0, (x >> K) | U{lost != 0}, x);
}
template <typename U = std::uint32_t>
constexpr U shift_right_jam(std::type_identity_t<U> x, std::uint32_t n) {
  if constexpr (sizeof(U) == 8) x = jam_stage<32, U>(x, n);
  return jam_stage<1, U>(jam_stage<2, U>(jam_stage<4, U>(jam_stage<8, U>(jam_stage<16, U>(x, n), n), n), n), n);
}

// x (1 <= x < 2^(Top + 1)) shifted left until its leading 1 is at bit Top, the shift added to s:
// a binary search of constant shifts, so that a batch vectorizes without a per-lane lzcnt.
template <std::uint32_t K, std::uint32_t Top>
constexpr void normalize_stage(std::uint32_t& x, std::uint32_t& s) {
  if constexpr (K <= Top) {
    const bool clear = (x >> (Top + 1 - K)) == 0;
    x = select(clear, x << K, x);
    s += clear ? K : 0;
  }
}
template <std::uint32_t Top>
constexpr std::uint32_t normalize(std::uint32_t x, std::uint32_t& s) {
  static_assert(Top < 32);
  normalize_stage<16, Top>(x, s);
  normalize_stage<8, Top>(x, s);
  normalize_stage<4, Top>(x, s);
  normalize_stage<2, Top>(x, s);
  normalize_stage<1, Top>(x, s);
  return x;
}

// What to add below the cut before truncating sig >> Shift, so that the truncation rounds as
// R says (Shift >= 1):
//
//   sig:  [ kept bits | dropped bits ]      dropped < 2^Shift
//   rne:  half - 1 + lsb(kept)   carries iff dropped > half, or dropped == half and kept is odd
//   rna:  half                   carries iff dropped >= half
//   rtz:  0
//   rup:  2^Shift - 1 if +       carries iff dropped != 0 (toward +inf grows positive magnitudes)
//   rdn:  2^Shift - 1 if -
template <Rounding R, std::uint32_t Shift, typename U = std::uint32_t>
constexpr U round_bias(std::type_identity_t<U> sig, std::type_identity_t<U> sign) {
  constexpr U below = (U{1} << Shift) - 1;
  constexpr U half = U{1} << (Shift - 1);
  if constexpr (R == Rounding::rne) return half - 1 + ((sig >> Shift) & 1);
  if constexpr (R == Rounding::rna) return half;
  if constexpr (R == Rounding::rtz) return 0;
  if constexpr (R == Rounding::rup) return below & (sign - 1);  // sign 0: all ones
  if constexpr (R == Rounding::rdn) return below & (0 - sign);  // sign 1: all ones
}

// Whether an overflow under R gives infinity rather than the largest finite number (7.4).
template <Rounding R>
constexpr bool overflows_to_infinity(std::uint32_t sign) {
  if constexpr (R == Rounding::rne || R == Rounding::rna) return true;
  if constexpr (R == Rounding::rtz) return false;
  if constexpr (R == Rounding::rup) return sign == 0;
  if constexpr (R == Rounding::rdn) return sign != 0;
}

// The result from the magnitude rounded with D's precision and an unbounded exponent (D's bits,
// or more where it overflowed) and the input's class; payload: a NaN's top fraction bits, aligned
// to D's fraction. Overflow follows 7.4; a format without infinity gives its NaN or, saturating,
// its largest finite number; NaNs keep sign and payload and are quieted (6.2.3).
template <const Format& D, Rounding R, typename U>
constexpr std::uint32_t finish(std::uint32_t sign, U mag, bool is_inf, bool is_nan, std::uint32_t payload) {
  constexpr std::uint32_t F = D.frac_bits;
  constexpr std::uint32_t kInfBits = D.exp_mask() << F;
  constexpr std::uint32_t kMaxFinite = (D.max_finite_exp() << F) | static_cast<std::uint32_t>(D.max_finite_frac());
  constexpr bool kFnuz = D.specials == Specials::fnuz;
  constexpr bool kNoNaN = D.specials == Specials::none;  // OCP MX FP6, FP4: saturate, no NaN
  constexpr std::uint32_t kFnNaN = kInfBits | static_cast<std::uint32_t>(D.frac_mask());  // S.1..1.1..1
  constexpr std::uint32_t kSign = std::uint32_t{1} << (D.width() - 1);
  // A format without infinity overflows to its NaN: fn's S.1..1.1..1, fnuz's 1.0..0.0 (below,
  // the magnitude 0 with the sign forced on).
  constexpr std::uint32_t kNoInfNaN = kFnuz ? 0 : kFnNaN;
  constexpr bool kHasInf = D.specials == Specials::ieee;
  constexpr std::uint32_t kInfinityResult =  // what +-infinity becomes
      D.saturating || kNoNaN ? kMaxFinite : kHasInf ? kInfBits : kNoInfNaN;

  const bool to_nan_or_inf = !(D.saturating || kNoNaN) && overflows_to_infinity<R>(sign);
  const std::uint32_t overflow_result = select(to_nan_or_inf, kHasInf ? kInfBits : kNoInfNaN, kMaxFinite);
  // NaN: keep the sign and the payload's top bits, set the quiet bit (6.2.3); fn and fnuz have
  // one NaN; FP6 and FP4 none (+max finite, format.hpp).
  const std::uint32_t nan_result =
      kNoNaN ? kMaxFinite : kHasInf ? kInfBits | static_cast<std::uint32_t>(D.quiet_bit()) | payload : kNoInfNaN;

  const bool overflowed = mag > kMaxFinite;
  std::uint32_t r = select(overflowed, overflow_result, static_cast<std::uint32_t>(mag));
  r = select(is_inf, kInfinityResult, r);
  r = select(is_nan, nan_result, r);
  // The sign: the input's, but fnuz's zero is unsigned and its NaN is the sign alone, and a NaN
  // going into FP6 or FP4 gives +max.
  std::uint32_t s = sign << (D.width() - 1);
  if constexpr (kFnuz) {
    const bool nan_out = is_nan | (is_inf & !D.saturating) | (overflowed & to_nan_or_inf);
    s = select(r == 0, select(nan_out, kSign, 0), s);
  }
  if constexpr (kNoNaN) s = select(is_nan, 0, s);
  return (s | r) << D.shift;
}

// binary32 bits -> D's container.
//
//   binary32:  s eeeeeeee fffffffffffffffffffffff
//   D:         s E..E F..F            (exp_bits, frac_bits), shifted left by D.shift (tf32: 13)
template <const Format& D, Rounding R>
constexpr std::uint32_t narrow(std::uint32_t x) {
  static_assert(D.frac_bits < 23 && D.exp_bits <= 8, "narrowing from binary32 only");
  constexpr std::uint32_t F = D.frac_bits;
  constexpr std::uint32_t kDrop = 23 - F;  // fraction bits cut off when D's result is normal

  const std::uint32_t sign = x >> 31;
  const std::uint32_t a = x & 0x7FFFFFFFu;

  // Finite inputs: the magnitude rounded with D's precision and an unbounded exponent above.
  std::uint32_t mag;
  if constexpr (D.exp_bits == 8 && D.bias == 127) {
    // Same exponent range (bfloat16, tf32): no subnormal realignment, and the rounding carry
    // walks through fraction into exponent. The classic rounding-bias trick.
    mag = (a + round_bias<R, kDrop>(a, sign)) >> kDrop;
  } else {
    const std::uint32_t e = a >> 23;
    const std::uint32_t normal = e != 0;
    const std::uint32_t sig = (a & 0x7FFFFFu) | (normal << 23);  // 24 bits
    // Biased exponent in D: binary32's subnormals share the exponent of its smallest normal.
    const std::int32_t ed = static_cast<std::int32_t>(e + (1 - normal)) - 127 + D.bias;
    // Below D's smallest normal the cut moves left one bit per binade: shift sig right by
    // that much first, jamming what falls off into the last bit. The rounding at the fixed
    // cut kDrop (>= 2 bits below the kept ones) then sees the same half/sticky information.
    // Past 25 bits the 24-bit sig is below half an ulp either way: the shift is capped there.
    const auto below = static_cast<std::uint32_t>(std::clamp(1 - ed, 0, 25));
    const std::uint32_t jammed = shift_right_jam(sig, below);
    // (ed - 1) << F plus the significand with its leading 1 = ed << F plus the fraction; a
    // carry out of the fraction lands in the exponent (subnormal -> normal, binade -> binade).
    const auto base = static_cast<std::uint32_t>(std::max(ed - 1, 0)) << F;
    mag = base + ((jammed + round_bias<R, kDrop>(jammed, sign)) >> kDrop);
  }
  return finish<D, R>(sign, mag, a == 0x7F800000u, a > 0x7F800000u, (a & 0x7FFFFFu) >> kDrop);
}

// binary64 bits -> D's container: narrow()'s general path in 64-bit words. A double's exponent
// reaches far past D's range on both sides: below D's smallest normal the 53-bit significand is
// shifted right (jammed) by up to 54 places, past which it is below half an ulp; above, the
// magnitude outgrows D's largest finite value and finish() takes it as an overflow.
template <const Format& D, Rounding R>
constexpr std::uint32_t narrow_from_binary64(std::uint64_t x) {
  static_assert(D.frac_bits <= 23 && D.exp_bits <= 8, "binary64 to binary32 and narrower");
  using U = std::uint64_t;
  constexpr std::uint32_t F = D.frac_bits;
  constexpr std::uint32_t kDrop = 52 - F;
  constexpr U kFrac = (U{1} << 52) - 1;
  constexpr U kInf64 = U{0x7FF} << 52;

  const auto sign = static_cast<std::uint32_t>(x >> 63);
  const U a = x & ~(U{1} << 63);
  const U e = a >> 52;
  const U normal = e != 0;
  const U sig = (a & kFrac) | (normal << 52);  // 53 bits
  const std::int64_t ed = static_cast<std::int64_t>(e + (1 - normal)) - 1023 + D.bias;
  const auto below = static_cast<std::uint32_t>(std::clamp<std::int64_t>(1 - ed, 0, 54));
  const U jammed = shift_right_jam<U>(sig, below);
  const U base = static_cast<U>(std::max<std::int64_t>(ed - 1, 0)) << F;
  const U mag = base + ((jammed + round_bias<R, kDrop, U>(jammed, sign)) >> kDrop);
  return finish<D, R>(sign, mag, a == kInf64, a > kInf64, static_cast<std::uint32_t>((a & kFrac) >> kDrop));
}

}  // namespace fpconform::portable
