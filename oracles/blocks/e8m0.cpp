#include "oracles/blocks/e8m0.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace fpconform::oracle::blocks {

std::string_view name(E8m0Rounding r) {
  switch (r) {
    case E8m0Rounding::toward_zero: return "rz";
    case E8m0Rounding::up: return "ru";
    case E8m0Rounding::nearest: return "rn";
  }
  return "?";
}

std::uint8_t f32_to_e8m0(float x, E8m0Rounding r, bool saturate) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(x) & 0x7FFFFFFFu;
  if (bits > 0x7F800000u) return 0xFF;                   // NaN
  if (bits == 0x7F800000u) return saturate ? 0xFE : 0xFF;  // infinity: above 2^127
  if (bits == 0) return 0x00;                            // zero: clipped to 2^-127
  // |x| = 1.f * 2^e (normal) or its subnormal equivalent; below = 2^e <= |x| < 2^(e+1).
  int e;
  std::uint32_t frac;  // the bits below the leading one, left-aligned at bit 22
  if (bits >> 23) {
    e = static_cast<int>(bits >> 23) - 127;
    frac = bits & 0x7FFFFF;
  } else {
    const int lead = 31 - std::countl_zero(bits);  // bit index of the leading one
    e = lead - 149;
    frac = (bits << (23 - lead)) & 0x7FFFFF;
  }
  switch (r) {
    case E8m0Rounding::toward_zero: break;
    case E8m0Rounding::up: e += frac != 0; break;
    case E8m0Rounding::nearest: e += frac >= 0x400000; break;  // 1.5 * 2^e and above go up
  }
  if (e < -127) return 0x00;
  if (e > 127) return saturate ? 0xFE : 0xFF;
  return static_cast<std::uint8_t>(e + 127);
}

float e8m0_to_f32(std::uint8_t e) {
  return e == 0xFF ? std::numeric_limits<float>::quiet_NaN() : std::ldexp(1.0f, int{e} - 127);
}

}  // namespace fpconform::oracle::blocks
