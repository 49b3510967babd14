// Inputs for the binary64 sources (f64_to_*): 2^64 words cannot be swept, so an edge table and a
// random generator aimed where one-rounding conversions go wrong: at the destination's midpoints,
// and at values whose rounding to binary32 lands exactly on one (the double-rounding cases).
#pragma once

#include <cstdint>
#include <vector>

#include "fpconform/operation.hpp"

namespace fpconform {

// For every binary64 exponent from below the destination's smallest subnormal to above its
// largest finite value, both signs: fractions at and around the destination's rounding point
// (the grid point, the midpoint, the midpoint +-1 ulp of binary64, +-1/4 and +-1/2 ulp of
// binary32 there, odd and even kept bits); binary64's own extremes; infinities and NaN payloads.
std::vector<Word> f64_edge_inputs(Op op);

// The i-th random input of seed: a quarter uniform 64-bit patterns, a quarter uniform fractions
// with exponents in the destination's range, half a destination midpoint moved by less than half
// an ulp of binary32 (so that binary32 rounds it onto the midpoint).
Word f64_random_input(Op op, std::uint64_t seed, std::uint64_t i);

}  // namespace fpconform
