#include "oracles/blocks/nvfp4.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "fpconform/format.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::oracle::blocks {
namespace {

float widen(const Format& f, std::uint32_t code) {
  return std::bit_cast<float>(convert(f, kBinary32, code, Rounding::rne).bits);
}

std::uint32_t narrow(const Format& f, float v, Rounding r) {
  return convert(kBinary32, f, std::bit_cast<std::uint32_t>(v), r).bits;
}

}  // namespace

std::string_view name(BlockScaleRounding r) {
  return r == BlockScaleRounding::nearest ? "nearest" : "up";
}

Nvfp4Quantized nvfp4_quantize(std::span<const float> x, BlockScaleRounding r) {
  float amax = 0;
  for (float v : x) amax = std::max(amax, std::fabs(v));
  return nvfp4_quantize(x, r, amax);
}

Nvfp4Quantized nvfp4_quantize(std::span<const float> x, BlockScaleRounding r, float amax) {
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isnan(x[i]) || std::isinf(x[i]))
      throw std::domain_error("nvfp4_quantize: NaN or infinity at element " + std::to_string(i));
  if (!(amax >= 0) || std::isinf(amax))
    throw std::domain_error("nvfp4_quantize: tensor amax is not finite and >= 0");
  Nvfp4Quantized q;
  q.tensor_scale = amax == 0 ? 1.0f : amax / 2688.0f;
  const float g = q.tensor_scale;
  const std::size_t blocks = (x.size() + kNvfp4Block - 1) / kNvfp4Block;
  q.scales.resize(blocks);
  q.codes.resize(x.size());
  const Rounding scale_rounding = r == BlockScaleRounding::nearest ? Rounding::rne : Rounding::rup;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t first = b * kNvfp4Block, last = std::min(first + kNvfp4Block, x.size());
    float block_amax = 0;
    for (std::size_t i = first; i < last; ++i) block_amax = std::max(block_amax, std::fabs(x[i]));
    q.scales[b] = static_cast<std::uint8_t>(narrow(kE4m3fnSat, block_amax / 6.0f / g, scale_rounding));
    const float d = widen(kE4m3fnSat, q.scales[b]) * g;
    for (std::size_t i = first; i < last; ++i)
      q.codes[i] = d == 0 ? (std::signbit(x[i]) ? 0x8 : 0x0)
                          : static_cast<std::uint8_t>(narrow(kE2m1, x[i] / d, Rounding::rne));
  }
  return q;
}

std::vector<double> nvfp4_decode(const Nvfp4Quantized& q) {
  if (q.scales.size() != (q.codes.size() + kNvfp4Block - 1) / kNvfp4Block)
    throw std::invalid_argument("nvfp4_decode: " + std::to_string(q.scales.size()) +
                                " scales for " + std::to_string(q.codes.size()) + " codes");
  std::vector<double> out(q.codes.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const float d = widen(kE4m3fnSat, q.scales[i / kNvfp4Block]) * q.tensor_scale;
    out[i] = static_cast<double>(widen(kE2m1, q.codes[i])) * d;
  }
  return out;
}

}  // namespace fpconform::oracle::blocks
