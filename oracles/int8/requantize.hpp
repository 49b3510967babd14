// The named requantization models, int32 accumulator -> int8/uint8 (see RequantModel).
#pragma once

#include <cstdint>

#include "fpconform/int8.hpp"

namespace fpconform::oracle {

// The parameters of `model` for the real multiplier m (2^-32 <= m < 1, and m must not round to
// 1 in Q31: m <= 1 - 2^-32 does):
// m = f * 2^-e with f in [1/2, 1), M0 = rne(f * 2^31) (M0 = 2^31 becomes 2^30 with e - 1).
Requant make_requant(RequantModel model, double m, std::int32_t zero_point, IntType t);

// gemmlowp's fixedpoint.h primitives, as its reference code defines them.
// (a * b * 2) / 2^32 rounded to nearest, ties toward +inf (as Arm's vqrdmulh); INT32_MIN *
// INT32_MIN saturates.
std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b);
// x / 2^exponent rounded to nearest, ties away from zero; 0 <= exponent <= 31.
std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent);

// The model's output before the clamp (without the zero point), and the clamped q.
std::int64_t requantize_unclamped(std::int32_t acc, const Requant& p);
std::int32_t requantize(std::int32_t acc, const Requant& p);

}  // namespace fpconform::oracle
