#include "reports/int8_check.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "oracles/int8/gemm.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/int8/requantize.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxExamples = 8;
constexpr std::uint64_t kBlock = std::uint64_t{1} << 16;  // inputs per call to the backend
constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

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

std::string shortest(double v) {  // the shortest text that reads back as v
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
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
    if (!spec || spec->kind == InputSpec::Kind::values)
      throw std::invalid_argument("inputs: unknown spec '" + part +
                                  "' (expected edge, random:N[:SEED] or exhaustive)");
    specs.push_back(*spec);
    if (comma == std::string::npos) return specs;
    start = comma + 1;
  }
}

std::string label(const std::vector<InputSpec>& specs) {
  std::string s;
  for (const InputSpec& spec : specs) s += (s.empty() ? "" : ",") + spec.label();
  return s;
}

// The inputs of one spec in blocks of at most kBlock: block b is a pure function of (spec, b),
// so any thread can make any block.
template <typename T>
struct Source {
  std::uint64_t blocks = 0;
  std::function<void(std::uint64_t block, std::vector<T>& out)> fill;
};

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

// ---- Threads over blocks.

// Runs work(unit, state) for units 0..n-1 on up to hardware_concurrency threads, one state per
// thread. A thread takes units in increasing order, so its state sees them in order.
template <typename State, typename Work>
std::vector<State> run_units(std::uint64_t units, Work work) {
  const std::uint64_t threads = std::clamp<std::uint64_t>(std::thread::hardware_concurrency(), 1,
                                                          std::max<std::uint64_t>(units, 1));
  std::vector<State> states(threads);
  std::atomic<std::uint64_t> next{0};
  std::exception_ptr error;
  std::mutex error_lock;
  const auto loop = [&](State& s) {
    try {
      for (std::uint64_t u = next++; u < units; u = next++) work(u, s);
    } catch (...) {
      const std::lock_guard lock(error_lock);
      if (!error) error = std::current_exception();
      next = units;
    }
  };
  std::vector<std::thread> pool;
  for (std::uint64_t t = 1; t < threads; ++t) pool.emplace_back(loop, std::ref(states[t]));
  loop(states[0]);
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return states;
}

// What the threads found: counts, and the first examples in input order.
struct Tally {
  std::uint64_t total = 0, mismatches = 0;
  std::vector<std::pair<std::pair<std::uint64_t, std::size_t>, QuantExample>> examples;
  template <typename MakeExample>
  void mismatch(std::uint64_t unit, std::size_t index, MakeExample example) {
    ++mismatches;
    if (examples.size() < kMaxExamples) examples.push_back({{unit, index}, example()});
  }
};

void merge(const std::vector<Tally>& tallies, QuantExactness& r) {
  std::vector<std::pair<std::pair<std::uint64_t, std::size_t>, QuantExample>> all;
  for (const Tally& t : tallies) {
    r.total += t.total;
    r.mismatches += t.mismatches;
    all.insert(all.end(), t.examples.begin(), t.examples.end());
  }
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (std::size_t i = 0; i < all.size() && i < kMaxExamples; ++i)
    r.examples.push_back(all[i].second);
}

// A flat list of (configuration, source, block) so that threads can share out every block.
struct Unit {
  std::size_t config, source;
  std::uint64_t block;
};
template <typename T>
std::vector<Unit> units_of(const std::vector<std::vector<Source<T>>>& sources) {
  std::vector<Unit> units;
  for (std::size_t c = 0; c < sources.size(); ++c)
    for (std::size_t s = 0; s < sources[c].size(); ++s)
      for (std::uint64_t b = 0; b < sources[c][s].blocks; ++b) units.push_back({c, s, b});
  return units;
}

// ---- Quantize inputs.

// One quantization configuration: per tensor (one channel) or per channel (element i in channel
// i % channels).
struct Channels {
  std::vector<float> scales;
  std::vector<std::int32_t> zero_points;
};

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
      case InputSpec::Kind::values:
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
      case InputSpec::Kind::values:
        break;
    }
  }
  return sources;
}

std::int32_t stored(const std::vector<std::uint8_t>& q, std::size_t i, IntType t) {
  return t == IntType::s8 ? static_cast<std::int8_t>(q[i]) : q[i];
}

std::string pattern_label(Pattern p, std::uint64_t seed) {
  const bool seeded = p == Pattern::full_range || p == Pattern::small;
  return std::string(name(p)) + (seeded ? ":" + std::to_string(seed) : "");
}

}  // namespace

GemmExactness check_gemm(const Int8Backend& b, GemmShape shape, IntType a_type, Pattern pattern,
                         std::uint64_t seed) {
  const auto t0 = Clock::now();
  GemmExactness r;
  r.backend = b.name();
  r.shape = shape;
  r.a_type = a_type;
  r.inputs = pattern_label(pattern, seed);
  r.declared = b.gemm_deviation();
  r.repro = "fpconform matmul --backend " + r.backend + " --shape " + format_shape(shape) +
            " --pattern " + std::string(name(pattern)) + " --a-type " + std::string(name(a_type)) +
            " --seed " + std::to_string(seed);
  if (const Availability a = b.available(); !a.ok) {
    r.status = Status::skipped;
    r.reason = a.reason;
    return r;
  }
  if (!b.multiplies(a_type)) {
    r.status = Status::unimplemented;
    r.reason = "no GEMM with " + std::string(name(a_type)) + " A";
    return r;
  }
  const GemmOperands ops = gemm_operands(pattern, shape, a_type, seed);
  r.elements = std::uint64_t(shape.m) * std::uint64_t(shape.n);
  // Poisoned, so that an element the kernel never writes cannot pass as a zero.
  std::vector<std::int32_t> got(r.elements, 0x5EADBEEF);
  const std::unique_ptr<GemmKernel> kernel = b.prepare(shape, a_type, ops.b.data());
  if (!kernel) throw std::logic_error(r.backend + ": prepare() returned no kernel");
  kernel->run(ops.a.data(), got.data(), 2);
  std::vector<std::int64_t> expected(r.elements);
  oracle::gemm_exact(shape, a_type, ops.a.data(), ops.b.data(), expected);

  std::int64_t worst = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (oracle::overflows_int32(expected[i])) {
      ++r.int32_overflows;
      continue;
    }
    const std::int64_t diff = std::abs(got[i] - expected[i]);
    if (diff == 0) continue;
    ++r.mismatches;
    if (diff > worst) {
      worst = diff;
      r.worst_row = static_cast<int>(i / std::size_t(shape.n));
      r.worst_col = static_cast<int>(i % std::size_t(shape.n));
      r.worst_expected = expected[i];
      r.worst_got = got[i];
    }
  }
  if (r.mismatches > 0) {
    r.status = Status::failed;
    r.reason = std::to_string(r.mismatches) + " of " + std::to_string(r.elements) +
               " elements differ; worst C[" + std::to_string(r.worst_row) + "][" +
               std::to_string(r.worst_col) + "] = got " + std::to_string(r.worst_got) +
               ", expected " + std::to_string(r.worst_expected) + " (diff " +
               std::to_string(worst) + ")";
  }
  r.seconds = seconds_since(t0);
  return r;
}

QuantExactness check_quantize(const Int8Backend& b, IntType type, QRounding rounding,
                              bool per_channel, const std::string& inputs) {
  const auto t0 = Clock::now();
  const std::vector<InputSpec> specs = parse_specs(inputs);
  QuantExactness r;
  r.backend = b.name();
  r.op = "quantize";
  r.model = name(rounding);
  r.type = type;
  r.scheme = per_channel ? "per-channel" : "per-tensor";
  r.inputs = label(specs);
  r.repro = "fpconform quant --backend " + r.backend + " --op quantize --rounding " + r.model +
            " --type " + std::string(name(type)) + " --scheme " + r.scheme + " --inputs " +
            r.inputs;
  if (const Availability a = b.available(); !a.ok) {
    r.status = Status::skipped;
    r.reason = a.reason;
    return r;
  }
  if (!b.quantizes(type, rounding)) {
    r.status = Status::unimplemented;
    r.reason = "no quantize to " + std::string(name(type)) + " with rounding " + r.model;
    return r;
  }
  const std::vector<Channels> configs = quant_configs(type, per_channel);
  std::vector<std::vector<Source<float>>> sources;
  for (const Channels& c : configs) sources.push_back(quantize_sources(specs, c, type));
  const std::vector<Unit> units = units_of(sources);

  // Each value meets every channel: element j * channels + c is value j in channel c.
  const auto tallies = run_units<Tally>(units.size(), [&](std::uint64_t u, Tally& tally) {
    const Unit& unit = units[u];
    const Channels& c = configs[unit.config];
    const std::size_t channels = c.scales.size();
    std::vector<float> values;
    sources[unit.config][unit.source].fill(unit.block, values);
    std::vector<float> x(values.size() * channels);
    for (std::size_t j = 0; j < x.size(); ++j) x[j] = values[j / channels];
    std::vector<std::uint8_t> q(x.size());
    b.quantize(x.data(), q.data(), x.size(), {type, rounding, c.scales, c.zero_points});
    tally.total += x.size();
    for (std::size_t j = 0; j < x.size(); ++j) {
      const float scale = c.scales[j % channels];
      const std::int32_t zp = c.zero_points[j % channels];
      const std::int32_t want = oracle::quantize(x[j], scale, zp, type, rounding);
      const std::int32_t got = stored(q, j, type);
      if (got == want) continue;
      tally.mismatch(u, j, [&] {
        return QuantExample{
            float_text(x[j]) + " scale " + shortest(scale) + " zero point " + std::to_string(zp),
            got, want};
      });
    }
  });
  merge(tallies, r);
  if (r.mismatches > 0) {
    r.status = Status::failed;
    r.reason = std::to_string(r.mismatches) + " of " + std::to_string(r.total) + " inputs differ";
  }
  r.seconds = seconds_since(t0);
  return r;
}

QuantExactness check_requantize(const Int8Backend& b, RequantModel model, IntType type,
                                double multiplier, std::int32_t zero_point,
                                const std::string& inputs) {
  const auto t0 = Clock::now();
  const std::vector<InputSpec> specs = parse_specs(inputs);
  const Requant p = oracle::make_requant(model, multiplier, zero_point, type);
  QuantExactness r;
  r.backend = b.name();
  r.op = "requantize";
  r.model = name(model);
  r.type = type;
  r.scheme = "m=" + shortest(multiplier) + " z=" + std::to_string(zero_point);
  r.inputs = label(specs);
  r.repro = "fpconform quant --backend " + r.backend + " --op requantize --model " + r.model +
            " --type " + std::string(name(type)) + " --multiplier " + shortest(multiplier) +
            " --zero-point " + std::to_string(zero_point) + " --inputs " + r.inputs;
  if (const Availability a = b.available(); !a.ok) {
    r.status = Status::skipped;
    r.reason = a.reason;
    return r;
  }
  if (!b.requantizes(model, type)) {
    r.status = Status::unimplemented;
    r.reason = "no requantize to " + std::string(name(type)) + " under model " + r.model;
    return r;
  }
  const std::vector<std::vector<Source<std::int32_t>>> sources{
      requantize_sources(specs, multiplier, zero_point, type)};
  const std::vector<Unit> units = units_of(sources);
  const auto tallies = run_units<Tally>(units.size(), [&](std::uint64_t u, Tally& tally) {
    std::vector<std::int32_t> acc;
    sources[0][units[u].source].fill(units[u].block, acc);
    std::vector<std::uint8_t> q(acc.size());
    b.requantize(acc.data(), q.data(), acc.size(), p);
    tally.total += acc.size();
    for (std::size_t j = 0; j < acc.size(); ++j) {
      const std::int32_t want = oracle::requantize(acc[j], p);
      const std::int32_t got = stored(q, j, type);
      if (got != want)
        tally.mismatch(u, j, [&] { return QuantExample{std::to_string(acc[j]), got, want}; });
    }
  });
  merge(tallies, r);
  if (r.mismatches > 0) {
    r.status = Status::failed;
    r.reason = std::to_string(r.mismatches) + " of " + std::to_string(r.total) + " inputs differ";
  }
  r.seconds = seconds_since(t0);
  return r;
}

ModelDifference model_difference(RequantModel a, RequantModel b, IntType type, double multiplier,
                                 std::int32_t zero_point, const std::string& inputs) {
  const std::vector<InputSpec> specs = parse_specs(inputs);
  const Requant pa = oracle::make_requant(a, multiplier, zero_point, type);
  const Requant pb = oracle::make_requant(b, multiplier, zero_point, type);
  ModelDifference d;
  d.a = a;
  d.b = b;
  d.type = type;
  d.multiplier = multiplier;
  d.zero_point = zero_point;
  d.inputs = label(specs);
  const std::vector<std::vector<Source<std::int32_t>>> sources{
      requantize_sources(specs, multiplier, zero_point, type)};
  const std::vector<Unit> units = units_of(sources);
  struct Counts {
    std::uint64_t total = 0;
    std::map<int, std::uint64_t> histogram;
  };
  const auto counts = run_units<Counts>(units.size(), [&](std::uint64_t u, Counts& c) {
    std::vector<std::int32_t> acc;
    sources[0][units[u].source].fill(units[u].block, acc);
    c.total += acc.size();
    for (std::int32_t x : acc) ++c.histogram[oracle::requantize(x, pb) - oracle::requantize(x, pa)];
  });
  for (const Counts& c : counts) {
    d.total += c.total;
    for (const auto& [diff, n] : c.histogram) d.histogram[diff] += n;
  }
  return d;
}

}  // namespace fpconform
