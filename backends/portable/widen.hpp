// Any narrower format S -> binary32: exact, so no rounding mode (IEEE 754-2019 5.4.2, 6.2.3).
#pragma once

#include <cstdint>

#include "backends/portable/narrow.hpp"  // select, normalize
#include "fpconform/format.hpp"

namespace fpconform::portable {

// S's container -> binary32 bits.
template <const Format& S>
constexpr std::uint32_t widen(std::uint32_t c) {
  static_assert(S.frac_bits < 23 && S.exp_bits <= 8, "widening to binary32 only");
  constexpr std::uint32_t F = S.frac_bits;
  constexpr std::uint32_t kUp = 23 - F;
  constexpr std::uint32_t kWidthMask = (std::uint32_t{1} << S.width()) - 1;

  const std::uint32_t v = (c >> S.shift) & kWidthMask;
  const std::uint32_t sign = (v >> (S.width() - 1)) << 31;
  const std::uint32_t e = (v >> F) & S.exp_mask();
  const std::uint32_t m = v & S.frac_mask();

  std::uint32_t r;
  if constexpr (S.exp_bits == 8 && S.bias == 127) {
    r = (v << kUp) & 0x7FFFFFFFu;  // same exponent range: subnormals stay subnormal
  } else {
    const std::uint32_t normal = ((e + (127 - S.bias)) << 23) | (m << kUp);
    // Subnormal 0.m * 2^emin: shift m left by s until its leading 1 reaches bit F, then it is
    // 1.xxx * 2^(emin - s).
    std::uint32_t s = 0;
    const std::uint32_t n = normalize<F>(m, s);
    const std::uint32_t subnormal =
        ((static_cast<std::uint32_t>(S.emin() + 127) - s) << 23) | ((n << kUp) & 0x7FFFFFu);
    r = select(e != 0, normal, select(m != 0, subnormal, 0));
  }

  // All-ones exponent: IEEE infinity or NaN; fn's S.1111.111 is its only NaN, the rest finite;
  // fnuz's only NaN is the pattern of -0 (kept negative, quiet); FP6 and FP4 have none.
  bool nan = false;
  if constexpr (S.specials == Specials::ieee) nan = e == S.exp_mask() && m != 0;
  if constexpr (S.specials == Specials::fn) nan = e == S.exp_mask() && m == S.frac_mask();
  if constexpr (S.specials == Specials::fnuz) nan = sign != 0 && e == 0 && m == 0;
  const bool inf = S.specials == Specials::ieee && e == S.exp_mask() && m == 0;
  r = select(inf, 0x7F800000u, r);
  r = select(nan, 0x7F800000u | 0x400000u | (m << kUp), r);  // payload kept, quieted
  return sign | r;
}

}  // namespace fpconform::portable
