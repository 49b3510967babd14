// The accumulation models of oracles/dot, on cases worked by hand.
#include <gtest/gtest.h>

#include <vector>

#include "oracles/dot/dot_model.hpp"
#include "oracles/dot/wide_sum.hpp"

namespace fpconform {
namespace {

using oracle::DotAlign;
using oracle::DotModel;

constexpr std::uint32_t kOne = 0x3F80;     // bfloat16 1
constexpr std::uint32_t kOne32 = 0x3F800000;

// bfloat16 2^e (normal).
std::uint32_t p2(int e) { return static_cast<std::uint32_t>((e + 127) << 7); }

std::uint32_t run(const DotModel& m, std::vector<std::uint32_t> a, std::uint32_t c,
                  std::vector<std::uint32_t> b = {}) {
  if (b.empty()) b.assign(a.size(), kOne);
  return oracle::dot(m, kBfloat16, a, b, c);
}

TEST(WideSum, CancelsHugeTermsExactly) {
  oracle::WideSum s;
  s.add(false, 256, 1);
  s.add(false, -266, 3);
  s.add(true, 256, 1);
  std::int32_t e = 0;
  std::uint64_t sig = 0;
  ASSERT_FALSE(s.zero());
  s.magnitude(e, sig);
  EXPECT_EQ(sig, std::uint64_t{3} << 61);  // 3 * 2^-266, its leading bit at bit 62, no sticky
  EXPECT_EQ(e, -266 - 61);
  s.add(true, -266, 4);
  EXPECT_TRUE(s.negative());
}

TEST(WideSum, KeepsASticky) {
  oracle::WideSum s;
  s.add(false, 0, 1);
  s.add(false, -200, 1);
  std::int32_t e = 0;
  std::uint64_t sig = 0;
  s.magnitude(e, sig);
  EXPECT_EQ(sig, (std::uint64_t{1} << 62) | 1);  // 1 at the top, the 2^-200 as the sticky bit
  EXPECT_EQ(e, -62);
}

TEST(DotModel, FmaChainRoundsEachStepToNearestEven) {
  const DotModel fma;  // block 1, exact, c joins, rne
  EXPECT_EQ(run(fma, {p2(-24)}, kOne32), kOne32);                   // a tie: stays at even 1
  EXPECT_EQ(run(fma, {0x33C0}, kOne32), kOne32 + 1);               // 1.5 * 2^-24: up
  EXPECT_EQ(run(fma, {p2(-24), p2(-24)}, kOne32), kOne32);         // two ties, each lost
  DotModel rtz = fma;
  rtz.round = Rounding::rtz;
  EXPECT_EQ(run(rtz, {0x33C0}, kOne32), kOne32);
}

TEST(DotModel, TruncatedAlignmentLosesWhatExactKeeps) {
  // c = 1 and three products 2^-25 in one step of 4: exactly 1 + 3 * 2^-25, which rounds up.
  DotModel exact{4, DotAlign::exact, 0, true, Rounding::rne, false, false, false};
  EXPECT_EQ(run(exact, {p2(-25), p2(-25), p2(-25)}, kOne32), kOne32 + 1);
  DotModel trunc = exact;
  trunc.align = DotAlign::truncate;
  trunc.align_bits = 23;  // bits below 2^-23 dropped from every term
  EXPECT_EQ(run(trunc, {p2(-25), p2(-25), p2(-25)}, kOne32), kOne32);
  // c after the block: the products sum exactly to 3 * 2^-25, then 1 + that rounds up.
  DotModel after = trunc;
  after.c_joins = false;
  EXPECT_EQ(run(after, {p2(-25), p2(-25), p2(-25)}, kOne32), kOne32 + 1);
}

TEST(DotModel, PairOrderMattersOneStepAtATime) {
  DotModel fma;
  const std::uint32_t c = 0x33400000;  // 3 * 2^-26
  EXPECT_EQ(run(fma, {kOne, 0xBF80}, c), 0u);  // 1 + c rounds to 1; minus 1 is +0
  fma.swap_pairs = true;                       // -1 first: c - 1 rounds to -(1 - 2^-24)
  EXPECT_EQ(run(fma, {kOne, 0xBF80}, c), 0x33800000u);  // 2^-24
}

TEST(DotModel, SubnormalsUnderDazAndFtz) {
  DotModel m;
  const std::uint32_t tiny = 0x0001;  // bfloat16 2^-133
  EXPECT_EQ(run(m, {tiny}, 0, {p2(100)}), 0x2F000000u);  // 2^-33
  m.daz = true;
  EXPECT_EQ(run(m, {tiny}, 0, {p2(100)}), 0u);
  // 1.5 * 2^-126 - 2^-126 = 2^-127, a binary32 subnormal.
  DotModel f;
  EXPECT_EQ(run(f, {0x8080}, 0x00C00000), 0x00400000u);
  f.ftz = true;
  EXPECT_EQ(run(f, {0x8080}, 0x00C00000), 0u);
}

// tf32 operands sit in the high 19 bits of their words: 1.5 is 0x3FC00000, the smallest
// subnormal 2^-136 is 0x00002000.
TEST(DotModel, Tf32OperandsAreTheirWordsHighBits) {
  const auto tf32 = [](const DotModel& m, std::vector<std::uint32_t> a, std::vector<std::uint32_t> b, std::uint32_t c) {
    return oracle::dot(m, kTf32, a, b, c);
  };
  DotModel m;
  // (1 + 2^-10)^2 = 1 + 2^-9 + 2^-20: 21 bits, exact in binary32.
  EXPECT_EQ(tf32(m, {0x3F802000}, {0x3F802000}, 0), 0x3F804008u);
  EXPECT_EQ(tf32(m, {0x00002000}, {0x4B000000}, 0), 0x07000000u);  // 2^-136 * 2^23 = 2^-113
  m.daz = true;
  EXPECT_EQ(tf32(m, {0x00002000}, {0x4B000000}, 0), 0u);  // a tf32 subnormal read as zero
}

TEST(DotModel, SpecialsAndZeroSigns) {
  const DotModel m;
  EXPECT_EQ(run(m, {0x7F80}, 0, {0}), oracle::kDotNaN);                   // infinity * 0
  EXPECT_EQ(run(m, {0x7F80, 0xFF80}, 0), oracle::kDotNaN);                 // +inf - inf
  EXPECT_EQ(run(m, {0x7F80, kOne}, 0xC0000000), 0x7F800000u);              // +inf
  EXPECT_EQ(run(m, {0x8000}, 0x80000000), 0x80000000u);                    // -0 + -0
  EXPECT_EQ(run(m, {0x8000}, 0), 0u);                                      // +0 + -0
  EXPECT_EQ(run(m, {kOne, 0xBF80}, 0), 0u);                                // 1 - 1 = +0
  DotModel rdn = m;
  rdn.round = Rounding::rdn;
  EXPECT_EQ(run(rdn, {kOne, 0xBF80}, 0), 0x80000000u);                     // -0 in rdn
}

TEST(DotModel, ChunksOfKStartFromZero) {
  DotModel m;  // an FMA chain: 1 + 2^-24 is a tie that stays at 1, three times
  EXPECT_EQ(run(m, {kOne, p2(-24), p2(-24), p2(-24)}, 0), kOne32);
  m.chunk = 2;  // (1 + 2^-24) + (2^-24 + 2^-24): 1 + 2^-23
  EXPECT_EQ(run(m, {kOne, p2(-24), p2(-24), p2(-24)}, 0), kOne32 + 1);
  m.c_last = true;  // c = -1 after the chunks: exactly 2^-23
  EXPECT_EQ(run(m, {kOne, p2(-24), p2(-24), p2(-24)}, 0xBF800000), 0x34000000u);
}

// AMX TDPBF16PS as measured: even and odd elements in two chains, their sum, then c.
TEST(DotModel, TwoChainsKeepEvenAndOddApart) {
  const std::vector<std::uint32_t> x{kOne, p2(-24), 0, p2(-24)};
  DotModel m;  // one chain: 1 + 2^-24 ties to 1, twice
  EXPECT_EQ(run(m, x, 0), kOne32);
  m.chains = 2;  // 1 apart from 2^-24 + 2^-24 = 2^-23: 1 + 2^-23, exact
  EXPECT_EQ(run(m, x, 0), kOne32 + 1);
  // c = 2^-24 is added to the chains' sum (1 + 2^-24: a tie, to 1), not to a chain (which would
  // give 1 + 2^-23)
  EXPECT_EQ(run(m, {kOne, p2(-24)}, 0x33800000), kOne32);
  // spans of 2: (1 + 2^-24 -> 1), then + 2^-24 (-> 1): the span's chains do not carry over
  m.chain_span = 2;
  EXPECT_EQ(run(m, x, 0), kOne32);
}

TEST(DotModel, NamedModelsAreFound) {
  ASSERT_NE(oracle::find_dot_model("vdpbf16ps"), nullptr);
  EXPECT_TRUE(oracle::find_dot_model("vdpbf16ps")->swap_pairs);
  EXPECT_EQ(oracle::find_dot_model("nonesuch"), nullptr);
}

}  // namespace
}  // namespace fpconform
