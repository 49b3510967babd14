// One dot-product unit on one input format, as `fpconform dot` and `check --dot` run it: the
// probes infer its model, the vendor's published model is held to the probes, then the unit's
// results on seeded random and adversarial dot products of k elements are compared bit for bit
// with its declared model (or, without one, the inferred model, its K blocking fitted at k).
#pragma once

#include <cstdint>

#include "fpconform/dot_backend.hpp"
#include "reports/dot_result.hpp"

namespace fpconform {

struct DotCheckOptions {
  int k = 64;
  std::size_t cases = 20000;
  std::uint64_t seed = 1;
  long long only_case = -1;  // >= 0: only that one of the dot products (InputError if not below cases)
};

// Skipped with the reason where the unit is unavailable here. Passed when exactly one candidate
// fits the probes, it is what the probes can recover of the declared model (if any), and no dot
// product differs from the model checked against.
DotUnitResult check_dot_unit(const DotBackend& b, const Format& in, const DotCheckOptions& o);

}  // namespace fpconform
