// mul: a * b, exactly (at most 2 x 24 bits), then rounded (IEEE 754-2019 5.4.1).
#pragma once

#include "oracles/softfloat/nan_result.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform::oracle::detail {

[[gnu::always_inline]] inline Result mul_impl(const Format& f, const Format& d, std::uint32_t a, std::uint32_t b,
                                               Rounding r, Tininess t, NanPolicy nan) {
  using K = Unpacked::Kind;
  const Unpacked x = unpack(f, a);
  const Unpacked y = unpack(f, b);
  if (x.kind == K::nan || y.kind == K::nan) return propagate_nan(f, d, nan, {a, b});
  const bool sign = x.sign != y.sign;
  if ((x.kind == K::infinity && y.kind == K::zero) || (x.kind == K::zero && y.kind == K::infinity))
    return default_nan(d, nan);  // 7.2 (a)
  if (x.kind == K::infinity || y.kind == K::infinity) return pack_infinity(d, sign);
  if (x.kind == K::zero || y.kind == K::zero) return {pack(d, sign, 0, 0), 0};
  return round_pack(d, sign, x.exp + y.exp, x.sig * y.sig, r, t);
}

}  // namespace fpconform::oracle::detail
