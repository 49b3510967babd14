// The oracle's results for all 2^32 binary32 inputs of one (op, rounding), held as steps.
//
// Correct rounding is monotone: for each sign, the result is a step function of the input's
// magnitude bits over the ordered range +0 .. +infinity (and the destination's bits grow with
// its magnitude, saturation and OCP's overflow-to-NaN included). The steps are found with the
// oracle itself, by a galloping binary search over its results: about 2 log2(step width) oracle
// calls per destination value instead of one per input. A block of expected results is then
// written step by step. NaN inputs keep payload-dependent results that are not monotone, so
// those come from the oracle one input at a time.
//
// The search relies on monotonicity alone; sweeping the `oracle` backend (per-input oracle
// against these steps, every input) checks that, and sweep() also re-derives every mismatch
// from the per-input oracle and stops if the two ever disagree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {

class OracleSteps {
 public:
  OracleSteps(Op op, Rounding r);  // op: a binary32-source op

  // One table per (op, rounding) for the whole process, built on first use (thread-safe): a
  // program that sweeps several ranges or runs builds each table once.
  static std::shared_ptr<const OracleSteps> shared(Op op, Rounding r);

  // The expected destination containers of inputs first, first + 1, ..., first + n - 1
  // (first + n <= 2^32), written to out as the destination's containers.
  void fill(std::uint32_t first, std::size_t n, void* out) const;

  std::size_t steps() const { return start_[0].size() + start_[1].size(); }

  // Per sign, the first magnitude that overflows (0x7F800000: none does).
  const std::array<std::uint64_t, 2>& overflow_thresholds() const { return overflow_from_; }

  // Whether the oracle raises overflow for input x (finite x at or beyond the threshold of its
  // sign: overflow is monotone in the magnitude too).
  bool overflows(std::uint32_t x) const {
    const std::uint32_t m = x & 0x7FFFFFFFu;
    return m < 0x7F800000u && m >= overflow_from_[x >> 31];
  }

 private:
  Op op_;
  Rounding r_;
  // Per sign: the first magnitude of each step and the result over it.
  std::array<std::vector<std::uint32_t>, 2> start_;
  std::array<std::vector<std::uint32_t>, 2> value_;
  std::array<std::uint64_t, 2> overflow_from_{};  // per sign; 0x7F800000: none overflows
};

}  // namespace fpconform
