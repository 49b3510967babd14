#include "checks/int8/check.hpp"

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
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "oracles/int8/gemm.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/int8/requantize.hpp"
#include "checks/int8/check_inputs.hpp"
#include "checks/int8/freivalds.hpp"
#include "checks/int8/gemm_compare.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

using namespace int8_check;

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxExamples = 8;

std::string shortest(double v) {  // the shortest text that reads back as v
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
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

std::int32_t stored(const std::vector<std::uint8_t>& q, std::size_t i, IntType t) {
  return t == IntType::s8 ? static_cast<std::int8_t>(q[i]) : q[i];
}

// False, with the result marked skipped (the backend cannot run here) or unimplemented (it runs
// but has no such operation: `missing` says which), when the check cannot run.
template <typename Result>
bool runnable(const Int8Backend& b, bool implemented, const std::string& missing, Result& r) {
  if (const Availability a = b.available(); !a.ok) {
    r.status = Status::skipped;
    r.reason = a.reason;
    return false;
  }
  if (!implemented) {
    r.status = Status::unimplemented;
    r.reason = missing;
    return false;
  }
  return true;
}

std::string pattern_label(Pattern p, std::uint64_t seed) {
  const bool seeded = p == Pattern::full_range || p == Pattern::small;
  return std::string(name(p)) + (seeded ? ":" + std::to_string(seed) : "");
}

}  // namespace

std::string_view name(GemmReference r) {
  switch (r) {
    case GemmReference::automatic: return "auto";
    case GemmReference::full: return "full";
    case GemmReference::freivalds: return "freivalds";
  }
  return "?";
}

std::optional<GemmReference> parse_gemm_reference(std::string_view s) {
  for (GemmReference r : {GemmReference::automatic, GemmReference::full, GemmReference::freivalds})
    if (s == name(r)) return r;
  return std::nullopt;
}

GemmExactness check_gemm(const Int8Backend& b, GemmShape shape, IntType a_type, Pattern pattern,
                         std::uint64_t seed, GemmReference reference) {
  const auto t0 = Clock::now();
  GemmExactness r;
  r.backend = b.name();
  r.shape = shape;
  r.a_type = a_type;
  r.inputs = pattern_label(pattern, seed);
  r.declared = b.gemm_deviation();
  r.model = name(b.gemm_model());
  r.repro = "fpconform matmul --backend " + r.backend + " --shape " + format_shape(shape) +
            " --pattern " + std::string(name(pattern)) + " --a-type " + std::string(name(a_type)) +
            " --seed " + std::to_string(seed) +
            (reference == GemmReference::automatic ? "" : " --reference " + std::string(name(reference)));
  if (!runnable(b, b.multiplies(a_type), "no GEMM with " + std::string(name(a_type)) + " A", r)) return r;
  const GemmOperands ops = gemm_operands(pattern, shape, a_type, seed);
  r.elements = std::uint64_t(shape.m) * std::uint64_t(shape.n);
  // Poisoned, so that an element the kernel never writes cannot pass as a zero.
  std::vector<std::int32_t> got(r.elements, 0x5EADBEEF);
  const std::unique_ptr<GemmKernel> kernel = b.prepare(shape, a_type, ops.b.data());
  if (!kernel) throw std::logic_error(r.backend + ": prepare() returned no kernel");
  kernel->run(ops.a.data(), got.data(), 2);

  const std::vector<std::int8_t> bt = oracle::transpose_b(shape, ops.b.data());
  const GemmOperandsView view{shape, a_type, ops.a.data(), bt.data(), got.data()};
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const bool freivalds = reference == GemmReference::freivalds ||
                         (reference == GemmReference::automatic && shape.k > 0 &&
                          r.elements > kFullReferenceMacs / std::uint64_t(shape.k));  // m n k > it
  // Only the rows Freivalds' check flags are computed exactly: the others equal A B's (but with the
  // probability it states), so they hold no mismatch. An element whose exact sum overflows int32
  // equals no int32, so its row is wrong like any other and flagged with them: overflows are
  // counted there.
  // The vectors are drawn after C is computed and from fresh entropy, not the printed seed: a
  // kernel (or plug-in) cannot aim its errors at their null space.
  constexpr int kVectors = 2;
  std::random_device entropy;
  const std::uint64_t draw = (std::uint64_t{entropy()} << 32) ^ entropy() ^ seed;
  const std::vector<int> rows =
      freivalds ? freivalds_rows(shape, a_type, ops.a.data(), ops.b.data(), got.data(), draw, kVectors)
                : all_rows(shape);
  r.method = freivalds ? "freivalds: " + std::to_string(kVectors) + " random vectors mod 2^61-1, " +
                             freivalds_bound(kVectors) + "; " + std::to_string(rows.size()) +
                             " flagged rows recomputed exactly"
                       : std::string(GemmExactness::kFullReference);
  const ExactRowsTally t = compare_exact_rows(view, rows, threads);
  r.mismatches = t.mismatches;
  r.int32_overflows = t.int32_overflows;
  r.worst_row = t.worst_row;
  r.worst_col = t.worst_col;
  r.worst_expected = t.worst_expected;
  r.worst_got = t.worst_got;
  // A backend that declares a model other than exact is held to it, bit for bit, on every element.
  if (b.gemm_model() != GemmModel::exact) r.model_mismatches = count_model_mismatches(view, b.gemm_model(), threads);
  if (r.model_mismatches > 0) {
    r.status = Status::failed;
    r.reason = std::to_string(r.model_mismatches) + " of " + std::to_string(r.elements) +
               " elements differ from the declared model " + r.model + " (not only from the exact product)";
  } else if (r.mismatches > 0) {
    r.status = Status::failed;
    r.reason = std::to_string(r.mismatches) + " of " + std::to_string(r.elements) +
               " elements differ; worst C[" + std::to_string(r.worst_row) + "][" +
               std::to_string(r.worst_col) + "] = got " + std::to_string(r.worst_got) +
               ", expected " + std::to_string(r.worst_expected) + " (diff " +
               std::to_string(t.worst_diff) + ")";
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
  if (!runnable(b, b.quantizes(type, rounding), "no quantize to " + std::string(name(type)) + " with rounding " + r.model, r)) return r;
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
  if (!runnable(b, b.requantizes(model, type), "no requantize to " + std::string(name(type)) + " under model " + r.model, r)) return r;
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
