// The dot-product units' results: a unit that is not its declared model fails with the probes'
// evidence and its first differing dot product; a skipped one says why and is never passed; the
// results survive the results JSON (read back by merge and report), and the report and JUnit
// show every unit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "checks/dot/error.hpp"
#include "checks/dot/model_label.hpp"
#include "checks/dot/unit_check.hpp"
#include "fpconform/error.hpp"
#include "reports/dot_report.hpp"
#include "reports/dot_result_json.hpp"
#include "reports/dot_text.hpp"
#include "reports/html_report.hpp"
#include "reports/junit.hpp"
#include "reports/profile.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"
#include "reports/svg_chart.hpp"

namespace fpconform {
namespace {

// The tensor-core-v100 twin's results under another name, declaring a model it is not (or
// unavailable here).
class Pretender : public DotBackend {
 public:
  Pretender(std::string_view declares, bool available) : declares_(declares), available_(available) {}
  std::string_view name() const override { return "pretender"; }
  std::string_view description() const override { return "the v100 twin, declaring another model"; }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override { return available_ ? Availability{} : Availability{false, "not on this test's CPU"}; }
  bool takes(const Format& in) const override { return &in == &kBinary16; }
  std::string_view declared_model() const override { return declares_; }
  std::string_view published_model() const override { return "tensor-core-h100"; }
  void dot(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b, const std::uint32_t* c,
           std::uint32_t* d, std::size_t count) const override {
    find_dot_backend("twin-tensor-core-v100")->dot(in, k, a, b, c, d, count);
  }

 private:
  std::string_view declares_;
  bool available_;
};

DotResults make_sample() {
  DotResults r;
  r.units.push_back(check_dot_unit(Pretender("tensor-core-v100", true), kBinary16, {64, 500, 7, -1}));
  r.units.push_back(check_dot_unit(Pretender("tensor-core-a100", true), kBinary16, {64, 2000, 7, -1}));
  r.units.push_back(check_dot_unit(Pretender("tensor-core-v100", false), kBinary16, {64, 500, 7, -1}));
  const int ks[] = {16, 64};
  r.error.push_back(measure_dot_error(Pretender("tensor-core-v100", true), kBinary16, ks, 50, false, 7));
  r.error.push_back(measure_dot_error(Pretender("tensor-core-v100", false), kBinary16, ks, 50, false, 7));
  return r;
}

const DotResults& sample() {
  static const DotResults r = make_sample();
  return r;
}

TEST(DotUnitCheck, ItsDeclaredModelPasses) {
  const DotUnitResult u = check_dot_unit(Pretender("tensor-core-v100", true), kBinary16, {64, 500, 7, -1});
  EXPECT_EQ(u.status, Status::passed);
  EXPECT_TRUE(u.inferred_unique);
  EXPECT_EQ(u.inferred_short, "as declared");
  EXPECT_EQ(u.differ, 0u);
  EXPECT_FALSE(u.first);
  EXPECT_EQ(u.repro, "fpconform dot --backend pretender --format f16 --k 64 --cases 500 --seed 7");
  EXPECT_NE(u.published.find("tensor-core-h100"), std::string::npos) << u.published;
}

TEST(DotUnitCheck, AnotherModelFailsWithTheProbesEvidence) {
  const DotUnitResult u = check_dot_unit(Pretender("tensor-core-a100", true), kBinary16, {64, 2000, 7, -1});
  EXPECT_EQ(u.status, Status::failed);
  EXPECT_EQ(u.inferred_short, "tensor-core-v100");
  EXPECT_NE(u.miss_model.find("tensor-core-a100"), std::string::npos);
  EXPECT_GT(u.miss_probes, 0u);
  EXPECT_FALSE(u.first_miss.empty());
  ASSERT_TRUE(u.first);
  EXPECT_GT(u.differ, 0u);
  EXPECT_EQ(u.first_repro, u.repro + " --case " + std::to_string(u.first->index));
  const std::string text = format_dot_unit(u);
  EXPECT_EQ(text.rfind("FAILED   pretender  binary16\n", 0), 0u) << text;
  EXPECT_NE(text.find("its operands: " + u.first_repro), std::string::npos) << text;
}

TEST(DotUnitCheck, AnUnavailableUnitIsSkippedWithItsReason) {
  const DotUnitResult u = check_dot_unit(Pretender("tensor-core-v100", false), kBinary16, {64, 500, 7, -1});
  EXPECT_EQ(u.status, Status::skipped);
  EXPECT_EQ(u.reason, "not on this test's CPU");
  EXPECT_EQ(format_dot_unit(u), "SKIPPED  pretender  binary16: not on this test's CPU\n");
}

TEST(DotModelLabel, ANamedModelOrTheNearestWithWhatDiffers) {
  oracle::DotModel m = *oracle::find_dot_model("vdpbf16ps");
  EXPECT_EQ(dot_model_short(m, kBfloat16), "vdpbf16ps");
  m.c_last = true;
  EXPECT_EQ(dot_model_short(m, kBfloat16), "vdpbf16ps, c last");
  EXPECT_EQ(dot_model_label(*oracle::find_dot_model("tdpbf16ps"), kBfloat16).rfind("tdpbf16ps (block=1", 0), 0u);
}

TEST(DotResultsJson, RoundTripThroughAResultsFile) {
  const DotResults in = sample();
  const std::string path = testing::TempDir() + "dot_report_test_results.json";
  std::ofstream(path) << results_document({}, "check --dot check,error", "strict", Machine{}, {}, in).dump(2);
  const ResultsFile f = read_results(path);
  std::remove(path.c_str());
  ASSERT_EQ(f.dot.units.size(), in.units.size());
  ASSERT_EQ(f.dot.error.size(), in.error.size());
  for (std::size_t i = 0; i < in.units.size(); ++i) EXPECT_EQ(to_json(f.dot.units[i]), to_json(in.units[i])) << i;
  const DotUnitResult& failed = f.dot.units[1];
  ASSERT_TRUE(failed.first);
  EXPECT_EQ(failed.first->got, in.units[1].first->got);
  EXPECT_EQ(failed.first->model, in.units[1].first->model);
  EXPECT_EQ(to_json(f.dot), to_json(in));
  EXPECT_EQ(f.dot.error[1].skipped, "not on this test's CPU");
  ASSERT_EQ(f.dot.error[0].points.size(), 2u);
  EXPECT_EQ(f.dot.error[0].points[1].k, 64);
  EXPECT_DOUBLE_EQ(f.dot.error[0].points[1].max, in.error[0].points[1].max);
}

TEST(DotResultsJson, AMalformedFieldIsNamed) {
  nlohmann::json dot = to_json(sample());
  dot["units"][1]["first"]["got"] = "0xZZ";
  try {
    dot_from_json(dot, "f.json");
    FAIL() << "read a malformed hex";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("f.json: dot.units[1].first.got"), std::string::npos) << e.what();
  }
}

TEST(DotReport, SectionsVerdictAndJUnit) {
  const DotResults r = sample();
  Report report = report_model({}, {{"", "check", "", Machine{}}}, *parse_profile("strict"));
  add_dot(report, r);
  EXPECT_EQ(report.verdict, Verdict::deviates);
  EXPECT_NE(report.verdict_line.find("dot-product units: 1 does not match its model"), std::string::npos);
  const std::string page = html_report(report);
  EXPECT_NE(page.find("<section id=\"matrix-units\">"), std::string::npos);
  EXPECT_NE(page.find("<section id=\"dot-error\">"), std::string::npos);
  EXPECT_NE(page.find("<polyline class=\"line k0"), std::string::npos);
  EXPECT_NE(page.find("data-row=\"pretender binary16\""), std::string::npos);
  EXPECT_NE(page.find("skipped: not on this test&#39;s CPU"), std::string::npos);
  EXPECT_NE(page.find("Not measured here: pretender: not on this test&#39;s CPU."), std::string::npos);

  const std::string xml = junit_document({}, "check", nullptr, &r);
  EXPECT_NE(xml.find("<testsuite name=\"dot.pretender\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"not on this test&apos;s CPU\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("the probes infer tensor-core-v100, not the declared tensor-core-a100"), std::string::npos) << xml;
}

TEST(DotText, ShortSummaryOneLinePerUnitAndEachReasonOnce) {
  const std::string s = format_dot_summary(sample());
  EXPECT_NE(s.find("PASSED   pretender  binary16  declared tensor-core-v100, inferred as declared; 0 of 500 differ; not monotone\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("FAILED   pretender  binary16  declared tensor-core-a100, inferred tensor-core-v100; "),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\nskipped  pretender: not on this test's CPU\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("skipped  ", s.find("skipped  ") + 1), std::string::npos) << s;  // the reason once
  EXPECT_NE(s.find("\n1 match their model, 1 do not, 1 skipped (dot-product units); error against K measured for 1 "
                   "(--verbose, the report)\n"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("K=64"), std::string::npos) << s;  // the error's figures: --verbose
  const std::string v = format_dot_verbose(sample());
  EXPECT_NE(v.find("FAILED   pretender  binary16\n    declared: tensor-core-a100 ("), std::string::npos) << v;
  EXPECT_NE(v.find("K=16"), std::string::npos) << v;
}

TEST(LineChart, LogScaleDecadesAndZeroOnTheBottomLine) {
  const std::string svg = line_chart("error", "u", "K", {"K=1", "K=2"}, {{"a", {0.5, 1300}, 0, false}, {"b", {0, NAN}, 1, true}});
  EXPECT_NE(svg.find(">0.1</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">10000</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">1e5</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>b, K=1: 0 u</title>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("b, K=2"), std::string::npos) << svg;  // NaN: no point
  EXPECT_EQ(line_chart("e", "u", "K", {"K=1"}, {{"a", {0}, 0, false}}), "");  // nothing positive to scale
}

}  // namespace
}  // namespace fpconform
