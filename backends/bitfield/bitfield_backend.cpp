// The classic struct-bitfield conversion, kept as a KNOWN-NON-CONFORMANT specimen: it shows what
// the suite catches. Do not fix it; its deviations are declared in known_deviations() and the
// suites assert that they find exactly those kinds.
//
//   f32 -> f16: exponent rebiased and clamped to [0, 31], fraction truncated (frac >> 13),
//               NaN -> exponent 31, fraction 1, sign kept.
//   f16 -> f32: a non-zero exponent rebiased, a zero exponent kept zero, fraction shifted
//               (frac << 13): no subnormal handling. The all-ones exponent 31 maps to 255, as
//               in the classic code (a bare e - 15 + 127 would give 143 and make every
//               infinity and NaN a number); so infinities and NaNs stay what they were, and
//               signaling NaNs stay signaling.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

// Field order is the ABI's (GCC, Clang: first field in the least significant bits).
struct F32Bits {
  std::uint32_t frac : 23, exp : 8, sign : 1;
};
struct F16Bits {
  std::uint16_t frac : 10, exp : 5, sign : 1;
};
static_assert(sizeof(F32Bits) == 4 && sizeof(F16Bits) == 2);
static_assert(std::bit_cast<F32Bits>(0x80000000u).sign == 1, "bitfields laid out LSB first");

F16Bits f32_to_f16(F32Bits f) {
  F16Bits h{};
  h.sign = f.sign;
  if (f.exp == 255 && f.frac != 0) {  // NaN
    h.exp = 31;
    h.frac = 1;
    return h;
  }
  const int e = static_cast<int>(f.exp) - 127 + 15;
  h.exp = e < 0 ? 0 : e > 31 ? 31 : e;
  h.frac = f.frac >> 13;
  return h;
}

F32Bits f16_to_f32(F16Bits h) {
  F32Bits f{};
  f.sign = h.sign;
  f.exp = h.exp == 0 ? 0 : h.exp == 31 ? 255 : h.exp - 15 + 127;
  f.frac = static_cast<std::uint32_t>(h.frac) << 13;
  return f;
}

// Exactly the kinds the suites find (edge cases for f32_to_f16, all 2^16 inputs for f16_to_f32;
// decode_exhaustive_test and narrow_properties_test fail on one missing or one more).
constexpr std::array kKnown{
    KnownDeviation{Op::f32_to_f16, DeviationKind::rounding,
                   "fraction truncated (frac >> 13): rounds toward zero, not to nearest"},
    KnownDeviation{Op::f32_to_f16, DeviationKind::ftz,
                   "below 2^-14 the exponent clamps to 0 and frac >> 13 is often 0: flushed"},
    KnownDeviation{Op::f32_to_f16, DeviationKind::overflow,
                   "65520..65535 truncate to 65504 where round-to-nearest overflows to infinity"},
    KnownDeviation{Op::f32_to_f16, DeviationKind::nan_quiet,
                   "every NaN becomes fraction 1: surprising, quiet NaNs are made signaling"},
    KnownDeviation{Op::f32_to_f16, DeviationKind::other,
                   "surprising: a large number clamps to exponent 31 and keeps frac >> 13, "
                   "so it becomes NaN, not infinity; below 2^-14 frac >> 13 is kept without "
                   "the implicit bit: wrong non-zero subnormals (binary32 subnormals too)"},
    KnownDeviation{Op::f16_to_f32, DeviationKind::nan_quiet,
                   "fraction shifted as is (<< 13): signaling NaNs stay signaling"},
    KnownDeviation{Op::f16_to_f32, DeviationKind::other,
                   "subnormal halves keep exponent 0: m * 2^-136, not m * 2^-24 (surprising: "
                   "classified other, not daz, since the result is a non-zero subnormal)"},
};

class BitfieldBackend final : public Backend {
 public:
  std::string_view name() const override { return "bitfield"; }
  std::string_view description() const override {
    return "classic struct-bitfield rebias and truncate: known non-conformant specimen";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  // Its users assume round-to-nearest; truncation is what they get (declared below).
  bool implements(Op op, Rounding r) const override {
    return (op == Op::f32_to_f16 || op == Op::f16_to_f32) && r == Rounding::rne;
  }
  std::span<const KnownDeviation> known_deviations() const override { return kKnown; }

  void convert(Op op, Rounding, const void* in, void* out, std::size_t n,
               Flags*) const override {
    const auto* src = static_cast<const unsigned char*>(in);
    auto* dst = static_cast<unsigned char*>(out);
    for (std::size_t i = 0; i < n; ++i) {
      if (op == Op::f32_to_f16) {
        F32Bits f;
        std::memcpy(&f, src + 4 * i, 4);
        const F16Bits h = f32_to_f16(f);
        std::memcpy(dst + 2 * i, &h, 2);
      } else {
        F16Bits h;
        std::memcpy(&h, src + 2 * i, 2);
        const F32Bits f = f16_to_f32(h);
        std::memcpy(dst + 4 * i, &f, 4);
      }
    }
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(BitfieldBackend);

}  // namespace fpconform
