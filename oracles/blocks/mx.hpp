// OCP Microscaling (MX v1.0): blocks of 32 elements that share one E8M0 scale X = 2^e. The
// elements are FP8 (E4M3, E5M2), FP6 (E3M2, E2M3), FP4 (E2M1) or INT8 (MXINT8: two's complement,
// value q / 64). A value v of a block is stored as P = quantize(v / X), read back as P * X.
//
// Quantizing is the spec's 6.3 with the shared exponent chosen by one of four named rules (the
// spec gives FLOOR; libraries use the others, which is where they disagree):
//   floor: e = floor(log2 amax) - emax_elem                 (OCP MX v1.0, 6.3)
//   ceil:  the least e with amax <= max_elem * 2^e, exactly  (no element ever clamps)
//   even:  e = floor(log2 rne_p(amax)) - emax_elem, amax first rounded to the element's precision
//          p (ties to even): a block maximum that would round up into the next binade moves the
//          scale up (Microsoft's microxcaling and Modular's "even" scale)
//   rceil: e = ceil(log2 fl(amax * fl(1 / max_elem))): binary32 times the binary32 reciprocal,
//          rounded up to a power of two (PTX cvt.rp.satfinite.ue8m0x2.f32), as NVIDIA's MXFP8
//          recipe computes it. With a correctly rounded division instead of the reciprocal the
//          result would equal ceil's for every binary32 amax: the quotient cannot round down onto
//          a power of two, because max_elem's significand is below 2
// then e is clamped to E8M0's [-127, 127]. Elements are rounded to nearest even and clamped to
// +-max_elem (the spec's "clamped to the maximum normal"); FP8 E4M3 and E5M2 use their
// saturating conversions. A block holding a NaN or an infinity gets the NaN scale 0xFF and zero
// elements (E8M0 has no infinity; this model's choice, stated). A block of zeros gets 2^-127.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fpconform::oracle::blocks {

enum class MxElement : std::uint8_t { e4m3, e5m2, e3m2, e2m3, e2m1, int8 };
enum class ScaleRule : std::uint8_t { floor, ceil, even, rceil };

std::string_view name(MxElement e);  // e4m3 ... int8
std::string_view name(ScaleRule r);  // floor ceil even rceil
std::optional<ScaleRule> parse_scale_rule(std::string_view s);

inline constexpr int kMxBlock = 32;
inline constexpr std::uint8_t kE8m0Nan = 0xFF;

// The element's largest magnitude, its exponent (emax_elem, OCP MX Table 1) and precision.
double max_elem(MxElement e);
int emax_elem(MxElement e);
int precision(MxElement e);  // significand bits, the implicit one included (int8: 7)

// E8M0: the byte e + 127 stands for 2^e; 0xFF is NaN.
double e8m0_value(std::uint8_t scale);  // NaN for 0xFF

// The shared scale byte of a block whose largest magnitude is amax (finite, >= 0).
std::uint8_t shared_scale(float amax, MxElement e, ScaleRule r);

// One element: v / 2^(scale - 127) rounded to the element (its code: the format's byte, or the
// two's complement byte of MXINT8), and back: the code's value times the scale, exactly.
std::uint8_t quantize_element(float v, std::uint8_t scale, MxElement e);
double decode_element(std::uint8_t code, std::uint8_t scale, MxElement e);

struct MxSpec {
  MxElement element = MxElement::e4m3;
  ScaleRule rule = ScaleRule::floor;
  int block = kMxBlock;
};

struct MxQuantized {
  std::vector<std::uint8_t> codes;   // one per value
  std::vector<std::uint8_t> scales;  // one per block of spec.block consecutive values
};

// x in blocks of spec.block consecutive values (the last one may be short).
MxQuantized mx_quantize(std::span<const float> x, const MxSpec& spec);
std::vector<double> mx_decode(const MxQuantized& q, const MxSpec& spec);

}  // namespace fpconform::oracle::blocks
