// A value taken apart: sign, and for finite numbers sig * 2^exp with an integer significand.
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
  std::uint64_t sig;       // finite: non-zero integer significand
  std::uint32_t fraction;  // nan: the raw fraction field (payload and quiet bit)
  bool signaling;          // nan: quiet bit clear
};

Unpacked unpack(const Format& f, std::uint32_t container);

// Rounds sign * sig * 2^exp (sig != 0) to f under r, IEEE 754-2019 4.3, 7.4, 7.5.
Result round_pack(const Format& f, bool sign, std::int32_t exp, std::uint64_t sig, Rounding r,
                  Tininess t);

// The NaN of f that carries a's sign and the top bits of its payload, quieted (6.2.3).
Result pack_nan(const Format& f, const Format& from, const Unpacked& a);

Result pack_infinity(const Format& f, bool sign);
std::uint32_t pack(const Format& f, bool sign, std::uint32_t biased_exp, std::uint32_t fraction);

}  // namespace fpconform::oracle
