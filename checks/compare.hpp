// Runs one backend over an input set against the oracle and fills a Run.
#pragma once

#include <cstddef>
#include <functional>

#include "fpconform/backend.hpp"
#include "reports/profile.hpp"
#include "reports/repro.hpp"
#include "reports/result.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {

struct CompareOptions {
  Profile profile = *parse_profile("strict");
  std::size_t max_examples = 10;
  unsigned threads = 0;            // 0: all hardware threads
  std::size_t block_size = 1 << 16;
  // The blocks go to the backend in a Fisher–Yates order of this seed, each block's inputs in an
  // order keyed by (seed, block) (checks/shuffle.hpp): the same seed, the same calls.
  std::uint64_t seed = 0;
  // Called now and then with (inputs done, total) from the calling thread; may be empty.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

// Widening ops ignore r and report rounding "exact". A backend that is unavailable gives
// Status::skipped with its reason; one that does not implement (op, r) gives unimplemented. The
// same options give the same Run (but seconds) for any number of threads. An exception from
// the backend's convert() stops the run and is rethrown here.
Run compare(const Backend& b, Op op, Rounding r, const InputSet& inputs, const CompareOptions& o);

}  // namespace fpconform
