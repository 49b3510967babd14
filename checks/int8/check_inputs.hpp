// The inputs of the INT8 quantize and requantize checks: the specs ("edge", "random:N[:SEED]",
// "exhaustive"), the commented edge tables, and the sources that make them block by block.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fpconform/int8.hpp"
#include "vectors/inputs.hpp"

namespace fpconform::int8_check {

inline constexpr std::uint64_t kBlock = std::uint64_t{1} << 16;  // inputs per call to the backend

// The inputs of one spec in blocks of at most kBlock: block b is a pure function of (spec, b),
// so any thread can make any block.
template <typename T>
struct Source {
  std::uint64_t blocks = 0;
  std::function<void(std::uint64_t block, std::vector<T>& out)> fill;
};

// "edge,random:N[:SEED],exhaustive": std::invalid_argument names an unknown part.
std::vector<InputSpec> parse_specs(const std::string& inputs);
std::string label(const std::vector<InputSpec>& specs);

// One quantization configuration: per tensor (one channel) or per channel (element i in channel
// i % channels).
struct Channels {
  std::vector<float> scales;
  std::vector<std::int32_t> zero_points;
};
std::vector<Channels> quant_configs(IntType t, bool per_channel);

std::vector<Source<float>> quantize_sources(const std::vector<InputSpec>& specs, const Channels& c,
                                            IntType t);
std::vector<Source<std::int32_t>> requantize_sources(const std::vector<InputSpec>& specs, double m,
                                                     std::int32_t zero_point, IntType t);

std::string float_text(float x);  // "0x3F000000 (0.5)"

}  // namespace fpconform::int8_check
