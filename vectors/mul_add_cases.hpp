// mulAdd's 2^48 inputs cannot all be swept on one machine: these are the cases aimed at where
// a fused multiply-add goes wrong (issue 20), each a pure function of (op, seed, index), one
// kind after another: the i-th case is of kind i % kHardCaseKinds.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fpconform/operation.hpp"

namespace fpconform {

enum class HardCase : std::uint8_t {
  // a * b exactly halfway between two neighbours of the format (its significand p + 1 bits
  // wide), and c zero or far below it, above or below: the exact sum is a tie or within a
  // tiny fraction of an ulp of one; rounded through binary32 first it becomes the tie itself
  // once c is more than 24 bits below (double rounding).
  near_midpoint,
  // c = -(a * b rounded), or one ulp beside it: the sum is the product's rounding error or
  // close to it (massive cancellation, renormalization).
  cancellation,
  // a * b + c near the smallest normal and through the subnormals: tininess, flush, underflow.
  underflow,
  // a * b + c near the largest finite value and the overflow threshold, c pulling either way.
  overflow,
  // NaNs with payloads, signaling and quiet, in any operand, with 0 x infinity and infinities.
  nan_payload,
  // Exact zeros: a or b zero with c = +-0, and c = -(a * b) exactly (-0 only in rdn).
  signed_zero,
};
inline constexpr int kHardCaseKinds = 6;
std::string_view name(HardCase k);
inline HardCase hard_case_kind(std::uint64_t i) { return static_cast<HardCase>(i % kHardCaseKinds); }

// The i-th hard case of a mulAdd op for seed, as its input word (a, b, c).
// `--inputs edge` holds the first kEdgeHardCases of seed 1; `hard:N:SEED` any number.
inline constexpr std::uint64_t kEdgeHardCases = std::uint64_t{1} << 16;
Word mul_add_hard_case(Op op, std::uint64_t seed, std::uint64_t i);

// The operands whose every triple is mulAdd's edge set: zeros, the smallest and largest
// subnormal, the smallest normal, 1 and its neighbours, 1.5, the largest finite, infinity, a
// quiet and a signaling NaN with payload; both signs.
std::vector<std::uint32_t> mul_add_corner_operands(const Format& f);

}  // namespace fpconform
