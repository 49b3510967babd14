// The files of `fpconform plan` (docs/slurm.md): a Slurm job array that runs one shard of a
// check per task and a merge job that waits for the whole array, plus the script that submits
// them, again after a failure: it submits only the shards whose results file is missing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fpconform::cli {

struct SlurmPlan {
  std::string fpconform;                // absolute path of the binary every task runs
  std::vector<std::string> check_args;  // the check's own arguments (no --shard, --json ...)
  std::vector<std::string> merge_args;  // passed to merge as well (--baseline DIR ...)
  std::uint32_t shards = 1;
  int cpus_per_task = 1;
  std::string time_limit = "01:00:00";  // each task's, HH:MM:SS
  std::string partition;                // "" : the cluster's default
  std::string invocation;               // the plan command, recorded in every file
};

// Single-quoted for bash: a'b -> 'a'\''b'.
std::string shell_quote(const std::string& s);
// Indexes as Slurm's --array list: {0,1,2,5,7,8} -> "0-2,5,7-8".
std::string array_list(const std::vector<std::uint32_t>& indexes);
// Seconds as HH:MM:SS (at least one minute).
std::string slurm_time(double seconds);

std::string shard_script(const SlurmPlan& p);   // shard.sbatch
std::string merge_script(const SlurmPlan& p);   // merge.sbatch
std::string submit_script(const SlurmPlan& p);  // submit.sh [--wait]

}  // namespace fpconform::cli
