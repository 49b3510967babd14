#include "checks/tally.hpp"

#include "fpconform/operation.hpp"

namespace fpconform {
namespace {

// Up to cap examples: the lowest input index of each kind (kinds in the order of those
// indexes), then the second lowest of each, and so on.
std::vector<Example> pick_examples(std::vector<Tally>& tallies, std::size_t cap) {
  using Indexed = std::pair<std::uint64_t, Example>;
  std::vector<std::vector<Indexed>> kinds;
  for (int k = 0; k < kDeviationKindCount; ++k) {
    std::vector<Indexed> all;
    for (Tally& t : tallies) all.insert(all.end(), t.examples[k].begin(), t.examples[k].end());
    if (all.empty()) continue;
    std::sort(all.begin(), all.end(), [](const Indexed& x, const Indexed& y) { return x.first < y.first; });
    kinds.push_back(std::move(all));
  }
  std::sort(kinds.begin(), kinds.end(), [](const auto& x, const auto& y) { return x[0].first < y[0].first; });
  std::vector<Example> out;
  for (std::size_t rank = 0; out.size() < cap; ++rank) {
    bool any = false;
    for (const auto& k : kinds)
      if (rank < k.size() && out.size() < cap) {
        out.push_back(k[rank].second);
        any = true;
      }
    if (!any) break;
  }
  return out;
}

}  // namespace

void finish_run(Run& run, std::vector<Tally>& tallies, std::size_t cap, const Profile& profile) {
  for (const Tally& t : tallies) {
    run.total += t.total;
    run.mismatches += t.mismatches;
    for (int i = 0; i < kCaseClassCount; ++i) run.by_class[i] += t.by_class[i];
    for (int i = 0; i < kDeviationKindCount; ++i) run.by_kind[i] += t.by_kind[i];
  }
  run.by_exponent.clear();
  if (const auto op = parse_op(run.op); op && run.mismatches) {
    run.by_exponent.assign(std::size_t{1} << info(*op).src->exp_bits, 0);
    for (const Tally& t : tallies)
      for (std::size_t e = 0; e < run.by_exponent.size(); ++e) run.by_exponent[e] += t.by_exponent[e];
  }
  run.examples = pick_examples(tallies, cap);
  run.untolerated = 0;
  for (int i = 0; i < kDeviationKindCount; ++i)
    if (!profile.tolerates(static_cast<DeviationKind>(i))) run.untolerated += run.by_kind[i];
  run.status = run.untolerated ? Status::failed : Status::passed;
}

}  // namespace fpconform
