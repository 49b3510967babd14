// The exact reference: every conversion, every rounding mode, with IEEE flags.
// Integer-only: no floating-point hardware, no SIMD, no dependence on a global mode.
#pragma once

#include <cstdint>

#include "fpconform/format.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::oracle {

struct Result {
  std::uint32_t bits;  // destination container
  Flags flags;
  friend bool operator==(const Result&, const Result&) = default;
};

// One algorithm for every pair of formats: unpack, round to the destination, pack.
// in: the source container, 64 bits for a binary64 source.
Result convert(const Format& src, const Format& dst, std::uint64_t in, Rounding r,
               Tininess t = Tininess::after);

Result convert(Op op, std::uint64_t in, Rounding r, Tininess t = Tininess::after);

// Named entry points, one per operation (TestFloat's names).
Result f16_to_f32(std::uint16_t a);
Result bf16_to_f32(std::uint16_t a);
Result e4m3_to_f32(std::uint8_t a);
Result e5m2_to_f32(std::uint8_t a);
Result f32_to_f16(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_bf16(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_tf32(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_e4m3(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_e4m3_sat(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_e5m2(std::uint32_t a, Rounding r, Tininess t = Tininess::after);
Result f32_to_e5m2_sat(std::uint32_t a, Rounding r, Tininess t = Tininess::after);

}  // namespace fpconform::oracle
