// mulAdd: a * b + c with one rounding (IEEE 754-2019 5.4.1 fusedMultiplyAdd): the exact product
// (at most 2 x 24 bits) added exactly to c by add_exact, then rounded.
#pragma once

#include "oracles/softfloat/add.hpp"
#include "oracles/softfloat/nan_result.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform::oracle::detail {

[[gnu::always_inline]] inline Result mul_add_impl(const Format& f, const Format& d, std::uint32_t a, std::uint32_t b,
                                                   std::uint32_t c, Rounding r, Tininess t, NanPolicy nan) {
  using K = Unpacked::Kind;
  const Unpacked x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
  const bool invalid_product =
      (x.kind == K::infinity && y.kind == K::zero) || (x.kind == K::zero && y.kind == K::infinity);
  if (x.kind == K::nan || y.kind == K::nan || z.kind == K::nan) {
    // 7.2 (c): for 0 x inf + qNaN, whether invalid is signaled is the implementation's. Arm's
    // FPMulAdd signals it and gives the default NaN. x86's VFMADD does not signal it and passes
    // the NaN on (Intel SDM: NaN operands are handled before the invalid product; measured on
    // a Xeon with vfmadd231ss/sd/sh: MXCSR.IE stays clear); canonical keeps IEEE's other choice,
    // as SoftFloat does. Arm takes the addend's NaN first (FPProcessNaNs3(addend, op1, op2));
    // x86's order depends on which of vfmadd132/213/231 the compiler picked: the policy takes
    // a, b, c.
    const bool arm = nan == NanPolicy::arm || nan == NanPolicy::arm_default_nan;
    if (invalid_product && arm && !z.signaling) return default_nan(d, nan);
    Result res = arm ? propagate_nan(f, d, nan, {c, a, b}) : propagate_nan(f, d, nan, {a, b, c});
    if (invalid_product && nan != NanPolicy::x86) res.flags |= kInvalid;
    return res;
  }
  if (invalid_product) return default_nan(d, nan);  // 7.2 (c)
  const bool sign = x.sign != y.sign;
  if (x.kind == K::infinity || y.kind == K::infinity) {
    if (z.kind == K::infinity && z.sign != sign) return default_nan(d, nan);  // inf - inf
    return pack_infinity(d, sign);
  }
  if (z.kind == K::infinity) return pack_infinity(d, z.sign);
  // 6.3: an exact zero sum is +0, or -0 in roundTowardNegative, unless both terms are -0.
  if (x.kind == K::zero || y.kind == K::zero) {
    if (z.kind == K::zero) return {pack(d, sign == z.sign ? sign : r == Rounding::rdn, 0, 0), 0};
    return round_pack(d, z.sign, z.exp, z.sig, r, t);
  }
  const std::int64_t exp = std::int64_t{x.exp} + y.exp;
  const std::uint64_t sig = x.sig * y.sig;
  if (z.kind == K::zero) return round_pack(d, sign, static_cast<std::int32_t>(exp), sig, r, t);
  return add_exact(d, sign, exp, sig, z.sign, z.exp, z.sig, r, t);
}

}  // namespace fpconform::oracle::detail
