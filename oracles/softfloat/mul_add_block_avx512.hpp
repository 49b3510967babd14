// The sweep's block fill for f16_mulAdd and bf16_mulAdd (a block is one (c, a) and a run of b,
// operation.hpp's sweep_word), 8 cases per AVX-512 instruction in 64-bit lanes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::oracle {

// The results of a * b + c for b = b0 .. b0 + n - 1 (b0 + n <= 2^16), or false where this
// fill does not apply (no AVX-512 F/BW/VL/CD/DQ, not a 16-bit mulAdd): then the caller computes
// them. Lanes with b zero, infinite or NaN, and exact zero sums, are computed by the scalar
// oracle, as are whole blocks whose a or c is zero, infinite or NaN.
bool mul_add_block_avx512(Op op, std::uint32_t a, std::uint32_t c, std::uint32_t b0, std::size_t n,
                          Rounding r, NanPolicy nan, std::uint16_t* out);

}  // namespace fpconform::oracle
