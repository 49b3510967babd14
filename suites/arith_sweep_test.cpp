// The sweep of 16-bit operand pairs: on slices of the 2^32 pairs its counts, classes, kinds and
// examples must equal compare()'s on the same inputs, for a backend whose mistakes cover every
// kind the classifier knows; and an input's expected NaN must follow the backend's policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "checks/compare.hpp"
#include "checks/sweep.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/arith.hpp"

namespace fpconform {
namespace {

std::uint32_t subnormals_zeroed(Op op, std::uint32_t w) {
  const Format& f = *info(op).src;
  std::uint32_t out = 0;
  for (int i = 0; i < arity(op); ++i) {
    std::uint32_t x = operand(op, w, i);
    if (((x >> f.frac_bits) & f.exp_mask()) == 0) x &= 1u << (f.width() - 1);
    out = (out << f.container_bits) | x;
  }
  return out;
}

// The oracle's arithmetic with the NaNs of one policy, declaring that policy or another; with
// defects, then one defect chosen by a hash of the input: a result one step off, a flushed
// subnormal, subnormal operands read as zero, a NaN's sign flipped or made signaling, a zero's
// sign, a number become NaN; most inputs left right.
class OracleArith final : public Backend {
 public:
  OracleArith(NanPolicy gives, NanPolicy declares, bool defects)
      : nan_(gives), declares_(declares), defects_(defects) {}
  std::string_view name() const override { return defects_ ? "arith-scrambling" : "oracle-arith"; }
  std::string_view description() const override { return "test: the oracle's arithmetic, with defects or not"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding) const override { return is_arithmetic(op); }
  NanPolicy nan_policy() const override { return declares_; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    const Format& f = *info(op).src;
    for (std::size_t k = 0; k < n; ++k) {
      const Word w = load_word(input_bits(op), in, k);
      std::uint32_t x = oracle::arith(op, w, r, Tininess::after, nan_).bits;
      const std::uint32_t h = defects_ ? static_cast<std::uint32_t>((w ^ (w >> 32)) * 0x9E3779B1u) >> 28 : 15;
      const std::uint32_t sign = 1u << (f.width() - 1), inf = f.exp_mask() << f.frac_bits;
      const bool nan = (x & ~sign) > inf, subnormal = (x & inf) == 0 && (x & ~sign) != 0;
      switch (h) {
        case 0: if (!nan && (x & ~sign) != inf) x += 1; break;
        case 1: if (subnormal) x &= sign; break;
        case 2: x = oracle::arith(op, subnormals_zeroed(op, w), r, Tininess::after, nan_).bits; break;
        case 7: x = oracle::arith(op, w, Rounding::rtz, Tininess::after, nan_).bits; break;
        case 3: if (nan) x ^= sign; break;
        case 4: if (nan) x &= ~f.quiet_bit(); if (nan && (x & f.frac_mask()) == 0) x |= 1; break;
        case 5: if ((x & ~sign) == 0) x ^= sign; break;
        case 6: if (!nan) x = inf | f.quiet_bit(); break;
        default: break;
      }
      store_container(f, out, k, x);
    }
  }

 private:
  NanPolicy nan_, declares_;
  bool defects_;
};

// The sweep of one backend's (op, r) over the words [first, last).
Run swept(const Backend& backend, Op op, Rounding r, std::uint64_t first, std::uint64_t last) {
  SweepOptions so;
  so.first = first;
  so.last = last;
  so.max_examples = 20;
  const SweepJob job{&backend, op, r};
  return sweep(std::span(&job, 1), so)[0];
}

Run expect_sweep_equals_compare(const Backend& backend, Op op, Rounding r, std::uint64_t first,
                                std::uint64_t last) {
  const Run swept = fpconform::swept(backend, op, r, first, last);
  InputSpec values;
  values.kind = InputSpec::Kind::values;
  for (std::uint64_t i = first; i < last; ++i)
    for (int k = 0; k < arity(op); ++k) values.values.push_back(operand(op, sweep_word(op, i), k));
  CompareOptions co;
  co.max_examples = 20;
  const Run compared = compare(backend, op, r, InputSet(op, values), co);
  SCOPED_TRACE(std::string(name(op)) + " " + std::string(name(r)) + " " + swept.inputs);
  EXPECT_GT(swept.mismatches, 0u);
  EXPECT_EQ(swept.total, compared.total);
  EXPECT_EQ(swept.mismatches, compared.mismatches);
  EXPECT_EQ(swept.by_kind, compared.by_kind);
  EXPECT_EQ(swept.by_class, compared.by_class);
  EXPECT_EQ(swept.by_exponent, compared.by_exponent);
  EXPECT_EQ(swept.examples.size(), compared.examples.size());
  for (std::size_t i = 0; i < std::min(swept.examples.size(), compared.examples.size()); ++i) {
    EXPECT_EQ(swept.examples[i].input, compared.examples[i].input);
    EXPECT_EQ(swept.examples[i].got, compared.examples[i].got);
    EXPECT_EQ(swept.examples[i].kind, compared.examples[i].kind);
  }
  return swept;
}

// a = 1.0 and its neighbours, a subnormal, the largest finite, infinity and NaNs, negative
// numbers: all b for each.
TEST(ArithSweep, CountsAndExamplesEqualCompareOnTheSameInputs) {
  const OracleArith x86(NanPolicy::x86, NanPolicy::x86, true), arm(NanPolicy::arm, NanPolicy::arm, true);
  std::array<std::uint64_t, kDeviationKindCount> kinds{};
  for (const Backend* b : {static_cast<const Backend*>(&x86), static_cast<const Backend*>(&arm)})
    for (Op op : {Op::f16_add, Op::f16_div, Op::bf16_mul, Op::bf16_sub})
      for (Rounding r : {Rounding::rne, Rounding::rup})
        for (std::uint64_t a : {0x3C00u, 0x0001u, 0x7BFFu, 0x7C00u, 0x7D00u, 0xFE00u, 0xBF80u}) {
          const fpconform::Run run = expect_sweep_equals_compare(*b, op, r, a << 16, (a + 1) << 16);
          for (int k = 0; k < kDeviationKindCount; ++k) kinds[k] += run.by_kind[k];
        }
  // mulAdd: a block is one (c, a) and every b (operation.hpp, sweep_word).
  for (const Backend* b : {static_cast<const Backend*>(&x86), static_cast<const Backend*>(&arm)})
    for (Op op : {Op::f16_mulAdd, Op::bf16_mulAdd})
      for (std::uint64_t ca : {0x00013C00ull, 0x80003E00ull, 0x7E010001ull, 0x3C007C00ull}) {
        const fpconform::Run run = expect_sweep_equals_compare(*b, op, Rounding::rne, ca << 16, (ca + 1) << 16);
        for (int k = 0; k < kDeviationKindCount; ++k) kinds[k] += run.by_kind[k];
      }
  // Every defect the backend has is found, as its kind (flags are not compared by sweeps).
  for (DeviationKind k : {DeviationKind::rounding, DeviationKind::ftz, DeviationKind::daz,
                          DeviationKind::overflow, DeviationKind::nan_quiet, DeviationKind::nan_sign,
                          DeviationKind::signed_zero, DeviationKind::other})
    EXPECT_GT(kinds[static_cast<int>(k)], 0u) << name(k);
}

// A quiet NaN plus every b (signaling NaNs among them), and 0 / every b: x86 keeps the first
// operand and gives 0/0 the negative default NaN; Arm prefers a signaling operand and gives the
// positive one. A backend following its declared policy sweeps clean; one that gives x86's NaNs
// while declaring Arm's does not.
TEST(ArithSweep, TheExpectedNanFollowsTheBackendsPolicy) {
  const auto block = [](NanPolicy gives, NanPolicy declares, Op op, std::uint64_t a) {
    return swept(OracleArith(gives, declares, false), op, Rounding::rne, a << 16, (a + 1) << 16);
  };
  for (const auto& [op, a] : {std::pair{Op::f16_add, 0x7E01u}, std::pair{Op::f16_div, 0x0000u}}) {
    for (NanPolicy p : {NanPolicy::x86, NanPolicy::arm})
      EXPECT_EQ(block(p, p, op, a).mismatches, 0u) << name(op) << " " << name(p);
    const fpconform::Run wrong = block(NanPolicy::x86, NanPolicy::arm, op, a);
    EXPECT_GT(wrong.mismatches, 0u) << name(op);
    EXPECT_EQ(wrong.mismatches, wrong.by_kind[static_cast<int>(DeviationKind::nan_payload)] +
                                    wrong.by_kind[static_cast<int>(DeviationKind::nan_sign)])
        << name(op);
  }
}

}  // namespace
}  // namespace fpconform
