// mulAdd's inputs: the 48-bit word and its sweep order, the hard:/slice: specs, and that each
// kind of hard case is what it says (judged by the oracle, not by the generator's arithmetic).
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "fpconform/error.hpp"
#include "oracles/softfloat/arith.hpp"
#include "vectors/inputs.hpp"
#include "vectors/mul_add_cases.hpp"

namespace fpconform {
namespace {

TEST(MulAddWord, OperandsAndSweepOrder) {
  const Word w = 0x3C0040000001;  // a = 1, b = 2, c = 2^-24
  EXPECT_EQ(operand(Op::f16_mulAdd, w, 0), 0x3C00u);
  EXPECT_EQ(operand(Op::f16_mulAdd, w, 1), 0x4000u);
  EXPECT_EQ(operand(Op::f16_mulAdd, w, 2), 0x0001u);
  EXPECT_EQ(input_space(Op::f16_mulAdd), std::uint64_t{1} << 48);
  // The sweep index runs c, a, b: one c is a contiguous 2^32.
  EXPECT_EQ(sweep_index(Op::f16_mulAdd, w), 0x00013C004000u);
  for (std::uint64_t i : {0ull, 1ull, 0x123456789ABCull, 0xFFFFFFFFFFFFull})
    EXPECT_EQ(sweep_index(Op::f16_mulAdd, sweep_word(Op::f16_mulAdd, i)), i);
  EXPECT_EQ(sweep_word(Op::f16_add, 0x3C004000u), 0x3C004000u);
}

TEST(MulAddSpecs, ParseAndPrint) {
  EXPECT_EQ(InputSpec::parse("hard:100")->label(), "hard:100:1");
  EXPECT_EQ(InputSpec::parse("slice:c=1")->label(), "slice:c=0x1");
  EXPECT_EQ(InputSpec::parse("slice:b=4000,a=3C00")->label(), "slice:a=0x3C00,b=0x4000");
  for (const char* bad : {"hard:", "hard:0", "slice:", "slice:c", "slice:d=1", "slice:a=1",
                          "slice:a=1,c=2", "slice:c=xyz", "slice:a=1,b=2,c=3"})
    EXPECT_FALSE(InputSpec::parse(bad).has_value()) << bad;
}

TEST(MulAddSpecs, SlicesHoldTheirOperandsFixed) {
  const InputSet c(Op::f16_mulAdd, *InputSpec::parse("slice:c=0x8001"));
  EXPECT_EQ(c.size(), std::uint64_t{1} << 32);
  EXPECT_EQ(c.at(0x3C004000), 0x3C0040008001u);
  ASSERT_TRUE(c.sweep_range().has_value());
  EXPECT_EQ(c.sweep_range()->first, std::uint64_t{0x8001} << 32);
  const InputSet ab(Op::bf16_mulAdd, *InputSpec::parse("slice:a=0x3F80,b=0x4000"));
  EXPECT_EQ(ab.size(), 65536u);
  EXPECT_EQ(ab.at(0x1234), 0x3F8040001234u);
  EXPECT_FALSE(ab.sweep_range().has_value());
  EXPECT_THROW(InputSet(Op::f16_mulAdd, *InputSpec::parse("slice:c=0x10000")), InputError);
  EXPECT_THROW(InputSet(Op::f16_add, *InputSpec::parse("hard:10")), InputError);
  // value: takes three operands per case.
  EXPECT_EQ(InputSet(Op::f16_mulAdd, *InputSpec::parse("value:3C00,4000,0001")).at(0), 0x3C0040000001u);
  EXPECT_THROW(InputSet(Op::f16_mulAdd, *InputSpec::parse("value:3C00,4000")), InputError);
}

// The sweep's block fill for mulAdd: one (c, a) and every b, or, across a change of a, word by
// word; both as the scalar oracle.
TEST(MulAddWord, BlockFillMatchesTheOracle) {
  for (Op op : {Op::f16_mulAdd, Op::bf16_mulAdd})
    for (const std::uint64_t first : {0x00013C000000ull, 0x80013E00FFF0ull, 0x7E01FFFFFFF8ull}) {
      std::vector<std::uint16_t> got(64);
      oracle::arith_block(op, first, got.size(), Rounding::rne, NanPolicy::arm, got.data());
      for (std::size_t k = 0; k < got.size(); ++k)
        EXPECT_EQ(got[k], oracle::arith(op, sweep_word(op, first + k), Rounding::rne,
                                        Tininess::after, NanPolicy::arm).bits)
            << name(op) << " index " << std::hex << first + k;
    }
}

// Each kind, judged by the oracle on the case it produced.
bool is_nan(const Format& f, std::uint32_t x) {
  return ((x >> f.frac_bits) & f.exp_mask()) == f.exp_mask() && (x & f.frac_mask()) != 0;
}

class HardCases : public testing::TestWithParam<Op> {};

TEST_P(HardCases, AreOfTheirKind) {
  const Op op = GetParam();
  const Format& f = *info(op).src;
  Format finer = f;  // one more fraction and exponent bit: a tie is exact there
  finer.frac_bits += 1, finer.exp_bits += 1, finer.container_bits = 32;
  const Op mul = op == Op::f16_mulAdd ? Op::f16_mul : Op::bf16_mul;
  std::map<HardCase, int> hits, total;
  constexpr std::uint64_t kCount = 6 * 4000;
  for (std::uint64_t i = 0; i < kCount; ++i) {
    const Word w = mul_add_hard_case(op, 42, i);
    EXPECT_EQ(w, mul_add_hard_case(op, 42, i)) << "a pure function of (op, seed, i)";
    const std::uint32_t a = operand(op, w, 0), b = operand(op, w, 1), c = operand(op, w, 2);
    const oracle::Result r = oracle::arith(op, w, Rounding::rne);
    const HardCase kind = hard_case_kind(i);
    ++total[kind];
    bool hit = false;
    switch (kind) {
      case HardCase::near_midpoint: {  // a * b alone is a tie
        const Word product = (Word{a} << f.container_bits) | b;
        hit = (oracle::arith(mul, product, Rounding::rtz).flags & kInexact) &&
              !(oracle::arith_into(mul, product, finer, Rounding::rtz).flags & kInexact);
        break;
      }
      case HardCase::cancellation: {  // the sum is much smaller than the product
        const std::uint32_t p = oracle::arith(mul, (Word{a} << f.container_bits) | b, Rounding::rtz).bits;
        const int ep = static_cast<int>((p >> f.frac_bits) & f.exp_mask());
        const int er = static_cast<int>((r.bits >> f.frac_bits) & f.exp_mask());
        hit = (r.bits & 0x7FFF) == 0 || er + f.frac_bits / 2 <= ep;
        break;
      }
      case HardCase::underflow:  // a subnormal or smallest-binade result, or zero
        hit = ((r.bits >> f.frac_bits) & f.exp_mask()) <= 1;
        break;
      case HardCase::overflow:  // the top two binades or beyond
        hit = ((r.bits >> f.frac_bits) & f.exp_mask()) >= f.exp_mask() - 2;
        break;
      case HardCase::nan_payload:
        hit = is_nan(f, a) || is_nan(f, b) || is_nan(f, c);
        EXPECT_TRUE(hit) << std::hex << w;
        break;
      case HardCase::signed_zero:
        hit = (r.bits & 0x7FFF) == 0;
        EXPECT_TRUE(hit) << std::hex << w;
        break;
    }
    hits[kind] += hit;
  }
  for (const auto& [kind, n] : total) {
    std::cout << name(op) << " " << name(kind) << ": " << hits[kind] << " of " << n << "\n";
    EXPECT_GE(hits[kind], n * 3 / 4) << name(kind);
  }
}

INSTANTIATE_TEST_SUITE_P(MulAdd, HardCases, testing::Values(Op::f16_mulAdd, Op::bf16_mulAdd),
                         [](const testing::TestParamInfo<Op>& i) { return std::string(name(i.param)); });

// Through binary32 first: the double roundings the edge set catches (via-f32's defect) exist
// among the near-midpoint cases in both formats.
TEST(HardCases, NearMidpointCasesIncludeBinary32DoubleRoundings) {
  for (Op op : {Op::f16_mulAdd, Op::bf16_mulAdd}) {
    const Format& f = *info(op).src;
    int found = 0;
    for (std::uint64_t i = 0; i < 6 * 2000; i += 6) {
      const Word w = mul_add_hard_case(op, 1, i);
      const auto exact = oracle::arith(op, w, Rounding::rne).bits;
      const auto wide = oracle::arith_into(op, w, kBinary32, Rounding::rne).bits;
      found += oracle::convert(kBinary32, f, wide, Rounding::rne).bits != exact;
    }
    std::cout << name(op) << ": " << found << " of 2000 near-midpoint cases round wrong through binary32\n";
    EXPECT_GT(found, 200) << name(op);
  }
}

}  // namespace
}  // namespace fpconform
