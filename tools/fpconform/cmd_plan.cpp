// fpconform plan: a check too large for one machine as a Slurm job array (docs/slurm.md). The
// check's arguments come after `--`; the plan measures its per-core rate on a few small shards,
// sizes the shards to a wall time (or takes --shards), prints the estimate and writes
// DIR/shard.sbatch, DIR/merge.sbatch and DIR/submit.sh.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "fpconform/error.hpp"
#include "fpconform/operation.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/selection.hpp"
#include "tools/fpconform/slurm_plan.hpp"

namespace fpconform::cli {
namespace {

namespace fs = std::filesystem;

struct PlanArgs {
  std::string dir;
  std::uint32_t shards = 0;  // 0: from the measured rate and --shard-minutes
  double shard_minutes = 60;
  int cpus_per_task = 1;
  std::string partition;
  int nodes = 1;
  int cores_per_node = 0;  // 0: this machine's
  std::vector<std::string> check_args;
};

// Every value of an option in the check's arguments ("--op X" or "--op=X"), in order.
std::vector<std::string> option_values(const std::vector<std::string>& args, const std::string& name) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == name && i + 1 < args.size()) v.push_back(args[i + 1]);
    if (args[i].rfind(name + "=", 0) == 0) v.push_back(args[i].substr(name.size() + 1));
  }
  return v;
}

// The option's first value, or "".
std::string option_value(const std::vector<std::string>& args, const std::string& name) {
  const std::vector<std::string> v = option_values(args, name);
  return v.empty() ? "" : v.front();
}

void check_the_check(const std::vector<std::string>& args) {
  for (const char* own : {"--shard", "--json", "--junit", "--html", "--threads", "--write-baseline"})
    for (const std::string& a : args)
      if (a == own || a.rfind(std::string(own) + "=", 0) == 0)
        throw InputError(std::string("plan: the check's ") + own +
                         " is the plan's to set (each task's shard, results file and threads)");
  if (option_value(args, "--inputs") != "exhaustive")
    throw InputError("plan: the check must sweep (--inputs exhaustive): only a sweep is split into "
                     "shards; got --inputs '" + option_value(args, "--inputs") + "'");
  if (option_value(args, "--int8") != "" || option_value(args, "--dot") != "")
    throw InputError("plan: --int8 and --dot have no shards; run them once, outside the plan");
}

std::string self_path() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw InputError("plan: cannot find the fpconform binary (/proc/self/exe): " + ec.message());
  return p.string();
}

// Seconds one core spends on shard i of n: the check run as a child with one thread, its
// results' seconds added up (process start and the oracle's tables not counted).
double probe(const std::string& self, const std::vector<std::string>& args, std::uint32_t i,
             std::uint32_t n, const fs::path& json) {
  std::string cmd = shell_quote(self) + " check";
  for (const std::string& a : args) cmd += " " + shell_quote(a);
  cmd += " --shard " + std::to_string(i) + "/" + std::to_string(n) + " --threads 1 --json " +
         shell_quote(json.string()) + " > /dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
    throw InputError("plan: the check failed on probe shard " + std::to_string(i) + "/" +
                     std::to_string(n) + " (exit " + std::to_string(WEXITSTATUS(status)) +
                     "); run it alone to see why:\n  " + cmd);
  std::ifstream in(json);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("runs"))
    throw InputError("plan: probe shard " + std::to_string(i) + " wrote no results to " + json.string());
  double s = 0;
  for (const auto& r : j["runs"]) s += r.value("seconds", 0.0);
  return s;
}

void write(const fs::path& path, const std::string& text, bool executable) {
  std::ofstream out(path);
  out << text;
  if (!out) throw InputError("plan: cannot write " + path.string());
  out.close();
  if (executable)
    fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
}

std::string duration(double s) {
  char buf[64];
  if (s < 120) std::snprintf(buf, sizeof buf, "%.0f s", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  else if (s < 2 * 86400) std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  else std::snprintf(buf, sizeof buf, "%.1f days", s / 86400);
  return buf;
}

int run_plan(const PlanArgs& a) {
  check_the_check(a.check_args);
  if (a.cpus_per_task < 1) throw InputError("plan: --cpus-per-task must be at least 1");
  if (a.nodes < 1) throw InputError("plan: --nodes must be at least 1");
  if (!(a.shard_minutes > 0)) throw InputError("plan: --shard-minutes must be positive");
  const int cores = a.cores_per_node > 0 ? a.cores_per_node
                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const fs::path dir = fs::absolute(a.dir);
  fs::create_directories(dir / "shards");
  fs::create_directories(dir / "logs");
  const std::string self = self_path();

  // 2^48 triples when an op of three operands is swept, else 2^32: blocks of 2^16, and probe
  // shards of 64 blocks each, eight of them spread over the range.
  bool triples = false;
  const std::string ops = option_value(a.check_args, "--op");
  for (Op op : select_ops(ops.empty() ? "all" : ops)) triples = triples || arity(op) == 3;
  const std::uint64_t blocks = (std::uint64_t{1} << (triples ? 48 : 32)) >> 16;
  const auto probe_count = static_cast<std::uint32_t>(std::min<std::uint64_t>(blocks / 64, 0xFFFFFFFFu));
  std::cout << "plan: measuring one core's rate on 8 of " << probe_count << " shards ...\n";
  double probed = 0;
  for (std::uint32_t k = 0; k < 8; ++k)
    probed += probe(self, a.check_args, static_cast<std::uint32_t>((2 * k + 1) * std::uint64_t{probe_count} / 16),
                    probe_count, dir / "logs" / "probe.json");
  fs::remove(dir / "logs" / "probe.json");
  const double core_seconds = probed / 8 * probe_count;

  SlurmPlan p;
  p.fpconform = self;
  p.check_args = a.check_args;
  // One seed for every shard, so that the merged runs are the single run's (merge keeps one).
  if (option_value(a.check_args, "--seed").empty()) {
    const std::uint64_t seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
    p.check_args.insert(p.check_args.end(), {"--seed", std::to_string(seed)});
    std::cout << "plan: every shard runs with --seed " << seed << "\n";
  }
  // What the merge job must repeat of the check: every baseline (it gates the whole runs), and
  // how many examples to show.
  for (const char* option : {"--baseline", "--max-examples"})
    for (const std::string& v : option_values(a.check_args, option)) p.merge_args.insert(p.merge_args.end(), {option, v});
  p.cpus_per_task = a.cpus_per_task;
  p.partition = a.partition;
  p.invocation = invocation();
  const double target = a.shard_minutes * 60 * a.cpus_per_task;  // core-seconds per shard
  p.shards = a.shards ? a.shards
                      : static_cast<std::uint32_t>(std::clamp<double>(std::ceil(core_seconds / target), 1,
                                                                       static_cast<double>(blocks)));
  const double per_shard = core_seconds / p.shards / a.cpus_per_task;  // wall seconds of a task
  p.time_limit = slurm_time(std::max(per_shard * 3, 600.0));           // room for a slow node

  write(dir / "shard.sbatch", shard_script(p), false);
  write(dir / "merge.sbatch", merge_script(p), false);
  write(dir / "submit.sh", submit_script(p), true);

  const double slots = static_cast<double>(a.nodes) * cores / a.cpus_per_task;
  const double waves = std::ceil(p.shards / slots);
  std::printf("estimate: %.3g core-hours (one core: %s); %u shard%s of about %s each on %d CPU%s\n"
              "wall time on %d node%s of %d cores: about %s (%g wave%s of tasks)\n",
              core_seconds / 3600, duration(core_seconds).c_str(), p.shards, p.shards == 1 ? "" : "s",
              duration(per_shard).c_str(),
              a.cpus_per_task, a.cpus_per_task == 1 ? "" : "s", a.nodes, a.nodes == 1 ? "" : "s",
              cores, duration(waves * per_shard).c_str(), waves, waves == 1 ? "" : "s");
  if (a.nodes * cores > 1)
    std::printf("on %d node%s of %d cores with every core busy (--shards %.0f --cpus-per-task %d): "
                "about %s; on one machine of %d cores: %s\n",
                a.nodes, a.nodes == 1 ? "" : "s", cores, slots, a.cpus_per_task,
                duration(core_seconds / (static_cast<double>(a.nodes) * cores)).c_str(), cores,
                duration(core_seconds / cores).c_str());
  if (p.shards > 1000)
    std::printf("note: %u array tasks; Slurm's MaxArraySize is 1001 unless the cluster raises it\n",
                p.shards);
  std::printf("wrote %s/{shard.sbatch,merge.sbatch,submit.sh}; each task's time limit %s\n"
              "submit (again after a failure: only the missing shards run): %s/submit.sh [--wait]\n",
              dir.c_str(), p.time_limit.c_str(), dir.c_str());
  return kConforms;
}

}  // namespace

Command add_plan_command(CLI::App& app) {
  auto a = std::make_shared<PlanArgs>();
  auto* sub = app.add_subcommand(
      "plan", "Split a sweep into a Slurm job array and a merge job: fpconform plan --dir DIR -- CHECK-ARGS");
  sub->add_option("--dir", a->dir, "Where the scripts, shards' results, logs and merged results go "
                                   "(on a file system every node sees)")->required();
  sub->add_option("--shards", a->shards, "Number of shards (default: from the measured rate and --shard-minutes)");
  sub->add_option("--shard-minutes", a->shard_minutes, "Wall time wanted per shard")->capture_default_str();
  sub->add_option("--cpus-per-task", a->cpus_per_task, "Cores per array task (its --threads)")->capture_default_str();
  sub->add_option("--partition", a->partition, "Slurm partition (default: the cluster's)");
  sub->add_option("--nodes", a->nodes, "Nodes, for the wall-time estimate")->capture_default_str();
  sub->add_option("--cores-per-node", a->cores_per_node, "Cores per node, for the estimate (default: this machine's)");
  sub->add_option("check", a->check_args, "The check's arguments, after --")->required();
  return {sub, [a] { return run_plan(*a); }};
}

}  // namespace fpconform::cli
