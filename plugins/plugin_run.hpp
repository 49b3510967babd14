// A plug-in's runs: compare(), sweep() and the robustness probes run here, in the judge; the
// plug-in computes in its subject process (subject.hpp) behind the backend's convert(). A
// crash, a hang, a stray write or an error return is a failed Run with its reason ("plug-in
// crashed on input 0x7F800001: killed by signal 11 (SIGSEGV: ...)", "plug-in hung: timed out
// after 600.0 s (killed)"), and what the run left behind (processes, a changed floating-point
// environment) is a problem that fails it. Call from one thread.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/int8_backend.hpp"
#include "reports/int8_result.hpp"
#include "checks/compare.hpp"
#include "checks/sweep.hpp"

namespace fpconform {

Run compare_plugin(const Backend& b, Op op, Rounding r, const InputSet& inputs,
                   const CompareOptions& o, std::chrono::milliseconds timeout);

Run sweep_plugin(const SweepJob& job, const SweepOptions& o, std::chrono::milliseconds timeout);

// check_gemm_robustness() against the plug-in's GEMM (g, named as b), in one run of its subject;
// what the run left behind is a problem of every result.
std::vector<GemmRobustness> gemm_robustness_plugin(const Backend& b, const Int8Backend& g,
                                                   std::chrono::milliseconds timeout);

// check_robustness() against the plug-in, each (op, rounding) one run of its subject.
std::vector<Run> robustness_plugin(const Backend& b, std::span<const Op> ops,
                                   std::span<const Rounding> modes, std::chrono::milliseconds timeout);

}  // namespace fpconform
