// Which NaN an arithmetic operation returns: IEEE 754-2019 6.2.3 leaves the choice to the
// implementation, so each backend declares its policy and the oracle's expected NaN follows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fpconform {

enum class NanPolicy : std::uint8_t {
  // x86 SSE/AVX (Intel SDM vol. 1, 4.8.3.5): the first operand that is a NaN, quieted;
  // an invalid operation without NaN operands gives the default NaN, negative (0xFE00, 0xFFC0).
  x86,
  // Arm (ARM ARM FPProcessNaNs): a signaling NaN before a quiet one, the first of each, quieted;
  // the default NaN is positive (0x7E00, 0x7FC0).
  arm,
  // Arm with FPCR.DN set: every NaN result is the positive default NaN.
  arm_default_nan,
  // Every NaN result is 0x7FFF, as CUDA's host-side half and bfloat16 conversions give.
  canonical,
};

std::string_view name(NanPolicy p);
std::optional<NanPolicy> parse_nan_policy(std::string_view s);

}  // namespace fpconform
