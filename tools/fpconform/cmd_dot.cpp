// fpconform dot: how each dot-product unit accumulates. The probes infer its model from the
// candidates; then its results on random and adversarial dot products are compared bit for bit
// with its declared model (or, without one, with the inferred model). checks/dot/unit_check.hpp
// does the work; this prints it.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "checks/dot/error.hpp"
#include "checks/dot/probe.hpp"
#include "checks/dot/record.hpp"
#include "checks/dot/unit_check.hpp"
#include "fpconform/error.hpp"
#include "platform/machine.hpp"
#include "reports/dot_result_json.hpp"
#include "reports/dot_text.hpp"
#include "reports/fields.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/dot_run.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {
namespace {

struct DotArgs {
  std::string backends = "units";  // every backend but the software twins
  std::string formats = dot_format_names(",", ",");
  int k = 64;
  std::size_t cases = 1000000;
  std::uint64_t seed = 1;
  std::vector<int> error_k;  // the error-vs-K table instead of the checks
  std::string error_signs = "positive";
  std::string json;  // also write the results here
  long long only_case = -1;  // --case: that one dot product, every operand shown
  std::string record;        // every selected unit's answers also written here
  std::vector<std::string> replay;  // recordings whose units join the backends as "<unit>:recorded"
};

// {"schema": "fpconform-dot/1", "command": ..., "units": [...]} or "error_vs_k": [...].
void write_json(const std::string& path, const char* key, nlohmann::json rows) {
  if (path.empty()) return;
  std::ofstream out(path);
  if (!out) throw InputError("--json: cannot write '" + path + "'");
  out << nlohmann::json{{"schema", "fpconform-dot/1"}, {"command", invocation()}, {key, std::move(rows)}}.dump(2) << "\n";
  std::printf("results written to %s\n", path.c_str());
}

// The relative error against the exact sum, per unit and K: no verdict, a measure.
int run_error(const DotArgs& a, const std::vector<const DotBackend*>& chosen) {
  if (a.error_signs != "positive" && a.error_signs != "mixed")
    throw InputError("--error-signs: '" + a.error_signs + "' is not positive or mixed");
  for (const int k : a.error_k)
    if (k < 1 || k > 1 << 16) throw InputError("--error-k: " + std::to_string(k) + " is not in 1..65536");
  const std::size_t cases = std::min<std::size_t>(a.cases, 4096);
  nlohmann::json rows = nlohmann::json::array();
  std::printf("relative error of d against the exact c + sum a*b, in units of 2^-24: median / max over %zu\n"
              "dot products per K, c = 0, elements in [2^-8, 1), %s signs, seed %llu\n\n",
              cases, a.error_signs.c_str(), static_cast<unsigned long long>(a.seed));
  int width = 22;  // the unit column: as wide as the longest name chosen
  for (const DotBackend* b : chosen) width = std::max(width, static_cast<int>(b->name().size()));
  std::printf("%-*s %-9s", width, "unit", "format");
  for (const int k : a.error_k) std::printf("  %16s", ("K=" + std::to_string(k)).c_str());
  std::printf("\n");
  for (const DotBackend* b : chosen)
    for (const std::string& fname : split_list(a.formats)) {
      const Format& in = parse_dot_format(fname);
      if (!b->takes(in)) continue;
      const DotErrorResult e = measure_dot_error(*b, in, a.error_k, cases, a.error_signs == "mixed", a.seed);
      std::printf("%-*s %-9s", width, e.backend.c_str(), e.format.c_str());
      if (!e.skipped.empty()) std::printf("  skipped: %s", e.skipped.c_str());
      for (const DotError& p : e.points) {
        rows.push_back({{"backend", e.backend}, {"format", e.format}, {"signs", e.signs}, {"k", p.k},
                        {"cases", p.cases}, {"median_u", p.median}, {"max_u", p.max}});
        char cell[40];
        std::snprintf(cell, sizeof cell, "%.3g / %.3g", p.median, p.max);
        std::printf("  %16s", cell);
      }
      std::printf("\n");
    }
  write_json(a.json, "error_vs_k", std::move(rows));
  return kConforms;
}

int run_dot(const DotArgs& a) {
  for (const std::string& path : a.replay) register_dot_recording(path);
  std::vector<const DotBackend*> chosen = select_dot_backends(a.backends);
  std::unique_ptr<DotRecording> recording;
  std::vector<std::unique_ptr<DotBackend>> recorders;
  if (!a.record.empty()) {
    const Machine m = this_machine();
    recording = std::make_unique<DotRecording>(a.record, m.cpu_model + "; GPU " + m.gpu);
    for (const DotBackend*& b : chosen) b = recorders.emplace_back(recording->wrap(*b)).get();
  }
  if (!a.error_k.empty()) return run_error(a, chosen);
  if (a.k < 1 || a.k > 1 << 16) throw InputError("--k: " + std::to_string(a.k) + " is not in 1..65536");
  DotResults results;
  for (const DotBackend* b : chosen)
    for (const std::string& fname : split_list(a.formats)) {
      const Format& in = parse_dot_format(fname);
      if (!b->takes(in)) continue;
      const DotUnitResult& u = results.units.emplace_back(check_dot_unit(*b, in, {a.k, a.cases, a.seed, a.only_case}));
      if (a.only_case >= 0 && u.status != Status::skipped) {
        const DotCase c = dot_cases(in, a.k, static_cast<std::size_t>(a.only_case) + 1, a.seed).back();
        std::printf("case %lld of seed %llu (k=%d): c %s\n", a.only_case, static_cast<unsigned long long>(a.seed),
                    a.k, describe(kBinary32, c.c).c_str());
        for (std::size_t i = 0; i < c.a.size(); ++i)
          std::printf("  %4zu  a %s  b %s\n", i, describe(in, c.a[i]).c_str(), describe(in, c.b[i]).c_str());
      }
      std::fputs(format_dot_unit(u).c_str(), stdout);
    }
  std::size_t passed = 0, skipped = 0;
  for (const DotUnitResult& u : results.units) passed += u.status == Status::passed, skipped += u.status == Status::skipped;
  std::printf("\n%zu match their model, %zu do not, %zu skipped (dot products)\n", passed, results.failures(), skipped);
  nlohmann::json rows = nlohmann::json::array();
  for (const DotUnitResult& u : results.units) rows.push_back(to_json(u));
  write_json(a.json, "units", std::move(rows));
  return results.failures() ? kDeviates : kConforms;
}

}  // namespace

Command add_dot_command(CLI::App& app) {
  auto a = std::make_shared<DotArgs>();
  auto* sub = app.add_subcommand("dot", "Dot-product units: infer how each accumulates, check it bit for bit");
  sub->add_option("--backend", a->backends,
                  "Dot-product backends, comma-separated; 'units' every one but the software twins, 'all' with them")
      ->capture_default_str();
  sub->add_option("--format", a->formats, "Input formats: " + dot_format_names(", ", ", ") + " (comma-separated)")->capture_default_str();
  sub->add_option("--k", a->k, "Length of the checked dot products (the probes have 32)")->capture_default_str();
  sub->add_option("--cases", a->cases, "Random and adversarial dot products checked per unit and format")
      ->capture_default_str();
  sub->add_option("--seed", a->seed, "Seed of those dot products")->capture_default_str();
  sub->add_option("--error-k", a->error_k,
                  "Instead of the checks: each unit's relative error against the exact sum at these K "
                  "(comma-separated; --cases of them per K, at most 4096)")
      ->delimiter(',');
  sub->add_option("--error-signs", a->error_signs, "Elements of the error table: positive or mixed")
      ->capture_default_str();
  sub->add_option("--json", a->json, "Also write the results (schema fpconform-dot/1) to this file");
  sub->add_option("--case", a->only_case,
                  "Check only this one of the --cases dot products (same --k and --seed), every operand shown");
  sub->add_option("--record", a->record,
                  "Also write every selected unit's answers to this file, to be replayed where the unit is not");
  sub->add_option("--replay", a->replay,
                  "Recordings (--record) whose units join the backends as '<unit>:recorded' (comma-separated)")
      ->delimiter(',');
  return {sub, [a] { return run_dot(*a); }};
}

}  // namespace fpconform::cli
