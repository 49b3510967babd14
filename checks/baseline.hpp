// Baselines: a backend's accepted deviations, kept true by a gate (DESIGN.md, Conformance
// semantics). A baseline file is text, one entry per line, '#' comments, blank lines ignored:
//
//   # backend  op          rounding  kind         count     inputs      reason
//   libfp16    f32_to_f16  rne       nan-payload  16744448  exhaustive  "returns the canonical NaN"
//
// rounding is "exact" for widening ops; count is decimal or '*' (any count); inputs is a run's
// input label (exhaustive, edge, random:N:SEED, value:...) or '*' (any inputs, any count).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/deviation.hpp"
#include "reports/result.hpp"

namespace fpconform {

struct BaselineEntry {
  std::string backend;
  std::string op;
  std::string rounding;  // as Run.rounding: "exact" for widening ops, else rne rtz rdn rup rna
  DeviationKind kind = DeviationKind::other;
  std::optional<std::uint64_t> count;  // nullopt: '*'
  std::string inputs;                  // as Run.inputs, or "*"
  std::string reason;
  std::string file;
  std::size_t line = 0;

  std::string where() const;  // "FILE:LINE"
  std::string text() const;   // the entry as a line, without its reason
};

struct Baseline {
  std::vector<BaselineEntry> entries;
  std::vector<std::string> files;  // the files read, in order
};

// Errors throw InputError naming FILE:LINE and the field ("x.txt:7: field 4 (kind): unknown kind
// 'nan'"). Duplicate entries (same backend, op, rounding, kind, inputs) are errors, across files
// too. Unknown backend names are not: they may be plug-ins or another machine's backends.
void parse_baseline(std::string_view text, const std::string& file, Baseline& into);
// A file, or a directory meaning every *.txt in it, sorted by name; several merge.
Baseline read_baselines(std::span<const std::string> paths);

struct GateResult {
  std::uint64_t accepted = 0;           // untolerated deviations the baseline accepted
  std::vector<std::string> stale;       // "stale: FILE:LINE <entry> no longer observed: remove it"
  std::vector<const BaselineEntry*> unmatched;  // entries that matched no completed run
  bool failed = false;                  // a run failed under profile + baseline, or stale entries
};

// One run: sets Run.baselined, Run.gate, Run.stale and Run.status (failed when deviations are
// beyond profile + baseline, or when the baseline overstates them). Runs not completed (skipped,
// unimplemented) are left alone. Idempotent.
void apply_baseline(const Baseline& baseline, Run& run);

// Applies the baseline to the runs that compare() or sweep() produced, each under its own
// profile, then finds the stale entries: those whose kind no completed run they match shows; the
// whole runs such an entry matches fail, stale, with the entry in their gate messages.
// A kind the profile tolerates needs no entry. For a run of one shard (Run.shard set) counts
// are upper bounds, and a kind missing from it does not make an entry stale.
GateResult apply_baseline(const Baseline& baseline, std::vector<Run>& runs);

// The observed untolerated deviations of the completed runs as a baseline file that reads back
// and makes the same runs pass. A reason is kept from `previous` where it has the same entry,
// else "TODO: reason". A shard's counts are not the whole run's: they are written as '*'.
std::string write_baseline(std::span<const Run> runs, const Baseline* previous = nullptr,
                           std::string_view header = {});

}  // namespace fpconform
