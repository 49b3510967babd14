#include "vectors/mul_add_cases.hpp"

#include <algorithm>
#include <bit>

#include "oracles/softfloat/arith.hpp"
#include "vectors/splitmix.hpp"

namespace fpconform {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t state) : state_(state) {}
  std::uint64_t next() { return splitmix64(state_++); }
  int in(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool coin() { return next() & 1; }

 private:
  std::uint64_t state_;
};

// Values of a format with infinities (binary16, bfloat16): sign, unbiased exponent, significand.
struct Fmt {
  const Format& f;
  int p() const { return f.frac_bits + 1; }
  int emax() const { return static_cast<int>(f.max_finite_exp()) - f.bias; }
  std::uint32_t sign(bool s) const { return s ? 1u << (f.width() - 1) : 0; }
  std::uint32_t infinity(bool s) const { return sign(s) | (f.exp_mask() << f.frac_bits); }

  // sig * 2^(e - (p - 1)) with sig < 2^p, rounded toward zero into the subnormals when e is
  // below emin (at least the smallest subnormal), clamped to the largest finite above emax.
  std::uint32_t value(bool s, int e, std::uint32_t sig) const {
    if (e > emax()) return sign(s) | (f.max_finite_exp() << f.frac_bits) | f.max_finite_frac();
    if (e >= f.emin())
      return sign(s) | (static_cast<std::uint32_t>(e + f.bias) << f.frac_bits) | (sig & f.frac_mask());
    const int shift = f.emin() - e;
    const std::uint32_t sub = shift >= 32 ? 0 : sig >> shift;
    return sign(s) | std::max(sub, 1u);
  }

  // A significand of p bits whose significant part is w bits wide (top and bottom bits set).
  std::uint32_t significand(Rng& g, int w) const {
    const std::uint32_t top = 1u << (w - 1);
    const std::uint32_t mid = w > 2 ? static_cast<std::uint32_t>(g.next()) & (top - 1) : 0;
    return (top | mid | 1u) << (p() - w);
  }

  // Splits the exponent sum into two within [emin, emax].
  std::pair<int, int> split(Rng& g, int sum) const {
    const int lo = std::max(f.emin(), sum - emax()), hi = std::min(emax(), sum - f.emin());
    const int ea = lo <= hi ? g.in(lo, hi) : std::clamp(sum / 2, f.emin(), emax());
    return {ea, sum - ea};
  }

  std::uint32_t random_nan(Rng& g) const {
    const std::uint32_t payload = static_cast<std::uint32_t>(g.next()) & f.frac_mask();
    const std::uint32_t quiet = g.coin() ? f.quiet_bit() : 0;
    return infinity(g.coin()) | quiet |
           std::max(payload & static_cast<std::uint32_t>(f.quiet_bit() - 1), quiet ? 0u : 1u);
  }
};

Word pack3(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  const int bits = f.container_bits;
  return (Word{a} << (2 * bits)) | (Word{b} << bits) | c;
}

// a * b with a significand of exactly p + 1 significant bits (a tie on its own) near 2^e.
Word near_midpoint(const Fmt& x, Rng& g) {
  const int p = x.p();
  std::uint32_t sa = 0, sb = 0;
  std::uint64_t prod = 0;
  for (int tries = 0; tries < 64; ++tries) {
    const int wa = g.in(2, p);
    const int wb = std::clamp(p + 1 - wa + g.in(0, 1), 2, p);
    sa = x.significand(g, wa), sb = x.significand(g, wb);
    prod = std::uint64_t{sa} * sb;
    const int width = std::bit_width(prod) - std::countr_zero(prod);
    if (width == p + 1) break;
  }
  // The product's leading bit is 2^(ea + eb + lead - 2(p - 1)); put it at E.
  const int lead = std::bit_width(prod) - 1;
  const int e = g.in(x.f.emin() + 2, x.emax() - 1);
  const auto [ea, eb] = x.split(g, e - lead + 2 * (p - 1));
  const std::uint32_t a = x.value(g.coin(), ea, sa), b = x.value(g.coin(), eb, sb);
  // c: zero (the exact tie) or gap bits below the tie's bit, either sign.
  std::uint32_t c = x.sign(g.coin());
  if (g.next() % 8 != 0) {
    const int gap = g.in(1, 40);
    c = x.value(g.coin(), e - p - gap, x.significand(g, g.in(1, p)));
  }
  return pack3(x.f, a, b, c);
}

Word cancellation(const Fmt& x, Rng& g, Op op) {
  const int p = x.p();
  const int e = g.in(x.f.emin() + p, x.emax() - 1);
  const auto [ea, eb] = x.split(g, e);
  const std::uint32_t a = x.value(g.coin(), ea, x.significand(g, g.in(1, p)));
  const std::uint32_t b = x.value(g.coin(), eb, x.significand(g, g.in(1, p)));
  const auto r = static_cast<Rounding>(g.next() % kRoundings.size());
  std::uint32_t c = oracle::arith(op == Op::f16_mulAdd ? Op::f16_mul : Op::bf16_mul,
                                  (Word{a} << x.f.container_bits) | b, r).bits;
  c ^= x.sign(true);  // -(a * b rounded)
  const std::uint32_t finite = c & ~x.sign(true);
  if (finite != 0 && finite < x.infinity(false)) {
    const int step = g.in(-1, 1);
    if (step < 0 && finite > 1) --c;
    if (step > 0 && finite + 1 < x.infinity(false)) ++c;
  }
  return pack3(x.f, a, b, c);
}

// a * b near 2^e with c within a few bits of it; near the underflow boundary a is sometimes
// subnormal.
Word boundary(const Fmt& x, Rng& g, int e, bool subnormal_a) {
  const int p = x.p();
  const auto [ea, eb] = x.split(g, e);
  std::uint32_t a = x.value(g.coin(), ea, x.significand(g, g.in(1, p)));
  const std::uint32_t b = x.value(g.coin(), eb, x.significand(g, g.in(1, p)));
  if (subnormal_a && g.next() % 4 == 0) a = x.value(g.coin(), x.f.emin() - g.in(1, p - 1), x.significand(g, p));
  const std::uint32_t c = x.value(g.coin(), e + g.in(-p - 2, 1), x.significand(g, g.in(1, p)));
  return pack3(x.f, a, b, c);
}

// Half of the overflow cases straddle the overflow threshold itself: a = +-the largest finite,
// b = 1 + k ulp (k = 0..3), c a few ulps of a either way, so that rounding a * b first (to
// infinity or not) and rounding the sum once can differ.
Word overflow(const Fmt& x, Rng& g) {
  if (g.coin()) return boundary(x, g, x.emax() + g.in(-1, 0), false);
  const int p = x.p();
  const std::uint32_t max_sig = (1u << p) - 1;
  const std::uint32_t a = x.value(g.coin(), x.emax(), max_sig);
  const std::uint32_t b = x.value(g.coin(), 0, (1u << (p - 1)) + static_cast<std::uint32_t>(g.in(0, 3)));
  const std::uint32_t c = x.value(g.coin(), x.emax() - p + g.in(-2, 2), x.significand(g, g.in(1, p)));
  return pack3(x.f, a, b, c);
}

Word nan_payload(const Fmt& x, Rng& g) {
  const int p = x.p();
  std::uint32_t v[3];
  for (std::uint32_t& w : v) {
    switch (g.next() % 5) {
      case 0: case 1: w = x.random_nan(g); break;
      case 2: w = x.infinity(g.coin()); break;
      case 3: w = x.sign(g.coin()); break;
      default: w = x.value(g.coin(), g.in(x.f.emin(), x.emax()), x.significand(g, g.in(1, p)));
    }
  }
  const bool has_nan = std::any_of(std::begin(v), std::end(v), [&](std::uint32_t w) {
    return (w & ~x.sign(true)) > x.infinity(false);
  });
  if (!has_nan) v[g.next() % 3] = x.random_nan(g);
  return pack3(x.f, v[0], v[1], v[2]);
}

Word signed_zero(const Fmt& x, Rng& g) {
  const int p = x.p();
  if (g.coin()) {  // a * b = +-0, c = +-0
    const std::uint32_t other = x.value(g.coin(), g.in(x.f.emin(), x.emax()), x.significand(g, p));
    const std::uint32_t zero = x.sign(g.coin());
    const std::uint32_t c = x.sign(g.coin());
    return g.coin() ? pack3(x.f, zero, other, c) : pack3(x.f, other, zero, c);
  }
  // a * b exact in the format (significands short enough), c its negation: an exact zero sum.
  const int wa = g.in(1, (p + 1) / 2), wb = g.in(1, p / 2);
  const std::uint32_t sa = x.significand(g, wa), sb = x.significand(g, wb);
  const std::uint64_t prod = std::uint64_t{sa} * sb;  // at most p significant bits
  const int lead = std::bit_width(prod) - 1;
  const int e = g.in(x.f.emin(), x.emax() - 1);
  const auto [ea, eb] = x.split(g, e - lead + 2 * (p - 1));
  const bool sa_neg = g.coin(), sb_neg = g.coin();
  const std::uint32_t a = x.value(sa_neg, ea, sa), b = x.value(sb_neg, eb, sb);
  const auto c_sig = static_cast<std::uint32_t>(prod >> (lead - (p - 1)));
  const std::uint32_t c = x.value(sa_neg == sb_neg, e, c_sig);
  return pack3(x.f, a, b, c);
}

}  // namespace

std::string_view name(HardCase k) {
  switch (k) {
    case HardCase::near_midpoint: return "near-midpoint";
    case HardCase::cancellation: return "cancellation";
    case HardCase::underflow: return "underflow";
    case HardCase::overflow: return "overflow";
    case HardCase::nan_payload: return "nan-payload";
    case HardCase::signed_zero: return "signed-zero";
  }
  return "?";
}

Word mul_add_hard_case(Op op, std::uint64_t seed, std::uint64_t i) {
  const Fmt x{*info(op).src};
  Rng g(splitmix64(seed * 0x100000001B3ull + i));
  switch (hard_case_kind(i)) {
    case HardCase::near_midpoint: return near_midpoint(x, g);
    case HardCase::cancellation: return cancellation(x, g, op);
    case HardCase::underflow: return boundary(x, g, x.f.emin() + g.in(-x.p() - 1, 1), true);
    case HardCase::overflow: return overflow(x, g);
    case HardCase::nan_payload: return nan_payload(x, g);
    case HardCase::signed_zero: return signed_zero(x, g);
  }
  return 0;
}

std::vector<std::uint32_t> mul_add_corner_operands(const Format& f) {
  const Fmt x{f};
  const std::uint32_t one = static_cast<std::uint32_t>(f.bias) << f.frac_bits;
  const auto quiet = static_cast<std::uint32_t>(f.quiet_bit());  // 16-bit formats here
  const auto top_frac = static_cast<std::uint32_t>(f.max_finite_frac());
  std::vector<std::uint32_t> v;
  for (bool s : {false, true}) {
    for (std::uint32_t m : {0u, 1u, static_cast<std::uint32_t>(f.frac_mask()), 1u << f.frac_bits, one - 1,
                            one, one + 1, one | quiet, (f.max_finite_exp() << f.frac_bits) | top_frac,
                            x.infinity(false), x.infinity(false) | quiet | 1,
                            x.infinity(false) | 2})
      v.push_back(x.sign(s) | m);
  }
  return v;
}

}  // namespace fpconform
