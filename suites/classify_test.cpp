// Each deviation kind and case class, on a hand-picked case whose answer is known.
#include <gtest/gtest.h>

#include "oracles/softfloat/oracle.hpp"
#include "checks/classify.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {
namespace {

struct Case {
  const char* what;
  Op op;
  Rounding r;
  std::uint32_t input;
  std::uint32_t got;
  CaseClass cls;
  std::optional<DeviationKind> kind;
};

class Classify : public testing::TestWithParam<Case> {};

TEST_P(Classify, KindAndClass) {
  const Case& c = GetParam();
  const oracle::Result want = oracle::convert(c.op, c.input, c.r);
  EXPECT_EQ(name(classify_case(c.op, c.input, want)), name(c.cls)) << c.what;
  const auto kind = classify_deviation(c.op, c.input, c.got, 0, false, want);
  ASSERT_EQ(kind.has_value(), c.kind.has_value()) << c.what;
  if (kind) {
    EXPECT_EQ(name(*kind), name(*c.kind)) << c.what;
  }
}

using K = DeviationKind;
using C = CaseClass;
constexpr Rounding rne = Rounding::rne;

INSTANTIATE_TEST_SUITE_P(
    Cases, Classify,
    testing::Values(
        // 1 + 2^-11 is a tie between 1 (0x3C00, even) and 1 + 2^-10 (0x3C01).
        Case{"tie rounded up", Op::f32_to_f16, rne, 0x3F801000, 0x3C01, C::exact_tie, K::rounding},
        Case{"tie, right", Op::f32_to_f16, rne, 0x3F801000, 0x3C00, C::exact_tie, std::nullopt},
        Case{"neither neighbour", Op::f32_to_f16, rne, 0x3F801000, 0x3C02, C::exact_tie, K::other},
        Case{"truncated", Op::f32_to_f16, rne, 0x3F803800, 0x3C01, C::normal, K::rounding},
        // 2^-20 is the binary16 subnormal 0x0010.
        Case{"flushed", Op::f32_to_f16, rne, 0x35800000, 0x0000, C::underflow_subnormal, K::ftz},
        Case{"underflow to zero", Op::f32_to_f16, rne, 0x33000000, 0x0001, C::underflow_zero, K::rounding},
        Case{"subnormal input as zero", Op::f16_to_f32, rne, 0x0001, 0x00000000, C::subnormal_input, K::daz},
        Case{"subnormal input misread", Op::f16_to_f32, rne, 0x0001, 0x00002000, C::subnormal_input, K::other},
        // 65520 overflows to +inf under rne; max finite is 0x7BFF.
        Case{"overflow to max", Op::f32_to_f16, rne, 0x477FF000, 0x7BFF, C::overflow, K::overflow},
        Case{"overflow to NaN", Op::f32_to_f16, rne, 0x477FF000, 0x7E00, C::overflow, K::other},
        // 480 overflows E4M3FN: NaN (0x7F) when not saturating; max finite 0x7E is a deviation.
        Case{"e4m3 saturated", Op::f32_to_e4m3, rne, 0x43F00000, 0x7E, C::overflow, K::overflow},
        Case{"e4m3 tie", Op::f32_to_e4m3, rne, 0x43E80000, 0x7F, C::exact_tie, K::rounding},
        Case{"infinity saturated", Op::f32_to_e4m3, rne, 0x7F800000, 0x7E, C::infinity, K::overflow},
        Case{"nan lost", Op::f32_to_f16, rne, 0x7FC00000, 0x3C00, C::quiet_nan, K::nan_lost},
        Case{"nan to inf", Op::f32_to_f16, rne, 0x7FC00000, 0x7C00, C::quiet_nan, K::nan_lost},
        Case{"nan sign", Op::f32_to_f16, rne, 0x7FC00000, 0xFE00, C::quiet_nan, K::nan_sign},
        Case{"nan signaling", Op::f32_to_f16, rne, 0x7F800001, 0x7C01, C::signaling_nan, K::nan_quiet},
        Case{"nan payload", Op::f32_to_f16, rne, 0x7FC00000, 0x7E01, C::quiet_nan, K::nan_payload},
        Case{"signed zero", Op::f32_to_f16, rne, 0x80000000, 0x0000, C::zero, K::signed_zero},
        Case{"number became NaN", Op::f32_to_f16, rne, 0x3F800000, 0x7E00, C::normal, K::other},
        Case{"infinity", Op::f32_to_f16, rne, 0x7F800000, 0x7C00, C::infinity, std::nullopt}),
    [](const testing::TestParamInfo<Case>& i) { return test_name(i.param.what); });

TEST(ClassifyFlags, RightBitsWrongFlagsIsAFlagsDeviationOnlyWhenCompared) {
  const oracle::Result want = oracle::convert(Op::f32_to_f16, 0x477FF000, rne);  // 0x7C00, 0x05
  EXPECT_EQ(classify_deviation(Op::f32_to_f16, 0x477FF000, want.bits, 0x01, true, want), K::flags);
  EXPECT_EQ(classify_deviation(Op::f32_to_f16, 0x477FF000, want.bits, 0x01, false, want),
            std::nullopt);
  EXPECT_EQ(classify_deviation(Op::f32_to_f16, 0x477FF000, want.bits, 0x05, true, want),
            std::nullopt);
}

}  // namespace
}  // namespace fpconform
