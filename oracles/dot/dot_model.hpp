// How a matrix unit accumulates d = c + sum a_i * b_i: a named model, evaluated exactly.
//
// The elements are taken in steps of `block` products (Fasi, Higham, Mikaitis, Pranesh, "Numerical
// behavior of NVIDIA tensor cores", PeerJ CS 2021). In a step the products are exact; they (and
// the accumulator, where it joins the step) are aligned to the largest term's leading bit and
// keep `align_bits` bits below it, truncated or rounded to nearest even; the aligned terms are
// summed exactly and the sum is rounded once to binary32. An accumulator that does not join is
// added to that rounded sum afterwards, with a second rounding. An IEEE chain of FMAs is block
// 1, nothing lost in the alignment, the accumulator joining: d = round(d + a_i * b_i).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::oracle {

enum class DotAlign : std::uint8_t { exact, truncate, rne };

struct DotModel {
  int block = 1;              // products per step
  DotAlign align = DotAlign::exact;
  int align_bits = 0;         // truncate / rne: bits kept below the step's largest leading bit
  bool c_joins = true;        // the accumulator is a term of the step (else added after it)
  Rounding round = Rounding::rne;  // each step's rounding to binary32
  bool daz = false;           // subnormal inputs (a, b and c) read as zero
  bool ftz = false;           // a subnormal step result is flushed to zero (sign kept)
  bool swap_pairs = false;    // elements 2j + 1 before 2j (VDPBF16PS's order)
  // The steps start from +0 and c is added to their result at the end, by an IEEE addition
  // outside the unit (to nearest even, whatever `round` is; no DAZ, no FTZ): a GEMM's C added by a
  // post-op.
  bool c_last = false;
  // A GEMM kernel's blocking of K: chunks of `chunk` elements (0: one chunk), each run through
  // the steps from +0; the chunks' results are added in order, one IEEE addition (to nearest even)
  // each, and c is
  // added as c_last says (at the end, or before the first chunk's steps as usual).
  int chunk = 0;
  // Each step rounds to odd (toward zero, then the last bit set where inexact; overflow gives
  // infinity): Arm's BFDotAdd without FEAT_EBF16. `round` is then unused.
  bool round_odd = false;
  // Each product is rounded to binary32 on its own (the step's rounding, FTZ) before the step's
  // sum: BFDotAdd's FPMul. Products of bfloat16 are exact in binary32 but below its normals.
  bool round_products = false;
  // Interleaved chains: in each span of `chain_span` elements (0: all k), element i is
  // accumulated by chain i mod `chains`, each running the steps from +0; the chains' results are
  // added in order, then to the accumulator (c, then each span's result), each addition rounded
  // as a step (AMX TDPBF16PS as measured: even and odd elements apart, 32-element spans).
  int chains = 1;
  int chain_span = 0;
  // The accumulator is binary16 (AVX512-FP16's vfmadd...ph, _Float16 code): c is rounded to it
  // (to nearest even) first, every step rounds to it, and d is it widened.
  bool acc_binary16 = false;
  // The step aligns to the largest exponent as the hardware reads it before normalizing: a
  // product's is the sum of its factors' exponents, one below its leading bit when the product
  // of the significands is 2 or more, which then keeps one bit more.
  bool align_to_exponents = false;
  // A step that overflows gives an infinity of its sign whatever `round` is (IEEE's rtz would
  // keep the largest finite number).
  bool overflow_infinity = false;
  friend bool operator==(const DotModel&, const DotModel&) = default;
};

// "block=4 align=truncate:23 c=joins round=rtz daz=no ftz=no order=natural" (", c last")
std::string describe(const DotModel& m);

// The model's d for a and b in `in` (binary16, bfloat16, E4M3, E5M2, tf32: each container's bits
// in a uint32_t) and c, d binary32.
// A NaN operand, infinity times zero or infinities of both signs give the default NaN
// 0x7FC00000: which NaN a unit returns is compared by class only.
std::uint32_t dot(const DotModel& m, const Format& in, std::span<const std::uint32_t> a,
                  std::span<const std::uint32_t> b, std::uint32_t c);

inline constexpr std::uint32_t kDotNaN = 0x7FC00000;

// c + sum a_i * b_i exactly, for finite operands: |value| = sig * 2^exp, sig holding the top 62
// bits and a sticky bit (the measure of a unit's error, not a model).
struct ExactDot {
  bool zero = true, negative = false;
  std::int32_t exp = 0;
  std::uint64_t sig = 0;
};
ExactDot exact_dot(const Format& in, std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                   std::uint32_t c);

// The operands a named model is of, a set: 16-bit (binary16, bfloat16), FP8 (E4M3, E5M2), tf32.
inline constexpr std::uint8_t kDot16 = 1, kDotFp8 = 2, kDotTf32 = 4;
std::uint8_t dot_operand_class(const Format& in);  // one of the three

struct NamedDotModel {
  std::string_view name;
  DotModel model;
  std::string_view source;
  std::uint8_t operands = kDot16;
  // Whether units of `in` can be this model (a binary16 accumulator: binary16 operands only).
  bool takes(const Format& in) const;
};

// The models fpconform names, with where each comes from.
std::span<const NamedDotModel> named_dot_models();
const DotModel* find_dot_model(std::string_view name);

}  // namespace fpconform::oracle
