#include "oracles/int8/quantize.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace fpconform::oracle {
namespace {

constexpr std::int64_t kSaturated = std::int64_t{1} << 40;

// Rounds the magnitude ip + rem / 2^shift (0 <= rem < 2^shift) up or not.
bool rounds_up(std::uint64_t ip, std::uint64_t rem, int shift, bool negative, QRounding r) {
  const std::uint64_t half = std::uint64_t{1} << (shift - 1);
  switch (r) {
    case QRounding::rne: return rem > half || (rem == half && (ip & 1) != 0);
    case QRounding::rna: return rem >= half;
    case QRounding::half_up: return negative ? rem > half : rem >= half;  // ties toward +inf
  }
  return false;
}

}  // namespace

std::int64_t round_to_integer(float v, QRounding r) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(v);
  const bool negative = (bits >> 31) != 0;
  const int biased = static_cast<int>((bits >> 23) & 0xFF);
  const std::uint32_t fraction = bits & 0x7FFFFF;
  if (biased == 0xFF) {
    if (fraction != 0) throw std::domain_error("round_to_integer: NaN has no integer");
    return negative ? -kSaturated : kSaturated;
  }
  // |v| = significand * 2^exponent
  const std::uint64_t significand = biased == 0 ? fraction : (fraction | 0x800000u);
  const int exponent = biased == 0 ? -149 : biased - 150;
  std::uint64_t magnitude;
  if (exponent >= 0) {
    magnitude = exponent > 16 ? kSaturated : std::min<std::uint64_t>(significand << exponent, kSaturated);
  } else if (exponent < -25) {
    magnitude = 0;  // |v| < 2^24 * 2^-26 = 1/4: every mode gives 0
  } else {
    const int shift = -exponent;
    const std::uint64_t ip = significand >> shift;
    const std::uint64_t rem = significand & ((std::uint64_t{1} << shift) - 1);
    magnitude = ip + (rounds_up(ip, rem, shift, negative, r) ? 1 : 0);
  }
  return negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
}

std::int32_t quantize(float x, float scale, std::int32_t zero_point, IntType t, QRounding r) {
  if (!(scale > 0) || !std::isfinite(scale))
    throw std::invalid_argument("quantize: scale must be positive and finite");
  if (std::isnan(x)) throw std::domain_error("quantize: NaN input is outside the model");
  const IntRange q = range(t);
  const std::int64_t v = round_to_integer(x / scale, r) + zero_point;
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(v, q.min, q.max));
}

void quantize(std::span<const float> x, void* out, const QuantSpec& spec) {
  const std::size_t channels = spec.scales.size();
  if (channels == 0 || spec.zero_points.size() != channels)
    throw std::invalid_argument("quantize: one scale and one zero point per channel");
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::size_t c = i % channels;
    const std::int32_t q = quantize(x[i], spec.scales[c], spec.zero_points[c], spec.type, spec.rounding);
    if (spec.type == IntType::s8)
      static_cast<std::int8_t*>(out)[i] = static_cast<std::int8_t>(q);
    else
      static_cast<std::uint8_t*>(out)[i] = static_cast<std::uint8_t>(q);
  }
}

float dequantize(std::int32_t q, float scale, std::int32_t zero_point) {
  return static_cast<float>(q - zero_point) * scale;
}

QuantParams choose_symmetric(float amax, IntType t) {
  QuantParams p;
  p.scale = amax > 0 ? amax / 127.0f : 1.0f;
  p.zero_point = t == IntType::s8 ? 0 : 128;
  return p;
}

QuantParams choose_min_max(float lo, float hi, IntType t) {
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  const IntRange q = range(t);
  QuantParams p;
  if (hi == lo) return {1.0f, 0};
  p.scale = (hi - lo) / static_cast<float>(q.max - q.min);
  const std::int64_t z = q.min - round_to_integer(lo / p.scale, QRounding::rne);
  p.zero_point = static_cast<std::int32_t>(std::clamp<std::int64_t>(z, q.min, q.max));
  return p;
}

}  // namespace fpconform::oracle
