// What a batch kernel must get right besides the values: SIMD tails, buffer bounds, alignment,
// its input left alone, the same answer twice, and two threads at once. Each probe family runs in
// a child process (checks/isolate.hpp) with its buffers fenced by PROT_NONE guard pages and
// canaries, so that a fault is a reported failure that names the probe, not a crash of the suite.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fpconform/backend.hpp"
#include "reports/result.hpp"

namespace fpconform {

struct RobustnessOptions {
  std::size_t large_length = 1000003;        // a large odd length: every tail, many pages
  std::chrono::milliseconds timeout{60000};  // per isolated probe family
};

// One Run per (op, rounding) that b implements among ops x modes (a widening op once, as
// "exact"), with inputs "robustness" and total = the number of convert calls the probes made.
// Failed: reason = the first problem, problems = every problem (at most 10 per probe family, then a
// count), each naming the probe, the length and offsets, and what went wrong. An unavailable b
// gives one skipped Run per requested pair, with its reason, as compare() does.
// Call it from one thread (it forks); large_length must be at least 128. A device backend
// (BackendKind::device) is probed in this process instead: CUDA does not survive a fork.
std::vector<Run> check_robustness(const Backend& b, std::span<const Op> ops,
                                  std::span<const Rounding> modes, const RobustnessOptions& o = {});

// A robustness run of (b, op, r) before it is run: its names, inputs "robustness", no verdict.
Run robustness_labels(const Backend& b, Op op, Rounding r);

// The source words every probe converts: a fixed pseudo-random mix of random bit patterns and
// specials (zeros, subnormals, infinities, NaNs, the extremes) of op's source format.
std::vector<Word> robustness_inputs(Op op, std::size_t n);

}  // namespace fpconform
