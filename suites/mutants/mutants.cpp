// Mutants: deliberately wrong backends that prove the suite has teeth (DESIGN.md, Backends).
// Each is the correct round-to-nearest-even conversion (backends/portable/narrow.hpp) plus ONE
// defect, implements that one (op, rne) pair only, and declares in known_deviations() exactly
// the kind the suite must catch it with. Compiled into the mutants self-test only: never into
// fpconform_backends or the fpconform command.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "backends/portable/narrow.hpp"
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

class Mutant final : public Backend {
 public:
  Mutant(std::string_view name, Op op, Narrow narrow, DeviationKind kind, std::string_view why)
      : name_(name), op_(op), narrow_(narrow), known_{op, kind, why} {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override { return known_.why; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding r) const override { return op == op_ && r == Rounding::rne; }
  std::span<const KnownDeviation> known_deviations() const override { return {&known_, 1}; }

  void convert(Op op, Rounding, const void* in, void* out, std::size_t n,
               Flags*) const override {
    const Format& src = *info(op).src;
    const Format& dst = *info(op).dst;
    for (std::size_t i = 0; i < n; ++i)
      store_container(dst, out, i, narrow_(load_container(src, in, i)));
  }

 private:
  std::string_view name_;
  Op op_;
  Narrow narrow_;
  KnownDeviation known_;
};

using K = DeviationKind;

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

}  // namespace fpconform
