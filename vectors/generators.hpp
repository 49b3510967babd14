// RapidCheck generators of binary32 inputs aimed at a destination format (DESIGN.md, Inputs):
// a commented table of special values, the destination's boundaries computed from its Format,
// and weighted random cases that favour what breaks conversions: exact ties at the rounding
// point in every binade (the subnormal ones too), +-1 ulp around them, the overflow threshold,
// the normal/subnormal and subnormal/zero boundaries, NaN payloads, signed zeros, infinities.
// Header-only: suites link RapidCheck, the vectors library does not.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "fpconform/format.hpp"

namespace fpconform::generators {

inline constexpr std::uint32_t kSignBit = 0x80000000u;
inline constexpr std::uint32_t kFracMask = 0x7FFFFFu;
inline constexpr std::uint32_t kInfBits = 0x7F800000u;

struct Special {
  std::uint32_t bits;
  std::string_view what;
};

// binary32 values every conversion must get right, whatever the destination.
//                                       s eeeeeeee fffffffffffffffffffffff
inline constexpr std::array kBinary32Specials{
    Special{0x00000000u, "+0"},
    Special{0x80000000u, "-0"},
    Special{0x7F800000u, "+infinity"},
    Special{0xFF800000u, "-infinity"},
    Special{0x7FC00000u, "default quiet NaN"},
    Special{0xFFC00000u, "-quiet NaN (x86's default NaN)"},
    Special{0x7FFFFFFFu, "quiet NaN, every payload bit"},
    Special{0x7F800001u, "signaling NaN, payload only in the lowest bit (dropped by narrowing)"},
    Special{0x7FA00000u, "signaling NaN, payload in the top bit below the quiet bit"},
    Special{0xFFBFFFFFu, "-signaling NaN, every payload bit"},
    Special{0x00000001u, "smallest subnormal, 2^-149"},
    Special{0x80000001u, "-smallest subnormal"},
    Special{0x007FFFFFu, "largest subnormal"},
    Special{0x00800000u, "smallest normal, 2^-126"},
    Special{0x7F7FFFFFu, "largest finite"},
    Special{0xFF7FFFFFu, "-largest finite"},
    Special{0x3F800000u, "1"},
    Special{0xBF800000u, "-1"},
    Special{0x3F800001u, "1 + 2^-23: inexact everywhere, rounds by the sticky bit alone"},
    Special{0x3FFFFFFFu, "2 - 2^-23: every mode but rtz/rdn carries into the next binade"},
    Special{0x33000000u, "2^-25: half the smallest binary16 subnormal, ties to 0 in rne"},
    Special{0x33000001u, "2^-25 + 1 ulp: rounds up to the smallest binary16 subnormal"},
    Special{0x477FE000u, "65504: binary16's largest finite"},
    Special{0x477FF000u, "65520: binary16's overflow tie, infinity in rne"},
    Special{0x477FEFFFu, "65520 - 1 ulp: binary16's max in rne"},
    Special{0x387FC000u, "binary16's largest subnormal"},
    Special{0x38800000u, "2^-14: binary16's smallest normal"},
    Special{0x43E00000u, "448: e4m3fn's largest finite"},
    Special{0x43E80000u, "464: e4m3fn's overflow tie, 448 in rne (even), NaN in rna"},
    Special{0x47600000u, "57344: e5m2's largest finite"},
    Special{0x47700000u, "61440: e5m2's overflow tie"},
    Special{0x7F7F0000u, "bfloat16's largest finite"},
    Special{0x7F7F8000u, "bfloat16's overflow tie"},
    Special{0x7F7FE000u, "tf32's largest finite"},
};

// The binary32 bits of sig * 2^exp (sig < 2^24), which must be exact in binary32; +infinity
// when it is above binary32's range.
constexpr std::uint32_t exact_bits(std::uint64_t sig, int exp) {
  if (sig == 0) return 0;
  int top = 0;
  while ((sig >> (top + 1)) != 0) ++top;
  const int e = exp + top;  // sig * 2^exp = 1.xxx * 2^e
  if (e > 127) return kInfBits;
  if (e >= -126)
    return (static_cast<std::uint32_t>(e + 127) << 23) |
           (static_cast<std::uint32_t>(sig << (23 - top)) & kFracMask);
  return static_cast<std::uint32_t>(sig << (exp + 149));  // subnormal: units of 2^-149
}

// Where a destination format's behaviour changes, as positive binary32 bits.
struct Boundaries {
  std::uint32_t max_finite;     // the largest finite number
  std::uint32_t overflow_tie;   // halfway from it to the next step: infinity from here in rne/rna
  std::uint32_t next_binade;    // 2^(emax + 1): beyond every finite result
  std::uint32_t min_normal;     // 2^emin
  std::uint32_t max_subnormal;  // (2^F - 1) * 2^(emin - F)
  std::uint32_t normal_tie;     // halfway between max_subnormal and min_normal
  std::uint32_t min_subnormal;  // 2^(emin - F)
  std::uint32_t zero_tie;       // 2^(emin - F - 1): half the smallest subnormal, ties to 0 in rne
};

constexpr Boundaries boundaries(const Format& d) {
  const int f = d.frac_bits;
  const int emax = static_cast<int>(d.max_finite_exp()) - d.bias;
  const std::uint64_t max_sig = (std::uint64_t{1} << f) | d.max_finite_frac();
  return {
      exact_bits(max_sig, emax - f),
      exact_bits(2 * max_sig + 1, emax - f - 1),
      exact_bits(1, emax + 1),
      exact_bits(1, d.emin()),
      exact_bits((std::uint64_t{1} << f) - 1, d.emin() - f),
      exact_bits((std::uint64_t{2} << f) - 1, d.emin() - f - 1),
      exact_bits(1, d.emin() - f),
      exact_bits(1, d.emin() - f - 1),
  };
}

// How many low binary32 significand bits the destination drops in the binade of biased
// exponent e (more where the destination is subnormal), capped at 24:
//   significand  1.fffffffffff|ddddddddddddd   (13 for binary16 normals)
//                      kept   ^ dropped; a tie is kept bits followed by 1000...0
constexpr int dropped_bits(const Format& d, std::uint32_t e) {
  const int unbiased = static_cast<int>(e == 0 ? 1 : e) - 127;
  return std::clamp(23 - d.frac_bits + std::max(0, d.emin() - unbiased), 0, 24);
}

// Adds a signed offset to a magnitude, staying in [0, 0x7FFFFFFF]: neighbours in value order.
constexpr std::uint32_t nudge(std::uint32_t magnitude, int offset) {
  const std::int64_t m = std::int64_t{magnitude} + offset;
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(m, 0, 0x7FFFFFFF));
}

// +-1 and +-2 ulps around a point, and the point itself most often.
inline rc::Gen<int> small_offset() {
  return rc::gen::weightedOneOf<int>({{4, rc::gen::just(0)},
                                      {4, rc::gen::elementOf(std::array{-1, 1})},
                                      {2, rc::gen::elementOf(std::array{-2, 2, -3, 3})}});
}

inline rc::Gen<std::uint32_t> sign_bit() {
  return rc::gen::elementOf(std::array{0u, kSignBit});
}

// Every 32-bit pattern equally likely.
inline rc::Gen<std::uint32_t> uniform_binary32() {
  return rc::gen::cast<std::uint32_t>(rc::gen::inRange<std::uint64_t>(0, std::uint64_t{1} << 32));
}

inline rc::Gen<std::uint32_t> special_binary32() {
  std::array<std::uint32_t, kBinary32Specials.size()> bits{};
  for (std::size_t i = 0; i < bits.size(); ++i) bits[i] = kBinary32Specials[i].bits;
  return rc::gen::elementOf(bits);
}

// Exact ties at d's rounding point, in every binade from the one whose only tie is half the
// smallest subnormal up to the overflow threshold, and +-1..3 ulps around them.
inline rc::Gen<std::uint32_t> tie_binary32(const Format& d) {
  const int f = d.frac_bits;
  const int emax = static_cast<int>(d.max_finite_exp()) - d.bias;
  const auto lo = static_cast<std::uint32_t>(std::clamp(d.emin() - f - 1 + 127, 0, 254));
  const auto hi = static_cast<std::uint32_t>(std::clamp(emax + 1 + 127, 0, 254));
  return rc::gen::apply(
      [d](std::uint32_t sign, std::uint32_t e, std::uint32_t kept, int offset) {
        const int k = dropped_bits(d, e);
        std::uint32_t frac = kept & kFracMask;
        if (k >= 1 && k <= 23)
          frac = (frac & ~((1u << k) - 1)) | (1u << (k - 1));  // kept bits, then 1000...0
        else if (k == 24)
          frac = 0;  // the binade's only tie: 2^x, half of the quantum 2^(x + 1)
        return sign | nudge((e << 23) | frac, offset);
      },
      sign_bit(), rc::gen::inRange<std::uint32_t>(lo, hi + 1),
      rc::gen::inRange<std::uint32_t>(0, 1u << 23), small_offset());
}

// Near d's boundaries: the overflow threshold, the normal/subnormal boundary, the
// subnormal/zero boundary (2^-25 and 2^-24 for binary16), a few ulps either side.
inline rc::Gen<std::uint32_t> boundary_binary32(const Format& d) {
  const Boundaries b = boundaries(d);
  const std::array points{b.max_finite,    b.overflow_tie, b.next_binade,   b.min_normal,
                          b.max_subnormal, b.normal_tie,   b.min_subnormal, b.zero_tie};
  return rc::gen::apply(
      [](std::uint32_t sign, std::uint32_t point, int offset) {
        return sign | nudge(point, offset);
      },
      sign_bit(), rc::gen::elementOf(points), small_offset());
}

// NaNs of both signs, quiet and signaling, with payload bits where the destination keeps them
// (just below the quiet bit), where it drops them (the low bits), one bit, all bits, or random.
inline rc::Gen<std::uint32_t> nan_binary32(const Format& d) {
  const int kept_payload_bits = std::max(d.frac_bits - 1, 0);
  const std::uint32_t kept = ((1u << kept_payload_bits) - 1) << (22 - kept_payload_bits);
  const std::uint32_t dropped = (1u << (22 - kept_payload_bits)) - 1;
  const auto random22 = rc::gen::inRange<std::uint32_t>(0, 1u << 22);
  const auto payload = rc::gen::weightedOneOf<std::uint32_t>({
      {1, rc::gen::just(0u)},
      {1, rc::gen::just(0x3FFFFFu)},
      {2, rc::gen::map(rc::gen::inRange(0, 22), [](int i) { return 1u << i; })},
      {3, rc::gen::map(random22, [kept](std::uint32_t p) { return p & kept; })},
      {2, rc::gen::map(random22, [dropped](std::uint32_t p) { return p & dropped; })},
      {3, random22},
  });
  return rc::gen::apply(
      [](std::uint32_t sign, bool quiet, std::uint32_t p) {
        if (!quiet && p == 0) p = 1;  // a signaling NaN needs a payload (else infinity)
        return sign | kInfBits | (quiet ? 0x400000u : 0u) | p;
      },
      sign_bit(), rc::gen::arbitrary<bool>(), payload);
}

// Any fraction in the binades where d is interesting: from below its smallest subnormal to
// above its largest finite number.
inline rc::Gen<std::uint32_t> in_range_binary32(const Format& d) {
  const int emax = static_cast<int>(d.max_finite_exp()) - d.bias;
  const auto lo = static_cast<std::uint32_t>(std::clamp(d.emin() - d.frac_bits - 3 + 127, 0, 254));
  const auto hi = static_cast<std::uint32_t>(std::clamp(emax + 2 + 127, 0, 254));
  return rc::gen::apply(
      [](std::uint32_t sign, std::uint32_t e, std::uint32_t frac) {
        return sign | (e << 23) | frac;
      },
      sign_bit(), rc::gen::inRange<std::uint32_t>(lo, hi + 1),
      rc::gen::inRange<std::uint32_t>(0, 1u << 23));
}

// binary32's own subnormals: zero in most destinations, read as zero by DAZ hardware.
inline rc::Gen<std::uint32_t> subnormal_binary32() {
  return rc::gen::apply([](std::uint32_t sign, std::uint32_t frac) { return sign | frac; },
                        sign_bit(), rc::gen::inRange<std::uint32_t>(1, 1u << 23));
}

// The mix the narrowing properties run on.
inline rc::Gen<std::uint32_t> binary32_for(const Format& d) {
  return rc::gen::weightedOneOf<std::uint32_t>({
      {30, tie_binary32(d)},
      {20, boundary_binary32(d)},
      {15, in_range_binary32(d)},
      {8, nan_binary32(d)},
      {5, special_binary32()},
      {4, subnormal_binary32()},
      {18, uniform_binary32()},
  });
}

}  // namespace fpconform::generators
