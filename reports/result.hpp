// The result model: what a run found. Written as JSON ("fpconform-results/1"), rendered as text
// and (later) HTML from this one model.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/deviation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {

enum class Status : std::uint8_t { passed, failed, skipped, unimplemented };
std::string_view name(Status s);

struct Example {
  std::uint64_t input;  // the input word (operation.hpp): up to 64 bits (a binary64 source)
  std::uint32_t got;
  std::uint32_t expected;
  Flags got_flags;
  Flags expected_flags;
  bool flags_compared;
  CaseClass case_class;
  DeviationKind kind;
};

struct Run {
  std::string backend;
  // What a command line needs before --backend to reach this backend again: "--plugin PATH" for
  // a plug-in, "" for a built-in (Backend::repro_args()). Kept with the run, so that a report
  // written later from the JSON still prints commands that reproduce its cases.
  std::string backend_args;
  std::string op;
  std::string rounding;  // "exact" for widening ops
  std::string inputs;    // the effective input spec: exhaustive, edge, random:N:SEED
  std::string shard;     // "I/N" when the run covers one shard of a sharded sweep; "" whole
  std::string profile;
  // The seed of the order the inputs went to the backend in (checks/shuffle.hpp): `--seed` gives
  // the same calls again. 0 in results written before it was recorded.
  std::uint64_t seed = 0;
  Status status = Status::passed;
  std::string reason;  // skipped / unimplemented: why; failed: a one-line summary
  std::uint64_t total = 0;
  std::uint64_t mismatches = 0;  // all deviations, tolerated or not
  std::uint64_t untolerated = 0; // deviations the profile does not allow
  // Under a baseline (checks/baseline.hpp): the untolerated deviations it accepts, what its
  // gate found ("beyond baseline: other 12 > 10 (FILE:LINE)"), and whether the baseline
  // overstates this run (fewer deviations than an entry says: the entry must be updated).
  std::uint64_t baselined = 0;
  std::vector<std::string> gate;
  bool stale = false;
  // Robustness runs (checks/robustness.hpp): every problem found; reason holds the first.
  std::vector<std::string> problems;
  // A plug-in's run: what its subject process wrote to stdout and stderr meanwhile (truncated).
  std::string output;
  std::array<std::uint64_t, kCaseClassCount> by_class{};
  std::array<std::uint64_t, kDeviationKindCount> by_kind{};
  // Deviations by the input's biased exponent field (2^exp_bits of the source entries; empty
  // when the run has none): where in the input space they fall.
  std::vector<std::uint64_t> by_exponent;
  std::vector<Example> examples;  // up to the cap: the first of each kind, then the second...
  double seconds = 0;
  bool flags_compared = false;
};

// Whether the run compared every input it was given and nothing else went wrong: passed, or
// failed on its deviations alone. A run that ended before (a plug-in that crashed or hung: failed,
// with its reason), left problems, or never began (skipped, unimplemented) did not: a baseline
// does not judge it, and merge does not let the sweep it is a shard of pass.
inline bool completed(const Run& r) {
  return (r.status == Status::passed || (r.status == Status::failed && r.reason.empty())) && r.problems.empty();
}

}  // namespace fpconform
