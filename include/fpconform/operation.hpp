// Operations, named as TestFloat names them: conversions, each a (source, destination) pair of
// formats, and arithmetic on one format with 1 to 3 operands.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {

enum class Op : std::uint8_t {
  f16_to_f32,
  bf16_to_f32,
  e4m3_to_f32,
  e5m2_to_f32,
  f32_to_f16,
  f32_to_bf16,
  f32_to_tf32,
  f32_to_e4m3,
  f32_to_e4m3_sat,
  f32_to_e5m2,
  f32_to_e5m2_sat,
  f16_add,
  f16_sub,
  f16_mul,
  f16_div,
  f16_sqrt,
  bf16_add,
  bf16_sub,
  bf16_mul,
  bf16_div,
  bf16_sqrt,
  f16_mulAdd,
  bf16_mulAdd,
  e4m3fnuz_to_f32,
  e5m2fnuz_to_f32,
  e3m2_to_f32,
  e2m3_to_f32,
  e2m1_to_f32,
  f32_to_e4m3fnuz,
  f32_to_e5m2fnuz,
  f32_to_e3m2,
  f32_to_e2m3,
  f32_to_e2m1,
  f64_to_f32,
  f64_to_f16,
  f64_to_bf16,
  f64_to_e4m3,
  f64_to_e4m3_sat,
  f64_to_e5m2,
  f64_to_e5m2_sat,
  f64_to_e4m3fnuz,
  f64_to_e5m2fnuz,
  f64_to_e3m2,
  f64_to_e2m3,
  f64_to_e2m1,
};

// What an arithmetic operation computes; none for a conversion.
enum class Arith : std::uint8_t { none, add, sub, mul, div, sqrt, mul_add };

struct OpInfo {
  Op op;
  std::string_view name;
  const Format* src;
  const Format* dst;
  Arith arith = Arith::none;
  int arity = 1;  // operands, each in src's format
};

inline constexpr std::array kOps{
    OpInfo{Op::f16_to_f32, "f16_to_f32", &kBinary16, &kBinary32},
    OpInfo{Op::bf16_to_f32, "bf16_to_f32", &kBfloat16, &kBinary32},
    OpInfo{Op::e4m3_to_f32, "e4m3_to_f32", &kE4m3fn, &kBinary32},
    OpInfo{Op::e5m2_to_f32, "e5m2_to_f32", &kE5m2, &kBinary32},
    OpInfo{Op::f32_to_f16, "f32_to_f16", &kBinary32, &kBinary16},
    OpInfo{Op::f32_to_bf16, "f32_to_bf16", &kBinary32, &kBfloat16},
    OpInfo{Op::f32_to_tf32, "f32_to_tf32", &kBinary32, &kTf32},
    OpInfo{Op::f32_to_e4m3, "f32_to_e4m3", &kBinary32, &kE4m3fn},
    OpInfo{Op::f32_to_e4m3_sat, "f32_to_e4m3_sat", &kBinary32, &kE4m3fnSat},
    OpInfo{Op::f32_to_e5m2, "f32_to_e5m2", &kBinary32, &kE5m2},
    OpInfo{Op::f32_to_e5m2_sat, "f32_to_e5m2_sat", &kBinary32, &kE5m2Sat},
    OpInfo{Op::f16_add, "f16_add", &kBinary16, &kBinary16, Arith::add, 2},
    OpInfo{Op::f16_sub, "f16_sub", &kBinary16, &kBinary16, Arith::sub, 2},
    OpInfo{Op::f16_mul, "f16_mul", &kBinary16, &kBinary16, Arith::mul, 2},
    OpInfo{Op::f16_div, "f16_div", &kBinary16, &kBinary16, Arith::div, 2},
    OpInfo{Op::f16_sqrt, "f16_sqrt", &kBinary16, &kBinary16, Arith::sqrt, 1},
    OpInfo{Op::bf16_add, "bf16_add", &kBfloat16, &kBfloat16, Arith::add, 2},
    OpInfo{Op::bf16_sub, "bf16_sub", &kBfloat16, &kBfloat16, Arith::sub, 2},
    OpInfo{Op::bf16_mul, "bf16_mul", &kBfloat16, &kBfloat16, Arith::mul, 2},
    OpInfo{Op::bf16_div, "bf16_div", &kBfloat16, &kBfloat16, Arith::div, 2},
    OpInfo{Op::bf16_sqrt, "bf16_sqrt", &kBfloat16, &kBfloat16, Arith::sqrt, 1},
    OpInfo{Op::f16_mulAdd, "f16_mulAdd", &kBinary16, &kBinary16, Arith::mul_add, 3},
    OpInfo{Op::bf16_mulAdd, "bf16_mulAdd", &kBfloat16, &kBfloat16, Arith::mul_add, 3},
    OpInfo{Op::e4m3fnuz_to_f32, "e4m3fnuz_to_f32", &kE4m3fnuz, &kBinary32},
    OpInfo{Op::e5m2fnuz_to_f32, "e5m2fnuz_to_f32", &kE5m2fnuz, &kBinary32},
    OpInfo{Op::e3m2_to_f32, "e3m2_to_f32", &kE3m2, &kBinary32},
    OpInfo{Op::e2m3_to_f32, "e2m3_to_f32", &kE2m3, &kBinary32},
    OpInfo{Op::e2m1_to_f32, "e2m1_to_f32", &kE2m1, &kBinary32},
    OpInfo{Op::f32_to_e4m3fnuz, "f32_to_e4m3fnuz", &kBinary32, &kE4m3fnuz},
    OpInfo{Op::f32_to_e5m2fnuz, "f32_to_e5m2fnuz", &kBinary32, &kE5m2fnuz},
    OpInfo{Op::f32_to_e3m2, "f32_to_e3m2", &kBinary32, &kE3m2},
    OpInfo{Op::f32_to_e2m3, "f32_to_e2m3", &kBinary32, &kE2m3},
    OpInfo{Op::f32_to_e2m1, "f32_to_e2m1", &kBinary32, &kE2m1},
    OpInfo{Op::f64_to_f32, "f64_to_f32", &kBinary64, &kBinary32},
    OpInfo{Op::f64_to_f16, "f64_to_f16", &kBinary64, &kBinary16},
    OpInfo{Op::f64_to_bf16, "f64_to_bf16", &kBinary64, &kBfloat16},
    OpInfo{Op::f64_to_e4m3, "f64_to_e4m3", &kBinary64, &kE4m3fn},
    OpInfo{Op::f64_to_e4m3_sat, "f64_to_e4m3_sat", &kBinary64, &kE4m3fnSat},
    OpInfo{Op::f64_to_e5m2, "f64_to_e5m2", &kBinary64, &kE5m2},
    OpInfo{Op::f64_to_e5m2_sat, "f64_to_e5m2_sat", &kBinary64, &kE5m2Sat},
    OpInfo{Op::f64_to_e4m3fnuz, "f64_to_e4m3fnuz", &kBinary64, &kE4m3fnuz},
    OpInfo{Op::f64_to_e5m2fnuz, "f64_to_e5m2fnuz", &kBinary64, &kE5m2fnuz},
    OpInfo{Op::f64_to_e3m2, "f64_to_e3m2", &kBinary64, &kE3m2},
    OpInfo{Op::f64_to_e2m3, "f64_to_e2m3", &kBinary64, &kE2m3},
    OpInfo{Op::f64_to_e2m1, "f64_to_e2m1", &kBinary64, &kE2m1},
};

const OpInfo& info(Op op);
inline std::string_view name(Op op) { return info(op).name; }
std::optional<Op> parse_op(std::string_view s);

// A widening conversion is exact: its result does not depend on the rounding mode, so it is
// checked once, under the rounding name "exact".
inline bool is_widening(Op op) { return info(op).src->frac_bits < info(op).dst->frac_bits; }

// The rounding a run of op under r is reported as: "exact" for widening ops, else r's name.
inline std::string_view rounding_label(Op op, Rounding r) {
  return is_widening(op) ? std::string_view("exact") : name(r);
}

inline bool is_arithmetic(Op op) { return info(op).arith != Arith::none; }
inline int arity(Op op) { return info(op).arity; }

// An input is one word: the operands' containers side by side, the first operand in the high
// bits. f16_add's a = 0x3C00, b = 0x4000 travel as 0x3C004000, f16_mulAdd's a, b, c as
// 0x3C0040000001 (48 bits, stored in 64); a conversion's word is its source container. Backends,
// vectors and results all see this word.
using Word = std::uint64_t;
inline int input_bits(Op op) { return info(op).arity * info(op).src->container_bits; }
// Operands of at most 32 bits; a binary64 source's one operand is the whole word.
inline std::uint32_t operand(Op op, Word word, int i) {
  const int bits = info(op).src->container_bits;
  const Word mask = bits >= 64 ? ~Word{0} : (Word{1} << bits) - 1;
  return static_cast<std::uint32_t>((word >> ((info(op).arity - 1 - i) * bits)) & mask);
}
// The biased exponent field of the first operand (results count mismatches by it).
inline std::uint32_t first_exponent(Op op, Word word) {
  const Format& f = *info(op).src;
  const Word x = f.container_bits == 64 ? word : operand(op, word, 0);
  return static_cast<std::uint32_t>((x >> (f.frac_bits + f.shift)) & f.exp_mask());
}
inline bool is_binary64_source(Op op) { return info(op).src->container_bits == 64; }
// The i-th operand's container, whatever its width (a binary64 source's is the whole word).
inline std::uint64_t operand_container(Op op, Word word, int i) {
  return is_binary64_source(op) ? word : operand(op, word, i);
}

// The word of the i-th input of an exhaustive sweep: the word itself, except for mulAdd, whose
// index runs c, a, b (c in the top bits) so that all (a, b) of one c are one contiguous range
// of 2^32 (`--inputs slice:c=HEX`) and a block of 2^16 is one (c, a) and every b.
inline Word sweep_word(Op op, std::uint64_t index) {
  if (info(op).arity != 3) return index;
  const int bits = info(op).src->container_bits;
  const std::uint64_t low = (std::uint64_t{1} << (2 * bits)) - 1;
  return ((index & low) << bits) | (index >> (2 * bits));
}
inline std::uint64_t sweep_index(Op op, Word word) {
  if (info(op).arity != 3) return word;
  const int bits = info(op).src->container_bits;
  return ((word & ((Word{1} << bits) - 1)) << (2 * bits)) | (word >> bits);
}

// Number of distinct inputs: 2^(operands' width); 2^32 for binary32 sources and 16-bit pairs,
// 2^48 for a 16-bit mulAdd. A binary64 source's 2^64 does not fit: 0, and it is never swept
// (vectors/inputs.hpp: edge and random inputs only).
inline std::uint64_t input_space(Op op) {
  const int bits = info(op).arity * info(op).src->width();
  return bits >= 64 ? 0 : std::uint64_t{1} << bits;
}

}  // namespace fpconform
