// Monotonicity: a dot product must not fall when one of its terms rises. An IEEE chain of FMAs is
// monotone (each correctly rounded step is); a step that aligns its terms to the largest and
// truncates need not be: a running sum that the raise carries into the next binade drops the low
// bits its later, smaller terms kept below it (Mikaitis, "Monotonicity of multi-term
// floating-point adders", IEEE Transactions on Computers, 2024). Not an IEEE requirement of these
// units, a property of their model, measured on the unit.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "checks/dot/probe.hpp"

namespace fpconform {

// Pairs of dot products of k elements, base then raised, alternately: the raised one is the base
// with one operand (or c) moved one step toward +infinity of its product. First the aimed ones:
// for each block size B (2 to 32) and alignment of A bits (those of the candidates), B products
// whose sum is just below 2 and that the raise of the last carries to 2, then B products of
// 2^-A (kept below 2, dropped above it); and c just below 2 raised to 2 before products of 2^-A.
// Then `random` raises of one element of seeded random dot products (dot_cases).
std::vector<DotCase> monotone_pairs(const Format& in, int k, std::size_t random, std::uint64_t seed);

struct MonotoneCount {
  std::size_t pairs = 0, decreases = 0;  // pairs compared (no NaN in either), raised d below base d
  std::optional<std::size_t> first;      // the first decreasing pair's index
};

// d of monotone_pairs' list, base and raised alternately. -0 and +0 are equal.
MonotoneCount count_decreases(const std::vector<std::uint32_t>& d);

}  // namespace fpconform
