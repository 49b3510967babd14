#include "reports/junit.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "fpconform/operation.hpp"
#include "reports/dot_text.hpp"
#include "reports/table.hpp"
#include "reports/text.hpp"

namespace fpconform {
namespace {

std::string hex_byte(unsigned char c) {
  char s[8];
  std::snprintf(s, sizeof s, "\\x%02X", static_cast<unsigned>(c));
  return s;
}

// Length of the well-formed UTF-8 sequence at s[i] whose code point XML 1.0 allows (2.2 Char:
// #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF; tab, LF, CR handled by the caller), or 0.
std::size_t xml_char_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned c = b(0);
  if (c >= 0x20 && c < 0x7F) return 1;
  const std::size_t n = c >= 0xF5 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(k) & 0x3F);
  }
  const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool allowed = (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                       (cp >= 0x10000 && cp <= 0x10FFFF);
  return cp >= least[n] && allowed ? n : 0;
}

// Text for an attribute value or element content. What XML 1.0 cannot carry even as a
// reference (control characters, C1 controls, malformed UTF-8: backend names come from
// plug-ins) is written as a visible "\xNN" per byte.
std::string xml(std::string_view s, bool attribute = true) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    std::size_t n = 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // Attribute values are whitespace-normalized by parsers (3.3.3) unless written as references.
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default:
        n = xml_char_length(s, i);
        if (n == 0) {
          out += hex_byte(static_cast<unsigned char>(c));
          n = 1;
        } else {
          out.append(s, i, n);
        }
    }
    i += n;
  }
  return out;
}

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", s < 0 ? 0.0 : s);
  return text;
}

struct SectionCase;

struct Counts {
  std::size_t tests = 0, failures = 0, skipped = 0;
  double seconds = 0;
  void add(const SectionCase& c);
  void add(const Run& r) {
    ++tests;
    failures += r.status == Status::failed;
    skipped += r.status == Status::skipped || r.status == Status::unimplemented;
    seconds += r.seconds;
  }
  std::string attributes() const {
    return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\" time=\"" +
           fpconform::seconds(seconds) + "\"";
  }
};

// One line: the run's own summary, else its kinds with counts and what the baseline gate said.
std::string failure_message(const Run& r) {
  if (!r.reason.empty()) return r.reason;
  std::string s = std::to_string(r.mismatches) + " deviations in " + std::to_string(r.total) +
                  " inputs (" + std::to_string(r.untolerated) + " untolerated)";
  const std::string kinds = kinds_summary(r);
  if (!kinds.empty()) s += ": " + kinds;
  for (const std::string& g : r.gate) s += "; " + g;
  return s;
}

std::string failure_body(const Run& r) {
  std::string s = parse_op(r.op) ? format_examples(r)
                                 : r.backend + " " + r.op + " " + r.rounding + " (" + r.inputs +
                                       "): " + std::to_string(r.mismatches) + " mismatches of " +
                                       std::to_string(r.total) + "\n  by kind:  " +
                                       kinds_summary(r) + "\n";
  if (r.baselined) s += "  baseline accepted " + std::to_string(r.baselined) + " of them\n";
  for (const std::string& p : r.problems) s += "  problem: " + p + "\n";
  for (const std::string& g : r.gate) s += "  baseline: " + g + "\n";
  return s;
}

std::string testcase(const Run& r) {
  const std::string name =
      r.op + " " + r.rounding + " " + r.inputs + (r.shard.empty() ? "" : " shard " + r.shard);
  std::string s = "    <testcase classname=\"" + xml("fpconform." + r.backend) + "\" name=\"" +
                  xml(name) + "\" time=\"" + seconds(r.seconds) + "\"";
  switch (r.status) {
    case Status::passed:
      if (r.mismatches == 0 && r.output.empty()) return s + "/>\n";
      return s + ">\n      <system-out>" + xml((r.mismatches ? verdict(r) : "") + r.output, false) +
             "</system-out>\n    </testcase>\n";
    case Status::failed:
      return s + ">\n      <failure message=\"" + xml(failure_message(r)) +
             "\" type=\"deviation\">" + xml(failure_body(r), false) + "</failure>\n" +
             (r.output.empty() ? "" : "      <system-out>" + xml(r.output, false) + "</system-out>\n") +
             "    </testcase>\n";
    case Status::skipped:
      return s + ">\n      <skipped message=\"" + xml(r.reason) + "\"/>\n    </testcase>\n";
    case Status::unimplemented:
      return s + ">\n      <skipped message=\"" + xml("unimplemented: " + r.reason) +
             "\"/>\n    </testcase>\n";
  }
  return s + "/>\n";
}

// An INT8 check or a dot-product unit as one test case, in the suite "<family>.<backend>";
// `declared`: the backend's reason for a GEMM it says is not exact.
struct SectionCase {
  std::string backend, name, message, body, declared;
  Status status = Status::passed;
  double seconds = 0;
  std::string failure_type = "not-exact";
  std::string family = "int8";
};

// A GEMM not exact by its instruction's declared spec does not count as a failure (as the exit status).
void Counts::add(const SectionCase& c) {
  ++tests;
  failures += c.status == Status::failed && c.declared.empty();
  skipped += c.status == Status::skipped || c.status == Status::unimplemented;
  seconds += c.seconds;
}

std::string section_testcase(const SectionCase& c) {
  std::string s = "    <testcase classname=\"" + xml("fpconform." + c.family + "." + c.backend) + "\" name=\"" +
                  xml(c.name) + "\" time=\"" + seconds(c.seconds) + "\"";
  if (c.status == Status::failed && !c.declared.empty())
    return s + ">\n      <system-out>" + xml("not exact, declared by the backend: " + c.declared + "\n" + c.body, false) +
           "</system-out>\n    </testcase>\n";
  switch (c.status) {
    case Status::passed: return s + "/>\n";
    case Status::failed:
      return s + ">\n      <failure message=\"" + xml(c.message) + "\" type=\"" + xml(c.failure_type) + "\">" +
             xml(c.body, false) +
             "</failure>\n    </testcase>\n";
    case Status::skipped:
    case Status::unimplemented:
      return s + ">\n      <skipped message=\"" +
             xml((c.status == Status::unimplemented ? "unimplemented: " : "") + c.message) + "\"/>\n    </testcase>\n";
  }
  return s + "/>\n";
}

std::vector<SectionCase> int8_cases(const Int8Results& r) {
  std::vector<SectionCase> out;
  for (const GemmExactness& g : r.gemm) {
    SectionCase c{g.backend, "gemm " + std::string(name(g.a_type)) + "xs8 " + std::to_string(g.shape.m) + "x" +
                              std::to_string(g.shape.k) + ":" + std::to_string(g.shape.k) + "x" +
                              std::to_string(g.shape.n) + " " + g.inputs,
               g.reason, "", g.model_mismatches ? "" : g.declared, g.status, g.seconds};
    if (g.status == Status::failed)
      c.body = std::to_string(g.mismatches) + " of " + std::to_string(g.elements) + " elements differ; worst C[" +
               std::to_string(g.worst_row) + "][" + std::to_string(g.worst_col) + "] = " + std::to_string(g.worst_got) +
               ", expected " + std::to_string(g.worst_expected) + "\nrepro: " + g.repro + "\n";
    out.push_back(std::move(c));
  }
  for (const QuantExactness& q : r.quant) {
    SectionCase c{q.backend, q.op + " " + q.model + " " + std::string(name(q.type)) + " " + q.scheme + " " + q.inputs,
               q.reason, "", "", q.status, q.seconds};
    if (q.status == Status::failed) {
      for (const QuantExample& e : q.examples)
        c.body += "input " + e.input + ": got " + std::to_string(e.got) + ", expected " + std::to_string(e.expected) + "\n";
      c.body += "repro: " + q.repro + "\n";
      if (c.message.empty()) c.message = std::to_string(q.mismatches) + " of " + std::to_string(q.total) + " differ";
    }
    out.push_back(std::move(c));
  }
  // GEMM robustness: the first problem as the message, every problem in the body.
  for (const GemmRobustness& g : r.robustness) {
    SectionCase c{g.backend, "gemm robustness " + std::string(name(g.a_type)), g.reason, "", "", g.status, g.seconds,
               "robustness"};
    if (g.status == Status::failed) {
      for (const std::string& p : g.problems) c.body += p + "\n";
      c.body += "repro: " + g.repro + "\n";
    }
    out.push_back(std::move(c));
  }
  return out;
}

// A dot-product unit per format: a failure's message says how far it is from its model, its
// body every figure and the command that reruns it.
std::vector<SectionCase> dot_cases(const DotResults& r) {
  std::vector<SectionCase> out;
  for (const DotUnitResult& u : r.units) {
    SectionCase c{u.backend, u.format + " k=" + std::to_string(u.k), u.reason, "", "", u.status, u.seconds,
                  "not-its-model", "dot"};
    if (u.status == Status::failed) {
      const std::string differ = std::to_string(u.differ) + " of " + std::to_string(u.cases) + " dot products" +
                                 (u.pair_differ ? " (and " + std::to_string(u.pair_differ) + " monotonicity pairs')" : "") +
                                 " differ";
      c.message = !u.inferred_unique           ? "no candidate model fits the probes; " + differ + " from the nearest"
                  : u.miss_model.empty()        ? differ + " from the " + u.against + " model"
                                                : "the probes infer " + u.inferred_short + ", not the declared " +
                                                    u.declared_name + "; " + differ;
      c.body = "declared: " + (u.declared_name.empty() ? "(none)" : u.declared_name) + "\ninferred: " + u.inferred +
               "\n" + (u.miss_model.empty() ? "" : u.miss_model + " misses " + std::to_string(u.miss_probes) + " of " +
                                                     std::to_string(u.probes) + " probes (first: " + u.first_miss + ")\n") +
               (u.first ? "first differing case: " + u.first_repro + "\n" : "") +
               (monotone_text(u).empty() ? "" : monotone_text(u) + "\n") + "repro: " + u.repro + "\n";
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string junit_document(const std::vector<Run>& runs, const std::string& command,
                           const Int8Results* int8, const DotResults* dot) {
  std::vector<std::string> backends;
  Counts all;
  for (const Run& r : runs) {
    all.add(r);
    if (std::find(backends.begin(), backends.end(), r.backend) == backends.end())
      backends.push_back(r.backend);
  }
  // The INT8 and dot-product suites, made first so that the <testsuites> totals include them.
  std::vector<SectionCase> cases;
  if (int8) cases = int8_cases(*int8);
  if (dot)
    for (SectionCase& c : dot_cases(*dot)) cases.push_back(std::move(c));
  std::vector<std::string> names;  // "family.backend"
  for (const SectionCase& c : cases)
    if (const std::string n = c.family + "." + c.backend; std::find(names.begin(), names.end(), n) == names.end())
      names.push_back(n);
  std::string int8_suites;
  for (const std::string& n : names) {
    Counts suite;
    std::string body;
    for (const SectionCase& c : cases)
      if (c.family + "." + c.backend == n) {
        suite.add(c);
        body += section_testcase(c);
      }
    all.tests += suite.tests, all.failures += suite.failures, all.skipped += suite.skipped;
    all.seconds += suite.seconds;
    int8_suites += "  <testsuite name=\"" + xml(n) + "\"" + suite.attributes() + ">\n" + body + "  </testsuite>\n";
  }
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fpconform\"" +
                  all.attributes() + ">\n";
  for (const std::string& b : backends) {
    Counts suite;
    std::string cases;
    for (const Run& r : runs)
      if (r.backend == b) {
        suite.add(r);
        cases += testcase(r);
      }
    s += "  <testsuite name=\"" + xml(b) + "\"" + suite.attributes() + ">\n";
    if (b == backends.front())
      s += "    <properties>\n      <property name=\"command\" value=\"" + xml(command) +
           "\"/>\n    </properties>\n";
    s += cases + "  </testsuite>\n";
  }
  return s + int8_suites + "</testsuites>\n";
}

}  // namespace fpconform
