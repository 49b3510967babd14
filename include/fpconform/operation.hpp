// Operations, named as TestFloat names them, each a (source, destination) pair of formats.
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
};

struct OpInfo {
  Op op;
  std::string_view name;
  const Format* src;
  const Format* dst;
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

// Number of distinct source patterns (2^width); 2^32 for binary32 sources.
inline std::uint64_t input_space(Op op) { return std::uint64_t{1} << info(op).src->width(); }

}  // namespace fpconform
