// Mismatch classification: class of the case (from the oracle's view) and kind of deviation.
#pragma once

#include <cstdint>
#include <optional>

#include "fpconform/deviation.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform {

// What classification asks the oracle about a finite input besides its result: the two values a
// correct rounding may choose between, and whether the input lies exactly halfway. A caller that
// already has them (the sweep, from its steps) passes them in; otherwise they are computed.
struct Neighbours {
  std::uint32_t toward;  // rounded toward zero
  std::uint32_t away;    // rounded away from zero
  bool tie;              // exactly halfway between two values of the destination
};

// Which class the case (input, expected result) falls in.
CaseClass classify_case(Op op, Word input, const oracle::Result& expected,
                        const Neighbours* known = nullptr);

// nullopt when got equals expected (bits, and flags when compare_flags).
std::optional<DeviationKind> classify_deviation(Op op, Word input, std::uint32_t got,
                                                Flags got_flags, bool compare_flags,
                                                const oracle::Result& expected,
                                                const Neighbours* known = nullptr);

}  // namespace fpconform

namespace fpconform {

// An arithmetic op's mismatch is classified by recomputing the case: under rtz and the directed
// modes (the neighbours), and with subnormal operands read as zero (daz). That needs the run's
// mode and the backend's declared behaviour.
struct ArithContext {
  Rounding r;
  Tininess t;
  NanPolicy nan;
};

// classify_deviation for any op; ctx is used by arithmetic ops only.
std::optional<DeviationKind> classify_deviation(Op op, Word input, std::uint32_t got,
                                                Flags got_flags, bool compare_flags,
                                                const oracle::Result& expected,
                                                const ArithContext& ctx);

}  // namespace fpconform
