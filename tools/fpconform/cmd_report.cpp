// fpconform report: results files (check --json, merge --json; one machine or several) as one
// self-contained HTML page.
#include <fstream>
#include <iostream>
#include <set>

#include "fpconform/error.hpp"
#include "reports/dot_report.hpp"
#include "reports/html_report.hpp"
#include "reports/int8_report.hpp"
#include "reports/report_model.hpp"
#include "reports/result_read.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/gate.hpp"

namespace fpconform::cli {
namespace {

struct ReportArgs {
  std::vector<std::string> files;
  std::string output;
};

// The target a file's results were produced on: the architecture uname gave, and "qemu" when the
// machine record says it was emulated (x86_64, "aarch64 qemu").
std::string target_of(const Machine& m) {
  std::string arch = m.os.substr(m.os.find_last_of(' ') + 1);
  if (arch.empty()) arch = "unknown";
  return m.cpu_model.starts_with("emulated by ") ? arch + " qemu" : arch;
}

// "portable" -> "portable @ aarch64 qemu": the same library on two targets, two rows.
void tag_backends(ResultsFile& f, const std::string& target) {
  const auto tag = [&](std::string& b) { if (!b.empty()) b += " @ " + target; };
  for (Run& r : f.runs) tag(r.backend);
  for (auto& g : f.int8.gemm) tag(g.backend);
  for (auto& q : f.int8.quant) tag(q.backend);
  for (auto& e : f.int8.end_to_end) tag(e.backend);
  for (auto& s : f.int8.speed) tag(s.backend);
  for (auto& u : f.dot.units) tag(u.backend);
  for (auto& e : f.dot.error) tag(e.backend);
}

int run_report(const ReportArgs& a) {
  auto [files, profile] = read_results_files(a.files);
  // Results of more than one target side by side: every backend is named with its target.
  std::set<std::string> targets;
  for (const ResultsFile& f : files) targets.insert(target_of(f.machine));
  std::map<std::string, std::string> descriptions = backend_descriptions();
  if (targets.size() > 1)
    for (ResultsFile& f : files) {
      const std::string target = target_of(f.machine);
      for (const Run& r : f.runs)
        if (const auto d = descriptions.find(r.backend); d != descriptions.end())
          descriptions[r.backend + " @ " + target] = d->second;
      tag_backends(f, target);
    }
  std::vector<Run> runs;
  std::vector<Source> sources;
  Int8Results int8;
  DotResults dot;
  for (std::size_t i = 0; i < files.size(); ++i) {
    sources.push_back({a.files[i], files[i].command, files[i].date, files[i].machine});
    for (Run& run : files[i].runs) runs.push_back(std::move(run));
    int8.append(std::move(files[i].int8));
    dot.append(std::move(files[i].dot));
  }
  if (targets.size() > 1) {
    std::string list;
    for (const std::string& t : targets) list += (list.empty() ? "" : ", ") + t;
    std::cout << "results of " << targets.size() << " targets (" << list
              << "): each backend is shown once per target, as \"name @ target\"\n";
  }
  Report report = report_model(std::move(runs), std::move(sources), profile, descriptions);
  add_int8(report, int8);
  add_dot(report, dot);

  std::ofstream out(a.output);
  if (!out) throw InputError(a.output + ": cannot open for writing");
  out << html_report(report);
  std::cout << report.verdict_line << "\nreport written to " << a.output << "\n";
  return kConforms;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  auto* sub = app.add_subcommand("report", "Render results files as one self-contained HTML report");
  sub->add_option("files", a->files, "Results files (fpconform-results/1)")->required()->check(CLI::ExistingFile);
  sub->add_option("-o,--output", a->output, "The HTML file to write")->required();
  return {sub, [a] { return run_report(*a); }};
}

}  // namespace fpconform::cli
