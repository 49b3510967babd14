#include "checks/classify.hpp"

#include <algorithm>
#include <stdexcept>

#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform {
namespace {

using oracle::Unpacked;

bool is_subnormal(const Format& f, std::uint64_t container) {
  const std::uint64_t v = container >> f.shift;
  return ((v >> f.frac_bits) & f.exp_mask()) == 0 && (v & f.frac_mask()) != 0;
}

// dst with one more fraction bit and one more exponent bit, same bias (see is_exact_tie).
Format finer(const Format& dst) {
  Format f = dst;
  f.frac_bits += 1;
  f.exp_bits += 1;
  f.container_bits = 32;
  f.shift = 0;
  f.specials = Specials::ieee;
  f.saturating = false;
  return f;
}

// x is an exact tie at the destination's precision iff it is exact with one more fraction bit
// (same bias, so the subnormal quantum halves too) but not exact without it. One more exponent
// bit keeps the top binade of a format without infinity (E4M3FN's 256..448) from overflowing.
bool is_exact_tie(const Format& src, const Format& dst, std::uint64_t input) {
  // binary64 to binary32: the finer format would not fit in 32 bits; the bits dropped at the
  // destination's quantum are looked at instead: exactly one half.
  if (src.width() == 64) {
    const Unpacked a = oracle::unpack(src, input);
    if (a.kind != Unpacked::Kind::finite) return false;
    const int top = a.exp + oracle::detail::floor_log2(a.sig);
    const int d = std::max(top, dst.emin()) - dst.frac_bits - a.exp;  // bits below the quantum
    if (d < 1 || d > 64) return false;
    const std::uint64_t low = d == 64 ? a.sig : a.sig & ((std::uint64_t{1} << d) - 1);
    return low == std::uint64_t{1} << (d - 1);
  }
  // A destination as wide as binary32 (a widening op) rounds nothing, and the finer format would
  // not fit in 32 bits (UBSan caught the shift past bit 31).
  if (dst.width() + 2 > 32) return false;
  const auto coarse = oracle::convert(src, dst, input, Rounding::rtz);
  const auto fine = oracle::convert(src, finer(dst), input, Rounding::rtz);
  return (coarse.flags & kInexact) && !(fine.flags & kInexact);
}

// The two values a correct rounding could choose between: toward zero and away from it.
bool is_other_neighbour(const Format& src, const Format& dst, std::uint64_t input,
                        std::uint32_t got) {
  const bool negative = oracle::unpack(src, input).sign;
  const auto toward = oracle::convert(src, dst, input, Rounding::rtz);
  const auto away = oracle::convert(src, dst, input, negative ? Rounding::rdn : Rounding::rup);
  return got == toward.bits || got == away.bits;
}

// The input word with every subnormal operand replaced by a zero of its sign.
Word subnormals_zeroed(Op op, Word word) {
  const Format& f = *info(op).src;
  const int bits = f.container_bits;
  Word out = 0;
  for (int i = 0; i < arity(op); ++i) {
    std::uint32_t x = operand(op, word, i);
    if (is_subnormal(f, x)) x &= 1u << (f.width() - 1);
    out = (out << bits) | x;
  }
  return out;
}

CaseClass classify_arith_case(Op op, Word word, const oracle::Result& expected) {
  const Format& f = *info(op).src;
  bool nan = false, signaling = false, infinity = false, subnormal = false;
  for (int i = 0; i < arity(op); ++i) {
    const std::uint32_t x = operand(op, word, i);
    const Unpacked u = oracle::unpack(f, x);
    nan |= u.kind == Unpacked::Kind::nan;
    signaling |= u.kind == Unpacked::Kind::nan && u.signaling;
    infinity |= u.kind == Unpacked::Kind::infinity;
    subnormal |= is_subnormal(f, x);
  }
  if (nan) return signaling ? CaseClass::signaling_nan : CaseClass::quiet_nan;
  if (infinity) return CaseClass::infinity;
  if (subnormal) return CaseClass::subnormal_input;
  if (expected.flags & kOverflow) return CaseClass::overflow;
  const Unpacked r = oracle::unpack(f, expected.bits);
  if (r.kind == Unpacked::Kind::zero)
    return expected.flags & kInexact ? CaseClass::underflow_zero : CaseClass::zero;
  if (is_subnormal(f, expected.bits)) return CaseClass::underflow_subnormal;
  if (r.kind == Unpacked::Kind::finite && (expected.flags & kInexact) &&
      !(oracle::arith_into(op, word, finer(f), Rounding::rtz).flags & kInexact))
    return CaseClass::exact_tie;
  return CaseClass::normal;
}

std::optional<DeviationKind> classify_arith_deviation(Op op, Word word, std::uint32_t got,
                                                      const oracle::Result& expected,
                                                      const ArithContext& c) {
  const Format& f = *info(op).src;
  using K = Unpacked::Kind;
  const Unpacked g = oracle::unpack(f, got);
  const Unpacked e = oracle::unpack(f, expected.bits);
  if (e.kind == K::nan) {  // the policy's NaN was expected
    if (g.kind != K::nan) return DeviationKind::nan_lost;
    if (g.signaling) return DeviationKind::nan_quiet;
    if (g.sign != e.sign) return DeviationKind::nan_sign;
    return DeviationKind::nan_payload;
  }
  if (g.kind == K::nan) return DeviationKind::other;  // a number became NaN
  bool infinite_operand = false, subnormal_operand = false;
  for (int i = 0; i < arity(op); ++i) {
    infinite_operand |= oracle::unpack(f, operand(op, word, i)).kind == K::infinity;
    subnormal_operand |= is_subnormal(f, operand(op, word, i));
  }
  if ((expected.flags & kOverflow) || e.kind == K::infinity || infinite_operand)
    return DeviationKind::overflow;
  if (e.kind == K::zero && g.kind == K::zero) return DeviationKind::signed_zero;
  // Rounded to binary32 in the same mode first: only mulAdd's exact result can be wider than
  // binary32's 24 bits (add, sub, mul, div, sqrt of 16-bit formats round correctly through it).
  // Checked before flushes: a subnormal c far below a * b changes nothing in binary32 either.
  if (arity(op) == 3) {
    const oracle::Result wide = oracle::arith_into(op, word, kBinary32, c.r, c.t, c.nan);
    if (got == oracle::convert(kBinary32, f, wide.bits, c.r, c.t).bits && got != expected.bits)
      return DeviationKind::double_rounding;
  }
  // Where both fit, a zero for a subnormal result is called a flush (the result alone explains
  // it), and a result that operands read as zero explain is called daz before rounding (a
  // neighbour of the exact value is also what a tiny operand read as zero often gives).
  if (g.kind == K::zero && is_subnormal(f, expected.bits)) return DeviationKind::ftz;
  if (subnormal_operand) {
    const std::uint32_t z = oracle::arith(op, subnormals_zeroed(op, word), c.r, c.t, c.nan).bits;
    const bool z_flushed = is_subnormal(f, z) && g.kind == K::zero;
    if (got == z || z_flushed) return DeviationKind::daz;
  }
  const std::uint32_t toward = oracle::arith(op, word, Rounding::rtz, c.t, c.nan).bits;
  const std::uint32_t away = oracle::arith(op, word, e.sign ? Rounding::rdn : Rounding::rup, c.t, c.nan).bits;
  if (got == toward || got == away) return DeviationKind::rounding;
  return DeviationKind::other;
}

std::optional<DeviationKind> classify_conversion(Op op, Word input, std::uint32_t got,
                                                 Flags got_flags, bool compare_flags,
                                                 const oracle::Result& expected,
                                                 const Neighbours* known,
                                                 std::optional<Rounding> mode);

}  // namespace

std::optional<DeviationKind> classify_deviation(Op op, Word input, std::uint32_t got,
                                                Flags got_flags, bool compare_flags,
                                                const oracle::Result& expected,
                                                const ArithContext& ctx) {
  if (!is_arithmetic(op))
    return classify_conversion(op, input, got, got_flags, compare_flags, expected, nullptr, ctx.r);
  if (got == expected.bits) {
    if (compare_flags && got_flags != expected.flags) return DeviationKind::flags;
    return std::nullopt;
  }
  return classify_arith_deviation(op, input, got, expected, ctx);
}

CaseClass classify_case(Op op, Word input, const oracle::Result& expected,
                        const Neighbours* known) {
  if (is_arithmetic(op)) return classify_arith_case(op, input, expected);
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  const Unpacked a = oracle::unpack(src, input);
  switch (a.kind) {
    case Unpacked::Kind::nan: return a.signaling ? CaseClass::signaling_nan : CaseClass::quiet_nan;
    case Unpacked::Kind::infinity: return CaseClass::infinity;
    case Unpacked::Kind::zero: return CaseClass::zero;
    case Unpacked::Kind::finite: break;
  }
  if (is_subnormal(src, input)) return CaseClass::subnormal_input;
  if (expected.flags & kOverflow) return CaseClass::overflow;
  const Unpacked r = oracle::unpack(dst, expected.bits);
  if (r.kind == Unpacked::Kind::zero) return CaseClass::underflow_zero;
  if (is_subnormal(dst, expected.bits)) return CaseClass::underflow_subnormal;
  if (known ? known->tie : is_exact_tie(src, dst, input)) return CaseClass::exact_tie;
  return CaseClass::normal;
}

namespace {

// Whether got is x rounded to binary32 first, then to the format, in mode r; without r, in a
// mode whose one rounding gives the expected result (the callers that do not pass the run's).
bool is_double_rounding(const Format& src, const Format& dst, Word input, std::uint32_t got,
                        std::uint32_t expected, std::optional<Rounding> r) {
  if (src.width() != 64 || dst.width() >= 32) return false;
  for (const Rounding m : kRoundings) {
    if (r ? m != *r : oracle::convert(src, dst, input, m).bits != expected) continue;
    const oracle::Result wide = oracle::convert(src, kBinary32, input, m);
    if (got == oracle::convert(kBinary32, dst, wide.bits, m).bits) return true;
  }
  return false;
}

std::optional<DeviationKind> classify_conversion(Op op, Word input, std::uint32_t got,
                                                 Flags got_flags, bool compare_flags,
                                                 const oracle::Result& expected,
                                                 const Neighbours* known,
                                                 std::optional<Rounding> mode) {
  if (got == expected.bits) {
    if (compare_flags && got_flags != expected.flags) return DeviationKind::flags;
    return std::nullopt;
  }
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  const Unpacked in = oracle::unpack(src, input);
  const Unpacked g = oracle::unpack(dst, got);
  const Unpacked e = oracle::unpack(dst, expected.bits);
  using K = Unpacked::Kind;

  if (in.kind == K::nan) {
    if (g.kind != K::nan) return DeviationKind::nan_lost;
    if (g.signaling) return DeviationKind::nan_quiet;
    if (g.sign != e.sign) return DeviationKind::nan_sign;
    return DeviationKind::nan_payload;
  }
  // A binary64 source rounded to binary32 first, in the same mode, then to the format (Triton's
  // fp64 to fp8, C++'s half(float(x))): checked before overflow, flushes and neighbours, which the
  // second rounding often also gives (464 + 2^-44 in E4M3 overflows to NaN; through binary32 it
  // is 464, a tie, and 448). Where the path through binary32 is right it cannot match a wrong got.
  if (in.kind == K::finite && is_double_rounding(src, dst, input, got, expected.bits, mode))
    return DeviationKind::double_rounding;
  // An overflowing number or an infinity given another of infinity, max finite, or (in a
  // format without infinity) NaN than the spec says, or anything else.
  if ((expected.flags & kOverflow) || in.kind == K::infinity) {
    // NaN is an overflow result only in a format without infinity; elsewhere a number became NaN.
    if (g.kind == K::nan && dst.specials == Specials::ieee) return DeviationKind::other;
    return DeviationKind::overflow;
  }
  if (e.kind == K::zero && g.kind == K::zero) return DeviationKind::signed_zero;
  if (g.kind == K::zero && in.kind == K::finite && is_subnormal(src, input))
    return DeviationKind::daz;
  // Checked before the neighbour test on purpose: at the smallest subnormal, zero is also the
  // neighbour toward zero, and a flush unit's zero there is the flush, not a rounding choice.
  if (g.kind == K::zero && is_subnormal(dst, expected.bits)) return DeviationKind::ftz;
  // The value on the other side of the exact one (which at E4M3FN's top may be NaN).
  if (in.kind == K::finite && (known ? got == known->toward || got == known->away
                                     : is_other_neighbour(src, dst, input, got)))
    return DeviationKind::rounding;
  return DeviationKind::other;  // neither neighbour: a wrong value, or a number became NaN
}

}  // namespace

std::optional<DeviationKind> classify_deviation(Op op, Word input, std::uint32_t got,
                                                Flags got_flags, bool compare_flags,
                                                const oracle::Result& expected,
                                                const Neighbours* known) {
  if (is_arithmetic(op))
    throw std::logic_error("classify_deviation: an arithmetic op needs its ArithContext");
  return classify_conversion(op, input, got, got_flags, compare_flags, expected, known, std::nullopt);
}

}  // namespace fpconform
