// The sweep's block fill for f16_div and bf16_div, 8 cases per AVX-512 instruction.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::oracle {

// Whether div_block_avx512 runs for op on this CPU (AVX-512 F/BW/VL/CD/DQ, a 16-bit div).
bool div_block_vectorized(Op op);

// The results of the words first .. first + n - 1, or, where words is given, words[0 .. n - 1];
// false where not vectorized. Lanes with an operand zero, infinite or NaN take the scalar oracle.
bool div_block_avx512(Op op, std::uint32_t first, const std::uint32_t* words, std::size_t n,
                      Rounding r, NanPolicy nan, std::uint16_t* out);

}  // namespace fpconform::oracle
