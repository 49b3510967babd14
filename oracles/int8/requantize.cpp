#include "oracles/int8/requantize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "oracles/int8/quantize.hpp"

namespace fpconform::oracle {

Requant make_requant(RequantModel model, double m, std::int32_t zero_point, IntType t) {
  if (!(m > 0 && m < 1) || m < 0x1p-32)
    throw std::invalid_argument("make_requant: the real multiplier must lie in [2^-32, 1)");
  int exp = 0;
  const double f = std::frexp(m, &exp);  // m = f * 2^exp, f in [1/2, 1)
  auto m0 = static_cast<std::int64_t>(std::nearbyint(std::ldexp(f, 31)));
  if (m0 == (std::int64_t{1} << 31)) {
    m0 /= 2;
    ++exp;
  }
  if (exp > 0) throw std::invalid_argument("make_requant: the real multiplier rounds to 1 in Q31");
  Requant p;
  p.model = model;
  p.scale = static_cast<float>(m);
  p.multiplier = static_cast<std::int32_t>(m0);
  p.shift = model == RequantModel::rndnu ? 31 - exp : -exp;
  p.zero_point = zero_point;
  p.type = t;
  return p;
}

std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b) {
  constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min();
  if (a == kMin && b == kMin) return std::numeric_limits<std::int32_t>::max();
  const std::int64_t ab = std::int64_t{a} * b;
  const std::int64_t nudge = ab >= 0 ? (std::int64_t{1} << 30) : 1 - (std::int64_t{1} << 30);
  return static_cast<std::int32_t>((ab + nudge) / (std::int64_t{1} << 31));  // C++ '/' truncates
}

std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent) {
  if (exponent < 0 || exponent > 31) throw std::invalid_argument("rounding_divide_by_pot: exponent");
  const std::int64_t mask = (std::int64_t{1} << exponent) - 1;
  const std::int64_t remainder = x & mask;
  const std::int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<std::int32_t>((std::int64_t{x} >> exponent) + (remainder > threshold ? 1 : 0));
}

std::int64_t requantize_unclamped(std::int32_t acc, const Requant& p) {
  switch (p.model) {
    case RequantModel::fp32:
      return round_to_integer(static_cast<float>(acc) * p.scale, QRounding::rne);
    case RequantModel::gemmlowp:
      return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(acc, p.multiplier), p.shift);
    case RequantModel::rndnu: {
      if (p.shift < 1 || p.shift > 62) throw std::invalid_argument("requantize: rndnu shift");
      const std::int64_t product = std::int64_t{acc} * p.multiplier;
      return (product + (std::int64_t{1} << (p.shift - 1))) >> p.shift;  // arithmetic: ties up
    }
  }
  throw std::invalid_argument("requantize: unknown model");
}

std::int32_t requantize(std::int32_t acc, const Requant& p) {
  const IntRange q = range(p.type);
  return static_cast<std::int32_t>(
      std::clamp<std::int64_t>(requantize_unclamped(acc, p) + p.zero_point, q.min, q.max));
}

}  // namespace fpconform::oracle
