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

VectorTally check(const std::string& text, Tininess file_tininess, std::vector<Seen>& seen) {
  std::istringstream in(text);
  VectorChecker checker(*find_backend("oracle"), file_tininess, 10,
                        [&](const Vector& v, const Example& e) { seen.push_back({v.line, e}); });
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

}  // namespace
}  // namespace fpconform
