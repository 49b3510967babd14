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
// rna, or one for a widening op): '.' conforms, 'X' deviates, 's' skipped, '-' not implemented,
// ' ' not asked for. Several input sets of one cell show the worst.
std::string format_matrix(const std::vector<Run>& runs);

}  // namespace fpconform
