// JUnit XML for CI systems: one test case per (backend, op, rounding, inputs) run.
#pragma once

#include <string>
#include <vector>

#include "reports/result.hpp"

namespace fpconform {

// A <testsuites> document: one <testsuite> per backend, one <testcase> per run (classname the
// backend, name "op rounding inputs[ shard]"), time from Run.seconds; a failed run carries a
// <failure> (the summary, its kinds and examples with their repro commands), a skipped or
// unimplemented one a <skipped message="reason"/>, a pass with tolerated or baselined deviations
// its verdict as <system-out>. Every string is escaped for XML; what XML 1.0 cannot hold at all
// (control characters, malformed UTF-8) is written as a visible "\xNN".
std::string junit_document(const std::vector<Run>& runs, const std::string& command);

}  // namespace fpconform
