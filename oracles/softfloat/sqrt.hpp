// sqrt: the integer square root of the significand, scaled to at least 31 bits, with the
// remainder as a sticky bit below it, then rounded (IEEE 754-2019 5.4.1).
#pragma once

#include "oracles/softfloat/nan_result.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform::oracle::detail {

// floor(sqrt(n)), one bit at a time.
inline std::uint64_t isqrt(std::uint64_t n) {
  std::uint64_t root = 0;
  for (int bit = 31; bit >= 0; --bit) {
    const std::uint64_t t = root | (std::uint64_t{1} << bit);
    if (t * t <= n) root = t;
  }
  return root;
}

[[gnu::always_inline]] inline Result sqrt_impl(const Format& f, const Format& d, std::uint32_t a, Rounding r,
                                                Tininess t, NanPolicy nan) {
  using K = Unpacked::Kind;
  const Unpacked x = unpack(f, a);
  if (x.kind == K::nan) return propagate_nan(f, d, nan, {a});
  if (x.kind == K::zero) return {pack(d, x.sign, 0, 0), 0};  // sqrt(-0) = -0 (6.3)
  if (x.sign) return default_nan(d, nan);                     // 7.2 (g)
  if (x.kind == K::infinity) return pack_infinity(d, false);
  // n = x.sig * 2^s with its top bit at 61 or 62 and x.exp - s even.
  int s = 62 - floor_log2(x.sig);
  if ((x.exp - s) % 2 != 0) --s;
  const std::uint64_t n = x.sig << s;
  const std::uint64_t root = isqrt(n);
  const std::uint64_t sticky = root * root != n;
  return round_pack(d, false, (x.exp - s) / 2 - 1, (root << 1) | sticky, r, t);
}

}  // namespace fpconform::oracle::detail
