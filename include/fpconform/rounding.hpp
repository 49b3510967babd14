// Rounding modes and IEEE 754 exception flags. The mode is always passed in; there is no global mode.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fpconform {

enum class Rounding : std::uint8_t {
  rne,  // roundTiesToEven
  rtz,  // roundTowardZero
  rdn,  // roundTowardNegative
  rup,  // roundTowardPositive
  rna,  // roundTiesToAway
};

inline constexpr std::array kRoundings{Rounding::rne, Rounding::rtz, Rounding::rdn, Rounding::rup,
                                       Rounding::rna};

std::string_view name(Rounding r);
// Accepts fpconform's names and TestFloat's (near_even, minMag, min, max, near_maxMag).
std::optional<Rounding> parse_rounding(std::string_view s);

// Berkeley TestFloat's flag byte.
using Flags = std::uint8_t;
inline constexpr Flags kInexact = 0x01;
inline constexpr Flags kUnderflow = 0x02;
inline constexpr Flags kOverflow = 0x04;
inline constexpr Flags kInfinite = 0x08;
inline constexpr Flags kInvalid = 0x10;

// When a result counts as tiny (IEEE 754-2019 7.5): x86 and RISC-V detect after rounding, Arm before.
enum class Tininess : std::uint8_t { after, before };

std::string_view name(Tininess t);
std::optional<Tininess> parse_tininess(std::string_view s);

}  // namespace fpconform
