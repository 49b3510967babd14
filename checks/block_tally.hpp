// Counting a sweep block's mismatches by kind and class, without a branch per element.
//
// A deviating backend may miss on nearly every input (bitfield: 4.0e9 of 2^32), so the sweep
// cannot afford the general classifiers' unpacking per mismatch. Here every element of a chunk
// that differs gets its kind and class from bit tests on the input, the result, the expected
// result and its neighbours, with the same precedence as classify_deviation() and
// classify_case(); sweep() checks the two against each other on the first mismatch of every
// block. Internal to reports/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "fpconform/deviation.hpp"
#include "fpconform/format.hpp"
#include "checks/tally.hpp"

namespace fpconform {

// One block of a sweep, every array in the destination's containers: element k belongs to input
// first + k, except nearest_away (n + 1 elements), whose element k is the rna result of input
// first + k - 1: an input is a tie iff the rna result changes there.
struct BlockArrays {
  std::uint32_t first;
  std::size_t n;
  const void* got;
  const void* expected;
  const void* toward;  // rounded toward zero
  const void* up;      // toward +infinity
  const void* down;    // toward -infinity
  const void* nearest_away;
  std::array<std::uint64_t, 2> overflow_from;  // per sign: the first magnitude that overflows
};

struct BlockMismatch {
  std::uint32_t input;
  DeviationKind kind;
  CaseClass case_class;
};

// Adds the block's mismatches to t (counts, and examples up to cap per kind); returns the first
// mismatch, if any.
std::optional<BlockMismatch> tally_block(const Format& dst, const BlockArrays& b, Tally& t,
                                         std::size_t cap);

}  // namespace fpconform
