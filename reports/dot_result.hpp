// The dot-product units' result model (docs/matrix_units.md): per unit and input format, the
// model the probes infer and the bit-exact check against its declared (or inferred) model; per
// unit, the relative error against the exact sum as K grows. Written into the results JSON's
// "dot" section and rendered as the report's matrix-units sections.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/result.hpp"

namespace fpconform {

// The check's first dot product that differs from the model, binary32 bit patterns.
struct DotDiffer {
  std::size_t index = 0;  // among the check's dot products (--case reruns it alone)
  std::uint32_t c = 0, got = 0, model = 0;
};

struct DotUnitResult {
  std::string backend;
  std::string format;  // "bfloat16", "binary16"
  Status status = Status::passed;  // passed, failed or skipped
  std::string reason;              // skipped: why
  std::string declared_name;       // the named model the unit declares, "" for none
  std::string declared;            // its parameters (oracle::describe)
  std::string published_name;      // the vendor's documented model, where it is not the declared one
  std::string published;           // "tdpbf16ps (...): differs on 325 of 532 probes (first: ...)"
  // What the probes found: the model's name and parameters (with its K blocking where fitted at
  // k), or "none of N candidates; nearest ... misses M of P probes (first: ...)".
  std::string inferred;
  // The same in a few words for the terminal: a named model and what differs from it.
  std::string inferred_short;
  bool inferred_unique = false;  // exactly one candidate fits the probes
  std::size_t candidates = 0;    // the candidate models the probes chose among
  std::size_t probes = 0;
  int probe_k = 0;               // their length
  // The evidence where the unit is not its declared model, or none of the candidates: the model
  // the probes were held to (the declared one, else the nearest candidate), how many of them it
  // gets wrong and the first of those.
  std::string miss_model;
  std::size_t miss_probes = 0;
  std::string first_miss;
  // The check: `cases` seeded dot products of k elements against `against` ("declared",
  // "inferred" or "nearest").
  std::string against;
  int k = 0;
  std::size_t cases = 0;
  std::uint64_t seed = 0;
  std::size_t differ = 0;
  std::optional<DotDiffer> first;
  std::string repro;        // reruns this check
  std::string first_repro;  // checks the first differing dot product alone, every operand shown
  // Monotonicity (checks/dot/monotone.hpp): pairs of dot products, the second with one term
  // raised, whose d should not fall. How many fall is a measure of the unit beside its model's
  // count, not a verdict; the pairs' dot products are held to the model bit for bit as the
  // check's are (pair_differ counts those that differ and fails the unit).
  std::size_t monotone_pairs = 0;      // compared; 0 with a note: not measured
  std::size_t monotone_decreases = 0;  // the unit's raised d below its base d
  std::size_t model_decreases = 0;     // the same for the model checked against
  std::size_t pair_differ = 0;
  std::string monotone_first;  // the unit's first falling pair: what it is, d and raised d
  std::string monotone_note;   // why not measured
  double seconds = 0;
};

// One K of the error measurement, in units of binary32's unit roundoff 2^-24.
struct DotError {
  int k = 0;
  std::size_t cases = 0;
  double median = 0, max = 0;
};

// A unit's error against the exact c + sum a_i * b_i at each K: a measure, not a verdict.
struct DotErrorResult {
  std::string backend;
  std::string format;
  std::string signs = "positive";  // the elements' signs: positive or mixed
  std::uint64_t seed = 0;
  std::string skipped;  // why it was not measured; empty: measured
  std::vector<DotError> points;
  std::string repro;
};

struct DotResults {
  std::vector<DotUnitResult> units;
  std::vector<DotErrorResult> error;

  std::size_t failures() const {
    std::size_t n = 0;
    for (const DotUnitResult& u : units) n += u.status == Status::failed;
    return n;
  }
  // Several files' results side by side (merge, report).
  void append(DotResults&& o) {
    for (auto& u : o.units) units.push_back(std::move(u));
    for (auto& e : o.error) error.push_back(std::move(e));
  }
  bool empty() const { return units.empty() && error.empty(); }
};

}  // namespace fpconform
