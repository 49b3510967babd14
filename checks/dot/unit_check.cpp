#include "checks/dot/unit_check.hpp"

#include <chrono>
#include <optional>
#include <vector>

#include "checks/dot/model_label.hpp"
#include "checks/dot/monotone.hpp"
#include "checks/dot/probe.hpp"
#include "checks/dot/repro.hpp"
#include "fpconform/error.hpp"
#include "reports/fields.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kMonotoneRandom = 1000;  // random raises beside the aimed pairs

struct ProbeMisses {
  std::size_t misses = 0;
  std::string first;  // the first probe's family
};

ProbeMisses probe_misses(const oracle::DotModel& m, const Format& in, const std::vector<DotCase>& probes,
                         const std::vector<std::uint32_t>& got) {
  const std::vector<std::uint32_t> want = model_results(m, in, probes);
  ProbeMisses p;
  for (std::size_t i = 0; i < probes.size(); ++i)
    if (!same_result(want[i], got[i]) && p.misses++ == 0) p.first = probes[i].what;
  return p;
}

// The vendor's documented model beside what the probes found: how many probes it gets wrong.
std::string published_text(const oracle::DotModel& m, const Format& in, const std::vector<DotCase>& probes,
                           const std::vector<std::uint32_t>& got) {
  const ProbeMisses p = probe_misses(m, in, probes, got);
  const std::string s = dot_model_label(m, in) + ": ";
  if (p.misses == 0) return s + "the unit's results on every probe";
  return s + "differs on " + std::to_string(p.misses) + " of " + std::to_string(probes.size()) +
         " probes (first: " + p.first + ")";
}

// ", chains in spans of 32 and K in chunks of 512": what the fit at k added to the model.
std::string blocking_text(const oracle::DotModel& fit, int k) {
  std::string s = "; at k=" + std::to_string(k) + ",";
  if (fit.chain_span) s += " chains in spans of " + std::to_string(fit.chain_span);
  if (fit.chain_span && fit.chunk) s += " and";
  if (fit.chunk) s += " K in chunks of " + std::to_string(fit.chunk);
  return s;
}

// The monotonicity pairs on the unit and on the model: how many fall, and whether the unit is
// its model on them. A replayed unit answers only what was recorded: recordings made before the
// pairs existed have none, and say so.
void monotonicity(const DotBackend& b, const Format& in, const oracle::DotModel& model, const DotCheckOptions& o,
                  DotUnitResult& r) {
  const std::vector<DotCase> pairs = monotone_pairs(in, o.k, kMonotoneRandom, o.seed);
  std::vector<std::uint32_t> got;
  try {
    got = run_cases(b, in, pairs);
  } catch (const InputError&) {
    if (b.recording().empty()) throw;
    r.monotone_note = "not in the recording (" + std::string(b.recording()) + ")";
    return;
  }
  const std::vector<std::uint32_t> want = model_results(model, in, pairs);
  for (std::size_t i = 0; i < pairs.size(); ++i) r.pair_differ += !same_result(got[i], want[i]);
  const MonotoneCount unit = count_decreases(got), of_model = count_decreases(want);
  r.monotone_pairs = unit.pairs;
  r.monotone_decreases = unit.decreases;
  r.model_decreases = of_model.decreases;
  if (unit.first) {
    const std::size_t i = 2 * *unit.first;
    r.monotone_first = pairs[i].what + ": d " + hex(kBinary32, got[i]) + ", raised " + hex(kBinary32, got[i + 1]);
  }
}

}  // namespace

DotUnitResult check_dot_unit(const DotBackend& b, const Format& in, const DotCheckOptions& o) {
  DotUnitResult r;
  r.backend = b.name();
  r.format = in.name;
  r.declared_name = b.declared_model();
  r.published_name = b.published_model();
  r.k = o.k;
  r.seed = o.seed;
  r.repro = dot_check_repro(b, in, o.k, o.cases, o.seed, o.only_case);
  if (const Availability av = b.available(); !av.ok) {
    r.status = Status::skipped;
    r.reason = av.reason;
    return r;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<DotCase> probes = dot_probes(in);
  const std::vector<std::uint32_t> probe_got = run_cases(b, in, probes);
  const DotInference inf = infer_dot_model(in, probe_got, probes);
  const oracle::DotModel* declared = oracle::find_dot_model(b.declared_model());
  if (declared) r.declared = oracle::describe(*declared);
  r.probes = inf.probes;
  r.probe_k = kProbeK;
  r.candidates = candidate_dot_models(in).size();
  r.inferred_unique = inf.consistent.size() == 1;
  if (r.inferred_unique) {
    r.inferred = dot_model_label(inf.consistent[0], in);
  } else {
    r.inferred = "none of " + std::to_string(r.candidates) + " candidates; nearest " + dot_model_label(inf.nearest, in) +
                 " misses " + std::to_string(inf.nearest_misses) + " of " + std::to_string(inf.probes) +
                 " probes (first: " + inf.nearest_miss + ")";
    r.miss_model = dot_model_label(inf.nearest, in);
    r.miss_probes = inf.nearest_misses;
    r.first_miss = inf.nearest_miss;
  }
  // The check: against the declared model, else the inferred one, else the nearest candidate
  // (how far off: counted, never a pass).
  oracle::DotModel against = declared ? *declared : r.inferred_unique ? inf.consistent[0] : inf.nearest;
  r.against = declared ? "declared" : r.inferred_unique ? "inferred" : "nearest";
  std::vector<DotCase> cases = dot_cases(in, o.k, o.cases, o.seed);
  if (o.only_case >= 0) {
    if (static_cast<std::size_t>(o.only_case) >= cases.size())
      throw InputError("--case: " + std::to_string(o.only_case) + " is not below --cases " + std::to_string(o.cases));
    cases = {cases[static_cast<std::size_t>(o.only_case)]};
  }
  r.cases = cases.size();
  const std::vector<std::uint32_t> got = run_cases(b, in, cases);
  const auto count = [&] {
    r.differ = 0;
    r.first.reset();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const std::uint32_t want = oracle::dot(against, in, cases[i].a, cases[i].b, cases[i].c);
      if (same_result(want, got[i])) continue;
      if (r.differ++ == 0) r.first = DotDiffer{i, cases[i].c, got[i], want};
    }
  };
  count();
  // An undeclared unit that is its inferred model at k = 32 but not at this k: its K blocking.
  if (!declared && r.inferred_unique && r.differ && o.k > kProbeK)
    if (const std::optional<oracle::DotModel> fit = fit_dot_blocking(against, in, cases, got, o.k)) {
      against = *fit;
      r.inferred += blocking_text(*fit, o.k);
      count();
    }
  if (o.only_case < 0) monotonicity(b, in, against, o, r);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const bool as_declared = !declared || (r.inferred_unique && inf.consistent[0] == recoverable_dot_model(*declared, in));
  r.status = r.inferred_unique && r.differ == 0 && r.pair_differ == 0 && as_declared ? Status::passed : Status::failed;
  if (declared && r.inferred_unique && !as_declared) {  // the probes the declared model gets wrong
    const ProbeMisses p = probe_misses(*declared, in, probes, probe_got);
    r.miss_model = dot_model_label(*declared, in);
    r.miss_probes = p.misses;
    r.first_miss = p.first;
  }
  r.inferred_short = !r.inferred_unique ? "none of " + std::to_string(r.candidates) + " candidates (nearest " +
                                              dot_model_short(inf.nearest, in) + " misses " +
                                              std::to_string(inf.nearest_misses) + " probes)"
                     : declared && as_declared ? "as declared"
                     : declared               ? dot_model_short(inf.consistent[0], in)
                                              : dot_model_short(against, in);
  if (const oracle::DotModel* p = oracle::find_dot_model(b.published_model()))
    r.published = published_text(*p, in, probes, probe_got);
  if (r.first) {
    const long long index = o.only_case >= 0 ? o.only_case : static_cast<long long>(r.first->index);
    r.first->index = static_cast<std::size_t>(index);
    r.first_repro = dot_check_repro(b, in, o.k, o.cases, o.seed, index);
  }
  return r;
}

}  // namespace fpconform
