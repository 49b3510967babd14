// The second, independent reference: every conversion and arithmetic operation rounded by GNU
// MPFR instead of by our own integer code. It shares nothing with oracles/softfloat but the Result type, so that the two
// can check each other (STYLE.md habit 3).
#pragma once

#include <cstdint>

#include "fpconform/format.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::mpfr_oracle {

oracle::Result convert(const Format& src, const Format& dst, std::uint64_t in, Rounding r,
                       Tininess t = Tininess::after);

// Conversions only: std::invalid_argument for an arithmetic op (use arith).
oracle::Result convert(Op op, std::uint64_t in, Rounding r, Tininess t = Tininess::after);

// Tininess changes nothing but the underflow flag (IEEE 754-2019 7.5), so one rounding serves
// both conventions; sweeps use this to halve the MPFR work.
struct ByTininess {
  oracle::Result after;
  oracle::Result before;
};

ByTininess convert_both(const Format& src, const Format& dst, std::uint64_t in, Rounding r);

ByTininess convert_both(Op op, std::uint64_t in, Rounding r);

// Arithmetic (add, sub, mul, div, sqrt; b unused for sqrt) on an IEEE format f, every rounding
// mode: MPFR's correctly rounded result, into f's exponent range and subnormals, with IEEE flags
// (inexact; underflow under either tininess rule; overflow; 08 division by zero from MPFR's
// divby0 flag; 10 invalid from MPFR's NaN flag or a signaling operand).
// A NaN result is only a class: which NaN an operation returns is the NaN policy's (6.2.3), so
// it is given as f's positive quiet NaN and compared with is_nan().
ByTininess arith_both(const Format& f, Arith op, std::uint32_t a, std::uint32_t b, Rounding r);
// The same on an op's input word (operation.hpp).
ByTininess arith_both(Op op, Word word, Rounding r);
oracle::Result arith(Op op, Word word, Rounding r, Tininess t = Tininess::after);

// a * b + c rounded once (fusedMultiplyAdd), as arith_both; 0 x inf + qNaN signals invalid
// (7.2 (c) leaves that case to the implementation: Arm signals it, x86 does not), so it agrees
// with the oracle under a policy that signals it (arm, canonical).
ByTininess mul_add_both(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c, Rounding r);

// Whether bits (a container of f, an IEEE format) is a NaN.
bool is_nan(const Format& f, std::uint32_t bits);

}  // namespace fpconform::mpfr_oracle
