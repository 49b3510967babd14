// The exhaustive sweep: all 2^32 binary32 sources of a conversion, all 2^32 operand pairs of a
// 16-bit arithmetic op, or a range of mulAdd's 2^48 triples (a slice, a shard), in blocks.
// Each block's expected results are computed once per (op, rounding) and every backend that
// implements that pair is compared against them; threads share the blocks, which go to the
// backends in a seeded order, their inputs shuffled.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/backend.hpp"
#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform {

// Shard I of N: the I-th of N equal slices of the inputs (by block), "--shard I/N".
struct Shard {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
  static std::optional<Shard> parse(std::string_view s);  // "I/N", 0 <= I < N
  std::string label() const;                             // "I/N"; "" when count == 1
  bool whole() const { return count == 1; }
};

struct SweepJob {
  const Backend* backend;
  Op op;  // an op of 2^32 inputs or more; every job of one sweep has the same number
  Rounding rounding;
};

struct SweepOptions {
  Profile profile = *parse_profile("strict");
  std::size_t max_examples = 10;
  unsigned threads = 0;  // 0: all hardware threads
  Shard shard;
  // Restrict to the sweep's indexes [first, last) (before sharding; operation.hpp, sweep_word);
  // last 0 is the end of the input space (2^32, or 2^48 for mulAdd). label: the runs' inputs
  // (e.g. "slice:c=0x3C00") instead of "range:FIRST-LAST".
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::string label;
  // A sample, not a sweep: of every `sample` blocks of 2^16 inputs, about one, chosen by a hash
  // of the block's index (so every exponent and every high fraction pattern can be drawn). 1: all.
  // Runs then say inputs "sample:1/N"; for emulated targets, where all 2^32 take hours.
  std::uint32_t sample = 1;
  // The order (checks/shuffle.hpp): the blocks in a Fisher–Yates order, and each block's inputs
  // in an order keyed by (seed, its first input), so that a call's content depends on the seed
  // alone. Every backend of a block gets the same inputs in the same order.
  std::uint64_t seed = 0;
  // Called now and then from the calling thread with (inputs done, total) summed over jobs.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

// One Run per job, in the jobs' order: skipped / unimplemented as compare() gives them, the
// others with inputs "exhaustive" (or "range:FIRST-LAST", or "sample:1/N"), the shard label and
// the seed. The same options give the same runs (but seconds) for any number of threads.
std::vector<Run> sweep(std::span<const SweepJob> jobs, const SweepOptions& o);

// Whether block b (inputs [b 2^16, (b + 1) 2^16)) is in a 1-in-`sample` sample.
bool sampled_block(std::uint64_t b, std::uint32_t sample);

}  // namespace fpconform
