// add and sub: a + b and a - b, exactly, then rounded (IEEE 754-2019 5.4.1, 6.3).
#pragma once

#include "oracles/softfloat/nan_result.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform::oracle::detail {

// x >> d with every bit shifted out ORed into the lowest bit (sticky).
inline std::uint64_t shift_right_jam(std::uint64_t x, std::int64_t d) {
  if (d == 0) return x;
  if (d >= 64) return x != 0;
  return (x >> d) | ((x << (64 - d)) != 0);
}

// sign_x * sig_x * 2^exp_x + sign_y * sig_y * 2^exp_y, both non-zero with significands below
// 2^62 (a product of two binary32 significands is 48 bits), rounded once to d.
[[gnu::always_inline]] inline Result add_exact(const Format& d, bool sign_x, std::int64_t exp_x, std::uint64_t sig_x,
                                                bool sign_y, std::int64_t exp_y, std::uint64_t sig_y,
                                                Rounding r, Tininess t) {
  // Each significand moves up to bit 61; the smaller operand is aligned to the larger with the
  // bits it loses as a sticky bit. The larger one then ends in zeros below bit 13 at least
  // (61 - 48), far below the result's rounding point, so the result is odd exactly when it is
  // inexact and lies in the same open interval between rounding points as the exact sum
  // (SoftFloat's jamming); a cancellation of more than one bit only happens when the exponents
  // differ by at most one, where the shift loses nothing.
  std::int64_t ex = exp_x - (61 - floor_log2(sig_x)), ey = exp_y - (61 - floor_log2(sig_y));
  std::uint64_t sx = sig_x << (61 - floor_log2(sig_x)), sy = sig_y << (61 - floor_log2(sig_y));
  if (ex < ey || (ex == ey && sx < sy)) {
    std::swap(ex, ey);
    std::swap(sx, sy);
    std::swap(sign_x, sign_y);
  }
  sy = shift_right_jam(sy, ex - ey);
  if (sign_x == sign_y) return round_pack(d, sign_x, static_cast<std::int32_t>(ex), sx + sy, r, t);
  const std::uint64_t diff = sx - sy;
  if (diff == 0) return {pack(d, r == Rounding::rdn, 0, 0), 0};
  return round_pack(d, sign_x, static_cast<std::int32_t>(ex), diff, r, t);
}

// a + (negate_b ? -b : b). NaN operands are judged as given (a subtraction does not flip a NaN).
[[gnu::always_inline]] inline Result add_impl(const Format& f, const Format& d, std::uint32_t a, std::uint32_t b,
                                               bool negate_b, Rounding r, Tininess t, NanPolicy nan) {
  using K = Unpacked::Kind;
  const Unpacked x = unpack(f, a);
  Unpacked y = unpack(f, b);
  if (x.kind == K::nan || y.kind == K::nan) return propagate_nan(f, d, nan, {a, b});
  y.sign ^= negate_b;
  if (x.kind == K::infinity && y.kind == K::infinity)
    return x.sign == y.sign ? pack_infinity(d, x.sign) : default_nan(d, nan);  // 7.2 (b)
  if (x.kind == K::infinity) return pack_infinity(d, x.sign);
  if (y.kind == K::infinity) return pack_infinity(d, y.sign);
  // 6.3: an exact zero sum is +0, or -0 in roundTowardNegative, unless both addends are -0.
  if (x.kind == K::zero && y.kind == K::zero)
    return {pack(d, x.sign == y.sign ? x.sign : r == Rounding::rdn, 0, 0), 0};
  if (x.kind == K::zero) return round_pack(d, y.sign, y.exp, y.sig, r, t);
  if (y.kind == K::zero) return round_pack(d, x.sign, x.exp, x.sig, r, t);
  return add_exact(d, x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, r, t);
}

}  // namespace fpconform::oracle::detail
