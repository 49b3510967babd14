// JUnit XML: counts per suite and document, a failure with its kinds and repro commands, skipped
// and unimplemented reasons, and escaping of what plug-ins and callers may put in names.
#include <gtest/gtest.h>

#include <regex>

#include "checks/compare.hpp"
#include "reports/junit.hpp"

namespace fpconform {
namespace {

using RunT = fpconform::Run;  // inside TEST bodies, Run names testing::Test::Run

RunT run_of(std::string backend, Status status, std::string reason = "", double seconds = 0.25) {
  RunT r;
  r.backend = std::move(backend);
  r.op = "f32_to_f16";
  r.rounding = "rne";
  r.inputs = "edge";
  r.status = status;
  r.reason = std::move(reason);
  r.seconds = seconds;
  return r;
}

// The bitfield backend's real deviations on a few inputs: a failed run with examples.
RunT bitfield_failed() {
  const Backend* b = find_backend("bitfield");
  EXPECT_NE(b, nullptr);
  const Op op = Op::f32_to_f16;
  return compare(*b, op, Rounding::rne,
                 InputSet(op, *InputSpec::parse("value:0x33000001,0x3F801001,0x7F800001")), {});
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

std::string attribute(const std::string& doc, const std::string& element, const std::string& attr) {
  std::smatch m;
  const std::regex re("<" + element + " [^>]*\\b" + attr + "=\"([^\"]*)\"");
  return std::regex_search(doc, m, re) ? m[1].str() : "<absent>";
}

TEST(Junit, CountsPerSuiteAndDocument) {
  const RunT failed = bitfield_failed();
  ASSERT_EQ(failed.status, Status::failed);
  const std::vector<RunT> runs = {failed, run_of("portable", Status::passed),
                                  run_of("bitfield", Status::passed),
                                  run_of("f16c", Status::skipped, "CPU lacks f16c"),
                                  run_of("portable", Status::unimplemented, "no rna")};
  const std::string doc = junit_document(runs, "fpconform check");
  EXPECT_EQ(doc.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fpconform\"", 0), 0u);
  EXPECT_EQ(attribute(doc, "testsuites", "tests"), "5");
  EXPECT_EQ(attribute(doc, "testsuites", "failures"), "1");
  EXPECT_EQ(attribute(doc, "testsuites", "skipped"), "2");
  EXPECT_EQ(count(doc, "<testsuite "), 3u);
  EXPECT_EQ(count(doc, "<testcase "), 5u);
  // Suites in order of first appearance, each with its own counts.
  EXPECT_NE(doc.find("<testsuite name=\"bitfield\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""),
            std::string::npos);
  const std::size_t portable = doc.find(
      "<testsuite name=\"portable\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\" time=\"0.500\"");
  EXPECT_NE(portable, std::string::npos);
  EXPECT_LT(doc.find("<testsuite name=\"bitfield\""), portable);
  EXPECT_LT(portable, doc.find("<testsuite name=\"f16c\""));
  EXPECT_NE(doc.find("<property name=\"command\" value=\"fpconform check\"/>"), std::string::npos);
  EXPECT_NE(doc.find("<testcase classname=\"fpconform.portable\" name=\"f32_to_f16 rne edge\" time=\"0.250\"/>"),
            std::string::npos);
  EXPECT_EQ(doc.substr(doc.size() - 14), "</testsuites>\n");
}

TEST(Junit, FailureCarriesKindsAndRepro) {
  RunT failed = bitfield_failed();
  failed.shard = "3/8";
  const std::string doc = junit_document({failed}, "x");
  EXPECT_NE(doc.find("name=\"f32_to_f16 rne value:0x33000001,0x3F801001,0x7F800001 shard 3/8\""),
            std::string::npos);
  const std::string message = attribute(doc, "failure", "message");
  EXPECT_NE(message.find("ftz 1"), std::string::npos) << message;
  EXPECT_NE(doc.find("type=\"deviation\""), std::string::npos);
  EXPECT_NE(doc.find("by kind:  "), std::string::npos);
  EXPECT_NE(doc.find("repro:   fpconform check --backend bitfield --op f32_to_f16 --rounding rne "
                     "--inputs value:0x33000001"),
            std::string::npos)
      << doc;
  EXPECT_EQ(count(doc, "</failure>"), 1u);
}

TEST(Junit, FailureShowsGateMessages) {
  RunT failed = bitfield_failed();
  failed.baselined = 1;
  failed.gate = {"beyond baseline: ftz 1 > 0 (b.txt:3)"};
  const std::string doc = junit_document({failed}, "x");
  EXPECT_NE(attribute(doc, "failure", "message").find("; beyond baseline: ftz 1 &gt; 0 (b.txt:3)"),
            std::string::npos);
  EXPECT_NE(doc.find("  baseline: beyond baseline: ftz 1 &gt; 0 (b.txt:3)\n"), std::string::npos);
}

TEST(Junit, SkippedAndUnimplementedCarryTheirReason) {
  const std::string doc =
      junit_document({run_of("f16c", Status::skipped, "f16c disabled by FPCONFORM_DISABLE"),
                      run_of("eigen", Status::unimplemented, "eigen does not implement rdn")},
                     "x");
  EXPECT_NE(doc.find("<skipped message=\"f16c disabled by FPCONFORM_DISABLE\"/>"), std::string::npos);
  EXPECT_NE(doc.find("<skipped message=\"unimplemented: eigen does not implement rdn\"/>"),
            std::string::npos);
  EXPECT_EQ(doc.find("<failure"), std::string::npos);
}

TEST(Junit, EscapesNamesReasonsAndControlCharacters) {
  const std::string evil = "<script>alert(\"x\")&'</script>";
  const std::string doc = junit_document(
      {run_of(evil, Status::skipped, std::string("bad\x01 byte\x1b, tab\tand \xff end")),
       run_of("ok", Status::skipped, "caf\xc3\xa9 \xed\xa0\x80")},
      "fpconform check --backend '" + evil + "'");
  EXPECT_EQ(doc.find("<script>"), std::string::npos);
  EXPECT_NE(doc.find("<testsuite name=\"&lt;script&gt;alert(&quot;x&quot;)&amp;&apos;&lt;/script&gt;\""),
            std::string::npos)
      << doc;
  EXPECT_NE(doc.find("classname=\"fpconform.&lt;script&gt;"), std::string::npos);
  EXPECT_NE(doc.find("message=\"bad\\x01 byte\\x1B, tab&#9;and \\xFF end\""), std::string::npos) << doc;
  // Well-formed UTF-8 passes through; an encoded surrogate is not an XML character.
  EXPECT_NE(doc.find("message=\"caf\xc3\xa9 \\xED\\xA0\\x80\""), std::string::npos) << doc;
  for (const char c : doc)
    EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 || c == '\n') << static_cast<int>(c);
}

TEST(Junit, NoRunsIsAnEmptyDocument) {
  EXPECT_EQ(junit_document({}, "x"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fpconform\" tests=\"0\" "
            "failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0.000\">\n</testsuites>\n");
}

}  // namespace
}  // namespace fpconform
