// A run rendered as text: the per-run block `fpconform check` prints, and the block of one
// mismatch that the CLI and the suites' failure messages share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/operation.hpp"
#include "reports/result.hpp"

namespace fpconform {

// One mismatch, four lines, each after indent:
//   input    0x33000001 (+ e=0x66 f=0x000001)   class underflow-subnormal
//   got      0x0000 (+ e=0x00 f=0x000)  flags 0x03
//   expected 0x0001 (+ e=0x00 f=0x001)  flags 0x03   kind ftz
//   repro:   fpconform check --backend bitfield --op f32_to_f16 --rounding rne --inputs value:0x33000001 --seed 7
// Flags are shown only where e.flags_compared; seed as in Run::seed.
std::string format_example(std::string_view backend, Op op, std::string_view rounding,
                           const Example& e, std::uint64_t seed, std::string_view indent = "  ",
                           std::string_view backend_args = {});

// "rounding 720, ftz 88": the kinds and classes a run found, with their counts, in enum order.
std::string kinds_summary(const Run& run);
std::string classes_summary(const Run& run);

// The run's header (backend op rounding (inputs): N mismatches of TOTAL), its by-kind and
// by-class summaries, its first `shown` examples (all kept, by default), and "... and N more".
std::string format_examples(const Run& run, std::size_t shown = SIZE_MAX);
// The header and counts by kind of format_examples, and where the examples are.
std::string format_counts(const Run& run);

// Runs that pass with deviations (tolerated by the profile or accepted by a baseline), one line
// per backend (backends with the very same figures share one): how many runs, how many
// deviations of each kind; unless per_backend, more than three such lines become one that names
// the backends and sums them; then (unless per_backend) where their examples are: the JSON, the
// HTML report and `check --verbose`.
std::string format_accepted(const std::vector<Run>& runs, bool per_backend);

}  // namespace fpconform
