// The second, independent reference: every conversion rounded by GNU MPFR instead of by our own
// integer code. It shares nothing with oracles/softfloat but the Result type, so that the two
// can check each other (STYLE.md habit 3).
#pragma once

#include <cstdint>

#include "fpconform/format.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::mpfr_oracle {

oracle::Result convert(const Format& src, const Format& dst, std::uint32_t in, Rounding r,
                       Tininess t = Tininess::after);

oracle::Result convert(Op op, std::uint32_t in, Rounding r, Tininess t = Tininess::after);

// Tininess changes nothing but the underflow flag (IEEE 754-2019 7.5), so one rounding serves
// both conventions; sweeps use this to halve the MPFR work.
struct ByTininess {
  oracle::Result after;
  oracle::Result before;
};

ByTininess convert_both(const Format& src, const Format& dst, std::uint32_t in, Rounding r);

ByTininess convert_both(Op op, std::uint32_t in, Rounding r);

}  // namespace fpconform::mpfr_oracle
