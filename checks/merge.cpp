#include "checks/merge.hpp"

#include <map>
#include <set>
#include <tuple>

#include "fpconform/error.hpp"
#include "checks/sweep.hpp"
#include "checks/tally.hpp"

namespace fpconform {

std::vector<Run> merge_shards(const std::vector<Run>& runs, const Profile& profile,
                              std::size_t max_examples) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::vector<const Run*>> groups;
  std::vector<Key> order;
  for (const Run& r : runs) {
    const Key k{r.backend, r.op, r.rounding, r.inputs};
    if (groups[k].empty()) order.push_back(k);
    groups[k].push_back(&r);
  }
  std::vector<Run> out;
  for (const Key& k : order) {
    const std::vector<const Run*>& parts = groups[k];
    const std::string what = std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k) + " " +
                             std::get<3>(k);
    if (parts.size() == 1 && parts[0]->shard.empty()) {
      out.push_back(*parts[0]);
      continue;
    }
    std::set<std::uint32_t> seen;
    std::uint32_t count = 0;
    for (const Run* p : parts) {
      const auto s = Shard::parse(p->shard);
      if (p->shard.empty() || !s)
        throw InputError(what + ": given more than once (shard '" + p->shard + "')");
      if (count != 0 && s->count != count)
        throw InputError(what + ": shards of " + std::to_string(count) + " and of " +
                         std::to_string(s->count) + " mixed");
      count = s->count;
      if (!seen.insert(s->index).second)
        throw InputError(what + ": shard " + p->shard + " given twice");
    }
    if (seen.size() != count) {
      std::string missing;
      for (std::uint32_t i = 0; i < count; ++i)
        if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(count);
      throw InputError(what + ": shards missing: " + missing);
    }

    Run merged = *parts[0];
    merged.shard.clear();
    merged.total = merged.mismatches = 0;
    merged.by_class = {};
    merged.by_kind = {};
    merged.examples.clear();
    merged.seconds = 0;
    merged.problems.clear();
    merged.output.clear();
    merged.gate.clear();  // a baseline judges the whole run, if merge is given one
    merged.baselined = 0;
    merged.stale = false;
    std::vector<Tally> tallies;
    bool ran = false;
    // A shard that did not complete (a plug-in that crashed or hung, a node that skipped it) leaves
    // the merged sweep failed with its reason, never passed on the other shards' counts.
    std::string crashed, missing;
    for (const Run* p : parts) {
      ran |= p->status == Status::passed || p->status == Status::failed;
      if (!completed(*p)) {
        std::string& first = p->status == Status::failed ? crashed : missing;
        if (first.empty())
          first = "shard " + p->shard + " " + std::string(name(p->status)) + ": " +
                  (p->reason.empty() && !p->problems.empty() ? p->problems.front() : p->reason);
      }
      merged.problems.insert(merged.problems.end(), p->problems.begin(), p->problems.end());
      if (!p->output.empty()) merged.output += "[shard " + p->shard + "]\n" + p->output;
      merged.seconds += p->seconds;
      Tally t;
      t.total = p->total;
      t.mismatches = p->mismatches;
      t.by_class = p->by_class;
      t.by_kind = p->by_kind;
      for (std::size_t e = 0; e < p->by_exponent.size() && e < t.by_exponent.size(); ++e)
        t.by_exponent[e] = p->by_exponent[e];
      for (const Example& e : p->examples)  // a sweep's input is its index
        t.examples[static_cast<std::size_t>(e.kind)].emplace_back(e.input, e);
      tallies.push_back(std::move(t));
    }
    if (ran) {
      finish_run(merged, tallies, max_examples, profile);
      merged.profile = profile.name;
      merged.reason.clear();
      if (!crashed.empty() || !missing.empty()) {
        merged.status = Status::failed;
        merged.reason = crashed.empty() ? missing + " (the merged sweep is incomplete)" : crashed;
      }
    }
    out.push_back(std::move(merged));
  }
  return out;
}

}  // namespace fpconform
