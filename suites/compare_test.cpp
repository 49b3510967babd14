// The comparison engine on backends made for the test (not registered): it must count every
// mismatch, classify it, keep the first examples in input order, and never call a backend that
// is unavailable or asked for what it does not implement.
#include <gtest/gtest.h>

#include <algorithm>

#include "fpconform/container.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/classify.hpp"
#include "checks/compare.hpp"
#include "suites/support/test_backends.hpp"

namespace fpconform {
namespace {

using testing_backends::Truncating;
using testing_backends::Unavailable;

TEST(Compare, CountsClassifiesAndKeepsTheFirstExamples) {
  CompareOptions o;
  o.max_examples = 4;
  o.block_size = 1000;  // many blocks over two threads: examples must still come in input order
  o.threads = 2;
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:200000:3"));
  const fpconform::Run run = compare(Truncating{}, Op::f32_to_f16, Rounding::rne, inputs, o);
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.total, 200000u);
  EXPECT_GT(run.mismatches, 1000u);
  std::uint64_t by_kind = 0, by_class = 0;
  for (auto n : run.by_kind) by_kind += n;
  for (auto n : run.by_class) by_class += n;
  EXPECT_EQ(by_kind, run.mismatches);
  EXPECT_EQ(by_class, run.mismatches);
  EXPECT_GT(run.by_kind[static_cast<int>(DeviationKind::rounding)], 0u);
  EXPECT_GT(run.by_kind[static_cast<int>(DeviationKind::nan_lost)], 0u);
  ASSERT_EQ(run.examples.size(), 4u);

  // The examples are the first mismatch of each kind, in the order the kinds first occur,
  // whatever the threads did.
  std::vector<std::uint32_t> first_of_kind;
  std::vector<DeviationKind> seen;
  for (std::uint64_t i = 0; i < inputs.size() && first_of_kind.size() < 4; ++i) {
    const Word x = inputs.at(i);
    std::uint16_t got;
    Truncating{}.convert(Op::f32_to_f16, Rounding::rne, &x, &got, 1, nullptr);
    const auto want = oracle::convert(Op::f32_to_f16, x, Rounding::rne);
    const auto kind = classify_deviation(Op::f32_to_f16, x, got, 0, false, want);
    if (kind && std::find(seen.begin(), seen.end(), *kind) == seen.end()) {
      seen.push_back(*kind);
      first_of_kind.push_back(x);
    }
  }
  ASSERT_EQ(first_of_kind.size(), 4u) << "the truncating backend shows at least four kinds";
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(run.examples[i].input, first_of_kind[i]);
}

TEST(Compare, TheOracleAgreesWithItself) {
  const fpconform::Run run = compare(*find_backend("oracle"), Op::f32_to_e4m3, Rounding::rdn,
                          InputSet(Op::f32_to_e4m3, *InputSpec::parse("edge")), {});
  EXPECT_EQ(run.status, Status::passed);
  EXPECT_EQ(run.mismatches, 0u);
  EXPECT_TRUE(run.flags_compared);
}

TEST(Compare, UnavailableIsSkippedWithItsReason) {
  const fpconform::Run run = compare(Unavailable{}, Op::f32_to_f16, Rounding::rne,
                          InputSet(Op::f32_to_f16, *InputSpec::parse("edge")), {});
  EXPECT_EQ(run.status, Status::skipped);
  EXPECT_EQ(run.reason, "no such hardware");
  EXPECT_EQ(run.total, 0u);
}

TEST(Compare, UnimplementedIsReportedNotRun) {
  const fpconform::Run run = compare(Truncating{}, Op::f32_to_f16, Rounding::rtz,
                          InputSet(Op::f32_to_f16, *InputSpec::parse("edge")), {});
  EXPECT_EQ(run.status, Status::unimplemented);
  EXPECT_EQ(run.total, 0u);
}

TEST(Compare, AProfileToleratesOnlyItsKinds) {
  CompareOptions o;
  o.profile = *parse_profile("any-nan");
  const fpconform::Run run = compare(Truncating{}, Op::f32_to_f16, Rounding::rne,
                          InputSet(Op::f32_to_f16, *InputSpec::parse("edge")), o);
  EXPECT_EQ(run.status, Status::failed);  // rounding and nan-lost are never tolerated
  EXPECT_LT(run.untolerated, run.mismatches);  // but the flushed subnormals are
}

TEST(Compare, ReproCommandNamesTheCase) {
  EXPECT_EQ(repro_command("bitfield", Op::f32_to_f16, "rne", 0x33000001, 7),
            "fpconform check --backend bitfield --op f32_to_f16 --rounding rne --inputs "
            "value:0x33000001 --seed 7");
  EXPECT_EQ(repro_command("portable", Op::e4m3_to_f32, "exact", 0x7F, 0),
            "fpconform check --backend portable --op e4m3_to_f32 --rounding rne --inputs "
            "value:0x7F --seed 0");
  EXPECT_EQ(repro_command("acme", Op::f16_to_f32, "exact", 0x7C01, 18446744073709551615u,
                          "--plugin /opt/acme.so"),
            "fpconform check --plugin /opt/acme.so --backend acme --op f16_to_f32 --rounding rne "
            "--inputs value:0x7C01 --seed 18446744073709551615");
}

}  // namespace
}  // namespace fpconform
