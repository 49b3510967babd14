#include "oracles/blocks/int4.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "oracles/int8/quantize.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::oracle::blocks {
namespace {

std::int64_t rne(float v) { return round_to_integer(v, QRounding::rne); }

float to_binary16_and_back(float v) {
  const Result h = f32_to_f16(std::bit_cast<std::uint32_t>(v), Rounding::rne);
  return std::bit_cast<float>(f16_to_f32(static_cast<std::uint16_t>(h.bits)).bits);
}

void quantize_group(std::span<const float> x, Int4Model m, float& scale, std::int8_t& zero,
                    std::span<std::int8_t> codes) {
  zero = 0;
  switch (m) {
    case Int4Model::sym7: {
      float amax = 0;
      for (float v : x) amax = std::max(amax, std::fabs(v));
      scale = amax == 0 ? 1.0f : amax / 7.0f;
      for (std::size_t i = 0; i < x.size(); ++i)
        codes[i] = static_cast<std::int8_t>(std::clamp<std::int64_t>(rne(x[i] / scale), -7, 7));
      return;
    }
    case Int4Model::q4_0: {
      float amax = 0, max = 0;
      for (float v : x)
        if (amax < std::fabs(v)) amax = std::fabs(v), max = v;
      const float d = max / -8.0f;
      const float id = d != 0 ? 1.0f / d : 0.0f;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const float shifted = x[i] * id + 8.5f;  // two roundings: no contraction (see CMake)
        codes[i] = static_cast<std::int8_t>(std::min(15, static_cast<int>(shifted)) - 8);
      }
      scale = to_binary16_and_back(d);
      return;
    }
    case Int4Model::asym: {
      float lo = 0, hi = 0;
      for (float v : x) lo = std::min(lo, v), hi = std::max(hi, v);
      scale = hi == lo ? 1.0f : (hi - lo) / 15.0f;
      zero = static_cast<std::int8_t>(std::clamp<std::int64_t>(-rne(lo / scale), 0, 15));
      for (std::size_t i = 0; i < x.size(); ++i)
        codes[i] = static_cast<std::int8_t>(std::clamp<std::int64_t>(rne(x[i] / scale) + zero, 0, 15));
      return;
    }
  }
}

}  // namespace

std::string_view name(Int4Model m) {
  switch (m) {
    case Int4Model::sym7: return "sym7";
    case Int4Model::q4_0: return "q4_0";
    case Int4Model::asym: return "asym";
  }
  return "?";
}

std::optional<Int4Model> parse_int4_model(std::string_view s) {
  for (Int4Model m : {Int4Model::sym7, Int4Model::q4_0, Int4Model::asym})
    if (s == name(m)) return m;
  return std::nullopt;
}

Int4Quantized int4_quantize(std::span<const float> x, Int4Model m, int group) {
  if (group < 1) throw std::invalid_argument("int4_quantize: group size below 1");
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isnan(x[i]) || std::isinf(x[i]))
      throw std::domain_error("int4_quantize: NaN or infinity at element " + std::to_string(i));
  const auto n = static_cast<std::size_t>(group);
  Int4Quantized q;
  q.codes.resize(x.size());
  q.scales.resize((x.size() + n - 1) / n);
  q.zero_points.resize(q.scales.size());
  for (std::size_t g = 0; g < q.scales.size(); ++g) {
    const std::size_t first = g * n, count = std::min(n, x.size() - first);
    quantize_group(x.subspan(first, count), m, q.scales[g], q.zero_points[g],
                   std::span(q.codes).subspan(first, count));
  }
  return q;
}

std::vector<double> int4_decode(const Int4Quantized& q, int group) {
  const auto n = static_cast<std::size_t>(std::max(group, 1));
  if (group < 1 || q.scales.size() != (q.codes.size() + n - 1) / n ||
      q.zero_points.size() != q.scales.size())
    throw std::invalid_argument("int4_decode: " + std::to_string(q.scales.size()) +
                                " group scales for " + std::to_string(q.codes.size()) + " codes");
  std::vector<double> out(q.codes.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<float>(q.codes[i] - q.zero_points[i / n]) * q.scales[i / n];
  return out;
}

}  // namespace fpconform::oracle::blocks
