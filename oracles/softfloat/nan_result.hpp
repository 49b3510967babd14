// NaN results of arithmetic under a backend's declared policy (fpconform/nan_policy.hpp).
#pragma once

#include <initializer_list>

#include "fpconform/nan_policy.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform::oracle {

// The NaN an invalid operation without NaN operands gives (7.2), with the invalid flag.
inline Result default_nan(const Format& f, NanPolicy p) {
  if (p == NanPolicy::canonical) return {pack(f, false, f.exp_mask(), f.frac_mask()), kInvalid};
  return {pack(f, p == NanPolicy::x86, f.exp_mask(), f.quiet_bit()), kInvalid};
}

// The result when at least one operand (of format f) is a NaN (6.2.3), in d (as wide as f or
// wider): invalid when any is signaling.
inline Result propagate_nan(const Format& f, const Format& d, NanPolicy p, std::initializer_list<std::uint32_t> operands) {
  const Unpacked* pick = nullptr;
  Unpacked first_quiet{}, first_signaling{};
  bool have_quiet = false, have_signaling = false;
  Flags flags = 0;
  for (std::uint32_t x : operands) {
    const Unpacked u = unpack(f, x);
    if (u.kind != Unpacked::Kind::nan) continue;
    if (u.signaling) {
      flags = kInvalid;
      if (!have_signaling) first_signaling = u, have_signaling = true;
    } else if (!have_quiet) {
      first_quiet = u, have_quiet = true;
    }
    if (p == NanPolicy::x86 && !pick) pick = u.signaling ? &first_signaling : &first_quiet;
  }
  switch (p) {
    case NanPolicy::x86: break;
    case NanPolicy::arm: pick = have_signaling ? &first_signaling : &first_quiet; break;
    case NanPolicy::arm_default_nan: return {pack(d, false, d.exp_mask(), d.quiet_bit()), flags};
    case NanPolicy::canonical: return {pack(d, false, d.exp_mask(), d.frac_mask()), flags};
  }
  const std::uint32_t payload = pick->fraction << (d.frac_bits - f.frac_bits);
  return {pack(d, pick->sign, d.exp_mask(), payload | d.quiet_bit()), flags};
}

}  // namespace fpconform::oracle
