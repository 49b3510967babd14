// The AVX-512 block fill behind oracle::arith_block (add, sub and mul of binary16 and bfloat16;
// div through div_block_avx512.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::oracle {

// Whether arith_block takes the vector path for (op, r) on this CPU (AVX-512 F, BW, VL, CD, DQ).
bool arith_block_vectorized(Op op, Rounding r);

// arith_block's results for words first .. first + n - 1, or false where not vectorized.
bool arith_block_avx512(Op op, std::uint32_t first, std::size_t n, Rounding r, NanPolicy nan,
                        std::uint16_t* out);
// The same for the n words given, in their order.
bool arith_block_avx512_words(Op op, const std::uint32_t* words, std::size_t n, Rounding r,
                              NanPolicy nan, std::uint16_t* out);

}  // namespace fpconform::oracle
