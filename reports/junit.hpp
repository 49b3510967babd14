// JUnit XML for CI systems: one test case per (backend, op, rounding, inputs) run.
#pragma once

#include <string>
#include <vector>

#include "reports/dot_result.hpp"
#include "reports/int8_result.hpp"
#include "reports/result.hpp"

namespace fpconform {

// A <testsuites> document: one <testsuite> per backend, one <testcase> per run (classname the
// backend, name "op rounding inputs[ shard]"), time from Run.seconds; a failed run carries a
// <failure> (the summary, its kinds and examples with their repro commands), a skipped or
// unimplemented one a <skipped message="reason"/>, a pass with tolerated or baselined deviations
// its verdict as <system-out>. Every string is escaped for XML; what XML 1.0 cannot hold at all
// (control characters, malformed UTF-8) is written as a visible "\xNN".
//
// int8 (when given and not empty): one more <testsuite> per INT8 backend ("int8.<backend>"), a
// <testcase> per GEMM, quantize or requantize check and per GEMM robustness result ("gemm
// robustness s8": a failure's message is its first problem, its body every problem). A GEMM that
// is not exact but whose backend declares why passes with that reason as <system-out> (the
// command line's exit status treats it the same way); any other mismatch is a <failure>.
//
// dot (when given): a <testsuite> per dot-product unit ("dot.<unit>"), a <testcase> per input
// format ("bfloat16 k=64"): a unit that does not match its model is a <failure>, a skipped one
// <skipped message="reason"/>.
std::string junit_document(const std::vector<Run>& runs, const std::string& command,
                           const Int8Results* int8 = nullptr, const DotResults* dot = nullptr);

}  // namespace fpconform
