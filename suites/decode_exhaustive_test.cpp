// Every input of every widening conversion (2^16 for f16/bf16, 2^8 for e4m3/e5m2), on every
// backend compiled in, against the oracle, bit for bit (and flags where the backend reports
// them). A backend that declares known deviations for an op must show exactly those kinds.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "fpconform/backend.hpp"
#include "checks/compare.hpp"
#include "suites/support/test_names.hpp"
#include "reports/text.hpp"
#include "suites/support/known_deviations.hpp"

namespace fpconform {

// How gtest shows a parameter: the backend's name, not its address (found by ADL).
[[maybe_unused]] static void PrintTo(const Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

class DecodeExhaustive : public ::testing::TestWithParam<const Backend*> {
 protected:
  void check(Op op) const;
};

void DecodeExhaustive::check(Op op) const {
  const Backend& b = *GetParam();
  CompareOptions o;
  o.max_examples = 10;
  const InputSet inputs(op, InputSpec{});  // exhaustive
  const fpconform::Run run = compare(b, op, Rounding::rne, inputs, o);
  if (run.status == Status::skipped) GTEST_SKIP() << b.name() << " unavailable: " << run.reason;
  if (run.status == Status::unimplemented) GTEST_SKIP() << "unimplemented: " << run.reason;
  ASSERT_EQ(run.total, input_space(op)) << "not every input was checked";

  const std::set<DeviationKind> declared = declared_kinds(b, op);
  if (declared.empty()) {  // bit-exact: any mismatch fails
    EXPECT_EQ(run.mismatches, 0u) << "differs from the oracle:\n" << format_examples(run);
    return;
  }
  // A declared specimen: the suite must find its deviations, exactly the declared kinds.
  const KindsComparison kinds = compare_kinds(declared, run);
  EXPECT_GT(run.mismatches, 0u) << b.name() << " declares deviations in " << name(op)
                                << " but the exhaustive sweep found none";
  EXPECT_TRUE(kinds.exact()) << b.name() << ' ' << name(op) << " over " << run.total
                             << " inputs: " << kinds.text << "\n"
                             << format_examples(run);
}

TEST_P(DecodeExhaustive, f16_to_f32) { check(Op::f16_to_f32); }
TEST_P(DecodeExhaustive, bf16_to_f32) { check(Op::bf16_to_f32); }
TEST_P(DecodeExhaustive, e4m3_to_f32) { check(Op::e4m3_to_f32); }
TEST_P(DecodeExhaustive, e5m2_to_f32) { check(Op::e5m2_to_f32); }

std::string backend_test_name(const ::testing::TestParamInfo<const Backend*>& info) {
  return test_name(info.param->name());
}

INSTANTIATE_TEST_SUITE_P(Decode, DecodeExhaustive, ::testing::ValuesIn(backends()),
                         backend_test_name);

}  // namespace
}  // namespace fpconform
