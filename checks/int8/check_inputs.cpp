#include "checks/int8/check_inputs.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>

namespace fpconform::int8_check {
namespace {

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

}  // namespace

// SplitMix64, as vectors/inputs.cpp: input i of a random set needs no state from 0..i-1.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
std::uint64_t random_bits(std::uint64_t seed, std::uint64_t i) {
  return splitmix64(seed * 0x100000001B3ull + i);
}

std::string float_text(float x) {  // "0x3F000000 (0.5)"
  char buf[64];
  std::snprintf(buf, sizeof buf, "0x%08X (%.9g)", std::bit_cast<std::uint32_t>(x),
                static_cast<double>(x));
  return buf;
}

// ---- Input specs: "edge", "random:N[:SEED]", "exhaustive", joined by commas.

std::vector<InputSpec> parse_specs(const std::string& inputs) {
  std::vector<InputSpec> specs;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = inputs.find(',', start);
    const std::string part =
        inputs.substr(start, comma == std::string::npos ? comma : comma - start);
    const auto spec = InputSpec::parse(part);
    // Only these three: hard, slice, edge+random and values are the conversions' (a spec given
    // here and checked on nothing would pass silently).
    if (!spec || (spec->kind != InputSpec::Kind::edge && spec->kind != InputSpec::Kind::random &&
                  spec->kind != InputSpec::Kind::exhaustive))
      throw std::invalid_argument("inputs: unknown spec '" + part +
                                  "' (expected edge, random:N[:SEED] or exhaustive)");
    specs.push_back(*spec);
    if (comma == std::string::npos) return specs;
    start = comma + 1;
  }
}

std::string label(const std::vector<InputSpec>& specs) {
  std::string s;
  for (const InputSpec& spec : specs) {
    if (!s.empty()) s += ',';
    s += spec.label();
  }
  return s;
}


template <typename T>
Source<T> table_source(std::vector<T> table) {
  const std::uint64_t blocks = (table.size() + kBlock - 1) / kBlock;
  return {blocks, [t = std::move(table)](std::uint64_t b, std::vector<T>& out) {
            const auto first = t.begin() + static_cast<std::ptrdiff_t>(b * kBlock);
            out.assign(first, first + static_cast<std::ptrdiff_t>(
                                          std::min<std::uint64_t>(kBlock, t.size() - b * kBlock)));
          }};
}

// Random and exhaustive sets: value(i) for i in [0, count); value() may skip an index (NaN).
template <typename T>
Source<T> counted_source(std::uint64_t count, std::function<bool(std::uint64_t, T&)> value) {
  return {(count + kBlock - 1) / kBlock, [count, value](std::uint64_t b, std::vector<T>& out) {
            out.clear();
            const std::uint64_t end = std::min(count, (b + 1) * kBlock);
            T v;
            for (std::uint64_t i = b * kBlock; i < end; ++i)
              if (value(i, v)) out.push_back(v);
          }};
}


// ---- Quantize inputs.


std::vector<Channels> quant_configs(IntType t, bool per_channel) {
  const std::int32_t z = t == IntType::s8 ? 0 : 128;
  if (!per_channel) return {{{1.0f}, {z}}, {{0.37f / 127.0f}, {z}}};  // 1: ties land exactly
  if (t == IntType::s8) return {{{1.0f, 0.37f / 127.0f, 0.05f}, {0, 5, -7}}};
  return {{{1.0f, 0.37f / 127.0f, 0.05f}, {128, 3, 250}}};
}

// binary32 inputs every quantizer must get right, whatever the scale.
constexpr std::uint32_t kQuantizeSpecials[] = {
    0x00000000u,  // +0
    0x80000000u,  // -0
    0x3EFFFFFFu,  // 0.49999997: binary32 floor(x + 0.5) gives 1; every model 0
    0xBEFFFFFFu,  // -0.49999997
    0x3F000000u,  // 0.5: rne 0, rna 1, half-up 1
    0xBF000000u,  // -0.5: rne -0, rna -1, half-up 0
    0x00000001u,  // smallest subnormal, 2^-149
    0x80000001u,  // -smallest subnormal
    0x007FFFFFu,  // largest subnormal
    0x00800000u,  // smallest normal, 2^-126
    0x4AFFFFFFu,  // 8388607.5 = 2^23 - 1/2: the largest tie binary32 holds
    0x4B000000u,  // 2^23: from here on every float is an integer
    0x4F000000u,  // 2^31: beyond int32 (a cvtps2dq would give 0x80000000)
    0xCF000000u,  // -2^31
    0x5F800000u,  // 2^64: beyond int64
    0x7F7FFFFFu,  // largest finite
    0xFF7FFFFFu,  // -largest finite
    0x7F800000u,  // +infinity
    0xFF800000u,  // -infinity
};

// For every k whose tie k + 1/2 decides a value in the clamp range or at its edges: the float x
// with fl(x / scale) = k + 1/2 exactly where one lies within a few ulps of fl((k + 1/2) * scale),
// and the floats either side of it.
void add_quantize_ties(float scale, std::int32_t zero_point, IntType t, std::vector<float>& out) {
  const IntRange q = range(t);
  constexpr float inf = std::numeric_limits<float>::infinity();
  for (std::int64_t k = std::int64_t{q.min} - zero_point - 1; k <= std::int64_t{q.max} - zero_point;
       ++k) {
    const float tie = static_cast<float>(k) + 0.5f;
    float x = tie * scale;
    for (int step = 0; step < 4 && x / scale != tie; ++step)
      x = std::nextafter(x, x / scale < tie ? inf : -inf);
    out.insert(out.end(), {std::nextafter(x, -inf), x, std::nextafter(x, inf)});
  }
}

std::vector<float> quantize_edge(const Channels& c, IntType t) {
  std::vector<float> all;
  for (std::uint32_t bits : kQuantizeSpecials) all.push_back(std::bit_cast<float>(bits));
  for (std::size_t i = 0; i < c.scales.size(); ++i)
    add_quantize_ties(c.scales[i], c.zero_points[i], t, all);
  std::vector<float> unique;  // first occurrences, in table order
  std::set<std::uint32_t> seen;
  for (float x : all)
    if (seen.insert(std::bit_cast<std::uint32_t>(x)).second) unique.push_back(x);
  return unique;
}

std::vector<Source<float>> quantize_sources(const std::vector<InputSpec>& specs, const Channels& c,
                                            IntType t) {
  std::vector<Source<float>> sources;
  for (const InputSpec& s : specs) {
    switch (s.kind) {
      case InputSpec::Kind::edge:
        sources.push_back(table_source(quantize_edge(c, t)));
        break;
      case InputSpec::Kind::random:  // random bit patterns; a NaN is drawn again
        sources.push_back(
            counted_source<float>(s.count, [seed = s.seed](std::uint64_t i, float& x) {
              for (std::uint64_t draw = 0;; ++draw) {
                x = std::bit_cast<float>(
                    static_cast<std::uint32_t>(random_bits(seed + draw * 0x9E37, i)));
                if (!std::isnan(x)) return true;
              }
            }));
        break;
      case InputSpec::Kind::exhaustive:  // every non-NaN binary32
        sources.push_back(
            counted_source<float>(std::uint64_t{1} << 32, [](std::uint64_t i, float& x) {
              x = std::bit_cast<float>(static_cast<std::uint32_t>(i));
              return !std::isnan(x);
            }));
        break;
      default:
        break;  // refused by parse_specs
    }
  }
  return sources;
}

// ---- Requantize inputs.

// Accumulators every requantizer must get right, then the ties of the multiplier: for every k
// whose tie decides a value in the clamp range or at its edges, the accumulators around
// (k + 1/2) / m (exact ties when m is a power of two).
std::vector<std::int32_t> requantize_edge(double m, std::int32_t zero_point, IntType t) {
  constexpr std::int32_t p24 = 1 << 24;
  // clang-format off
  std::vector<std::int64_t> all = {
      kInt32Min,     kInt32Min + 1, kInt32Max, kInt32Max - 1,  // the int32 ends; SRDHM saturates
      0,             1,             -1,                        // the smallest products
      p24 - 1,       p24,           p24 + 1,   p24 + 2, p24 + 3,  // fl(acc) rounds from 2^24 on:
      -(p24 - 1),    -p24,          -(p24 + 1), -(p24 + 2), -(p24 + 3),  // 2^24 + 1 is a tie
  };
  // clang-format on
  const IntRange q = range(t);
  for (std::int64_t k = std::int64_t{q.min} - zero_point - 1; k <= std::int64_t{q.max} - zero_point;
       ++k) {
    const double a = std::floor((static_cast<double>(k) + 0.5) / m);
    if (a < static_cast<double>(kInt32Min) || a > static_cast<double>(kInt32Max)) continue;
    for (std::int64_t acc = static_cast<std::int64_t>(a) - 1;
         acc <= static_cast<std::int64_t>(a) + 2; ++acc)
      all.push_back(acc);
  }
  std::vector<std::int32_t> unique;
  std::set<std::int64_t> seen;
  for (std::int64_t acc : all)
    if (acc >= kInt32Min && acc <= kInt32Max && seen.insert(acc).second)
      unique.push_back(static_cast<std::int32_t>(acc));
  return unique;
}

// random: even draws are any int32; odd draws lie where the output is not clamped (just beyond
// it on both sides), which uniform int32 accumulators almost never reach for m >= 2^-20.
std::vector<Source<std::int32_t>> requantize_sources(const std::vector<InputSpec>& specs, double m,
                                                     std::int32_t zero_point, IntType t) {
  const IntRange q = range(t);
  const auto lo = static_cast<std::int64_t>(
      std::max<double>(kInt32Min, std::floor((q.min - zero_point - 1) / m)));
  const auto hi = static_cast<std::int64_t>(
      std::min<double>(kInt32Max, std::ceil((q.max - zero_point + 1) / m)));
  std::vector<Source<std::int32_t>> sources;
  for (const InputSpec& s : specs) {
    switch (s.kind) {
      case InputSpec::Kind::edge:
        sources.push_back(table_source(requantize_edge(m, zero_point, t)));
        break;
      case InputSpec::Kind::random:
        sources.push_back(counted_source<std::int32_t>(
            s.count, [seed = s.seed, lo, hi](std::uint64_t i, std::int32_t& acc) {
              const std::uint64_t r = random_bits(seed, i);
              acc = i % 2 == 0 ? static_cast<std::int32_t>(static_cast<std::uint32_t>(r))
                               : static_cast<std::int32_t>(
                                     lo + static_cast<std::int64_t>(
                                              r % static_cast<std::uint64_t>(hi - lo + 1)));
              return true;
            }));
        break;
      case InputSpec::Kind::exhaustive:
        sources.push_back(counted_source<std::int32_t>(
            std::uint64_t{1} << 32, [](std::uint64_t i, std::int32_t& acc) {
              acc = static_cast<std::int32_t>(static_cast<std::uint32_t>(i));
              return true;
            }));
        break;
      default:
        break;  // refused by parse_specs
    }
  }
  return sources;
}

}  // namespace fpconform::int8_check
