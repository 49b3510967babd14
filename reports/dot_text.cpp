#include "reports/dot_text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "reports/fields.hpp"

namespace fpconform {
namespace {

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string against_text(const DotUnitResult& u) {
  return u.against == "declared" ? "the declared model" : u.against == "inferred" ? "the inferred model"
                                                                                   : "the nearest candidate";
}

std::string declared_short(const DotUnitResult& u) { return u.declared_name.empty() ? "none" : u.declared_name; }

}  // namespace

std::string monotone_text(const DotUnitResult& u) {
  if (!u.monotone_note.empty()) return "monotonicity not measured: " + u.monotone_note;
  if (u.monotone_pairs == 0) return "";
  std::string s = printf_string("%s: %zu of %zu raised pairs lower d (the model: %zu)",
                                u.monotone_decreases ? "NOT monotone" : "monotone", u.monotone_decreases,
                                u.monotone_pairs, u.model_decreases);
  if (u.pair_differ) s += printf_string("; %zu of the pairs' dot products differ from the model", u.pair_differ);
  if (!u.monotone_first.empty()) s += "; first: " + u.monotone_first;
  return s;
}

std::string format_dot_unit(const DotUnitResult& u) {
  const std::string head = u.backend + "  " + u.format;
  if (u.status == Status::skipped) return "SKIPPED  " + head + ": " + u.reason + "\n";
  std::string s = (u.status == Status::passed ? "PASSED   " : "FAILED   ") + head + "\n";
  s += "    declared: " + (u.declared_name.empty() ? "(none)" : u.declared_name + " (" + u.declared + ")") + "\n";
  s += printf_string("    inferred: %s  [%zu probes of k=%d]\n", u.inferred.c_str(), u.probes, u.probe_k);
  if (!u.published.empty()) s += "    published: " + u.published + "\n";
  s += printf_string("    %zu of %zu dot products (k=%d, random and adversarial, seed %llu) differ from %s  %.2f s\n",
                     u.differ, u.cases, u.k, static_cast<unsigned long long>(u.seed), against_text(u).c_str(),
                     u.seconds);
  if (const std::string m = monotone_text(u); !m.empty()) s += "    " + m + "\n";
  if (u.first) {
    s += printf_string("    first: case %zu: c %s\n", u.first->index, describe(kBinary32, u.first->c).c_str());
    s += "           got   " + describe(kBinary32, u.first->got) + "\n           model " +
         describe(kBinary32, u.first->model) + "\n";
    s += "    its operands: " + u.first_repro + "\n";
  }
  return s + "    __REPRO: " + u.repro + "\n";
}

std::string format_dot_summary(const DotResults& r) {
  std::size_t name_w = 0, format_w = 0;
  for (const DotUnitResult& u : r.units) name_w = std::max(name_w, u.backend.size());
  for (const DotUnitResult& u : r.units) format_w = std::max(format_w, u.format.size());
  std::string s;
  for (const DotUnitResult& u : r.units) {
    if (u.status == Status::skipped) continue;
    s += std::string(u.status == Status::passed ? "PASSED   " : "FAILED   ") + pad(u.backend, name_w) + "  " +
         pad(u.format, format_w) + "  declared " + declared_short(u) + ", inferred " + u.inferred_short + "; " +
         std::to_string(u.differ) + " of " + std::to_string(u.cases) + " differ" +
         (u.pair_differ ? " (and " + std::to_string(u.pair_differ) + " monotonicity pairs)" : "") +
         (u.monotone_decreases ? "; not monotone" : "") + "\n";
    if (u.status == Status::failed) s += "    __REPRO: " + u.repro + "\n";
  }
  // Each skip reason once, with the units it stops (the check's and the measure's).
  std::map<std::string, std::set<std::string>> skipped;
  for (const DotUnitResult& u : r.units)
    if (u.status == Status::skipped) skipped[u.reason].insert(u.backend);
  for (const DotErrorResult& e : r.error)
    if (!e.skipped.empty()) skipped[e.skipped].insert(e.backend);
  for (const auto& [reason, units] : skipped) {
    std::string names;
    for (const std::string& n : units) names += (names.empty() ? "" : ", ") + n;
    s += "skipped  " + names + ": " + reason + "\n";
  }
  return s + dot_counts(r, false) + "\n";
}

std::string format_dot_verbose(const DotResults& r) {
  std::string s;
  for (const DotUnitResult& u : r.units) s += format_dot_unit(u);
  std::vector<int> ks;
  std::size_t cases = 0, name_w = 0, format_w = 0;
  for (const DotErrorResult& e : r.error) {
    name_w = std::max(name_w, e.backend.size());
    format_w = std::max(format_w, e.format.size());
    for (const DotError& p : e.points) {
      if (std::find(ks.begin(), ks.end(), p.k) == ks.end()) ks.push_back(p.k);
      cases = std::max(cases, p.cases);
    }
  }
  if (r.error.empty()) return s + dot_counts(r, true) + "\n";
  s += printf_string("error against the exact sum, in units of 2^-24: median / max over %zu dot products per K, "
                     "c = 0, elements in [2^-8, 1), %s\n",
                     cases, r.error.front().signs.c_str());
  const auto cell = [](const DotErrorResult& e, int k) {
    const auto p = std::find_if(e.points.begin(), e.points.end(), [&](const DotError& x) { return x.k == k; });
    return p == e.points.end() ? std::string() : printf_string("%.3g / %.3g", p->median, p->max);
  };
  std::size_t cell_w = 0;
  for (const DotErrorResult& e : r.error)
    for (const int k : ks) cell_w = std::max(cell_w, cell(e, k).size());
  const auto right = [&](const std::string& t) { return std::string(cell_w + 2 - std::min(t.size(), cell_w), ' ') + t; };
  s += pad("", name_w + format_w + 2);
  for (const int k : ks) s += right("K=" + std::to_string(k));
  s += "\n";
  for (const DotErrorResult& e : r.error) {
    s += pad(e.backend, name_w) + "  " + pad(e.format, format_w);
    if (!e.skipped.empty()) s += "  skipped: " + e.skipped;
    else
      for (const int k : ks) s += right(cell(e, k));
    s += "\n";
  }
  return s + dot_counts(r, true) + "\n";
}

std::string dot_counts(const DotResults& r, bool error_shown) {
  std::size_t passed = 0, failed = 0, skipped = 0, measured = 0;
  for (const DotUnitResult& u : r.units) {
    passed += u.status == Status::passed;
    failed += u.status == Status::failed;
    skipped += u.status == Status::skipped;
  }
  for (const DotErrorResult& e : r.error) measured += e.skipped.empty();
  const std::string error = "error against K measured for " + std::to_string(measured) +
                            (error_shown ? "" : " (--verbose, the report)");
  if (r.units.empty()) return error;
  return std::to_string(passed) + " match their model, " + std::to_string(failed) + " do not, " +
         std::to_string(skipped) + " skipped (dot-product units)" + (r.error.empty() ? "" : "; " + error);
}

}  // namespace fpconform
