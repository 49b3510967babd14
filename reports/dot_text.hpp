// Dot-product units' results as terminal text: one unit in full (`fpconform dot`), and the
// short view `check --dot` prints (a line per unit, skip reasons once, the error against K).
#pragma once

#include <string>

#include "reports/dot_result.hpp"

namespace fpconform {

// State, unit and format; its declared, inferred and published models; how many dot products
// differ from the model checked against, the first of them with the command that shows its
// operands; the __REPRO line. A skipped unit: one line with the reason.
std::string format_dot_unit(const DotUnitResult& u);

// "monotone: 0 of 2465 raised pairs lower d (the model: 0)", "NOT monotone: 12 of ... ; first:
// ...", "monotonicity not measured: <why>"; empty where the check did not run the pairs (--case).
std::string monotone_text(const DotUnitResult& u);

// A line per unit checked: state, unit, format, declared and inferred model in short, how many
// dot products differ, "not monotone" where raised pairs fall (a failed one's __REPRO line
// below it); the skipped units, one line per
// reason ("skipped  cublas-bf16, cublas-f16: no CUDA device", as the check's other skip lines);
// then dot_counts(). The error against K is left to --verbose and the report.
std::string format_dot_summary(const DotResults& r);

// Every unit in full (format_dot_unit), the error against K as a table (a line per unit, median
// / max at each K), then dot_counts().
std::string format_dot_verbose(const DotResults& r);

// "3 match their model, 0 do not, 5 skipped (dot-product units); error against K measured for 3
// (--verbose, the report)", either part alone where only it ran; without the pointer where the
// error's figures are shown.
std::string dot_counts(const DotResults& r, bool error_shown);

}  // namespace fpconform
