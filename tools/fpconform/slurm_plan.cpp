#include "tools/fpconform/slurm_plan.hpp"

#include <cmath>
#include <cstdio>

namespace fpconform::cli {
namespace {

std::string joined(const std::vector<std::string>& args) {
  std::string s;
  for (const std::string& a : args) {
    s += ' ';
    s += shell_quote(a);
  }
  return s;
}

std::string header(const SlurmPlan& p, const std::string& job, const std::string& output) {
  std::string s = "#!/usr/bin/env bash\n#SBATCH --job-name=" + job + "\n#SBATCH --output=" + output +
                  "\n";
  if (!p.partition.empty()) s += "#SBATCH --partition=" + p.partition + "\n";
  return s;
}

}  // namespace

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string array_list(const std::vector<std::uint32_t>& indexes) {
  std::string s;
  for (std::size_t i = 0; i < indexes.size();) {
    std::size_t j = i;
    while (j + 1 < indexes.size() && indexes[j + 1] == indexes[j] + 1) ++j;
    if (!s.empty()) s += ",";
    s += std::to_string(indexes[i]);
    if (j > i) {
      s += '-';
      s += std::to_string(indexes[j]);
    }
    i = j + 1;
  }
  return s;
}

std::string slurm_time(double seconds) {
  const long total = std::max(60L, static_cast<long>(std::ceil(seconds)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

std::string shard_script(const SlurmPlan& p) {
  const std::string n = std::to_string(p.shards);
  return header(p, "fpconform-shard", "logs/shard_%a.out") +
         "#SBATCH --cpus-per-task=" + std::to_string(p.cpus_per_task) + "\n" +
         "#SBATCH --time=" + p.time_limit + "\n" +
         "# One shard of the check planned by:\n#   " + p.invocation + "\n"
         "# Its results file appears only once the shard is complete (written aside, then moved).\n"
         "set -uo pipefail\n"
         "i=${SLURM_ARRAY_TASK_ID:?run as a task of the job array submit.sh submits}\n"
         "out=shards/part_$i.json\n"
         "if [ -s \"$out\" ]; then echo \"shard $i/" + n + ": done before ($out)\"; exit 0; fi\n"
         "tmp=\"$out.partial.${SLURM_JOB_ID:-$$}\"\n" +
         shell_quote(p.fpconform) + " check" + joined(p.check_args) + " --shard \"$i/" + n +
         "\" --threads \"${SLURM_CPUS_PER_TASK:-" + std::to_string(p.cpus_per_task) +
         "}\" --json \"$tmp\"\n"
         "status=$?\n"
         "# 0: conforms, 1: deviations found (a result like any other); else the task failed.\n"
         "if [ \"$status\" -gt 1 ]; then rm -f \"$tmp\"; exit \"$status\"; fi\n"
         "mv -f \"$tmp\" \"$out\"\n";
}

std::string merge_script(const SlurmPlan& p) {
  return header(p, "fpconform-merge", "logs/merge.out") +
         "#SBATCH --cpus-per-task=1\n"
         "# The shards of the check planned by:\n#   " + p.invocation + "\n"
         "# merged into whole runs; a missing or repeated shard is an error that names it.\n"
         "set -uo pipefail\n" +
         shell_quote(p.fpconform) + " merge shards/part_*.json" + joined(p.merge_args) +
         " --json merged.json --junit merged-junit.xml --html merged.html\n"
         "status=$?\n"
         "echo \"$status\" > merge.status\n"
         "exit \"$status\"\n";
}

std::string submit_script(const SlurmPlan& p) {
  return "#!/usr/bin/env bash\n"
         "# Submits the shards whose results file is missing as one Slurm job array, then the merge\n"
         "# job, which starts once every one of them has succeeded. After a failure run it again:\n"
         "# finished shards are not redone. --wait: return when the merge has run, with its status\n"
         "# (0 conforms, 1 deviations, 2 an error such as a missing shard).\n"
         "# Planned by:\n#   " + p.invocation + "\n"
         "set -euo pipefail\n"
         "cd \"$(dirname \"$0\")\"\n"
         "shards=" + std::to_string(p.shards) + "\n"
         "mkdir -p shards logs\n"
         "rm -f merge.status\n"
         "# A merge job still waiting on an earlier array that failed can never start: cancel it.\n"
         "if [ -s merge.jobid ]; then scancel \"$(cat merge.jobid)\" 2> /dev/null || true; rm -f merge.jobid; fi\n"
         "missing=()\n"
         "for ((i = 0; i < shards; i++)); do [ -s \"shards/part_$i.json\" ] || missing+=(\"$i\"); done\n"
         "list=\"\"; first=\"\"; last=\"\"\n"
         "for i in \"${missing[@]}\" \"\"; do\n"
         "  if [ -n \"$i\" ] && [ -n \"$last\" ] && [ \"$i\" -eq $((last + 1)) ]; then last=$i; continue; fi\n"
         "  if [ -n \"$first\" ]; then\n"
         "    list+=\"${list:+,}$first\"; [ \"$last\" != \"$first\" ] && list+=\"-$last\"\n"
         "  fi\n"
         "  first=$i; last=$i\n"
         "done\n"
         "dependency=()\n"
         "if [ ${#missing[@]} -gt 0 ]; then\n"
         "  array=$(sbatch --parsable --array=\"$list\" shard.sbatch)\n"
         "  array=${array%%;*}\n"
         "  echo \"submitted ${#missing[@]} of $shards shards: job array $array (--array=$list)\"\n"
         "  dependency=(--dependency=\"afterok:$array\" --kill-on-invalid-dep=yes)\n"
         "else\n"
         "  echo \"all $shards shards have their results: merging only\"\n"
         "fi\n"
         "merge=$(sbatch --parsable \"${dependency[@]}\" merge.sbatch)\n"
         "merge=${merge%%;*}\n"
         "echo \"$merge\" > merge.jobid\n"
         "echo \"submitted the merge: job $merge (merged.json, merged-junit.xml, merged.html)\"\n"
         "[ \"${1:-}\" = \"--wait\" ] || exit 0\n"
         "while squeue -h -j \"$merge\" 2> /dev/null | grep -q .; do sleep 2; done\n"
         "rm -f merge.jobid\n"
         "if [ ! -s merge.status ]; then\n"
         "  echo \"the merge did not run: a shard failed (logs/shard_*.out); run $0 again\" >&2\n"
         "  exit 3\n"
         "fi\n"
         "exit \"$(cat merge.status)\"\n";
}

}  // namespace fpconform::cli
