// fpconform merge's core (checks/merge.hpp): shards of one sweep become one run, decided again
// under the profile; a shard that did not complete keeps the whole run from passing.
#include <gtest/gtest.h>

#include "checks/merge.hpp"
#include "fpconform/error.hpp"

namespace fpconform {
namespace {

Run shard(std::string which, Status s, std::uint64_t total, std::uint64_t rounding = 0, std::string reason = "") {
  Run r;
  r.backend = "acme";
  r.op = "f32_to_f16";
  r.rounding = "rne";
  r.inputs = "exhaustive";
  r.profile = "strict";
  r.shard = std::move(which);
  r.status = s;
  r.reason = std::move(reason);
  r.total = total;
  r.mismatches = r.untolerated = rounding;
  r.by_kind[static_cast<int>(DeviationKind::rounding)] = rounding;
  r.by_class[static_cast<int>(CaseClass::normal)] = rounding;
  return r;
}

std::vector<Run> merged(std::vector<Run> parts) {
  return merge_shards(parts, *parse_profile("strict"), 10);
}

TEST(Merge, ShardsBecomeOneRunDecidedAgain) {
  std::vector<fpconform::Run> m = merged({shard("0/2", Status::passed, 100), shard("1/2", Status::passed, 100)});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].status, Status::passed);
  EXPECT_EQ(m[0].total, 200u);
  EXPECT_EQ(m[0].shard, "");
  m = merged({shard("0/2", Status::passed, 100), shard("1/2", Status::failed, 100, 3)});
  EXPECT_EQ(m[0].status, Status::failed);
  EXPECT_EQ(m[0].mismatches, 3u);
  EXPECT_EQ(m[0].reason, "");
}

// A plug-in's shard that crashed has no mismatches to count: its failure must survive the merge.
TEST(Merge, ACrashedShardFailsTheWholeRun) {
  fpconform::Run crashed = shard("1/2", Status::failed, 40, 0, "crashed (signal 11)");
  crashed.problems = {"crashed (signal 11)", "repro: ..."};
  crashed.output = "segfault here\n";
  const std::vector<fpconform::Run> m = merged({shard("0/2", Status::passed, 100), crashed});
  EXPECT_EQ(m[0].status, Status::failed);
  EXPECT_EQ(m[0].reason, "shard 1/2 failed: crashed (signal 11)");
  EXPECT_EQ(m[0].problems, crashed.problems);
  EXPECT_EQ(m[0].output, "[shard 1/2]\nsegfault here\n");
}

// A shard that failed on deviations and also left a problem (a plug-in's stray write) is not one
// that completed: its problem fails the sweep whatever the counts.
TEST(Merge, AShardWithAProblemFailsTheWholeRun) {
  fpconform::Run odd = shard("0/2", Status::failed, 100, 2);
  odd.problems = {"wrote past its output"};
  const std::vector<fpconform::Run> m = merged({odd, shard("1/2", Status::passed, 100)});
  EXPECT_EQ(m[0].status, Status::failed);
  EXPECT_EQ(m[0].reason, "shard 0/2 failed: wrote past its output");
}

// A shard skipped on a node without the CPU feature: the rest are not the whole sweep.
TEST(Merge, ASkippedShardLeavesTheSweepIncomplete) {
  std::vector<fpconform::Run> m = merged({shard("0/2", Status::skipped, 0, 0, "CPU lacks avx512f"),
                               shard("1/2", Status::passed, 100)});
  EXPECT_EQ(m[0].status, Status::failed);
  EXPECT_EQ(m[0].reason, "shard 0/2 skipped: CPU lacks avx512f (the merged sweep is incomplete)");
  EXPECT_EQ(m[0].total, 100u);
  m = merged({shard("0/2", Status::skipped, 0, 0, "CPU lacks avx512f"),
              shard("1/2", Status::skipped, 0, 0, "CPU lacks avx512f")});
  EXPECT_EQ(m[0].status, Status::skipped);
  EXPECT_EQ(m[0].reason, "CPU lacks avx512f");
}

TEST(Merge, AMissingOrRepeatedShardIsAnInputError) {
  EXPECT_THROW(merged({shard("0/3", Status::passed, 1), shard("1/3", Status::passed, 1)}), InputError);
  EXPECT_THROW(merged({shard("0/2", Status::passed, 1), shard("0/2", Status::passed, 1)}), InputError);
}

}  // namespace
}  // namespace fpconform
