// The two classifications of every mismatch (DESIGN.md, Conformance semantics).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fpconform {

// What kind of input/result the case is, judged from the oracle's view.
enum class CaseClass : std::uint8_t {
  zero,
  subnormal_input,
  normal,
  exact_tie,
  overflow,
  underflow_subnormal,
  underflow_zero,
  infinity,
  quiet_nan,
  signaling_nan,
};
inline constexpr int kCaseClassCount = 10;

// How the backend's result differs from the oracle's.
enum class DeviationKind : std::uint8_t {
  rounding,     // a finite result differs
  ftz,          // a subnormal result flushed to +-0
  daz,          // a subnormal input read as +-0
  overflow,     // an overflowing case or infinity given infinity / max finite / NaN wrongly
  nan_lost,     // a NaN became a number or infinity: always fatal
  nan_quiet,    // the NaN result is signaling (an sNaN not quieted, or a NaN made signaling)
  nan_sign,     // NaN with the other sign
  nan_payload,  // NaN with other payload bits
  signed_zero,  // +0 versus -0
  flags,        // result right, exception flags wrong
  other,        // neither neighbour of the exact value, or a number became NaN
  // the exact result rounded to binary32 first, then to the format (a mulAdd through binary32)
  double_rounding,
};
inline constexpr int kDeviationKindCount = 12;

std::string_view name(CaseClass c);
std::string_view name(DeviationKind k);
std::optional<CaseClass> parse_case_class(std::string_view s);
std::optional<DeviationKind> parse_deviation_kind(std::string_view s);

}  // namespace fpconform
