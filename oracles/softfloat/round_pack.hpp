// Rounding an exact value to a format: the one algorithm behind every narrowing conversion.
#pragma once

#include <bit>

#include "oracles/softfloat/unpack.hpp"

namespace fpconform::oracle {

namespace detail {

struct Rounded {
  std::uint64_t n;  // the result is n * 2^q
  bool inexact;
};

// Rounds sig * 2^exp to an integer multiple of 2^q (IEEE 754-2019 4.3).
//
//   sig * 2^exp = (n + rem / 2^d) * 2^q,  d = q - exp,  0 <= rem < 2^d
//
// sig < 2^64, so for d > 64 the exact value lies strictly between 0 and half a quantum. An
// arithmetic result wider than 64 bits arrives with a sticky bit in its lowest place.
[[gnu::always_inline]] inline Rounded round_to_quantum(bool sign, std::int32_t exp, std::uint64_t sig, std::int32_t q,
                         Rounding r) {
  if (exp >= q) return {sig << (exp - q), false};
  const std::int32_t d = q - exp;
  if (d > 64) {
    const bool up = (r == Rounding::rup && !sign) || (r == Rounding::rdn && sign);
    return {up ? 1u : 0u, true};
  }
  if (d == 64) {  // n = 0; the shifts below would be of 64 places
    const bool inexact = true;  // sig != 0
    const std::uint64_t half = std::uint64_t{1} << 63;
    bool up = false;
    switch (r) {
      case Rounding::rne: up = sig > half; break;
      case Rounding::rna: up = sig >= half; break;
      case Rounding::rtz: break;
      case Rounding::rup: up = !sign; break;
      case Rounding::rdn: up = sign; break;
    }
    return {up ? 1u : 0u, inexact};
  }
  const std::uint64_t n = sig >> d;
  const std::uint64_t rem = sig & ((std::uint64_t{1} << d) - 1);
  const std::uint64_t half = std::uint64_t{1} << (d - 1);
  const bool inexact = rem != 0;
  bool up = false;
  switch (r) {
    case Rounding::rne: up = rem > half || (rem == half && (n & 1)); break;
    case Rounding::rna: up = rem >= half; break;
    case Rounding::rtz: up = false; break;
    case Rounding::rup: up = inexact && !sign; break;
    case Rounding::rdn: up = inexact && sign; break;
  }
  return {n + up, inexact};
}

inline int floor_log2(std::uint64_t x) { return 63 - std::countl_zero(x); }

}  // namespace detail

// Rounds sign * sig * 2^exp (sig != 0) to f under r, IEEE 754-2019 4.3, 7.4, 7.5.
[[gnu::always_inline]] inline Result round_pack(const Format& f, bool sign, std::int32_t exp, std::uint64_t sig, Rounding r,
                  Tininess t) {
  const std::int32_t top = exp + detail::floor_log2(sig);  // floor(log2 |x|)

  // Tininess (7.5): before rounding, |x| < 2^emin; after rounding, the result rounded with an
  // unbounded exponent range is below 2^emin.
  bool tiny = top < f.emin();
  if (t == Tininess::after && tiny) {
    const detail::Rounded u = detail::round_to_quantum(sign, exp, sig, top - f.frac_bits, r);
    tiny = u.n < (std::uint64_t{2} << f.frac_bits);  // did not carry into 2^(top + 1) = 2^emin
    if (top + 1 < f.emin()) tiny = true;
  }

  // The quantum: 2^(e - p + 1) in the binade of x, never below the subnormal quantum.
  std::int32_t q = (top > f.emin() ? top : f.emin()) - f.frac_bits;
  detail::Rounded x = detail::round_to_quantum(sign, exp, sig, q, r);
  if (x.n == (std::uint64_t{2} << f.frac_bits)) {  // carried into the next binade
    x.n >>= 1;
    ++q;
  }

  Flags flags = x.inexact ? kInexact : 0;
  if (tiny && x.inexact) flags |= kUnderflow;
  if (x.n == 0) return {pack_zero(f, sign), flags};

  const bool normal = x.n >= (std::uint64_t{1} << f.frac_bits);
  const std::int64_t biased = normal ? std::int64_t{q} + f.frac_bits + f.bias : 0;
  const std::uint32_t frac = static_cast<std::uint32_t>(x.n) & f.frac_mask();
  const bool overflow =
      biased > f.max_finite_exp() || (biased == f.max_finite_exp() && frac > f.max_finite_frac());
  if (!overflow) return {pack(f, sign, static_cast<std::uint32_t>(biased), frac), flags};

  // Overflow (7.4): infinity for the nearest modes and for rounding away from zero's direction,
  // the largest finite number otherwise. A format without infinity gives NaN in its place,
  // and a saturating format always gives the largest finite number.
  flags = kOverflow | kInexact;
  const bool to_infinity = r == Rounding::rne || r == Rounding::rna ||
                           (r == Rounding::rup && !sign) || (r == Rounding::rdn && sign);
  if (f.saturating || !to_infinity || f.specials == Specials::none)
    return {pack(f, sign, f.max_finite_exp(), f.max_finite_frac()), flags};
  if (f.specials == Specials::fn) return {pack(f, sign, f.exp_mask(), f.frac_mask()), flags};
  if (f.specials == Specials::fnuz) return {pack(f, true, 0, 0), flags};  // its one NaN
  return {pack(f, sign, f.exp_mask(), 0), flags};
}

}  // namespace fpconform::oracle
