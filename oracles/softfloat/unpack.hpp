// A value taken apart: sign, and for finite numbers sig * 2^exp with an integer significand;
// and put back together. Inline so that each operation's instantiation folds its formats.
#pragma once

#include <cstdint>

#include "fpconform/format.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::oracle {

struct Unpacked {
  enum class Kind : std::uint8_t { zero, finite, infinity, nan };
  Kind kind;
  bool sign;
  std::int32_t exp;        // finite: value = sig * 2^exp
  std::uint64_t sig;       // finite: non-zero integer significand, < 2^53
  std::uint64_t fraction;  // nan: the raw fraction field (payload and quiet bit)
  bool signaling;          // nan: quiet bit clear
};


inline Unpacked unpack(const Format& f, std::uint64_t container) {
  const std::uint64_t v = (container >> f.shift) & f.value_mask();
  Unpacked u{};
  u.sign = (v >> (f.width() - 1)) & 1;
  const std::uint32_t e = static_cast<std::uint32_t>(v >> f.frac_bits) & f.exp_mask();
  const std::uint64_t m = v & f.frac_mask();

  const bool top_exp = e == f.exp_mask();
  if (f.specials == Specials::ieee && top_exp) {
    u.kind = m == 0 ? Unpacked::Kind::infinity : Unpacked::Kind::nan;
    u.fraction = m;
    u.signaling = m != 0 && (m & f.quiet_bit()) == 0;
    return u;
  }
  if (f.specials == Specials::fn && top_exp && m == f.frac_mask()) {
    u.kind = Unpacked::Kind::nan;  // S.1111.111: quiet by the OCP spec
    u.fraction = m;
    u.signaling = false;
    return u;
  }
  if (e == 0 && m == 0) {
    // fnuz: the pattern of -0 is the format's one NaN (quiet: it has no other).
    u.kind = f.specials == Specials::fnuz && u.sign ? Unpacked::Kind::nan : Unpacked::Kind::zero;
    return u;
  }
  u.kind = Unpacked::Kind::finite;
  if (e == 0) {  // subnormal: 0.m * 2^emin
    u.sig = m;
    u.exp = f.emin() - f.frac_bits;
  } else {  // normal: 1.m * 2^(e - bias)
    u.sig = m | (std::uint64_t{1} << f.frac_bits);
    u.exp = static_cast<std::int32_t>(e) - f.bias - f.frac_bits;
  }
  return u;
}

inline std::uint32_t pack(const Format& f, bool sign, std::uint32_t biased_exp, std::uint32_t fraction) {
  const std::uint32_t v = (std::uint32_t{sign} << (f.width() - 1)) | (biased_exp << f.frac_bits) |
                          fraction;
  return v << f.shift;
}

inline Result pack_infinity(const Format& f, bool sign) {
  return {pack(f, sign, f.exp_mask(), 0), 0};
}

// A zero of f: fnuz has only +0.
inline std::uint32_t pack_zero(const Format& f, bool sign) { return pack(f, sign && f.has_negative_zero(), 0, 0); }

inline Result pack_nan(const Format& f, const Format& from, const Unpacked& a) {
  const Flags flags = a.signaling ? kInvalid : 0;
  if (f.specials == Specials::fn) return {pack(f, a.sign, f.exp_mask(), f.frac_mask()), flags};
  if (f.specials == Specials::fnuz) return {pack(f, true, 0, 0), flags};
  // No NaN to give (OCP MX FP6, FP4): +max finite, and invalid (format.hpp).
  if (f.specials == Specials::none) return {pack(f, false, f.max_finite_exp(), f.max_finite_frac()), kInvalid};
  // Align the payload's top bits with the destination's fraction, then set the quiet bit.
  std::uint64_t m = a.fraction;
  if (from.frac_bits > f.frac_bits)
    m >>= from.frac_bits - f.frac_bits;
  else
    m <<= f.frac_bits - from.frac_bits;
  return {pack(f, a.sign, f.exp_mask(), static_cast<std::uint32_t>((m | f.quiet_bit()) & f.frac_mask())), flags};
}

}  // namespace fpconform::oracle
