// The exact reference for arithmetic: add, sub, mul, div and sqrt on any format, every rounding
// mode, with IEEE flags. Each computes the exact result (or, where it is wider than 64 bits, the
// exact result's leading bits with a sticky bit below them) and rounds it with round_pack, the
// same rounding as every conversion. Integer-only, like the conversions.
#pragma once

#include <cstdint>

#include "fpconform/format.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::oracle {

// Operands and results are containers of f. A NaN result is the one `nan` picks (6.2.3).
Result add(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan);
Result sub(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan);
Result mul(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan);
Result div(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan);
Result sqrt(const Format& f, std::uint32_t a, Rounding r, Tininess t, NanPolicy nan);
// a * b + c rounded once (fusedMultiplyAdd): f16_mulAdd, bf16_mulAdd.
Result mul_add(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c, Rounding r,
               Tininess t, NanPolicy nan);

// An arithmetic op on its input word (operation.hpp: the operands side by side).
Result arith(Op op, Word word, Rounding r, Tininess t = Tininess::after,
             NanPolicy nan = NanPolicy::x86);

// The same, rounded to d instead of the op's own format (d at least as wide): what
// classification asks, e.g. whether the exact result is a tie at the op's precision.
Result arith_into(Op op, Word word, const Format& d, Rounding r,
                  Tininess t = Tininess::after, NanPolicy nan = NanPolicy::x86);

// Results of the sweep's n inputs first, first + 1, ... (operation.hpp, sweep_word) of a 16-bit
// arithmetic op (a sweep's block), tininess after rounding: one loop per format and operation.
void arith_block(Op op, std::uint64_t first, std::size_t n, Rounding r, NanPolicy nan,
                 std::uint16_t* out);

// Any op: a conversion (where the NaN policy plays no part) or arithmetic.
Result evaluate(Op op, Word word, Rounding r, Tininess t = Tininess::after,
                NanPolicy nan = NanPolicy::x86);

}  // namespace fpconform::oracle
