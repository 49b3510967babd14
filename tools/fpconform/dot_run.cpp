#include "tools/fpconform/dot_run.hpp"

#include "checks/dot/error.hpp"
#include "checks/dot/unit_check.hpp"
#include "fpconform/error.hpp"
#include "tools/fpconform/progress.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {

std::vector<const DotBackend*> select_dot_backends(const std::string& list) {
  std::vector<const DotBackend*> chosen;
  for (const std::string& n : split_list(list)) {
    if (n == "units" || n == "all") {
      for (const DotBackend* b : dot_backends())
        if (n == "all" || b->kind() != BackendKind::reference) chosen.push_back(b);
      continue;
    }
    const DotBackend* b = find_dot_backend(n);
    if (!b) throw InputError("--backend: no dot-product backend '" + n + "' (fpconform dot --backend all lists twins too)");
    chosen.push_back(b);
  }
  return chosen;
}

const Format& parse_dot_format(const std::string& s) {
  if (const Format* f = find_dot_format(s)) return *f;
  throw InputError("--format: '" + s + "' is not " + dot_format_names());
}

DotPlan parse_dot_plan(const std::string& list) {
  DotPlan plan;
  plan.check = plan.error = false;
  for (const std::string& s : split_list(list)) {
    if (s == "check") plan.check = true;
    else if (s == "error") plan.error = true;
    else throw InputError("--dot: unknown value '" + s + "' (known: check, error)");
  }
  return plan;
}

DotResults run_dot_units(const DotPlan& plan) {
  const bool check = plan.check, error = plan.error;
  std::vector<std::pair<const DotBackend*, const Format*>> units;
  for (const DotBackend* b : select_dot_backends(plan.backends))
    for (const std::string& f : split_list(plan.formats))
      if (const Format& in = parse_dot_format(f); b->takes(in)) units.emplace_back(b, &in);
  DotResults r;
  Progress progress("dot", double(units.size()) * (check + error), "units");
  double done = 0;
  for (const auto& [b, in] : units) {
    if (check) {
      progress.update(done++, std::string(b->name()) + " check");
      r.units.push_back(check_dot_unit(*b, *in, {plan.k, plan.cases, plan.seed, -1}));
    }
    if (error) {
      progress.update(done++, std::string(b->name()) + " error against K");
      r.error.push_back(measure_dot_error(*b, *in, plan.error_k, plan.error_cases, plan.mixed_signs, plan.seed));
    }
  }
  return r;
}

}  // namespace fpconform::cli
