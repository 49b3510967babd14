#include <gtest/gtest.h>

#include <algorithm>

#include "fpconform/error.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

bool contains(const std::vector<Word>& v, Word x) {
  return std::binary_search(v.begin(), v.end(), x);
}

TEST(InputSpec, ParsesAndPrintsTheSameText) {
  for (const char* s : {"exhaustive", "edge", "random:1000:7", "value:0x3F800000,0x7FC00000"})
    EXPECT_EQ(InputSpec::parse(s)->label(), s);
  EXPECT_EQ(InputSpec::parse("random:2^20")->label(), "random:1048576:1");
  EXPECT_EQ(InputSpec::parse("value:3c00")->values, std::vector<std::uint64_t>{0x3C00});
}

TEST(InputSpec, RejectsMalformedText) {
  for (const char* s : {"", "all", "random", "random:", "random:0", "random:x", "random:10:y",
                        "random:2^99", "value:", "value:xyz", "value:1,,2", "edges"})
    EXPECT_FALSE(InputSpec::parse(s).has_value()) << s;
}

TEST(InputSet, SixteenAndEightBitSourcesAreAlwaysExhaustive) {
  const InputSet f16(Op::f16_to_f32, *InputSpec::parse("random:10"));
  EXPECT_EQ(f16.spec().label(), "exhaustive");
  EXPECT_EQ(f16.size(), 65536u);
  EXPECT_EQ(InputSet(Op::e4m3_to_f32, *InputSpec::parse("edge")).size(), 256u);
  EXPECT_EQ(InputSet(Op::f16_to_f32, *InputSpec::parse("value:0x1")).size(), 1u);
}

TEST(InputSet, RandomIsReproducibleFromItsSeed) {
  const InputSet a(Op::f32_to_f16, *InputSpec::parse("random:100:5"));
  const InputSet b(Op::f32_to_f16, *InputSpec::parse("random:100:5"));
  const InputSet c(Op::f32_to_f16, *InputSpec::parse("random:100:6"));
  int differ = 0;
  for (std::uint64_t i = 0; i < 100; ++i) {
    EXPECT_EQ(a.at(i), b.at(i));
    differ += a.at(i) != c.at(i);
  }
  EXPECT_GT(differ, 90);
}

TEST(InputSet, ValueTooWideForTheSourceIsAnInputError) {
  EXPECT_THROW(InputSet(Op::f16_to_f32, *InputSpec::parse("value:0x10000")), InputError);
}

TEST(EdgeInputs, HoldTheKnownBoundaries) {
  const auto f16 = edge_inputs(Op::f32_to_f16);
  EXPECT_TRUE(contains(f16, 0x33000000));  // 2^-25: tie between 0 and the smallest subnormal
  EXPECT_TRUE(contains(f16, 0x477FF000));  // 65520: tie at the overflow threshold
  EXPECT_TRUE(contains(f16, 0x477FE000));  // 65504: max finite
  EXPECT_TRUE(contains(f16, 0x3F801000));  // 1 + 2^-11: tie, even below
  EXPECT_TRUE(contains(f16, 0x3F803000));  // 1 + 3 * 2^-11: tie, even above
  EXPECT_TRUE(contains(f16, 0x38800000));  // 2^-14: min normal
  EXPECT_TRUE(contains(f16, 0x7F800001));  // a signaling NaN
  EXPECT_TRUE(contains(f16, 0xFFC00000));  // a negative quiet NaN
  EXPECT_TRUE(contains(f16, 0x80000000));  // -0
  const auto e4m3 = edge_inputs(Op::f32_to_e4m3);
  EXPECT_TRUE(contains(e4m3, 0x43E80000));  // 464: tie between 448 and 480
  EXPECT_TRUE(contains(e4m3, 0x43E00000));  // 448: max finite
  const auto bf16 = edge_inputs(Op::f32_to_bf16);
  EXPECT_TRUE(contains(bf16, 0x3F808000));  // 1 + 2^-8: tie
  EXPECT_TRUE(contains(bf16, 0x00008000));  // a binary32 subnormal tie at bfloat16's precision
  EXPECT_LT(f16.size(), 20000u);
}

}  // namespace
}  // namespace fpconform
