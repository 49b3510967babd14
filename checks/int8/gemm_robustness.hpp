// What an INT8 GEMM must get right besides the values of one well-placed call, as the conversion
// probes (checks/robustness.hpp) ask of a batch kernel: its inputs left alone, C's bounds, every
// ragged shape, misaligned pointers, the same answer twice, and two threads at once.
//
// Probe families, each in a child process (checks/isolate.hpp) so that a crash or a hang is a
// problem line naming the probe and the call in progress:
//   read-only     A and B sealed read-only (PROT_READ, as in every family), C fenced, on shapes past
//                 one K block and one A block (300 and 1100 k, 200 rows).
//   ragged        every M, N and K in 1..67, each with the other two from {1, 7, 16, 17, 33, 64, 67}.
//   misalignment  A and B 0..3 bytes past a 64-byte boundary, C 0..3 int32 elements past one.
//   determinism   the same run() twice into C filled with different junk.
//   two-threads   two threads run() one prepared kernel at once, each into its own C.
// Every buffer sits between PROT_NONE guard pages (checks/fenced.hpp): A and B read-only for their
// whole life (prepare() reads B, run() reads A), C ending flush against the guard after it with
// canaries before it; every C is filled with junk first, so an element left unwritten shows, and
// compared with the exact product (oracles/int8/gemm.hpp) or, for a backend that declares one,
// with its declared model, as check_gemm() holds it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "reports/int8_result.hpp"

namespace fpconform {

struct GemmRobustnessOptions {
  std::vector<IntType> a_types{IntType::s8, IntType::u8};  // those b multiplies are probed
  std::chrono::milliseconds timeout{60000};                 // per probe family
  // The command that repeats these probes (a plug-in's names its library); empty: `fpconform
  // matmul --check robustness --backend NAME --a-type T`.
  std::string repro;
};

// One result per A type of o.a_types that b multiplies (none when it multiplies neither): skipped
// with the reason when b is unavailable here; else passed, or failed with reason = the first
// problem and problems = every problem (at most 10 per probe family, then a count), each naming
// the probe, the shape (and offsets, call, thread) and what went wrong. calls: run() calls made.
// Call it from one thread (it forks). A backend of kind plugin or device is probed in this
// process: a plug-in's GEMM is a proxy to a subject process that has fences of its own, CUDA does
// not survive a fork; there every exception from prepare() or run() is a problem line of the
// probe in progress, and the probe goes on with its next call.
std::vector<GemmRobustness> check_gemm_robustness(const Int8Backend& b, const GemmRobustnessOptions& o = {});

// The ragged probe's shapes: every M, N and K in 1..67, each paired with several (the other two)
// from {1, 7, 16, 17, 33, 64, 67} so that every such pair appears for each dimension; no shape twice.
std::vector<GemmShape> gemm_robustness_shapes();

}  // namespace fpconform
