#include "reports/dot_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "reports/dot_text.hpp"
#include "reports/fields.hpp"
#include "reports/svg_chart.hpp"

namespace fpconform {
namespace {

std::string against_text(const DotUnitResult& u) {
  return u.against == "declared" ? "the declared model" : u.against == "inferred" ? "the inferred model"
                                                                                   : "the nearest candidate";
}

// What the probes showed: one candidate, or the model they were held to and what it gets wrong.
std::string evidence(const DotUnitResult& u) {
  std::string s = std::to_string(u.probes) + " probes of k=" + std::to_string(u.probe_k) + ": ";
  s += u.inferred_unique ? "exactly one of " + std::to_string(u.candidates) + " candidates fits"
                         : "none of " + std::to_string(u.candidates) + " candidates fits";
  if (!u.miss_model.empty())
    s += "; " + std::string(u.inferred_unique ? "the declared " : "the nearest, ") + u.miss_model + ", misses " +
         std::to_string(u.miss_probes) + " of them (first: " + u.first_miss + ")";
  return s;
}

std::string check_text(const DotUnitResult& u) {
  std::string s = std::to_string(u.differ) + " of " + std::to_string(u.cases) + " dot products (k=" +
                  std::to_string(u.k) + ", random and adversarial, seed " + std::to_string(u.seed) +
                  ") differ from " + against_text(u);
  if (u.first)
    s += "; first: case " + std::to_string(u.first->index) + ": c " + describe(kBinary32, u.first->c) + ", got " +
         describe(kBinary32, u.first->got) + ", model " + describe(kBinary32, u.first->model);
  return s;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

Section units_section(const DotResults& r) {
  Section s{"matrix-units", "Matrix units: how dot products accumulate", {}, {}, {}, {}, {}, {}};
  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const DotUnitResult& u : r.units) {
    passed += u.status == Status::passed;
    failed += u.status == Status::failed;
    skipped += u.status == Status::skipped;
  }
  s.paragraphs.push_back(
      "Each dot-product unit (d = c + Σ aᵢ·bᵢ; binary16, bfloat16, FP8 or tf32 operands; binary32 "
      "accumulator) is probed with crafted dot products; its inferred model is the candidate whose results on "
      "every probe are the unit's. Then seeded random and adversarial dot products are compared bit for bit with "
      "its declared model (without one, the inferred model, its K blocking fitted), and so are pairs of dot "
      "products, the second with one term raised: the monotonicity column counts the pairs whose d falls (a "
      "truncating block sum can fall; an FMA chain cannot), for the unit and for its model. A unit passes when "
      "exactly one candidate fits, it is the declared model, and no dot product differs. " +
      std::to_string(passed) + " match their model, " + std::to_string(failed) + " do not, " +
      std::to_string(skipped) + " skipped (docs/matrix_units.md).");
  s.header = {"unit", "format", "verdict", "declared", "inferred", "published", "probe evidence", "check",
              "monotonicity", "reproduce"};
  for (const DotUnitResult& u : r.units) {
    const std::string verdict(name(u.status));
    if (u.status == Status::skipped) {
      s.rows.push_back({u.backend, u.format, verdict, "", "", "", "", "skipped: " + u.reason, "", u.repro});
    } else {
      // An undeclared unit's model in short first: "tdpbf16ps-even-odd, c last: block=1 ...".
      const bool in_short = u.inferred_unique && u.declared_name.empty() && !u.inferred.starts_with(u.inferred_short);
      s.rows.push_back({u.backend, u.format, verdict,
                        u.declared_name.empty() ? "none" : u.declared_name + " (" + u.declared + ")",
                        in_short ? u.inferred_short + ": " + u.inferred : u.inferred,
                        u.published.empty() ? "none" : u.published, evidence(u), check_text(u), monotone_text(u),
                        u.repro + (u.first ? "; its first differing case: " + u.first_repro : "")});
    }
    s.cell_classes.push_back({"", "", u.status == Status::passed ? "exact" : verdict});
    s.row_keys.push_back(u.backend + " " + u.format);
  }
  return s;
}

Section error_section(const DotResults& r) {
  Section s{"dot-error", "Matrix units: error against K", {}, {}, {}, {}, {}, {}};
  std::vector<int> ks;
  std::size_t cases = 0;
  for (const DotErrorResult& e : r.error)
    for (const DotError& p : e.points) {
      if (std::find(ks.begin(), ks.end(), p.k) == ks.end()) ks.push_back(p.k);
      cases = std::max(cases, p.cases);
    }
  std::sort(ks.begin(), ks.end());
  std::set<std::string> signs;
  for (const DotErrorResult& e : r.error) signs.insert(e.signs);
  std::string sign_text;
  for (const std::string& x : signs) sign_text += (sign_text.empty() ? "" : " or ") + x;
  s.paragraphs.push_back(
      "The relative error |d − x| / |x| of each unit's d against the exact x = c + Σ aᵢ·bᵢ, in units of 2^-24 "
      "(binary32's unit roundoff): the median (solid) and the largest (dashed) over up to " +
      std::to_string(cases) + " dot products per K, c = 0, elements in [2^-8, 1), " + sign_text +
      ". A measure, not a verdict: how a unit's accumulation order and rounding add up as K grows.");
  std::vector<std::string> labels;
  for (const int k : ks) labels.push_back("K=" + std::to_string(k));
  std::vector<LineSeries> series;
  std::size_t colour = 0;
  for (const DotErrorResult& e : r.error) {
    if (!e.skipped.empty()) continue;
    LineSeries median{e.backend + " " + e.format + " median", std::vector<double>(ks.size(), NAN), colour, false};
    LineSeries max{e.backend + " " + e.format + " max", std::vector<double>(ks.size(), NAN), colour, true};
    for (const DotError& p : e.points) {
      const std::size_t i = static_cast<std::size_t>(std::find(ks.begin(), ks.end(), p.k) - ks.begin());
      median.values[i] = p.median;
      max.values[i] = p.max;
    }
    series.push_back(std::move(median));
    series.push_back(std::move(max));
    ++colour;
  }
  s.figures.push_back(line_chart("relative error against K, median and max per unit", "× 2^-24", "K", labels, series));
  s.header = {"unit", "format", "signs"};
  for (const std::string& l : labels) s.header.push_back(l + "\nmedian / max");
  s.header.push_back("reproduce");
  std::map<std::string, std::set<std::string>> skipped;
  for (const DotErrorResult& e : r.error) {
    if (!e.skipped.empty()) {
      skipped[e.skipped].insert(e.backend);
      continue;
    }
    std::vector<std::string> row{e.backend, e.format, e.signs};
    for (const int k : ks) {
      const auto p = std::find_if(e.points.begin(), e.points.end(), [&](const DotError& x) { return x.k == k; });
      row.push_back(p == e.points.end() ? "" : fixed(p->median) + " / " + fixed(p->max));
    }
    row.push_back(e.repro);
    s.rows.push_back(std::move(row));
  }
  for (const auto& [reason, units] : skipped) {
    std::string names;
    for (const std::string& n : units) names += (names.empty() ? "" : ", ") + n;
    s.paragraphs.push_back("Not measured here: " + names + ": " + reason + ".");
  }
  return s;
}

}  // namespace

std::vector<Section> dot_sections(const DotResults& r) {
  std::vector<Section> out;
  if (!r.units.empty()) out.push_back(units_section(r));
  if (!r.error.empty()) out.push_back(error_section(r));
  return out;
}

void add_dot(Report& report, const DotResults& r) {
  if (r.empty()) return;
  const bool checked = std::any_of(r.units.begin(), r.units.end(), [](const DotUnitResult& u) { return u.status == Status::passed; });
  if (report.verdict == Verdict::skipped && checked) {  // no conversion was checked, but units were
    report.verdict = Verdict::conforms;
    report.verdict_line = "dot-product units match their models; conversions: " + report.verdict_line;
  }
  if (const std::size_t n = r.failures(); n > 0) {
    report.verdict = Verdict::deviates;
    report.verdict_line += "; dot-product units: " + std::to_string(n) +
                           (n == 1 ? " does not match its model" : " do not match their model");
  }
  for (Section& sec : dot_sections(r)) report.sections.push_back(std::move(sec));
}

}  // namespace fpconform
