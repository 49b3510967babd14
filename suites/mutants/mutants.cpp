// Mutants: deliberately wrong backends that prove the suite has teeth (DESIGN.md, Backends).
// Each is the correct round-to-nearest-even conversion (backends/portable/narrow.hpp) plus ONE
// defect, implements that one (op, rne) pair only, and declares in known_deviations() exactly
// the kind the suite must catch it with. Compiled into the mutants self-test only: never into
// fpconform_backends or the fpconform command.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "backends/portable/arith.hpp"
#include "backends/portable/narrow.hpp"
#include "backends/portable/widen.hpp"
#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"

namespace fpconform {
namespace {

template <const Format& D>
struct Bits {
  static_assert(D.shift == 0 && D.specials == Specials::ieee, "16-bit IEEE-like destinations");
  static constexpr std::uint32_t kSign = 1u << (D.width() - 1);
  static constexpr std::uint32_t kInf = D.exp_mask() << D.frac_bits;
  static constexpr std::uint32_t kMaxFinite = kInf - 1;
  static constexpr std::uint32_t kDrop = 23 - D.frac_bits;  // binary32 fraction bits cut off
  // binary32 bits of D's overflow threshold in rne: halfway from max finite to 2^(emax+1).
  static constexpr std::uint32_t kOverflowTie =
      ((D.max_finite_exp() - D.bias + 127) << 23) | (D.max_finite_frac() << kDrop) |
      (1u << (kDrop - 1));
};
static_assert(Bits<kBinary16>::kOverflowTie == 0x477FF000u);   // 65520
static_assert(Bits<kBfloat16>::kOverflowTie == 0x7F7F8000u);

constexpr std::uint32_t kBinary32Inf = 0x7F800000u;
constexpr bool is_nan32(std::uint32_t x) { return (x & 0x7FFFFFFFu) > kBinary32Inf; }

template <const Format& D>
constexpr std::uint32_t rne(std::uint32_t x) {
  return portable::narrow<D, Rounding::rne>(x);
}

// The fraction truncated instead of rounded. Range is decided as rne decides it (what overflows
// is infinity, what rne makes the smallest subnormal stays so), so the one defect shows only as
// the other neighbour of an in-range result: rounding. (A bare rtz would also give overflow, and
// ftz between 2^-25 and 2^-24, where the neighbour toward zero is zero.)
template <const Format& D>
constexpr std::uint32_t truncate(std::uint32_t x) {
  using B = Bits<D>;
  const std::uint32_t r = rne<D>(x);
  const std::uint32_t t = portable::narrow<D, Rounding::rtz>(x);
  const bool in_range = (r & ~B::kSign) < B::kInf && (t & ~B::kSign) != 0;
  return in_range ? t : r;
}

// rna for rne: the two differ only at exact ties whose kept part is even.
template <const Format& D>
constexpr std::uint32_t ties_away(std::uint32_t x) {
  return portable::narrow<D, Rounding::rna>(x);
}

// Flush-to-zero of the result: a subnormal result becomes zero of its sign.
template <const Format& D>
constexpr std::uint32_t flush(std::uint32_t x) {
  using B = Bits<D>;
  const std::uint32_t r = rne<D>(x);
  const std::uint32_t mag = r & ~B::kSign;
  return mag != 0 && mag <= D.frac_mask() ? r & B::kSign : r;
}

// NaN payload shifted down as is, quiet bit not set: a signaling NaN stays signaling. Where the
// payload truncates to zero (bits only below the cut) the result would be infinity; like
// NumPy's npy_floatbits_to_halfbits ("make sure it stays a NaN"), it adds 1 there, so every
// sNaN gives a signaling NaN and the one kind is nan-quiet, never nan-lost.
template <const Format& D>
constexpr std::uint32_t snan_unquieted(std::uint32_t x) {
  using B = Bits<D>;
  if (!is_nan32(x)) return rne<D>(x);
  std::uint32_t h = B::kInf | ((x & 0x7FFFFFu) >> B::kDrop);
  if (h == B::kInf) h += 1;
  return ((x >> 31) ? B::kSign : 0) | h;
}

// Every NaN comes out positive.
template <const Format& D>
constexpr std::uint32_t nan_sign_dropped(std::uint32_t x) {
  const std::uint32_t r = rne<D>(x);
  return is_nan32(x) ? r & ~Bits<D>::kSign : r;
}

// Every NaN becomes infinity of its sign.
template <const Format& D>
constexpr std::uint32_t nan_to_inf(std::uint32_t x) {
  using B = Bits<D>;
  const std::uint32_t r = rne<D>(x);
  return is_nan32(x) ? (r & B::kSign) | B::kInf : r;
}

// A threshold-based range check off by one binary32 ulp: |x| > tie overflows where 7.4 says
// |x| >= tie, and below the threshold the rounded value is clamped to max finite. So exactly
// +-65520 (binary16), the overflow tie, gives max finite instead of infinity.
template <const Format& D>
constexpr std::uint32_t overflow_late(std::uint32_t x) {
  using B = Bits<D>;
  const std::uint32_t a = x & 0x7FFFFFFFu;
  const std::uint32_t r = rne<D>(x);
  if (a >= kBinary32Inf || a > B::kOverflowTie) return r;
  return (r & B::kSign) | std::min(r & ~B::kSign, B::kMaxFinite);
}

// The same threshold one binary32 ulp low: |x| = tie - 1 ulp (65520 - 2^-8) overflows to
// infinity. That is the rounded-up neighbour of a value above max finite, not an overflow case
// (the oracle does not overflow there), so the suite calls it rounding.
template <const Format& D>
constexpr std::uint32_t overflow_early(std::uint32_t x) {
  using B = Bits<D>;
  const std::uint32_t a = x & 0x7FFFFFFFu;
  const std::uint32_t r = rne<D>(x);
  if (a < kBinary32Inf && a >= B::kOverflowTie - 1) return (r & B::kSign) | B::kInf;
  return r;
}

using Narrow = std::uint32_t (*)(std::uint32_t);
using Narrow3 = std::uint32_t (*)(Word);  // mulAdd's 48-bit words

class Mutant final : public Backend {
 public:
  Mutant(std::string_view name, Op op, Narrow narrow, DeviationKind kind, std::string_view why)
      : name_(name), op_(op), narrow_(narrow), known_{op, kind, why} {}
  Mutant(std::string_view name, Op op, Narrow3 narrow, DeviationKind kind, std::string_view why)
      : name_(name), op_(op), narrow3_(narrow), known_{op, kind, why} {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override { return known_.why; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding r) const override { return op == op_ && r == Rounding::rne; }
  std::span<const KnownDeviation> known_deviations() const override { return {&known_, 1}; }

  void convert(Op op, Rounding, const void* in, void* out, std::size_t n,
               Flags*) const override {
    // The input word: a conversion's source container, or an arithmetic op's operands side by
    // side (operation.hpp): 32 bits for two 16-bit operands.
    const Format& dst = *info(op).dst;
    for (std::size_t i = 0; i < n; ++i) {
      const Word w = load_word(input_bits(op), in, i);
      store_container(dst, out, i, narrow3_ ? narrow3_(w) : narrow_(static_cast<std::uint32_t>(w)));
    }
  }

 private:
  std::string_view name_;
  Op op_;
  Narrow narrow_ = nullptr;
  Narrow3 narrow3_ = nullptr;
  KnownDeviation known_;
};

using K = DeviationKind;

// ---- Arithmetic mutants: portable's correct operation (backends/portable/arith.hpp) plus one
// defect, on the input word of operation.hpp (first operand in the high half).

namespace pa = portable::arith;
using H = pa::Traits<kBinary16>;

constexpr bool is_nan16(std::uint32_t h) { return (h & 0x7FFFu) > H::kInf; }
constexpr bool is_snan16(std::uint32_t h) { return is_nan16(h) && !(h & H::kQuiet); }

// A subnormal operand (nonzero, exponent field 0): where one takes part, a defect of the result
// can read as daz too (the classifier then says daz), so the two defects below leave them be.
constexpr bool has_subnormal16(std::uint32_t w) {
  auto sub = [](std::uint32_t h) { return (h & 0x7C00u) == 0 && (h & 0x3FFu) != 0; };
  return sub(w >> 16) || sub(w & 0xFFFF);
}
// rne with ties away from zero: wrong at exact ties whose kept part is even.
constexpr std::uint32_t f16_add_ties_away(std::uint32_t w) {
  return has_subnormal16(w) ? pa::add<kBinary16, Rounding::rne>(w >> 16, w & 0xFFFF)
                            : pa::add<kBinary16, Rounding::rna>(w >> 16, w & 0xFFFF);
}
// A subnormal product of normal operands flushed to zero of its sign.
constexpr std::uint32_t f16_mul_ftz(std::uint32_t w) {
  const std::uint32_t r = pa::mul<kBinary16, Rounding::rne>(w >> 16, w & 0xFFFF);
  const std::uint32_t mag = r & 0x7FFFu;
  return mag != 0 && mag <= kBinary16.frac_mask() && !has_subnormal16(w) ? r & H::kSign : r;
}
// Every NaN sum comes out positive.
constexpr std::uint32_t f16_add_nan_sign(std::uint32_t w) {
  const std::uint32_t r = pa::add<kBinary16, Rounding::rne>(w >> 16, w & 0xFFFF);
  return is_nan16(r) ? r & ~H::kSign : r;
}
// A signaling NaN operand returned as is (the first NaN, x86's choice), not quieted.
constexpr std::uint32_t f16_sub_snan_unquieted(std::uint32_t w) {
  const std::uint32_t a = w >> 16, b = w & 0xFFFF;
  const std::uint32_t first = is_nan16(a) ? a : b;
  if ((is_nan16(a) || is_nan16(b)) && is_snan16(first)) return first;
  return pa::sub<kBinary16, Rounding::rne>(a, b);
}
// sqrt(-0) gives the default NaN instead of -0 (6.3): a number became NaN.
constexpr std::uint32_t f16_sqrt_neg_zero_nan(std::uint32_t w) {
  return w == H::kSign ? H::kDefaultNaN : pa::sqrt<kBinary16, Rounding::rne>(w);
}
// The binary32 quotient (float(a) / float(b), rne) narrowed by truncation. Range is decided as
// rne decides it (infinity, NaN and zero results kept; a truncation to zero kept rne's), so the
// one defect shows as the other neighbour of an in-range result: rounding.
inline std::uint32_t bf16_div_truncated(std::uint32_t w) {
  const std::uint32_t r = pa::div<kBfloat16, Rounding::rne>(w >> 16, w & 0xFFFF);
  const std::uint32_t a32 = (w >> 16) << 16, b32 = (w & 0xFFFF) << 16;
  float fa, fb;
  std::memcpy(&fa, &a32, 4);
  std::memcpy(&fb, &b32, 4);
  const float q = fa / fb;
  std::uint32_t q32;
  std::memcpy(&q32, &q, 4);
  const std::uint32_t t = q32 >> 16;
  const bool in_range = (r & 0x7FFFu) < 0x7F80u && (r & 0x7FFFu) != 0 && (t & 0x7FFFu) != 0;
  return in_range ? t : r;
}

// mulAdd through binary32: fmaf of the widened operands (one binary32 rounding; the product is
// exact), then narrowed in rne: double rounding. NaNs and infinities as portable's.
inline std::uint32_t f16_mul_add_through_binary32(Word w) {
  const auto a = static_cast<std::uint32_t>(w >> 32), b = static_cast<std::uint32_t>(w >> 16) & 0xFFFF,
             c = static_cast<std::uint32_t>(w) & 0xFFFF;
  const std::uint32_t right = pa::mul_add<kBinary16, Rounding::rne>(a, b, c);
  const auto finite = [](std::uint32_t h) { return (h & 0x7C00u) != 0x7C00u; };
  if (!finite(a) || !finite(b) || !finite(c)) return right;
  const auto widen = [](std::uint32_t h) {
    const std::uint32_t bits = portable::widen<kBinary16>(h);
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  };
  const float r = std::fma(widen(a), widen(b), widen(c));
  std::uint32_t bits;
  std::memcpy(&bits, &r, 4);
  return portable::narrow<kBinary16, Rounding::rne>(bits);
}

}  // namespace

FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-truncate", Op::f32_to_f16, &truncate<kBinary16>,
                           K::rounding, "rne by truncating the fraction (range decided right)");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-ties-away", Op::f32_to_f16, &ties_away<kBinary16>,
                           K::rounding, "rne with ties away from zero: wrong at exact ties only");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-ftz", Op::f32_to_f16, &flush<kBinary16>, K::ftz,
                           "rne with subnormal results flushed to zero of their sign");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-snan-unquieted", Op::f32_to_f16,
                           &snan_unquieted<kBinary16>, K::nan_quiet,
                           "NaN payload shifted as is, quiet bit not set, kept non-zero (NumPy)");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-nan-sign", Op::f32_to_f16,
                           &nan_sign_dropped<kBinary16>, K::nan_sign,
                           "every NaN comes out positive");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-nan-to-inf", Op::f32_to_f16, &nan_to_inf<kBinary16>,
                           K::nan_lost, "every NaN becomes infinity of its sign");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-overflow-ulp", Op::f32_to_f16,
                           &overflow_late<kBinary16>, K::overflow,
                           "overflow threshold 1 binary32 ulp high: 65520 gives 65504, not inf");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-overflow-early", Op::f32_to_f16,
                           &overflow_early<kBinary16>, K::rounding,
                           "overflow threshold 1 binary32 ulp low: 65520 - 2^-8 gives inf, the "
                           "rounded-up neighbour of a value that does not overflow: rounding");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-bf16-truncate", Op::f32_to_bf16,
                           &truncate<kBfloat16>, K::rounding,
                           "rne by truncating the fraction (range decided right)");

FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-add-ties-away", Op::f16_add, &f16_add_ties_away,
                           K::rounding, "f16_add rne with ties away from zero: wrong at ties only");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-mul-ftz", Op::f16_mul, &f16_mul_ftz, K::ftz,
                           "f16_mul rne with subnormal products flushed to zero of their sign");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-add-nan-sign", Op::f16_add, &f16_add_nan_sign,
                           K::nan_sign, "f16_add: every NaN result comes out positive");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-sub-snan-unquieted", Op::f16_sub,
                           &f16_sub_snan_unquieted, K::nan_quiet,
                           "f16_sub: a signaling NaN operand is returned as is, not quieted");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-sqrt-neg-zero", Op::f16_sqrt,
                           &f16_sqrt_neg_zero_nan, K::other,
                           "f16_sqrt(-0) gives the default NaN, not -0: a number became NaN");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-bf16-div-truncate", Op::bf16_div, &bf16_div_truncated,
                           K::rounding,
                           "bf16_div: the binary32 quotient narrowed by truncation (range "
                           "decided right)");
FPCONFORM_REGISTER_BACKEND(Mutant, "mutant-f16-mul-add-binary32", Op::f16_mulAdd,
                           &f16_mul_add_through_binary32, K::double_rounding,
                           "f16_mulAdd as fmaf on the widened operands, then narrowed: rounded "
                           "twice");

}  // namespace fpconform
