// Every input of every widening conversion (2^16 for f16/bf16, 2^8 for e4m3/e5m2), on every
// backend compiled in that implements it (a test per (backend, op)), against the oracle, bit for
// bit (and flags where the backend reports them). A backend that declares known deviations for an
// op must show exactly those kinds.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "fpconform/backend.hpp"
#include "checks/compare.hpp"
#include "reports/text.hpp"
#include "suites/support/known_deviations.hpp"
#include "suites/support/pairs.hpp"

namespace fpconform {
namespace {

// A (backend, widening op) the backend implements: suites/support/pairs.hpp.
class DecodeExhaustive : public ::testing::TestWithParam<Triple> {};

TEST_P(DecodeExhaustive, EveryInput) {
  const Backend& b = *GetParam().backend;
  const Op op = GetParam().op;
  CompareOptions o;
  o.max_examples = 10;
  const InputSet inputs(op, InputSpec{});  // exhaustive
  const fpconform::Run run = compare(b, op, Rounding::rne, inputs, o);
  if (run.status == Status::skipped) GTEST_SKIP() << b.name() << " unavailable: " << run.reason;
  ASSERT_NE(run.status, Status::unimplemented) << run.reason;
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

// Decode/DecodeExhaustive.EveryInput/portable_f16_to_f32
INSTANTIATE_TEST_SUITE_P(Decode, DecodeExhaustive,
                         ::testing::ValuesIn(implemented(widening_pairs())), triple_name);

}  // namespace
}  // namespace fpconform
