// The HTML report: the model's verdicts and matrix, escaping of every outside string, the
// exponent chart, and the results file's new fields read back.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fpconform/error.hpp"
#include "reports/html.hpp"
#include "reports/html_report.hpp"
#include "reports/report_model.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"

namespace fpconform {
namespace {

const Profile& strict() {
  static const Profile p = *parse_profile("strict");
  return p;
}

Run make_run(std::string backend, std::string op, std::string rounding, Status s) {
  Run r;
  r.backend = std::move(backend);
  r.op = std::move(op);
  r.rounding = std::move(rounding);
  r.inputs = "edge";
  r.profile = "strict";
  r.status = s;
  r.total = 100;
  return r;
}

Run failing(std::string backend) {
  Run r = make_run(std::move(backend), "f32_to_f16", "rne", Status::failed);
  r.mismatches = r.untolerated = 7;
  r.by_kind[static_cast<int>(DeviationKind::rounding)] = 7;
  r.by_class[static_cast<int>(CaseClass::normal)] = 7;
  r.by_exponent.assign(256, 0);
  r.by_exponent[127] = 7;
  r.examples.push_back({0x3F800001, 0x3C01, 0x3C00, 0, 0, false, CaseClass::normal, DeviationKind::rounding});
  return r;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(Html, EscapesMarkupQuotesAndControlCharacters) {
  EXPECT_EQ(html::escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html::escape("a&b \"c\" 'd'"), "a&amp;b &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(html::escape(std::string("x\x01y\tz\n\0", 7)), "x\xEF\xBF\xBDy\tz\n\xEF\xBF\xBD");
}

TEST(Html, CompactCounts) {
  EXPECT_EQ(html::compact(0), "0");
  EXPECT_EQ(html::compact(9999), "9999");
  EXPECT_EQ(html::compact(12345), "12.3k");
  EXPECT_EQ(html::compact(4000000000ull), "4.0G");
  EXPECT_EQ(html::compact(253437952), "253M");
}

TEST(Report, AMaliciousBackendNameRendersAsText) {
  const std::string evil = "<script>alert(1)</script>";
  fpconform::Run r = failing(evil);
  r.reason = "<img src=x onerror=alert(2)>";
  const std::string page = html_report(report_model({r}, {{"", "check " + evil, "", {}}}, strict()));
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
}

TEST(Report, VerdictsPerBackendAndOneMatrixRowGroupEach) {
  fpconform::Run skipped = make_run("gone", "f32_to_f16", "rne", Status::skipped);
  skipped.reason = "CPU lacks avx512f";
  const std::vector<fpconform::Run> runs{failing("bad"), make_run("good", "f32_to_f16", "rne", Status::passed),
                              make_run("good", "f32_to_f16", "rtz", Status::passed),
                              make_run("good", "f16_to_f32", "exact", Status::passed), skipped,
                              make_run("none", "f32_to_f16", "rne", Status::unimplemented)};
  const Report rep = report_model(runs, {}, strict());
  ASSERT_EQ(rep.cards.size(), 4u);
  EXPECT_EQ(rep.cards[0].verdict, Verdict::deviates);
  EXPECT_EQ(rep.cards[1].verdict, Verdict::conforms);
  EXPECT_EQ(rep.cards[2].verdict, Verdict::skipped);
  EXPECT_EQ(rep.cards[3].verdict, Verdict::unimplemented);
  EXPECT_EQ(rep.verdict, Verdict::deviates);
  EXPECT_EQ(rep.verdict_line, "DEVIATES: 1 run of 1 backend fail under profile strict");
  // good: two rounding rows; its widening cell spans both.
  int good_rows = 0;
  for (const MatrixRow& row : rep.matrix.rows) good_rows += row.backend == "good";
  EXPECT_EQ(good_rows, 2);

  const std::string page = html_report(rep);
  EXPECT_EQ(count(page, "<tbody data-backend="), 4u);
  EXPECT_NE(page.find("data-backend=\"gone\" data-verdict=\"skipped\""), std::string::npos);
  EXPECT_NE(page.find("skipped: CPU lacks avx512f"), std::string::npos);
  EXPECT_NE(page.find("rowspan=\"2\" data-op=\"f16_to_f32\""), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"chart\""), std::string::npos);  // the failing run's chart
  EXPECT_NE(page.find("exponent 127 (2^0): 7 deviations"), std::string::npos);
  EXPECT_NE(page.find("fpconform check --backend bad --op f32_to_f16 --rounding rne --inputs value:0x3F800001"),
            std::string::npos);
}

TEST(Report, ResultsFileKeepsExponentsDateAndMachine) {
  Machine m;
  m.cpu_model = "Test CPU";
  m.libraries["Eigen"] = "3.4.0";
  const std::string path = testing::TempDir() + "report_test_results.json";
  fpconform::Run plugin_run = failing("bad");
  plugin_run.backend_args = "--plugin /opt/acme.so";
  plugin_run.seed = 18446744073709551615u;
  const nlohmann::json doc = results_document({plugin_run}, "check x", "strict", m);
  EXPECT_EQ(doc["runs"][0]["examples"][0]["repro"],
            "fpconform check --plugin /opt/acme.so --backend bad --op f32_to_f16 --rounding rne "
            "--inputs value:0x3F800001 --seed 18446744073709551615");
  std::ofstream(path) << doc.dump();
  const ResultsFile f = read_results(path);
  std::remove(path.c_str());
  ASSERT_EQ(f.runs.size(), 1u);
  EXPECT_EQ(f.runs[0].backend_args, "--plugin /opt/acme.so");
  EXPECT_EQ(f.runs[0].seed, 18446744073709551615u);
  EXPECT_EQ(f.runs[0].by_exponent, failing("bad").by_exponent);
  EXPECT_EQ(f.machine.cpu_model, "Test CPU");
  EXPECT_EQ(f.machine.libraries.at("Eigen"), "3.4.0");
  EXPECT_EQ(f.date.size(), 20u);  // 2026-11-23T04:12:00Z
}

// Results written before runs recorded their seed read as seed 0; a seed must be a count.
TEST(Report, ARunWithoutASeedReadsAsSeedZero) {
  fpconform::Run run = failing("bad");
  run.seed = 5;
  nlohmann::json j = to_json(run);
  EXPECT_EQ(run_from_json(j).seed, 5u);
  j.erase("seed");
  EXPECT_EQ(run_from_json(j).seed, 0u);
  j["seed"] = -1;
  EXPECT_THROW(run_from_json(j), InputError);
}

// A report where every run was skipped checked nothing, and says so instead of CONFORMS.
TEST(Report, EveryRunSkippedIsNothingChecked) {
  fpconform::Run skipped = make_run("gone", "f16_add", "rne", Status::skipped);
  skipped.reason = "CPU lacks avx512fp16";
  const Report rep = report_model({skipped, skipped}, {}, strict());
  EXPECT_EQ(rep.verdict, Verdict::skipped);
  EXPECT_EQ(rep.verdict_line, "NOTHING CHECKED: all 2 runs were skipped (see each backend's reason)");
  EXPECT_NE(html_report(rep).find("<header id=\"summary\" class=\"skipped\">"), std::string::npos);
  const Report some = report_model({skipped, make_run("good", "f16_add", "rne", Status::passed)}, {}, strict());
  EXPECT_EQ(some.verdict, Verdict::conforms);
}

// A binary64 source's input is 64 bits: written whole, read back whole, and its repro reaches
// the same case; wider than the op's operands is refused.
TEST(Report, ABinary64InputSurvivesTheResultsFile) {
  fpconform::Run run = make_run("bad", "f64_to_f16", "rne", Status::failed);
  run.mismatches = run.untolerated = 1;
  run.examples.push_back({0x3E60000000000001, 0x0001, 0x0000, 0, 0, false, CaseClass::underflow_subnormal,
                          DeviationKind::rounding});
  nlohmann::json j = to_json(run);
  EXPECT_EQ(j["examples"][0]["input"]["hex"], "0x3E60000000000001");
  EXPECT_EQ(j["examples"][0]["repro"],
            "fpconform check --backend bad --op f64_to_f16 --rounding rne --inputs value:0x3E60000000000001 --seed 0");
  EXPECT_EQ(run_from_json(j).examples.at(0).input, 0x3E60000000000001u);
  fpconform::Run f16 = make_run("bad", "f16_add", "rne", Status::failed);
  f16.mismatches = f16.untolerated = 1;
  f16.examples.push_back({0x3C004000, 0x4200, 0x4200, 0, 0, false, CaseClass::normal, DeviationKind::rounding});
  j = to_json(f16);
  EXPECT_EQ(run_from_json(j).examples.at(0).input, 0x3C004000u);
  j["examples"][0]["input"]["hex"] = "0x13C004000";
  EXPECT_THROW(run_from_json(j), InputError);
}

}  // namespace
}  // namespace fpconform
