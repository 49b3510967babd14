// fpconform report: results files (check --json, merge --json; one machine or several) as one
// self-contained HTML page.
#include <fstream>
#include <iostream>

#include "fpconform/error.hpp"
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

int run_report(const ReportArgs& a) {
  auto [files, profile] = read_results_files(a.files);
  std::vector<Run> runs;
  std::vector<Source> sources;
  Int8Results int8;
  for (std::size_t i = 0; i < files.size(); ++i) {
    sources.push_back({a.files[i], files[i].command, files[i].date, files[i].machine});
    for (Run& run : files[i].runs) runs.push_back(std::move(run));
    int8.append(std::move(files[i].int8));
  }
  Report report = report_model(std::move(runs), std::move(sources), profile, backend_descriptions());
  add_int8(report, int8);

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
