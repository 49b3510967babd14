// Shards of one sweep, run in several processes or on several machines, merged into whole runs.
#pragma once

#include <cstddef>
#include <vector>

#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform {

// Runs of the same (backend, op, rounding, inputs) whose shards I/N cover 0..N-1 exactly once
// become one run with counts summed, examples re-picked (in input order, first of each kind
// first) and the status decided again under the profile; the seed is the first part's (shards
// run with one --seed share it). A shard that did not complete (failed with a reason: a plug-in
// that crashed or hung; skipped) makes the run failed with that shard's reason, unless no shard
// ran at all. Runs without a shard pass through.
// Throws InputError on a missing, duplicated or mismatched shard, or a run given twice.
std::vector<Run> merge_shards(const std::vector<Run>& runs, const Profile& profile,
                              std::size_t max_examples);

}  // namespace fpconform
