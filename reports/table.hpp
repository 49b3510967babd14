// The terminal views of a set of runs: one line per run, and the backend x operation matrix.
#pragma once

#include <string>
#include <vector>

#include "reports/result.hpp"

namespace fpconform {

std::string verdict(const Run& r);  // "passed", "passed (12 tolerated)", "FAILED", "skipped: why"
std::string table_header();
std::string table_row(const Run& r);

// Rows: backends; columns: operations; each cell one mark per rounding mode (rne rtz rdn rup
// rna, or one for a widening op): '.' conforms, 'b' conforms under the baseline, 'X' deviates,
// 's' skipped, ' ' no run (not implemented, or not asked for). Several input sets of one cell
// show the worst. omit_skipped: leave out the backends whose every run was skipped (they are
// said once each by format_skipped).
std::string format_matrix(const std::vector<Run>& runs, bool omit_skipped = false);

// "skipped  neon: not an aarch64 build (74 runs)": one line per backend and reason.
std::string format_skipped(const std::vector<Run>& runs);

}  // namespace fpconform
