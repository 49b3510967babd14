#include "oracles/blocks/nf4.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace fpconform::oracle::blocks {

namespace {

// The values QLoRA's appendix and bitsandbytes list, in decimal.
constexpr double kDecimal[16] = {
    -1.0,
    -0.6961928009986877,
    -0.5250730514526367,
    -0.39491748809814453,
    -0.28444138169288635,
    -0.18477343022823334,
    -0.09105003625154495,
    0.0,
    0.07958029955625534,
    0.16093020141124725,
    0.24611230194568634,
    0.33791524171829224,
    0.44070982933044434,
    0.5626170039176941,
    0.7229568362236023,
    1.0,
};

// dQuantizeNF4's thresholds, its binary32 literals: the midpoints of neighbouring decimals
// above, printed to 16 digits. Printing decided some of them: 0.8614784181118011f is one ulp
// below the binary32 nearest the exact midpoint, which is a tie (suites/blocks_test.cpp).
constexpr float kThreshold[15] = {
    -0.8480964004993439f, -0.6106329262256622f,  -0.4599952697753906f,   -0.33967943489551544f,
    -0.23460740596055984f, -0.13791173323988914f, -0.045525018125772476f, 0.03979014977812767f,
    0.1202552504837513f,  0.2035212516784668f,   0.2920137718319893f,    0.3893125355243683f,
    0.5016634166240692f,  0.6427869200706482f,   0.8614784181118011f,
};

std::array<float, 16> table() {
  std::array<float, 16> t{};
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(kDecimal[i]);
  return t;
}

}  // namespace

const std::array<float, 16> kNf4Table = table();

std::uint8_t nf4_code(float normalized) {
  std::uint8_t code = 0;
  while (code < 15 && normalized > kThreshold[code]) ++code;
  return code;
}

Nf4Quantized nf4_quantize(std::span<const float> x, int block) {
  if (block < 1) throw std::invalid_argument("nf4_quantize: block size below 1");
  const auto n = static_cast<std::size_t>(block);
  Nf4Quantized q;
  q.codes.resize(x.size());
  q.absmax.resize((x.size() + n - 1) / n);
  for (std::size_t b = 0; b < q.absmax.size(); ++b) {
    const std::size_t first = b * n, last = std::min(first + n, x.size());
    float amax = 0;
    for (std::size_t i = first; i < last; ++i) {
      if (std::isnan(x[i]) || std::isinf(x[i]))
        throw std::domain_error("nf4_quantize: NaN or infinity at element " + std::to_string(i));
      amax = std::max(amax, std::fabs(x[i]));
    }
    q.absmax[b] = amax;
    const float inverse = amax == 0 ? 0.0f : 1.0f / amax;
    for (std::size_t i = first; i < last; ++i) q.codes[i] = nf4_code(x[i] * inverse);
  }
  return q;
}

std::vector<double> nf4_decode(const Nf4Quantized& q, int block) {
  const auto n = static_cast<std::size_t>(std::max(block, 1));
  if (block < 1 || q.absmax.size() != (q.codes.size() + n - 1) / n)
    throw std::invalid_argument("nf4_decode: " + std::to_string(q.absmax.size()) +
                                " block scales for " + std::to_string(q.codes.size()) + " codes");
  std::vector<double> out(q.codes.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = kNf4Table.at(q.codes[i]) * q.absmax[i / n];
  return out;
}

}  // namespace fpconform::oracle::blocks
