// What people look up about a format (torch.finfo's numbers), computed from its description
// alone: the largest finite, smallest normal and subnormal, epsilon, and its special values.
#pragma once

#include <cstdint>
#include <string>

#include "fpconform/format.hpp"

namespace fpconform::oracle {

struct FormatFacts {
  // Each value is exact as a double (every format here has at most 53 significand bits and
  // binary64's exponent range at most) and also a bit pattern in the format's container.
  double max_finite, min_normal, min_subnormal, epsilon;
  std::uint64_t max_finite_bits, min_normal_bits, min_subnormal_bits;
  int emax, emin;     // unbiased exponents of the largest and smallest normal binades
  int precision;      // significand bits, the implicit one included
  bool has_subnormals = true;  // false: min_subnormal repeats min_normal (E8M0)
  std::string specials;  // "±inf; NaN: exponent all ones, fraction not 0 (quiet: its top bit)" ...
  std::string overflow;  // what a conversion that overflows gives
};

FormatFacts format_facts(const Format& f);

}  // namespace fpconform::oracle
