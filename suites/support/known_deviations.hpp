// A backend's declared deviations (Backend::known_deviations) against the kinds a run found:
// the suites hold a declared specimen to exactly its declaration.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <set>
#include <string>

#include "fpconform/backend.hpp"
#include "reports/result.hpp"

namespace fpconform {

// The kinds b declares for op in rounding r (in any mode when r is not given); empty: b must be
// bit-exact there.
inline std::set<DeviationKind> declared_kinds(const Backend& b, Op op,
                                              std::optional<Rounding> r = std::nullopt) {
  std::set<DeviationKind> s;
  for (const KnownDeviation& d : b.known_deviations())
    if (d.op == op && (!r || d.in(*r))) s.insert(d.kind);
  return s;
}

// The kinds of which the run counted at least one mismatch.
inline std::set<DeviationKind> found_kinds(const Run& run) {
  std::set<DeviationKind> s;
  for (int k = 0; k < kDeviationKindCount; ++k)
    if (run.by_kind[k]) s.insert(static_cast<DeviationKind>(k));
  return s;
}

// "rounding (720), ftz (88)", each kind with the run's count of it; "none" for no kind.
inline std::string kinds_text(const std::set<DeviationKind>& kinds, const Run& run) {
  std::string s;
  for (DeviationKind k : kinds)
    s += (s.empty() ? "" : ", ") + std::string(name(k)) + " (" +
         std::to_string(run.by_kind[static_cast<std::size_t>(k)]) + ")";
  return s.empty() ? "none" : s;
}

// The kinds a run found against those declared.
struct KindsComparison {
  std::set<DeviationKind> found, missing, unexpected;  // missing: declared, not found
  std::string text;  // "found ...; declared but not found: ...; found but not declared: ..."
  bool exact() const { return missing.empty() && unexpected.empty(); }
};

inline KindsComparison compare_kinds(const std::set<DeviationKind>& declared, const Run& run) {
  KindsComparison c;
  c.found = found_kinds(run);
  std::set_difference(declared.begin(), declared.end(), c.found.begin(), c.found.end(),
                      std::inserter(c.missing, c.missing.end()));
  std::set_difference(c.found.begin(), c.found.end(), declared.begin(), declared.end(),
                      std::inserter(c.unexpected, c.unexpected.end()));
  c.text = "found " + kinds_text(c.found, run) + "; declared but not found: " +
           kinds_text(c.missing, run) + "; found but not declared: " +
           kinds_text(c.unexpected, run);
  return c;
}

}  // namespace fpconform
