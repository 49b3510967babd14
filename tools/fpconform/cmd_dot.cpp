// fpconform dot: how each dot-product unit accumulates. The probes infer its model from the
// candidates; then its results on random and adversarial dot products are compared bit for bit
// with its declared model (or, without one, with the inferred model).
#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>

#include "checks/dot/error.hpp"
#include "checks/dot/probe.hpp"
#include <fstream>

#include <nlohmann/json.hpp>

#include "fpconform/error.hpp"
#include "reports/fields.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {
namespace {

struct DotArgs {
  std::string backends = "units";  // every backend but the software twins
  std::string formats = "bf16,f16";
  int k = 64;
  std::size_t cases = 1000000;
  std::uint64_t seed = 1;
  std::vector<int> error_k;  // the error-vs-K table instead of the checks
  std::string error_signs = "positive";
  std::string json;  // also write the results here
  long long only_case = -1;  // --case: that one dot product, every operand shown
};

// {"schema": "fpconform-dot/1", "command": ..., "units": [...]} or "error_vs_k": [...].
void write_json(const std::string& path, const char* key, nlohmann::json rows) {
  if (path.empty()) return;
  std::ofstream out(path);
  if (!out) throw InputError("--json: cannot write '" + path + "'");
  out << nlohmann::json{{"schema", "fpconform-dot/1"}, {"command", invocation()}, {key, std::move(rows)}}.dump(2) << "\n";
  std::printf("results written to %s\n", path.c_str());
}


const Format& parse_format(const std::string& s) {
  if (s == "bf16" || s == "bfloat16") return kBfloat16;
  if (s == "f16" || s == "binary16") return kBinary16;
  throw InputError("--format: '" + s + "' is not bf16 or f16");
}


// The model's name where it is a named one.
std::string label(const oracle::DotModel& m) {
  for (const oracle::NamedDotModel& n : oracle::named_dot_models())
    if (n.model == m) return std::string(n.name) + " (" + oracle::describe(m) + ")";
  return oracle::describe(m);
}

// The probes have k = 32; a GEMM kernel may block a longer K. The smallest chunk of K for which
// the model matches the first cases (up to 2000), or 0.
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
  std::printf("%-22s %-9s", "unit", "format");
  for (const int k : a.error_k) std::printf("  %16s", ("K=" + std::to_string(k)).c_str());
  std::printf("\n");
  for (const DotBackend* b : chosen)
    for (const std::string& fname : split_list(a.formats)) {
      const Format& in = parse_format(fname);
      if (!b->takes(in)) continue;
      if (const Availability av = b->available(); !av.ok) {
        std::printf("%-22s %-9s  skipped: %s\n", std::string(b->name()).c_str(), std::string(in.name).c_str(),
                    av.reason.c_str());
        continue;
      }
      std::printf("%-22s %-9s", std::string(b->name()).c_str(), std::string(in.name).c_str());
      for (const DotError& e : dot_error_vs_k(*b, in, a.error_k, cases, a.error_signs == "mixed", a.seed)) {
        rows.push_back({{"backend", b->name()}, {"format", in.name}, {"signs", a.error_signs}, {"k", e.k},
                        {"cases", e.cases}, {"median_u", e.median}, {"max_u", e.max}});
        char cell[40];
        std::snprintf(cell, sizeof cell, "%.3g / %.3g", e.median, e.max);
        std::printf("  %16s", cell);
      }
      std::printf("\n");
    }
  write_json(a.json, "error_vs_k", std::move(rows));
  return kConforms;
}

// The vendor's documented model beside what the probes found: how many probes it gets wrong.
std::string published_text(const DotBackend& b, const Format& in, const std::vector<DotCase>& probes) {
  const oracle::DotModel* m = oracle::find_dot_model(b.published_model());
  if (!m) return {};
  const std::vector<std::uint32_t> want = model_results(*m, in, probes);
  const std::vector<std::uint32_t> got = run_cases(b, in, probes);
  std::size_t misses = 0, first = 0;
  for (std::size_t i = 0; i < probes.size(); ++i)
    if (!same_result(want[i], got[i]) && misses++ == 0) first = i;
  std::string s = label(*m) + ": ";
  if (misses == 0) return s + "the unit's results on every probe";
  return s + "differs on " + std::to_string(misses) + " of " + std::to_string(probes.size()) +
         " probes (first: " + probes[first].what + ")";
}

int run_dot(const DotArgs& a) {
  std::vector<const DotBackend*> chosen;
  for (const std::string& n : split_list(a.backends)) {
    if (n == "units" || n == "all") {
      for (const DotBackend* b : dot_backends())
        if (n == "all" || b->kind() != BackendKind::reference) chosen.push_back(b);
      continue;
    }
    const DotBackend* b = find_dot_backend(n);
    if (!b) throw InputError("--backend: no dot-product backend '" + n + "' (fpconform dot --backend all lists twins too)");
    chosen.push_back(b);
  }
  if (!a.error_k.empty()) return run_error(a, chosen);
  if (a.k < 1 || a.k > 1 << 16) throw InputError("--k: " + std::to_string(a.k) + " is not in 1..65536");
  int status = kConforms;
  std::size_t passed = 0, failed = 0, skipped = 0;
  nlohmann::json rows = nlohmann::json::array();
  for (const DotBackend* b : chosen)
    for (const std::string& fname : split_list(a.formats)) {
      const Format& in = parse_format(fname);
      const std::string head = std::string(b->name()) + "  " + std::string(in.name);
      if (!b->takes(in)) continue;
      const Availability av = b->available();
      if (!av.ok) {
        std::printf("SKIPPED  %s: %s\n", head.c_str(), av.reason.c_str());
        rows.push_back({{"backend", b->name()}, {"format", in.name}, {"status", "skipped"}, {"reason", av.reason}});
        ++skipped;
        continue;
      }
      const auto t0 = std::chrono::steady_clock::now();
      const std::vector<DotCase> probes = dot_probes(in);
      const DotInference inf = infer_dot_model(in, run_cases(*b, in, probes), probes);
      const oracle::DotModel* declared = oracle::find_dot_model(b->declared_model());
      std::string inferred;
      if (inf.consistent.size() == 1) {
        inferred = label(inf.consistent[0]);
      } else {
        inferred = "none of " + std::to_string(candidate_dot_models(in).size()) +
                   " candidates; nearest " + label(inf.nearest) + " misses " +
                   std::to_string(inf.nearest_misses) + " of " + std::to_string(inf.probes) +
                   " probes (first: " + inf.nearest_miss + ")";
      }
      // The check: against the declared model, else the inferred one.
      std::optional<oracle::DotModel> against;
      if (declared) against = *declared;
      else if (inf.consistent.size() == 1) against = inf.consistent[0];
      else against = inf.nearest;  // how far off: counted, never a pass
      std::vector<DotCase> cases = dot_cases(in, a.k, a.cases, a.seed);
      if (a.only_case >= 0) {
        if (static_cast<std::size_t>(a.only_case) >= cases.size())
          throw InputError("--case: " + std::to_string(a.only_case) + " is not below --cases " + std::to_string(a.cases));
        cases = {cases[static_cast<std::size_t>(a.only_case)]};
        std::printf("case %lld of seed %llu (k=%d): c %s\n", a.only_case, static_cast<unsigned long long>(a.seed),
                    a.k, describe(kBinary32, cases[0].c).c_str());
        for (std::size_t i = 0; i < cases[0].a.size(); ++i)
          std::printf("  %4zu  a %s  b %s\n", i, describe(in, cases[0].a[i]).c_str(), describe(in, cases[0].b[i]).c_str());
      }
      const std::vector<std::uint32_t> got = run_cases(*b, in, cases);
      const auto count = [&](std::size_t& first, std::uint32_t& want_first) {
        std::size_t differ = 0;
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const std::uint32_t want = oracle::dot(*against, in, cases[i].a, cases[i].b, cases[i].c);
          if (same_result(want, got[i])) continue;
          if (differ++ == 0) first = i, want_first = want;
        }
        return differ;
      };
      std::size_t differ = 0, first = 0;
      std::uint32_t want_first = 0;
      if (against) differ = count(first, want_first);
      // An undeclared unit that is its inferred model at k = 32 but not at this k: its K blocking.
      if (!declared && inf.consistent.size() == 1 && differ && a.k > kProbeK) {
        if (const std::optional<oracle::DotModel> fit = fit_dot_blocking(*against, in, cases, got, a.k)) {
          against = fit;
          inferred += "; at k=" + std::to_string(a.k) + ",";
          if (fit->chain_span) inferred += " chains in spans of " + std::to_string(fit->chain_span);
          if (fit->chain_span && fit->chunk) inferred += " and";
          if (fit->chunk) inferred += " K in chunks of " + std::to_string(fit->chunk);
          differ = count(first, want_first);
        }
      }
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const bool ok = inf.consistent.size() == 1 && differ == 0 &&
                      (!declared || inf.consistent[0] == recoverable_dot_model(*declared, in));
      std::printf("%s  %s\n", ok ? "PASSED " : "FAILED ", head.c_str());
      std::printf("    declared: %s\n", declared ? label(*declared).c_str() : "(none)");
      std::printf("    inferred: %s  [%zu probes of k=%d]\n", inferred.c_str(), inf.probes, kProbeK);
      const std::string published = published_text(*b, in, probes);
      if (!published.empty()) std::printf("    published: %s\n", published.c_str());
      if (against)
        std::printf("    %zu of %zu dot products (k=%d, random and adversarial, seed %llu) differ from %s  %.2f s\n",
                    differ, cases.size(), a.k, static_cast<unsigned long long>(a.seed),
                    declared ? "the declared model" : inf.consistent.size() == 1 ? "the inferred model" : "the nearest candidate",
                    secs);
      if (differ) {
        std::printf("    first: case %zu: c %s\n", first, describe(kBinary32, cases[first].c).c_str());
        std::printf("           got   %s\n           model %s\n", describe(kBinary32, got[first]).c_str(),
                    describe(kBinary32, want_first).c_str());
        std::printf("    its operands: fpconform dot --backend %s --format %s --k %d --cases %zu --seed %llu --case %zu\n",
                    std::string(b->name()).c_str(), fname.c_str(), a.k, a.cases,
                    static_cast<unsigned long long>(a.seed), first);
      }
      std::printf("    __REPRO: fpconform dot --backend %s --format %s --k %d --cases %zu --seed %llu%s\n",
                  std::string(b->name()).c_str(), fname.c_str(), a.k, a.cases,
                  static_cast<unsigned long long>(a.seed),
                  a.only_case >= 0 ? (" --case " + std::to_string(a.only_case)).c_str() : "");
      nlohmann::json row{{"backend", b->name()}, {"format", in.name}, {"status", ok ? "passed" : "failed"},
                         {"declared", declared ? oracle::describe(*declared) : ""},
                         {"declared_name", b->declared_model()}, {"inferred", inferred},
                         {"published_name", b->published_model()}, {"published", published},
                         {"probes", inf.probes}, {"k", a.k}, {"cases", cases.size()}, {"seed", a.seed},
                         {"differ", differ}, {"seconds", secs}};
      if (differ)
        row["first"] = {{"case", first}, {"c", hex(kBinary32, cases[first].c)}, {"got", hex(kBinary32, got[first])},
                        {"model", hex(kBinary32, want_first)}};
      rows.push_back(std::move(row));
      (ok ? passed : failed)++;
      if (!ok) status = kDeviates;
    }
  std::printf("\n%zu match their model, %zu do not, %zu skipped (dot products)\n", passed, failed, skipped);
  write_json(a.json, "units", std::move(rows));
  return status;
}

}  // namespace

Command add_dot_command(CLI::App& app) {
  auto a = std::make_shared<DotArgs>();
  auto* sub = app.add_subcommand("dot", "Dot-product units: infer how each accumulates, check it bit for bit");
  sub->add_option("--backend", a->backends,
                  "Dot-product backends, comma-separated; 'units' every one but the software twins, 'all' with them")
      ->capture_default_str();
  sub->add_option("--format", a->formats, "Input formats: bf16, f16 (comma-separated)")->capture_default_str();
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
  return {sub, [a] { return run_dot(*a); }};
}

}  // namespace fpconform::cli
