#include "checks/dot/model_label.hpp"

#include <algorithm>
#include <vector>

namespace fpconform {
namespace {

// describe()'s parameters one by one: "block=1", ..., "order=natural", then each ", extra".
std::vector<std::string> parameters(const oracle::DotModel& m) {
  const std::string d = oracle::describe(m);
  const std::size_t extras = std::min(d.find(", "), d.size());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < extras;) {
    const std::size_t end = std::min(d.find(' ', i), extras);
    out.push_back(d.substr(i, end - i));
    i = end + 1;
  }
  for (std::size_t i = extras; i < d.size();) {
    const std::size_t from = i + 2, end = std::min(d.find(", ", from), d.size());
    out.push_back(d.substr(from, end - from));
    i = end;
  }
  return out;
}

// A "key=value" parameter's key; an extra is its own key.
std::string key_of(const std::string& p) { return p.substr(0, p.find('=')); }

// What m has that `named` has not (a changed value as m's "key=value"), then what `named` has
// that m lacks ("without ...").
std::vector<std::string> differences(const std::vector<std::string>& m, const std::vector<std::string>& named) {
  std::vector<std::string> out;
  for (const std::string& p : m)
    if (std::find(named.begin(), named.end(), p) == named.end()) out.push_back(p);
  for (const std::string& p : named) {
    const bool replaced = std::any_of(m.begin(), m.end(), [&](const std::string& q) { return key_of(q) == key_of(p); });
    if (!replaced) out.push_back("without " + p);
  }
  return out;
}

}  // namespace

std::string dot_model_label(const oracle::DotModel& m, const Format& in) {
  for (const oracle::NamedDotModel& n : oracle::named_dot_models())
    if (n.takes(in) && n.model == m) return std::string(n.name) + " (" + oracle::describe(m) + ")";
  return oracle::describe(m);
}

std::string dot_model_short(const oracle::DotModel& m, const Format& in) {
  constexpr std::size_t kMostDifferences = 3;
  const std::vector<std::string> own = parameters(m);
  std::string best;
  std::vector<std::string> best_diff;
  for (const oracle::NamedDotModel& n : oracle::named_dot_models()) {
    if (!n.takes(in)) continue;
    if (n.model == m) return std::string(n.name);
    std::vector<std::string> diff = differences(own, parameters(n.model));
    if (best.empty() || diff.size() < best_diff.size()) best = n.name, best_diff = std::move(diff);
  }
  if (best.empty() || best_diff.size() > kMostDifferences) return oracle::describe(m);
  for (const std::string& d : best_diff) best += ", " + d;
  return best;
}

}  // namespace fpconform
