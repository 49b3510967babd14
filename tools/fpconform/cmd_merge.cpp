// fpconform merge: the shards of a sweep (check --shard I/N --json FILE, on several processes or
// machines) into whole runs: the table, the matrix, the baseline gate on the whole runs, one
// results file and, if asked, a baseline of the whole runs' counts.
#include <fstream>
#include <iostream>

#include "fpconform/error.hpp"
#include "checks/baseline.hpp"
#include "checks/merge.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"
#include "reports/table.hpp"
#include "reports/text.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/gate.hpp"

namespace fpconform::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  std::string json;
  std::size_t max_examples = 3;
  std::vector<std::string> baselines;
  std::string write_baseline;
  std::string junit;
  std::string html;
};

int run_merge(const MergeArgs& a) {
  auto [files, profile] = read_results_files(a.files);
  std::vector<Run> runs;
  Int8Results int8;  // kept as they are: INT8 and dot-product results have no shards
  DotResults dot;
  for (ResultsFile& f : files) {
    for (Run& run : f.runs) runs.push_back(std::move(run));
    int8.append(std::move(f.int8));
    dot.append(std::move(f.dot));
  }
  const Baseline baseline = read_baselines(a.baselines);
  const bool gated = !a.baselines.empty();
  std::vector<Run> merged = merge_shards(runs, profile, a.max_examples);
  if (gated) apply_baseline(baseline, merged);  // before the rows: a stale entry fails whole runs

  std::cout << "merged " << runs.size() << " runs from " << a.files.size() << " files into "
            << merged.size() << " (profile " << profile.name << ")\n"
            << table_header();
  for (const Run& r : merged)
    if (r.status != Status::unimplemented) std::cout << table_row(r);
  std::cout << "\n" << format_matrix(merged);
  for (const Run& r : merged)
    if (r.mismatches) std::cout << "\n" << format_examples(r);
  return finish(merged, {&profile, gated ? &baseline : nullptr, a.json, a.junit, a.html, a.write_baseline,
                         int8.empty() ? nullptr : &int8, dot.empty() ? nullptr : &dot});
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto a = std::make_shared<MergeArgs>();
  auto* sub = app.add_subcommand("merge", "Merge the --json results of a sharded sweep");
  sub->add_option("files", a->files, "Results files (fpconform-results/1)")->required()->check(CLI::ExistingFile);
  sub->add_option("--json", a->json, "Write the merged results to FILE");
  sub->add_option("--max-examples", a->max_examples, "Examples shown per run")->capture_default_str();
  sub->add_option("--baseline", a->baselines,
                  "FILE or DIR (every *.txt): gate the merged runs as check --baseline does")
      ->allow_extra_args(false);
  sub->add_option("--junit", a->junit, "Write JUnit XML (a test case per run) to FILE");
  sub->add_option("--html", a->html, "Write the HTML conformance report to FILE");
  sub->add_option("--write-baseline", a->write_baseline,
                  "Write the merged runs' untolerated deviations to FILE as a baseline");
  return {sub, [a] { return run_merge(*a); }};
}

}  // namespace fpconform::cli
