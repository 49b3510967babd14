// VectorChecker on the oracle backend: a wrong expected result is one mismatch of the right kind
// at the right line, and a file assuming the other tininess rule is judged by the backend's.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/vector_check.hpp"
#include "vectors/vector_file.hpp"

namespace fpconform {
namespace {

struct Seen {
  std::size_t line;
  Example example;
};

VectorTally check(const std::string& text, Tininess file_tininess, std::vector<Seen>& seen,
                  NanMatch nans = NanMatch::any) {
  std::istringstream in(text);
  VectorChecker checker(*find_backend("oracle"), file_tininess, 10,
                        [&](const Vector& v, const Example& e) { seen.push_back({v.line, e}); },
                        0, nans);
  for (Vector& v : read_vectors(in, "test.vec", VectorFormat::fpconform)) checker.add(std::move(v));
  return checker.finish();
}

TEST(VectorCheck, OneWrongExpectedResultIsOneMismatchAtItsLine) {
  std::vector<Seen> seen;
  const VectorTally t = check(
      "# 65520 overflows to +inf under rne: 7BFF on line 3 is wrong\n"
      "f32_to_f16 rne 3F800000 3C00 00\n"
      "f32_to_f16 rne 477FF000 7BFF 05\n"
      "f16_to_f32 exact 3C00 3F800000 00\n",
      Tininess::after, seen);
  EXPECT_EQ(t.vectors, 3u);
  EXPECT_EQ(t.checked, 3u);
  EXPECT_EQ(t.mismatches, 1u);
  EXPECT_EQ(t.by_kind, (std::map<std::string, std::uint64_t>{{"overflow", 1}}));
  EXPECT_TRUE(t.unimplemented.empty());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].line, 3u);
  EXPECT_EQ(seen[0].example.kind, DeviationKind::overflow);
  EXPECT_EQ(seen[0].example.got, 0x7C00u);
  EXPECT_EQ(seen[0].example.expected, 0x7BFFu);
}

TEST(VectorCheck, UnderflowFollowsTheBackendsTininessRule) {
  // Rounds up to 2^-14: tiny before rounding, not after (IEEE 754-2019 7.5).
  const std::uint32_t x = 0x387FFFFE;
  const Flags before = oracle::convert(Op::f32_to_f16, x, Rounding::rne, Tininess::before).flags;
  ASSERT_NE(before, oracle::convert(Op::f32_to_f16, x, Rounding::rne, Tininess::after).flags);
  Vector v;
  v.op = Op::f32_to_f16;
  v.input = x;
  v.expected = 0x0400;
  v.flags = before;
  const std::string line = format_vector_line(v, VectorFormat::fpconform);

  std::vector<Seen> seen;
  EXPECT_EQ(check(line, Tininess::before, seen).mismatches, 0u);
  const VectorTally t = check(line, Tininess::after, seen);
  EXPECT_EQ(t.mismatches, 1u);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].example.kind, DeviationKind::flags);
}

TEST(VectorCheck, ArithmeticLinesRunWithBothOperands) {
  std::vector<Seen> seen;
  const VectorTally t = check(
      "f16_add rne 3C00 4000 4200 00  # 1 + 2 = 3\n"
      "f16_add rne 3C00 1000 3C01 01  # wrong: the tie goes to even, 3C00\n"
      "bf16_div rne 3F80 0000 7F80 08  # 1 / 0\n"
      "f16_sqrt rne 4400 4000 00\n",
      Tininess::after, seen);
  EXPECT_EQ(t.checked, 4u);
  EXPECT_EQ(t.mismatches, 1u);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].line, 2u);
  EXPECT_EQ(seen[0].example.input, 0x3C001000u);
  EXPECT_EQ(seen[0].example.got, 0x3C00u);
  EXPECT_EQ(seen[0].example.expected, 0x3C01u);
}

// Which NaN an operation returns is the implementation's (IEEE 754-2019 6.2.3): by default any
// NaN matches an expected NaN, as in TestFloat's verifier; NanMatch::exact compares the bits.
TEST(VectorCheck, AnyNanMatchesAnExpectedNanUnlessAskedForExactNans) {
  const std::string file =
      "f16_add rne 7E00 3C00 FE01 00  # the oracle (x86) gives 7E00: another sign and payload\n"
      "bf16_mul rne 0000 7F80 7FC0 10  # the oracle gives x86's default NaN FFC0\n";
  std::vector<Seen> seen;
  EXPECT_EQ(check(file, Tininess::after, seen).mismatches, 0u);
  EXPECT_TRUE(seen.empty());
  const VectorTally t = check(file, Tininess::after, seen, NanMatch::exact);
  EXPECT_EQ(t.mismatches, 2u);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].example.got, 0x7E00u);
  EXPECT_EQ(seen[1].example.got, 0xFFC0u);
}

TEST(VectorCheck, AnyNanStillComparesFlagsAndNeverExcusesANumber) {
  std::vector<Seen> seen;
  const VectorTally t = check(
      "f16_add rne 7D00 3C00 7F00 00  # wrong: an sNaN operand signals invalid (10)\n"
      "f16_add rne 3C00 3C00 7E00 00  # wrong: 1 + 1 is 2, not a NaN\n",
      Tininess::after, seen);
  EXPECT_EQ(t.mismatches, 2u);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].example.kind, DeviationKind::flags);
  EXPECT_EQ(seen[0].example.got_flags, kInvalid);
  EXPECT_EQ(seen[1].example.got, 0x4000u);
}

// Conversions keep their payload (6.2.3): their NaNs are compared exactly either way.
TEST(VectorCheck, ConversionNansAreAlwaysComparedExactly) {
  std::vector<Seen> seen;
  EXPECT_EQ(check("f32_to_f16 rne 7FC00000 7E01 00\n", Tininess::after, seen).mismatches, 1u);
}

TEST(VectorCheck, ArithmeticUnderflowFollowsTheBackendsTininessRule) {
  // 2^-7 (1 + 2^-10) x 2^-7 (1 - 2^-10) = 2^-14 (1 - 2^-20): tiny before rounding, not after.
  const std::string line = "f16_mul rne 2001 1FFE 0400 03\n";
  std::vector<Seen> seen;
  EXPECT_EQ(check(line, Tininess::before, seen).mismatches, 0u);
  EXPECT_EQ(check(line, Tininess::after, seen).mismatches, 1u);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].example.kind, DeviationKind::flags);
}

}  // namespace
}  // namespace fpconform
