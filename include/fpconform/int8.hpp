// INT8 vocabulary shared by the oracle, the backends and the checks: integer types, quantization
// rounding, and the named requantization models.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fpconform {

enum class IntType : std::uint8_t { s8, u8 };

struct IntRange {
  std::int32_t min, max;
};
constexpr IntRange range(IntType t) {
  return t == IntType::s8 ? IntRange{-128, 127} : IntRange{0, 255};
}

// How round(x / s) picks an integer: rne = nearbyint (ties to even), rna = std::round (ties away
// from zero), half_up = floor(v + 1/2) taken exactly (ties toward +inf).
enum class QRounding : std::uint8_t { rne, rna, half_up };

// q[i] = clamp(round(fl(x[i] / scale[c])) + zero_point[c], qmin, qmax) with c = i % channels,
// channels = scales.size() (1: per tensor). Row-major K x N weights with one scale per column
// are per-channel over their N output channels. fl() is binary32 division, correctly rounded.
struct QuantSpec {
  IntType type = IntType::s8;
  QRounding rounding = QRounding::rne;
  std::span<const float> scales;
  std::span<const std::int32_t> zero_points;  // same size as scales
};

// int32 accumulator -> int8/uint8, every model from one real multiplier 0 < m < 1:
//   fp32:     q = clamp(rne(fl(fl(acc) * scale)) + z)                       (scale = fl(m))
//   gemmlowp: q = clamp(RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(acc, M0), e) + z)
//             (two roundings: ties up, then ties away; m ~ M0 * 2^-31 * 2^-e, M0 in [2^30, 2^31))
//   rndnu:    q = clamp(((int64)acc * M0 + 2^(s-1)) >> s) + z)  (ties toward +inf; s = 31 + e)
enum class RequantModel : std::uint8_t { fp32, gemmlowp, rndnu };

// Zero points lie in [-2^24, 2^24] (int8 outputs need far less; SIMD backends add them in binary32).
struct Requant {
  RequantModel model = RequantModel::fp32;
  float scale = 0;              // fp32
  std::int32_t multiplier = 0;  // gemmlowp, rndnu: M0
  int shift = 0;                // gemmlowp: e (right shift after the high multiply); rndnu: 31 + e
  std::int32_t zero_point = 0;
  IntType type = IntType::s8;
};

// What a GEMM backend declares it computes (gemm_model() in int8_backend.hpp); the check holds it
// to exactly that, bit for bit (oracles/int8/gemm.hpp).
//   exact:          C = A B.
//   maddubs_sign:   AVX2's vpmaddubsw kernel: u8 A x s8 B products summed in pairs along K
//                   (k = 2i, 2i + 1; an odd K's last one alone) and saturated to int16; s8 A
//                   enters as |a| (u8) times vpsignb(b, a) (b negated where a < 0, and
//                   -(-128) wraps to -128; zero where a = 0).
//   maddubs_shift:  the same pairs for s8 A shifted to u8 (a + 128), less 128 x B's column sums
//                   (exact); u8 A as in maddubs_sign (oneDNN 2.6 without VNNI).
//   smlal_pair_wrap: NEON SMULL + SMLAL then SADALP: exact products summed in pairs along K (k =
//                   2i, 2i + 1; an odd K's last one alone), each pair wrapped to int16 (two's
//                   complement: (-128)(-128) twice is 32768, read as -32768), then summed exactly.
enum class GemmModel : std::uint8_t { exact, maddubs_sign, maddubs_shift, smlal_pair_wrap };

// A GEMM problem: A is M x K (row-major, s8 or u8), B is K x N (row-major, s8), C = A B is
// M x N int32 (row-major).
struct GemmShape {
  int m = 0, n = 0, k = 0;
  friend bool operator==(const GemmShape&, const GemmShape&) = default;
};

std::string format_shape(GemmShape s);  // MxK:KxN
std::string_view name(IntType t);
std::string_view name(QRounding r);
std::string_view name(RequantModel m);
std::string_view name(GemmModel m);
std::optional<IntType> parse_int_type(std::string_view s);
std::optional<QRounding> parse_qrounding(std::string_view s);  // rne, rna, half-up
std::optional<RequantModel> parse_requant_model(std::string_view s);

}  // namespace fpconform
