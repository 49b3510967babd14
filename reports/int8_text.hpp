// INT8 results as terminal text: one GEMM case in full, and the compact view `check --int8`
// prints by default (the exactness matrix, what is not exact, what was skipped).
#pragma once

#include <string>

#include "reports/int8_matrix.hpp"
#include "reports/int8_result.hpp"

namespace fpconform {

// One case as `matmul` prints it: state, backend, A type, shape, inputs, elements that differ;
// the worst element and the backend's declaration when not exact; the __REPRO line.
std::string format_int8_case(const GemmExactness& g);

// The matrix ('.' exact, 'd' not exact as the backend declares, 'X' not exact and undeclared,
// 's' skipped; a cell with not-exact cases shows how many of its shapes); then per backend with
// declared deviations one paragraph (its declaration, its worst case and that case's __REPRO);
// every undeclared case in full; each skipped backend once with its reason. Then the end-to-end
// error, one line per (distribution, shape): each scheme's SQNR. Then format_gemm_robustness().
std::string format_int8_summary(const Int8Results& r);

// The GEMM robustness probes, a line per backend: "passed" with its A types and calls, or
// "skipped: reason"; a failed result as FAILED with its first problem, then up to 5 more problem
// lines and how many are left (they are all in the JSON, JUnit and HTML). A backend in
// said_skipped (its skip reason already shown) gets no skipped line.
std::string format_gemm_robustness(const std::vector<GemmRobustness>& results,
                                   const std::vector<std::string>& said_skipped = {});

}  // namespace fpconform
