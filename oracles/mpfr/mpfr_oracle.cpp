#include "oracles/mpfr/mpfr_oracle.hpp"

#include <mpfr.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace fpconform::mpfr_oracle {
namespace {

using oracle::Result;

// MPFR's default exponent range, far wider than any format here: "unbounded" for 7.4 and 7.5.
constexpr mpfr_exp_t kWideEmin = 1 - (mpfr_exp_t{1} << 30);
constexpr mpfr_exp_t kWideEmax = (mpfr_exp_t{1} << 30) - 1;
// Exact for every source value, every rounded value and the difference of any two of them (the
// widest: e4m3's smallest subnormal 2^-9 less a binary32 subnormal, bits 2^-10 to 2^-149).
constexpr mpfr_prec_t kWork = 192;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "mpfr_oracle: internal error: %s\n", what);
  std::abort();
}

void expect_exact(int ternary) {
  if (ternary != 0) fail("an operation meant to be exact was rounded");
}

// An MPFR number whose significand lives inside the object: no allocation per conversion.
class Num {
 public:
  explicit Num(mpfr_prec_t p) {
    if (p > kWork) fail("precision above the working precision");
    mpfr_custom_init(limbs_, p);
    mpfr_custom_init_set(v_, MPFR_NAN_KIND, 0, p, limbs_);
  }
  Num(const Num&) = delete;
  Num& operator=(const Num&) = delete;
  operator mpfr_ptr() { return v_; }
  operator mpfr_srcptr() const { return v_; }
  mpfr_ptr operator->() { return v_; }  // MPFR's macros reach into the struct
  mpfr_srcptr operator->() const { return v_; }

 private:
  mp_limb_t limbs_[(kWork + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS];
  mpfr_t v_;
};

// MPFR's exponent range is per-thread state: set it for one rounding, then give the caller's back.
class ExponentRange {
 public:
  ExponentRange(mpfr_exp_t emin, mpfr_exp_t emax)
      : saved_emin_(mpfr_get_emin()), saved_emax_(mpfr_get_emax()) {
    if (mpfr_set_emin(emin) != 0 || mpfr_set_emax(emax) != 0) fail("exponent range refused");
  }
  ExponentRange(const ExponentRange&) = delete;
  ExponentRange& operator=(const ExponentRange&) = delete;
  ~ExponentRange() {
    mpfr_set_emin(saved_emin_);
    mpfr_set_emax(saved_emax_);
  }

 private:
  mpfr_exp_t saved_emin_, saved_emax_;
};

// Largest unbiased exponent of a finite number: emax = bias for IEEE formats (3.3); OCP e4m3fn
// also uses the all-ones exponent for numbers (S.1111.000 to S.1111.110).
int emax(const Format& f) {
  return static_cast<int>(f.specials == Specials::ieee ? f.exp_mask() - 1 : f.exp_mask()) - f.bias;
}

std::uint32_t encode(const Format& f, bool sign, std::uint32_t biased_exp, std::uint32_t fraction) {
  const std::uint32_t v = (std::uint32_t{sign} << (f.exp_bits + f.frac_bits)) |
                          (biased_exp << f.frac_bits) | fraction;
  return v << f.shift;
}

// The fraction of the largest finite number: all ones, but for e4m3fn, where S.1111.111 is NaN.
std::uint32_t top_fraction(const Format& f) {
  return f.specials == Specials::fn ? f.frac_mask() - 1 : f.frac_mask();
}

// A zero: fnuz formats have +0 only (their -0 pattern is the NaN).
std::uint32_t zero(const Format& f, bool sign) { return encode(f, sign && f.specials != Specials::fnuz, 0, 0); }

// fnuz's one NaN: sign set, all else 0.
std::uint32_t fnuz_nan(const Format& f) { return encode(f, true, 0, 0); }

std::uint32_t largest_finite(const Format& f, bool sign) {
  return encode(f, sign, static_cast<std::uint32_t>(emax(f) + f.bias), top_fraction(f));
}

std::uint32_t infinity(const Format& f, bool sign) { return encode(f, sign, f.exp_mask(), 0); }

std::uint32_t fn_nan(const Format& f, bool sign) {
  return encode(f, sign, f.exp_mask(), f.frac_mask());
}

struct Source {
  enum class Kind : std::uint8_t { zero, finite, infinity, nan };
  Kind kind;
  bool sign;
  std::uint64_t fraction;  // the raw trailing significand field
  bool signaling;
};

// Takes the source encoding apart (3.4) and, for a finite non-zero number, writes its exact
// value into `value`.
Source decode(const Format& f, std::uint64_t container, mpfr_ptr value) {
  const std::uint64_t v = (container >> f.shift) & f.value_mask();
  const auto e = static_cast<std::uint32_t>((v >> f.frac_bits) & f.exp_mask());
  const std::uint64_t t = v & f.frac_mask();
  Source s{Source::Kind::finite, ((v >> (f.width() - 1)) & 1) != 0, t, false};
  if (e == f.exp_mask() && f.specials == Specials::ieee) {
    // 3.4 b, c; 6.2.1: a NaN whose first fraction bit is 0 is signaling.
    s.kind = t == 0 ? Source::Kind::infinity : Source::Kind::nan;
    s.signaling = t != 0 && (t >> (f.frac_bits - 1)) == 0;
    return s;
  }
  if (f.specials == Specials::fn && e == f.exp_mask() && t == f.frac_mask()) {  // OCP OFP8 e4m3: S.1111.111
    s.kind = Source::Kind::nan;
    return s;
  }
  if (e == 0 && t == 0) {  // fnuz: the -0 pattern is its NaN
    s.kind = f.specials == Specials::fnuz && s.sign ? Source::Kind::nan : Source::Kind::zero;
    return s;
  }
  // 3.4 d, e: normal 2^(e-bias) * 1.t, subnormal 2^emin * 0.t; both are (integer) * 2^k.
  const unsigned long significand = e == 0 ? t : t | (1ul << f.frac_bits);
  const long k = static_cast<long>(e == 0 ? 1 : e) - f.bias - f.frac_bits;
  expect_exact(mpfr_set_ui_2exp(value, significand, k, MPFR_RNDN));
  if (s.sign) mpfr_neg(value, value, MPFR_RNDN);
  return s;
}

// 6.2.3: the result NaN keeps the sign and as much of the payload as fits (its top bits);
// 7.2: a signaling NaN is quieted and signals invalid. e4m3fn has a single NaN.
Result nan_result(const Format& dst, const Format& src, const Source& s) {
  const Flags flags = s.signaling ? kInvalid : 0;
  if (dst.specials == Specials::fn) return {fn_nan(dst, s.sign), flags};
  if (dst.specials == Specials::fnuz) return {fnuz_nan(dst), flags};
  // OCP MX FP6 and FP4 have no NaN: the implementation's choice, +max finite (format.hpp).
  if (dst.specials == Specials::none) return {largest_finite(dst, false), kInvalid};
  std::uint64_t payload = s.fraction;
  if (src.frac_bits > dst.frac_bits)
    payload >>= src.frac_bits - dst.frac_bits;
  else
    payload <<= dst.frac_bits - src.frac_bits;
  const std::uint32_t quiet = std::uint32_t{1} << (dst.frac_bits - 1);
  return {encode(dst, s.sign, dst.exp_mask(), static_cast<std::uint32_t>((payload | quiet) & dst.frac_mask())), flags};
}

// An infinite operand is exact in a format that has infinities (no flags). OCP OFP8 saturation
// mode maps it to the largest finite number; without saturation e4m3fn has nothing to give but
// its NaN, an invalid operation.
Result infinity_result(const Format& dst, bool sign) {
  if (dst.saturating || dst.specials == Specials::none) return {largest_finite(dst, sign), 0};
  if (dst.specials == Specials::fn) return {fn_nan(dst, sign), kInvalid};
  if (dst.specials == Specials::fnuz) return {fnuz_nan(dst), kInvalid};
  return {infinity(dst, sign), 0};
}

// 7.4: roundTiesToEven and roundTiesToAway carry every overflow to infinity, roundTowardZero to
// the largest finite number, roundTowardPositive/Negative to infinity on their own side only.
// Saturating formats give the largest finite number; e4m3fn without saturation its NaN.
Result overflow_result(const Format& dst, bool sign, Rounding r) {
  const Flags flags = kOverflow | kInexact;
  const bool to_infinity = r == Rounding::rne || r == Rounding::rna ||
                           (r == Rounding::rup && !sign) || (r == Rounding::rdn && sign);
  if (dst.saturating || !to_infinity || dst.specials == Specials::none) return {largest_finite(dst, sign), flags};
  if (dst.specials == Specials::fn) return {fn_nan(dst, sign), flags};
  if (dst.specials == Specials::fnuz) return {fnuz_nan(dst), flags};
  return {infinity(dst, sign), flags};
}

mpfr_rnd_t directed(Rounding r) {
  switch (r) {
    case Rounding::rne: return MPFR_RNDN;
    case Rounding::rtz: return MPFR_RNDZ;
    case Rounding::rdn: return MPFR_RNDD;
    case Rounding::rup: return MPFR_RNDU;
    case Rounding::rna: break;
  }
  fail("roundTiesToAway has no MPFR mode here");
}

// x to the precision of y, the exponent range unbounded: the "were the exponent range unbounded"
// result that 7.4 (overflow) and 7.5 (tininess after rounding) are defined on.
int round_unbounded(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t rnd) { return mpfr_set(y, x, rnd); }

// x into the format: below 2^emin the quantum stays 2^(emin - frac_bits) (3.3, subnormals).
// MPFR writes numbers as 0.1b...b * 2^E, so E = IEEE exponent + 1: the smallest subnormal
// 2^(emin - frac_bits) has E = emin - frac_bits + 1, the top binade E = emax + 1. Rounding
// first to the precision, then to the range with the first ternary value, is MPFR's documented
// way to emulate subnormals without double rounding.
int round_into(const Format& f, mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t rnd) {
  int t = mpfr_set(y, x, rnd);
  const ExponentRange range(f.emin() - f.frac_bits + 1, emax(f) + 1);
  t = mpfr_check_range(y, t, rnd);
  return mpfr_subnormalize(y, t, rnd);
}

// roundTiesToAway (4.3.1): the nearer of the two neighbours of x, the one larger in magnitude
// on a tie. mpfr_subnormalize does not support MPFR_RNDNA, so round toward and away from zero
// the same way and compare x with their midpoint, exactly. (Not the two distances: x may carry
// bits far below the format's smallest subnormal, as a quotient does, and the distance from it
// to the smallest subnormal would then be rounded.)
template <typename Rounder>
int round_ties_away(mpfr_ptr y, mpfr_srcptr x, Rounder rounder) {
  Num toward(mpfr_get_prec(y)), away(mpfr_get_prec(y));
  const int t_toward = rounder(toward, x, MPFR_RNDZ);
  if (t_toward == 0) return mpfr_set(y, toward, MPFR_RNDN);  // exact: ties do not arise
  const int t_away = rounder(away, x, MPFR_RNDA);
  // (toward + away) / 2: neighbours a*q and (a+1)*q with a < 2^p (q their quantum, which a
  // subnormal shares), so their sum (2a+1)*q has p+1 bits.
  Num mid(mpfr_get_prec(y) + 1);
  expect_exact(mpfr_add(mid, toward, away, MPFR_RNDN));
  expect_exact(mpfr_div_2ui(mid, mid, 1, MPFR_RNDN));
  const bool nearer_toward = mpfr_cmpabs(x, mid) < 0;
  expect_exact(mpfr_set(y, nearer_toward ? toward : away, MPFR_RNDN));
  return nearer_toward ? t_toward : t_away;
}

// x to y's precision in mode r, by `rounder` (unbounded, or into the format's range).
template <typename Rounder>
int round_with(Rounder rounder, mpfr_ptr y, mpfr_srcptr x, Rounding r) {
  if (r == Rounding::rna) return round_ties_away(y, x, rounder);
  return rounder(y, x, directed(r));
}

// A finite value of the format (zero included) to its encoding.
std::uint32_t encode_finite(const Format& f, mpfr_srcptr y) {
  const bool sign = mpfr_signbit(y) != 0;
  if (mpfr_zero_p(y)) return zero(f, sign);
  const mpfr_exp_t e = mpfr_get_exp(y) - 1;  // |y| in [2^e, 2^(e+1))
  const bool normal = e >= f.emin();
  // |y| / quantum, the quantum being 2^(e - frac_bits), or 2^(emin - frac_bits) for subnormals.
  Num n(kWork);
  expect_exact(mpfr_mul_2si(n, y, f.frac_bits - (normal ? e : f.emin()), MPFR_RNDN));
  mpfr_abs(n, n, MPFR_RNDN);
  if (!mpfr_integer_p(n) || mpfr_cmp_ui_2exp(n, 1, 53) >= 0) fail("rounded value off the format's grid");
  // An integer below 2^53 is a double exactly; mpfr_get_ui would allocate a temporary per call.
  const auto m = static_cast<unsigned long>(mpfr_get_d(n, MPFR_RNDN));
  if (!normal) return encode(f, sign, 0, static_cast<std::uint32_t>(m));
  return encode(f, sign, static_cast<std::uint32_t>(e + f.bias),
                static_cast<std::uint32_t>(m) & f.frac_mask());
}

ByTininess both(Result r) { return {r, r}; }

// |v| compared with m * 2^e (-1, 0, 1), without building m * 2^e: this runs for every input of
// the exhaustive cross-check.
int cmpabs_2exp(mpfr_srcptr v, unsigned long m, mpfr_exp_t e) {
  return mpfr_signbit(v) ? -mpfr_cmp_si_2exp(v, -static_cast<long>(m), e) : mpfr_cmp_ui_2exp(v, m, e);
}

// A finite non-zero x (exact, or with a sticky bit below every rounding point of dst) rounded
// into dst in mode r, with its flags under both tininess conventions.
ByTininess round_finite(const Format& dst, bool sign, mpfr_srcptr x, Rounding r) {
  const mpfr_prec_t p = dst.frac_bits + 1;
  Num unbounded(p);
  round_with(round_unbounded, unbounded, x, r);
  // The largest finite number is (1.top_fraction) * 2^emax.
  if (cmpabs_2exp(unbounded, (1ul << dst.frac_bits) | top_fraction(dst), emax(dst) - dst.frac_bits) > 0)
    return both(overflow_result(dst, sign, r));

  Num y(p);
  const auto into_dst = [&dst](mpfr_ptr out, mpfr_srcptr value, mpfr_rnd_t rnd) {
    return round_into(dst, out, value, rnd);
  };
  const int t = round_with(into_dst, y, x, r);
  const std::uint32_t bits = encode_finite(dst, y);
  if (t == 0) return both({bits, 0});

  // 7.5: tiny means below 2^emin in magnitude, judged after rounding (on the unbounded result)
  // or before (on the exact value). Under default exception handling underflow is signaled
  // only when the tiny result is also inexact.
  const bool tiny_after = cmpabs_2exp(unbounded, 1, dst.emin()) < 0;
  const bool tiny_before = cmpabs_2exp(x, 1, dst.emin()) < 0;
  return {{bits, static_cast<Flags>(kInexact | (tiny_after ? kUnderflow : 0))},
          {bits, static_cast<Flags>(kInexact | (tiny_before ? kUnderflow : 0))}};
}

// An operand as an MPFR number: zeros and infinities with their signs (MPFR has no signaling
// NaN, so NaN operands never reach it).
Source operand_value(const Format& f, std::uint32_t container, mpfr_ptr value) {
  const Source s = decode(f, container, value);
  if (s.kind == Source::Kind::zero) mpfr_set_zero(value, s.sign ? -1 : 1);
  if (s.kind == Source::Kind::infinity) mpfr_set_inf(value, s.sign ? -1 : 1);
  return s;
}

}  // namespace

ByTininess convert_both(const Format& src, const Format& dst, std::uint64_t in, Rounding r) {
  const ExponentRange wide(kWideEmin, kWideEmax);
  Num x(kWork);
  const Source s = decode(src, in, x);
  switch (s.kind) {
    case Source::Kind::zero: return both({zero(dst, s.sign), 0});
    case Source::Kind::nan: return both(nan_result(dst, src, s));
    case Source::Kind::infinity: return both(infinity_result(dst, s.sign));
    case Source::Kind::finite: break;
  }

  return round_finite(dst, s.sign, x, r);
}

ByTininess convert_both(Op op, std::uint64_t in, Rounding r) {
  if (is_arithmetic(op))
    throw std::invalid_argument(std::string(name(op)) + " is arithmetic: mpfr_oracle::arith");
  const OpInfo& i = info(op);
  return convert_both(*i.src, *i.dst, in, r);
}

Result convert(const Format& src, const Format& dst, std::uint64_t in, Rounding r, Tininess t) {
  const ByTininess b = convert_both(src, dst, in, r);
  return t == Tininess::after ? b.after : b.before;
}

Result convert(Op op, std::uint64_t in, Rounding r, Tininess t) {
  if (is_arithmetic(op))
    throw std::invalid_argument(std::string(name(op)) + " is arithmetic: mpfr_oracle::arith");
  const OpInfo& i = info(op);
  return convert(*i.src, *i.dst, in, r, t);
}

// ---- arithmetic --------------------------------------------------------------------------------

namespace {

// The NaN that stands for every NaN result: which one an operation returns is the policy's.
std::uint32_t some_nan(const Format& f) {
  return encode(f, false, f.exp_mask(), std::uint32_t{1} << (f.frac_bits - 1));
}

int apply(Arith op, mpfr_ptr z, mpfr_srcptr a, mpfr_srcptr b, mpfr_rnd_t rnd) {
  switch (op) {
    case Arith::add: return mpfr_add(z, a, b, rnd);
    case Arith::sub: return mpfr_sub(z, a, b, rnd);
    case Arith::mul: return mpfr_mul(z, a, b, rnd);
    case Arith::div: return mpfr_div(z, a, b, rnd);
    case Arith::sqrt: return mpfr_sqrt(z, a, rnd);
    case Arith::mul_add:
    case Arith::none: break;
  }
  fail("not an arithmetic operation");
}

// compute(z, rnd) is one MPFR operation into z, returning its ternary value. The exact result is
// taken truncated to kWork - 1 bits, then one more bit set when anything was cut off (round to
// odd): it lies strictly between the same two rounding points of f as the exact result, and on
// one exactly when the exact result does; then rounded to f.
template <class Compute>
ByTininess round_exact(const Format& f, Rounding r, Compute compute) {
  mpfr_clear_flags();
  Num z(kWork - 1);
  const int t = compute(z, MPFR_RNDZ);
  if (mpfr_nan_p(z)) return both({some_nan(f), kInvalid});  // 7.2: inf - inf, 0 x inf, ...
  const bool sign = mpfr_signbit(z) != 0;
  if (mpfr_inf_p(z))  // exact: an infinite operand, or division by zero (7.3)
    return both({infinity(f, sign), mpfr_divby0_p() ? kInfinite : Flags{0}});
  if (mpfr_zero_p(z)) {
    // An exact zero: its sign depends on the mode only for x - x and the like (6.3).
    if (r == Rounding::rdn) compute(z, MPFR_RNDD);
    return both({encode(f, mpfr_signbit(z) != 0, 0, 0), 0});
  }
  Num v(kWork);
  expect_exact(mpfr_set(v, z, MPFR_RNDN));
  if (t != 0) {
    if (sign)
      mpfr_nextbelow(v);
    else
      mpfr_nextabove(v);
  }
  return round_finite(f, sign, v, r);
}

}  // namespace

bool is_nan(const Format& f, std::uint32_t bits) {
  const auto v = (bits >> f.shift) & ((std::uint64_t{1} << f.width()) - 1);
  return ((v >> f.frac_bits) & f.exp_mask()) == f.exp_mask() && (v & f.frac_mask()) != 0;
}

ByTininess arith_both(const Format& f, Arith op, std::uint32_t a, std::uint32_t b, Rounding r) {
  if (f.specials != Specials::ieee) fail("arithmetic is checked on IEEE formats only");
  const ExponentRange wide(kWideEmin, kWideEmax);
  Num x(kWork), y(kWork);
  const Source sa = operand_value(f, a, x);
  const Source sb = op == Arith::sqrt ? Source{Source::Kind::zero, false, 0, false}
                                      : operand_value(f, b, y);
  // 6.2: a NaN operand gives a NaN; a signaling one signals invalid (7.2 (a)).
  if (sa.kind == Source::Kind::nan || sb.kind == Source::Kind::nan)
    return both({some_nan(f), (sa.signaling || sb.signaling) ? kInvalid : Flags{0}});
  return round_exact(f, r, [&](mpfr_ptr z, mpfr_rnd_t rnd) { return apply(op, z, x, y, rnd); });
}

ByTininess mul_add_both(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c, Rounding r) {
  if (f.specials != Specials::ieee) fail("arithmetic is checked on IEEE formats only");
  const ExponentRange wide(kWideEmin, kWideEmax);
  Num x(kWork), y(kWork), w(kWork);
  const Source sa = operand_value(f, a, x), sb = operand_value(f, b, y), sc = operand_value(f, c, w);
  using K = Source::Kind;
  const bool invalid_product = (sa.kind == K::infinity && sb.kind == K::zero) ||
                               (sa.kind == K::zero && sb.kind == K::infinity);
  if (sa.kind == K::nan || sb.kind == K::nan || sc.kind == K::nan) {
    const bool invalid = sa.signaling || sb.signaling || sc.signaling || invalid_product;
    return both({some_nan(f), invalid ? kInvalid : Flags{0}});
  }
  return round_exact(f, r, [&](mpfr_ptr z, mpfr_rnd_t rnd) { return mpfr_fma(z, x, y, w, rnd); });
}

ByTininess arith_both(Op op, Word word, Rounding r) {
  const OpInfo& i = info(op);
  if (i.arith == Arith::mul_add)
    return mul_add_both(*i.src, operand(op, word, 0), operand(op, word, 1), operand(op, word, 2), r);
  return arith_both(*i.src, i.arith, operand(op, word, 0), i.arity > 1 ? operand(op, word, 1) : 0,
                    r);
}

Result arith(Op op, Word word, Rounding r, Tininess t) {
  const ByTininess b = arith_both(op, word, r);
  return t == Tininess::after ? b.after : b.before;
}

}  // namespace fpconform::mpfr_oracle
