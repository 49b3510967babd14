// Mismatch classification: class of the case (from the oracle's view) and kind of deviation.
#pragma once

#include <cstdint>
#include <optional>

#include "fpconform/deviation.hpp"
#include "fpconform/operation.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform {

// Which class the case (input, expected result) falls in.
CaseClass classify_case(Op op, std::uint32_t input, const oracle::Result& expected);

// nullopt when got equals expected (bits, and flags when compare_flags).
std::optional<DeviationKind> classify_deviation(Op op, std::uint32_t input, std::uint32_t got,
                                                Flags got_flags, bool compare_flags,
                                                const oracle::Result& expected);

}  // namespace fpconform
