// fpconform merge: the shards of a sweep (check --shard I/N --json FILE, on several processes or
// machines) into whole runs: the table, the matrix and one results file.
#include <fstream>
#include <iostream>

#include "fpconform/error.hpp"
#include "reports/merge.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"
#include "reports/table.hpp"
#include "reports/text.hpp"
#include "tools/fpconform/commands.hpp"

namespace fpconform::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  std::string json;
  std::size_t max_examples = 3;
};

int run_merge(const MergeArgs& a) {
  std::vector<Run> runs;
  std::string profile_name;
  for (const std::string& f : a.files) {
    ResultsFile r = read_results(f);
    if (!profile_name.empty() && r.profile != profile_name)
      throw InputError(f + ": profile: '" + r.profile + "', the other files say '" + profile_name + "'");
    profile_name = r.profile;
    for (Run& run : r.runs) runs.push_back(std::move(run));
  }
  const auto profile = parse_profile(profile_name);
  if (!profile) throw InputError(a.files.front() + ": profile: unknown profile '" + profile_name + "'");
  const std::vector<Run> merged = merge_shards(runs, *profile, a.max_examples);

  std::cout << "merged " << runs.size() << " runs from " << a.files.size() << " files into "
            << merged.size() << " (profile " << profile->name << ")\n"
            << table_header();
  int failed = 0;
  for (const Run& r : merged) {
    if (r.status != Status::unimplemented) std::cout << table_row(r);
    failed += r.status == Status::failed;
  }
  std::cout << "\n" << format_matrix(merged);
  for (const Run& r : merged)
    if (r.mismatches) std::cout << "\n" << format_examples(r);
  if (!a.json.empty()) {
    std::ofstream out(a.json);
    if (!out) throw InputError(a.json + ": cannot open for writing");
    out << results_document(merged, invocation(), profile_name, this_machine()).dump(2) << "\n";
    std::cout << "results written to " << a.json << "\n";
  }
  return failed ? kDeviates : kConforms;
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto a = std::make_shared<MergeArgs>();
  auto* sub = app.add_subcommand("merge", "Merge the --json results of a sharded sweep");
  sub->add_option("files", a->files, "Results files (fpconform-results/1)")->required()->check(CLI::ExistingFile);
  sub->add_option("--json", a->json, "Write the merged results to FILE");
  sub->add_option("--max-examples", a->max_examples, "Examples shown per run")->capture_default_str();
  return {sub, [a] { return run_merge(*a); }};
}

}  // namespace fpconform::cli
