// INT8 inputs: float distributions for end-to-end error, integer patterns for GEMM exactness
// (full-range random and the adversarial corners that small random ranges never reach), and the
// problem grammar MxK:KxN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform {

// Float data for end to end: gaussian (N(0,1)), uniform (U(-1,1)), outliers (gaussian with 1% of
// the columns, at least one, 50x larger). "Columns" is the matrix's second index: for B (K x N)
// whole output channels, for A (M x K) whole input features along K, as activation outliers are.
enum class Dist : std::uint8_t { gaussian, uniform, outliers };
std::string_view name(Dist d);
std::optional<Dist> parse_dist(std::string_view s);

// A rows x cols row-major float matrix, deterministic in (dist, seed) and the same under every
// standard library (std::mt19937_64 bits, our own Box-Muller; no std::*_distribution).
std::vector<float> float_matrix(Dist d, int rows, int cols, std::uint64_t seed);

// Integer patterns for exactness: full-range (uniform over the whole type), small (|v| <= 8:
// what never saturates), corner-max (A all 255 (u8) or 127 (s8), B all 127), corner-min (A all
// -128, B all -128; u8 A: 255 x -128), alternating (A and B alternate between the type's extremes
// in pairs along K, shifted by one pair per row of A and column of B, so adjacent pair sums hit
// both saturation limits of pairwise int16 adds). Random patterns are deterministic in seed.
enum class Pattern : std::uint8_t { full_range, small, corner_max, corner_min, alternating };
std::string_view name(Pattern p);
std::optional<Pattern> parse_pattern(std::string_view s);

struct GemmOperands {
  std::vector<std::uint8_t> a;  // m x k bytes, read as int8_t or uint8_t per a_type
  std::vector<std::int8_t> b;   // k x n
};
GemmOperands gemm_operands(Pattern p, GemmShape s, IntType a_type, std::uint64_t seed);

// "MxK:KxN" (the two K must agree), e.g. "1024x1024:1024x1024"; also "MxNxK" is refused with a
// message saying which form is expected. std::invalid_argument names the field that is wrong.
GemmShape parse_shape(std::string_view s);  // format_shape (fpconform/int8.hpp) writes it

// Ragged sizes that are never a multiple of a kernel's tile: 1, 3, 17, 255, 1023 in M, N, K.
std::vector<GemmShape> ragged_shapes();

}  // namespace fpconform
