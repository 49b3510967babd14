// Runs of an untrusted backend (a plug-in) each in a child process (checks/isolate.hpp): the
// child compares or sweeps and hands the Run back as JSON; a crash, a hang past `timeout` or an
// error is a failed Run with its reason ("plug-in crashed: killed by signal 11 (SIGSEGV: ...)",
// "plug-in hung: timed out after 600.0 s (killed)", "plug-in failed: <what>"), total 0, and the
// caller goes on. Call from one thread, outside parallel regions.
#pragma once

#include <chrono>
#include <string>

#include "fpconform/backend.hpp"
#include "checks/compare.hpp"
#include "checks/sweep.hpp"

namespace fpconform {

// compare() in a child; runs that compare() settles without converting (skipped,
// unimplemented) are settled here, with no child.
Run compare_isolated(const Backend& b, Op op, Rounding r, const InputSet& inputs,
                     const CompareOptions& o, std::chrono::milliseconds timeout);

// sweep() of one job in a child, likewise.
Run sweep_isolated(const SweepJob& job, const SweepOptions& o, std::chrono::milliseconds timeout);

// A child's failure (ChildOutcome::failure) as a failed run's reason: "plug-in crashed: ...".
std::string plugin_failure_reason(const std::string& failure);

}  // namespace fpconform
