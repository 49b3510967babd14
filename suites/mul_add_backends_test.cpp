// Every backend's f16_mulAdd / bf16_mulAdd against the oracle, each (backend, op, mode) it
// implements, with its declared NaN policy and tininess: bit-exact where it declares no deviation
// for the op in that mode, else exactly the kinds it declares. The inputs are mulAdd's edge set
// (corner triples and 2^16 hard cases), 2^17 more hard cases of another seed and 2^18 random
// triples: sampled, not exhaustive (2^48 inputs).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "checks/compare.hpp"
#include "fpconform/backend.hpp"
#include "suites/support/test_names.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

struct Case {
  const Backend* backend;
  Op op;
  Rounding r;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.backend->name() << " " << name(c.op) << " " << name(c.r);
}

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const Backend* b : backends())
    for (Op op : {Op::f16_mulAdd, Op::bf16_mulAdd})
      for (Rounding r : kRoundings)
        if (b->kind() != BackendKind::mutant && b->implements(op, r)) out.push_back({b, op, r});
  return out;
}

class MulAddBackends : public testing::TestWithParam<Case> {};

TEST_P(MulAddBackends, MatchTheOracleOrExactlyTheirDeclaredKinds) {
  const auto [b, op, r] = GetParam();
  if (const Availability a = b->available(); !a.ok) GTEST_SKIP() << b->name() << ": " << a.reason;
  std::set<DeviationKind> declared;
  for (const KnownDeviation& d : b->known_deviations())
    if (d.op == op && d.in(r)) declared.insert(d.kind);
  std::set<DeviationKind> found;
  std::uint64_t total = 0;
  for (const char* spec : {"edge", "hard:131072:7", "random:262144:7"}) {
    const fpconform::Run run = compare(*b, op, r, InputSet(op, *InputSpec::parse(spec)), CompareOptions{});
    total += run.total;
    for (int k = 0; k < kDeviationKindCount; ++k)
      if (run.by_kind[k]) found.insert(static_cast<DeviationKind>(k));
    std::string kinds;
    for (int k = 0; k < kDeviationKindCount; ++k)
      if (run.by_kind[k])
        kinds += " " + std::string(name(static_cast<DeviationKind>(k))) + " " + std::to_string(run.by_kind[k]);
    std::cout << b->name() << " " << name(op) << " " << name(r) << " " << spec << ": "
              << run.mismatches << " of " << run.total << (kinds.empty() ? "" : ":" + kinds)
              << " (sampled, not exhaustive)\n";
  }
  EXPECT_EQ(found, declared) << b->name() << " " << name(op) << " " << name(r);
  EXPECT_GT(total, 400000u);
}

INSTANTIATE_TEST_SUITE_P(All, MulAddBackends, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& i) {
                           return test_name(std::string(i.param.backend->name()) + "_" +
                                            std::string(name(i.param.op)) + "_" +
                                            std::string(name(i.param.r)));
                         });

}  // namespace
}  // namespace fpconform
