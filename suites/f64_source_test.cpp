// The binary64 sources (f64_to_*): their inputs, the oracle on hand-worked cases, and the
// double-rounding classification on a software twin that goes through binary32.
#include <gtest/gtest.h>

#include <map>

#include "checks/classify.hpp"
#include "checks/compare.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "suites/support/test_backends.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

std::vector<Op> f64_ops() {
  std::vector<Op> v;
  for (const OpInfo& i : kOps)
    if (is_binary64_source(i.op)) v.push_back(i.op);
  return v;
}

// Whether x goes wrong through binary32 in mode r.
bool double_rounds(Op op, Word x, Rounding r) {
  const Format& dst = *info(op).dst;
  const auto wide = oracle::convert(kBinary64, kBinary32, x, r);
  return oracle::convert(kBinary32, dst, wide.bits, r).bits != oracle::convert(op, x, r).bits;
}

TEST(F64Inputs, ExhaustiveIsEdgeAndRandomAndSaysSo) {
  for (Op op : f64_ops()) {
    const InputSet set(op, InputSpec{});
    EXPECT_EQ(set.spec().kind, InputSpec::Kind::edge_random) << name(op);
    EXPECT_EQ(set.spec().label(), "edge+random:1048576:1");
    EXPECT_EQ(set.size(), edge_inputs(op).size() + kBinary64Random);
  }
  EXPECT_EQ(input_space(Op::f64_to_f16), 0u);  // 2^64 does not fit: never swept
}

TEST(F64Inputs, ValuesTakeSixtyFourBits) {
  const auto spec = InputSpec::parse("value:0x3E60000000000001");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->label(), "value:0x3E60000000000001");
  const InputSet set(Op::f64_to_f16, *spec);
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set.at(0), Word{0x3E60000000000001});
  const auto again = InputSpec::parse("edge+random:2^10:7");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->label(), "edge+random:1024:7");
}

// The inputs are aimed: for every destination narrower than binary32, the edge table and the
// random inputs both hold many values that binary32 rounds onto one of its midpoints.
TEST(F64Inputs, AimedAtDoubleRounding) {
  for (Op op : f64_ops()) {
    if (op == Op::f64_to_f32) continue;
    const std::vector<Word> edge = edge_inputs(op);
    std::size_t edge_hits = 0;
    for (Word x : edge) edge_hits += double_rounds(op, x, Rounding::rne);
    const InputSet random(op, *InputSpec::parse("random:20000:3"));
    std::size_t random_hits = 0;
    for (std::uint64_t i = 0; i < random.size(); ++i) random_hits += double_rounds(op, random.at(i), Rounding::rne);
    EXPECT_GE(edge_hits, 20u) << name(op) << ": " << edge_hits << " of " << edge.size() << " edge inputs";
    // Half the generator aims at midpoints (vectors/f64_inputs.hpp); about half of those are
    // moved to the side where binary32's tie goes the wrong way.
    EXPECT_GE(random_hits, random.size() / 8) << name(op) << ": " << random_hits << " of 20000";
  }
}

// Double rounding is innocuous in the directed modes (nested grids round in one direction) and
// harmful in rne: the twin must show exactly that, and every mismatch must be called
// double-rounding.
TEST(F64Classify, ThroughBinary32IsDoubleRoundingInNearestOnly) {
  const testing_backends::ThroughBinary32 twin;
  for (Op op : f64_ops()) {
    const InputSet inputs(op, *InputSpec::parse("edge+random:50000:5"));
    for (Rounding r : kRoundings) {
      const fpconform::Run run = compare(twin, op, r, inputs, CompareOptions{});
      const bool nearest = r == Rounding::rne || r == Rounding::rna;
      if (op == Op::f64_to_f32 || !nearest) {
        EXPECT_EQ(run.mismatches, 0u) << name(op) << " " << name(r);
        continue;
      }
      EXPECT_GT(run.mismatches, 1000u) << name(op) << " " << name(r);
      EXPECT_EQ(run.by_kind[static_cast<std::size_t>(DeviationKind::double_rounding)], run.mismatches)
          << name(op) << " " << name(r);
    }
  }
}

TEST(F64Classify, HandWorked) {
  const auto kind = [](Op op, Word x, std::uint32_t got) {
    const auto want = oracle::convert(op, x, Rounding::rne);
    return classify_deviation(op, x, got, 0, false, want, ArithContext{Rounding::rne, Tininess::after, NanPolicy::x86});
  };
  // 2^-25 + 2^-77: 2^-24 rounded once; 0 through binary32 (2^-25, a tie to even).
  EXPECT_EQ(kind(Op::f64_to_f16, 0x3E60000000000001, 0x0000), DeviationKind::double_rounding);
  EXPECT_EQ(kind(Op::f64_to_f16, 0x3E60000000000001, 0x0001), std::nullopt);
  EXPECT_EQ(kind(Op::f64_to_f16, 0x3E60000000000001, 0x0002), DeviationKind::other);
  // 464 + 2^-44 in E4M3: NaN (480 overflows) rounded once; 448 through binary32.
  EXPECT_EQ(kind(Op::f64_to_e4m3, 0x407D000000000001, 0x7E), DeviationKind::double_rounding);
  // 1 + 2^-9 (a bfloat16 tie, exact in binary32): rne gives 1; 1 + 2^-7 is the other neighbour.
  EXPECT_EQ(kind(Op::f64_to_bf16, 0x3FF0100000000000, 0x3F81), DeviationKind::rounding);
  const auto tie = oracle::convert(Op::f64_to_bf16, 0x3FF0100000000000, Rounding::rne);
  EXPECT_EQ(classify_case(Op::f64_to_bf16, 0x3FF0100000000000, tie), CaseClass::exact_tie);
  const auto f32_tie = oracle::convert(Op::f64_to_f32, 0x3FF0000010000000, Rounding::rne);
  EXPECT_EQ(classify_case(Op::f64_to_f32, 0x3FF0000010000000, f32_tie), CaseClass::exact_tie)
      << "1 + 2^-24 is halfway between 1 and binary32's next";
  const auto not_tie = oracle::convert(Op::f64_to_f32, 0x3FF0000010000001, Rounding::rne);
  EXPECT_EQ(classify_case(Op::f64_to_f32, 0x3FF0000010000001, not_tie), CaseClass::normal);
}

}  // namespace
}  // namespace fpconform
