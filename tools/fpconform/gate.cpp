#include "tools/fpconform/gate.hpp"

#include <fstream>
#include <iostream>
#include <set>

#include "fpconform/backend.hpp"
#include "fpconform/error.hpp"
#include "reports/dot_report.hpp"
#include "reports/html_report.hpp"
#include "reports/int8_report.hpp"
#include "reports/int8_result_json.hpp"
#include "reports/junit.hpp"
#include "platform/machine.hpp"
#include "reports/report_model.hpp"
#include "reports/result_json.hpp"
#include "tools/fpconform/commands.hpp"

namespace fpconform::cli {
namespace {

// What the baseline gate found for each run and entry, each saying what to change.
void print_gate(const std::vector<Run>& runs, const Baseline& b, const GateResult& g) {
  std::cout << "\nbaseline: " << b.entries.size() << " entries from";
  for (const std::string& f : b.files) std::cout << " " << f;
  if (b.files.empty()) std::cout << " no files (no *.txt in the directories given)";
  std::cout << "\n";
  for (const Run& r : runs) {
    if (r.gate.empty()) continue;
    std::cout << "  " << r.backend << " " << r.op << " " << r.rounding << " (" << r.inputs
              << (r.shard.empty() ? "" : " shard " + r.shard) << "): ";
    // "not in baseline: rounding 720; not in baseline: ftz 88" reads "not in baseline: rounding
    // 720, ftz 88".
    std::string prefix;
    for (std::size_t i = 0; i < r.gate.size(); ++i) {
      const std::string& m = r.gate[i];
      const std::size_t colon = m.find(": ");
      const std::string p = colon == std::string::npos ? "" : m.substr(0, colon + 2);
      if (i && !p.empty() && p == prefix) std::cout << ", " << m.substr(p.size());
      else std::cout << (i ? "; " : "") << m;
      prefix = p;
    }
    std::cout << "\n";
  }
  if (g.unmatched.empty()) return;
  std::set<std::string> absent;
  for (const BaselineEntry* e : g.unmatched)
    if (!find_backend(e->backend)) absent.insert(e->backend);
  std::cout << "note: " << g.unmatched.size() << " baseline entries matched no run (not selected)";
  if (!absent.empty()) {
    std::cout << "; backends not compiled in here:";
    for (const std::string& name : absent) std::cout << " " << name;
  }
  std::cout << "\n";
}

}  // namespace

std::ofstream open_for_writing(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw InputError(path + ": cannot open for writing");
  return out;
}

Machine machine_here() {
  Machine m = this_machine();
  for (const auto& [lib, version] : libraries()) m.libraries[lib] = version;
  return m;
}

std::map<std::string, std::string> backend_descriptions() {
  std::map<std::string, std::string> d;
  for (const Backend* b : backends()) d[std::string(b->name())] = b->description();
  return d;
}

void write_results(const std::vector<Run>& runs, const Int8Results* int8, const Profile& profile,
                   const std::string& json, const std::string& junit, const std::string& html,
                   const DotResults* dot) {
  const Machine machine = machine_here();
  if (!json.empty()) {
    open_for_writing(json) << results_document(runs, invocation(), std::string(profile.name), machine,
                                               int8 ? *int8 : Int8Results{}, dot ? *dot : DotResults{})
                                  .dump(2)
                           << "\n";
    std::cout << "results written to " << json << "\n";
  }
  if (!junit.empty()) {
    open_for_writing(junit) << junit_document(runs, invocation(), int8, dot);
    std::cout << "JUnit XML written to " << junit << "\n";
  }
  if (!html.empty()) {
    Report report = report_model(runs, {{"", invocation(), utc_now(), machine}}, profile, backend_descriptions());
    if (int8) add_int8(report, *int8);
    if (dot) add_dot(report, *dot);
    open_for_writing(html) << html_report(report);
    std::cout << "report written to " << html << "\n";
  }
}

int finish(std::vector<Run>& runs, const Finish& f) {
  GateResult gate;
  if (f.baseline) {
    gate = apply_baseline(*f.baseline, runs);
    print_gate(runs, *f.baseline, gate);
  }

  int failed = 0, passed = 0, skipped = 0;
  for (const Run& r : runs) {
    failed += r.status == Status::failed;
    passed += r.status == Status::passed;
    skipped += r.status == Status::skipped;
  }
  // Unimplemented pairs are no runs; only results files written before that may hold some.
  const std::size_t unimplemented = runs.size() - passed - failed - skipped;
  std::cout << "\n" << passed << " passed, " << failed << " failed, " << skipped << " skipped"
            << (unimplemented ? ", " + std::to_string(unimplemented) + " unimplemented" : "")
            << " (profile " << f.profile->name;
  if (f.baseline)
    std::cout << "; baseline accepted " << gate.accepted << " deviations"
              << (gate.stale.empty() ? "" : ", stale entries: " + std::to_string(gate.stale.size()));
  std::cout << ")\n";
  if (skipped && !passed && !failed && !f.int8 && !f.dot)
    std::cout << "NOTE: nothing was checked: every run was skipped (each says why above)\n";

  write_results(runs, f.int8, *f.profile, f.json, f.junit, f.html, f.dot);
  if (!f.write_baseline.empty()) {
    // Reasons: from the given baseline's entries, else from what each backend declares it knows.
    Baseline reasons = f.baseline ? *f.baseline : Baseline{};
    for (const Run& r : runs)
      if (const Backend* b = find_backend(r.backend))
        for (const KnownDeviation& d : b->known_deviations())
          if (name(d.op) == r.op && (r.rounding == "exact" || d.in(*parse_rounding(r.rounding))))
            reasons.entries.push_back({r.backend, r.op, r.rounding, d.kind, std::nullopt, "*",
                                       std::string(d.why), "", 0});
    open_for_writing(f.write_baseline) << write_baseline(runs, &reasons, "written by: " + invocation());
    std::cout << "baseline written to " << f.write_baseline
              << " (replace each TODO with the reason)\n";
  }
  const bool int8_failed = f.int8 && f.int8->undeclared_failures() > 0;
  const bool dot_failed = f.dot && f.dot->failures() > 0;
  return failed || gate.failed || int8_failed || dot_failed ? kDeviates : kConforms;
}

}  // namespace fpconform::cli
