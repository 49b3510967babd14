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
  std::array<std::uint64_t, 2048> by_exponent{};  // by the input's biased exponent field
  // Per kind, the examples of the lowest input indexes met so far, as (input index, example):
  // a run shows every kind, and the same examples whatever order the blocks came in.
  std::array<std::vector<std::pair<std::uint64_t, Example>>, kDeviationKindCount> examples;

  void add(std::uint64_t index, const Example& e, std::size_t cap) {
    ++mismatches;
    ++by_kind[static_cast<std::size_t>(e.kind)];
    ++by_class[static_cast<std::size_t>(e.case_class)];
    keep(index, e, cap);
  }

  // Whether keep() would take an example of `kind` at `index`.
  bool wants(DeviationKind kind, std::uint64_t index, std::size_t cap) const {
    const auto& list = examples[static_cast<std::size_t>(kind)];
    if (list.size() < cap) return true;
    return std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.first > index; });
  }

  // Keeps e among kind's cap examples of the lowest indexes; returns whether it was kept.
  bool keep(std::uint64_t index, const Example& e, std::size_t cap) {
    auto& list = examples[static_cast<std::size_t>(e.kind)];
    if (list.size() < cap) {
      list.emplace_back(index, e);
      return true;
    }
    const auto highest = std::max_element(
        list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    if (highest == list.end() || highest->first <= index) return false;
    *highest = {index, e};
    return true;
  }
};

// Sums the tallies into run, picks up to cap examples (the lowest index of each kind, kinds in
// the order of those indexes, then the second of each, ...) and sets the status under the
// profile.
void finish_run(Run& run, std::vector<Tally>& tallies, std::size_t cap, const Profile& profile);

}  // namespace fpconform
