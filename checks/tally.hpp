// What a thread counts while it checks blocks of one run, and how the counts become a Run.
// Shared by compare() and sweep(); internal to reports/.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform {

struct Tally {
  std::uint64_t total = 0;
  std::uint64_t mismatches = 0;
  std::array<std::uint64_t, kCaseClassCount> by_class{};
  std::array<std::uint64_t, kDeviationKindCount> by_kind{};
  std::array<std::uint64_t, 256> by_exponent{};  // by the input's biased exponent field
  // Per kind, the first examples met, as (input index, example): a run shows every kind.
  std::array<std::vector<std::pair<std::uint64_t, Example>>, kDeviationKindCount> examples;

  void add(std::uint64_t index, const Example& e, std::size_t cap) {
    ++mismatches;
    ++by_kind[static_cast<std::size_t>(e.kind)];
    ++by_class[static_cast<std::size_t>(e.case_class)];
    auto& list = examples[static_cast<std::size_t>(e.kind)];
    if (list.size() < cap) list.emplace_back(index, e);
  }
};

// Sums the tallies into run, picks up to cap examples (the first of each kind, kinds in the
// order they first occur, then the second of each, ...) and sets the status under the profile.
void finish_run(Run& run, std::vector<Tally>& tallies, std::size_t cap, const Profile& profile);

}  // namespace fpconform
