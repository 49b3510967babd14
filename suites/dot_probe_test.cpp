// The probes tell every candidate model from every other and recover each software twin's model;
// every unit available here is its model. (A unit that is not its declared model fails the check:
// dot_report_test.)
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "checks/dot/probe.hpp"
#include "suites/support/emulator.hpp"

namespace fpconform::oracle {
void PrintTo(const DotModel& m, std::ostream* os) { *os << describe(m); }
}  // namespace fpconform::oracle

namespace fpconform {
namespace {

// Every candidate's results on the probes (NaN by class).
struct Signatures {
  std::vector<DotCase> probes;
  std::map<std::vector<std::uint32_t>, oracle::DotModel> models;
  std::vector<std::string> clashes;  // candidates whose results another one already had
};

std::vector<std::uint32_t> by_class(std::vector<std::uint32_t> d) {
  for (std::uint32_t& x : d)
    if (same_result(x, oracle::kDotNaN)) x = oracle::kDotNaN;
  return d;
}

Signatures signatures(const Format& in) {
  Signatures s;
  s.probes = dot_probes(in);
  for (const oracle::DotModel& m : candidate_dot_models(in)) {
    const auto [it, fresh] = s.models.emplace(by_class(model_results(m, in, s.probes)), m);
    if (!fresh) s.clashes.push_back(oracle::describe(m) + " from " + oracle::describe(it->second));
  }
  return s;
}

// Every candidate on every probe is about 2 * 10^6 dot products: seconds here, minutes under
// qemu. It is integer code with no target-specific path, so an emulated run leaves it to the
// native one (and still infers its own units in DotUnits).
class ForFormat : public testing::TestWithParam<const Format*> {
 protected:
  void SetUp() override {
    if (const char* e = emulator())
      GTEST_SKIP() << "under " << e << ": the candidates' signatures are checked by the native run";
  }
};

// The probes tell every candidate from every other; each twin's results on them are those of
// exactly its own model, and one twin goes through infer_dot_model itself (the elimination
// fpconform dot runs). One test, as the candidates' signatures are nearly all of its cost (4.6 s
// for bfloat16 here, 5 times that under ASan) and a test process computes them once.
TEST_P(ForFormat, ProbesSeparateCandidatesAndRecoverTwins) {
  const Format& in = *GetParam();
  const Signatures s = signatures(in);
  for (std::size_t i = 0; i < s.clashes.size() && i < 5; ++i)
    ADD_FAILURE() << in.name << ": the probes cannot tell " << s.clashes[i];
  std::printf("%s: %zu candidates, %zu probes\n", std::string(in.name).c_str(),
              s.models.size() + s.clashes.size(), s.probes.size());
  EXPECT_EQ(s.clashes.size(), 0u);

  for (const DotBackend* b : dot_backends()) {
    if (b->kind() != BackendKind::reference || !b->takes(in)) continue;
    const oracle::DotModel* declared = oracle::find_dot_model(b->declared_model());
    ASSERT_NE(declared, nullptr) << b->name();
    const std::vector<std::uint32_t> got = run_cases(*b, in, s.probes);
    const auto it = s.models.find(by_class(got));
    ASSERT_NE(it, s.models.end()) << b->name() << ": no candidate gives its results";
    EXPECT_EQ(it->second, recoverable_dot_model(*declared, in)) << b->name() << " recovered as " << oracle::describe(it->second);
    if (b->name() == "twin-tensor-core-v100") {
      const DotInference r = infer_dot_model(in, got, s.probes);
      ASSERT_EQ(r.consistent.size(), 1u);
      EXPECT_EQ(r.consistent[0], it->second);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, ForFormat, testing::Values(&kBfloat16, &kBinary16, &kE4m3fn, &kE5m2, &kTf32),
                         [](const auto& p) { return std::string(p.param->name); });

// Every hardware unit here: a unit that declares a model is inferred as it; one that does not
// (a library's kernel, chosen per CPU) is inferred as exactly one candidate. Then it matches that
// model on 20000 random and adversarial dot products of 64 (fpconform dot: 10^6).
TEST(DotUnits, MatchTheirModel) {
  std::size_t ran = 0;
  for (const DotBackend* b : dot_backends()) {
    if (b->kind() == BackendKind::reference) continue;
    const Availability av = b->available();
    if (!av.ok) {
      std::printf("%s: skipped: %s\n", std::string(b->name()).c_str(), av.reason.c_str());
      continue;
    }
    const oracle::DotModel* declared = oracle::find_dot_model(b->declared_model());
    ASSERT_TRUE(declared || b->declared_model().empty()) << b->name() << " declares an unknown model";
    for (const DotFormat& f : kDotFormats) {
      const Format* in = f.format;
      if (!b->takes(*in)) continue;
      const std::vector<DotCase> probes = dot_probes(*in);
      const DotInference r = infer_dot_model(*in, run_cases(*b, *in, probes), probes);
      if (r.consistent.size() != 1) {  // nothing to check it against: fpconform dot fails it too
        ADD_FAILURE() << b->name() << " " << in->name << " is none of the candidates: nearest "
                      << oracle::describe(r.nearest) << " misses " << r.nearest_misses << " ("
                      << r.nearest_miss << ")";
        continue;
      }
      ++ran;
      if (declared) {
        EXPECT_EQ(r.consistent[0], recoverable_dot_model(*declared, *in)) << b->name() << " inferred " << oracle::describe(r.consistent[0]);
      }
      oracle::DotModel model = declared ? *declared : r.consistent[0];
      const std::vector<DotCase> cases = dot_cases(*in, 64, 20000, 3);
      const std::vector<std::uint32_t> got = run_cases(*b, *in, cases);
      std::vector<std::uint32_t> want = model_results(model, *in, cases);
      if (!declared && want != got)  // a library's kernel: its blocking of K, as fpconform dot fits it
        if (const auto fit = fit_dot_blocking(model, *in, cases, got, 64)) {
          model = *fit;
          want = model_results(model, *in, cases);
        }
      std::size_t differ = 0;
      for (std::size_t i = 0; i < cases.size(); ++i) differ += !same_result(got[i], want[i]);
      EXPECT_EQ(differ, 0u) << b->name() << " " << in->name << " against " << oracle::describe(model);
    }
  }
  if (ran == 0) GTEST_SKIP() << "no dot-product unit is available on this CPU";
}

}  // namespace
}  // namespace fpconform
