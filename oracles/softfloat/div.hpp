// div: a / b. The quotient of the significands, scaled to at least 38 bits, with the remainder
// as a sticky bit below it, then rounded (IEEE 754-2019 5.4.1).
#pragma once

#include "oracles/softfloat/nan_result.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform::oracle::detail {

[[gnu::always_inline]] inline Result div_impl(const Format& f, const Format& d, std::uint32_t a, std::uint32_t b,
                                               Rounding r, Tininess t, NanPolicy nan) {
  using K = Unpacked::Kind;
  const Unpacked x = unpack(f, a);
  const Unpacked y = unpack(f, b);
  if (x.kind == K::nan || y.kind == K::nan) return propagate_nan(f, d, nan, {a, b});
  const bool sign = x.sign != y.sign;
  if ((x.kind == K::infinity && y.kind == K::infinity) || (x.kind == K::zero && y.kind == K::zero))
    return default_nan(d, nan);  // 7.2 (e)
  if (x.kind == K::infinity) return pack_infinity(d, sign);
  if (y.kind == K::infinity || x.kind == K::zero) return {pack(d, sign, 0, 0), 0};
  if (y.kind == K::zero) return {pack(d, sign, d.exp_mask(), 0), kInfinite};  // 7.3
  // n = x.sig * 2^s with its top bit at 62; q = floor(n / y.sig) >= 2^62 / 2^24.
  const int s = 62 - floor_log2(x.sig);
  const std::uint64_t n = x.sig << s;
  const std::uint64_t q = n / y.sig;
  const std::uint64_t sticky = n % y.sig != 0;
  return round_pack(d, sign, x.exp - s - y.exp - 1, (q << 1) | sticky, r, t);
}

}  // namespace fpconform::oracle::detail
