// E8M0, the scale format of OCP MX: 8 exponent bits and nothing else (no sign, no fraction, no
// zero); the byte e + 127 stands for 2^e, e in [-127, 127], and 0xFF is NaN. Converting a
// binary32 x takes |x| to a power of two in the direction named (the sign is dropped, as CUDA's
// __nv_cvt_float_to_e8m0 documents and as a scale needs):
//   toward_zero: the largest 2^e <= |x|    up: the smallest 2^e >= |x|
//   nearest:     the nearer of the two, linearly (|x| = 1.5 * 2^k is the tie: it goes up)
// then a result below 2^-127 (zero and the tiny numbers) is clipped to 2^-127, one above 2^127
// (infinity among them) becomes 2^127 when saturating and NaN otherwise; NaN gives NaN.
#pragma once

#include <cstdint>
#include <string_view>

namespace fpconform::oracle::blocks {

enum class E8m0Rounding : std::uint8_t { toward_zero, up, nearest };
std::string_view name(E8m0Rounding r);  // rz, ru, rn

std::uint8_t f32_to_e8m0(float x, E8m0Rounding r, bool saturate);
float e8m0_to_f32(std::uint8_t e);  // 2^(e - 127) (2^-127 is a binary32 subnormal), NaN for 0xFF

}  // namespace fpconform::oracle::blocks
