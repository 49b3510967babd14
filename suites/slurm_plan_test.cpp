// The pieces of `fpconform plan`'s scripts (tools/fpconform/slurm_plan.hpp); the scripts
// themselves run in cli.plan_without_slurm and, on a real Slurm, in .ci/run.
#include <gtest/gtest.h>

#include "tools/fpconform/slurm_plan.hpp"

namespace fpconform::cli {
namespace {

TEST(SlurmPlan, ArrayListsCompressRuns) {
  EXPECT_EQ(array_list({0, 1, 2, 5, 7, 8}), "0-2,5,7-8");
  EXPECT_EQ(array_list({3}), "3");
  EXPECT_EQ(array_list({}), "");
  EXPECT_EQ(array_list({0, 2, 4}), "0,2,4");
}

TEST(SlurmPlan, ShellQuotingSurvivesQuotes) {
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
}

TEST(SlurmPlan, TimesAreHoursMinutesSecondsAtLeastAMinute) {
  EXPECT_EQ(slurm_time(5), "00:01:00");
  EXPECT_EQ(slurm_time(3723.2), "01:02:04");
  EXPECT_EQ(slurm_time(100 * 3600), "100:00:00");
}

TEST(SlurmPlan, ScriptsCarryTheShardTheArgumentsAndTheDependency) {
  SlurmPlan p;
  p.fpconform = "/opt/fp conform";
  p.check_args = {"--backend", "portable", "--op", "f16_mulAdd", "--inputs", "exhaustive"};
  p.merge_args = {"--baseline", "base"};
  p.shards = 12;
  p.cpus_per_task = 4;
  p.partition = "long";
  p.invocation = "fpconform plan ...";
  const std::string shard = shard_script(p);
  EXPECT_NE(shard.find("#SBATCH --cpus-per-task=4\n"), std::string::npos);
  EXPECT_NE(shard.find("#SBATCH --partition=long\n"), std::string::npos);
  EXPECT_NE(shard.find("'/opt/fp conform' check '--backend' 'portable' '--op' 'f16_mulAdd'"), std::string::npos);
  EXPECT_NE(shard.find("--shard \"$i/12\""), std::string::npos);
  EXPECT_NE(shard.find("mv -f \"$tmp\" \"$out\""), std::string::npos);
  const std::string merge = merge_script(p);
  EXPECT_NE(merge.find("merge shards/part_*.json '--baseline' 'base' --json merged.json"), std::string::npos);
  const std::string submit = submit_script(p);
  EXPECT_NE(submit.find("shards=12\n"), std::string::npos);
  EXPECT_NE(submit.find("--dependency=\"afterok:$array\""), std::string::npos);
}

}  // namespace
}  // namespace fpconform::cli
