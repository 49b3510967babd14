// fpconform check: run backends against the oracle, print the table and examples, write JSON.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "plugins/leftovers.hpp"
#include "plugins/plugin_backend.hpp"
#include "plugins/plugin_run.hpp"
#include "plugins/plugin_loader.hpp"
#include "fpconform/backend.hpp"
#include "fpconform/error.hpp"
#include "fpconform/int8_backend.hpp"
#include "reports/int8_result_json.hpp"
#include "checks/isolate.hpp"
#include "checks/baseline.hpp"
#include "checks/compare.hpp"
#include "reports/result_json.hpp"
#include "checks/robustness.hpp"
#include "checks/sweep.hpp"
#include "reports/table.hpp"
#include "reports/dot_text.hpp"
#include "reports/int8_text.hpp"
#include "reports/text.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/dot_run.hpp"
#include "tools/fpconform/gate.hpp"
#include "tools/fpconform/int8_run.hpp"
#include "tools/fpconform/progress.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {
namespace {

struct CheckArgs {
  std::string backends = "all";
  std::string ops = "all";
  std::string roundings = "all";
  std::string inputs = "edge";
  std::string profile = "strict";
  std::string json;
  std::size_t max_examples = 3;
  unsigned threads = 0;
  std::string seed;  // empty: a fresh one
  std::string shard = "0/1";
  std::vector<std::string> baselines;  // files or directories of *.txt
  std::string write_baseline;
  std::string junit;
  std::string html;
  std::string int8;  // exact,e2e,speed: the INT8 runs too, into the same results and report
  std::string dot;   // check,error: the dot-product units too, into the same results and report
  std::vector<std::string> plugins;  // shared libraries to load as backends
  double plugin_timeout = 600;       // seconds, per run of a plug-in
  bool robustness = false;           // also the robustness probes (checks/robustness.hpp)
  bool verbose = false;              // every run and every INT8 case, as they finish
};

// Up to this many runs, every run's row is printed (a small check reads best as its rows); beyond
// it, the matrix and what did not simply pass.
constexpr std::size_t kRowsShown = 24;
// Examples printed per failing run of such a check; its runs keep --max-examples for the files.
constexpr std::size_t kExamplesShown = 1;

// The INT8 GEMM backends that run in this process: every one that multiplies, but plug-ins.
std::string builtin_gemm_backends() {
  std::string names;
  for (const Int8Backend* b : int8_backends())
    if (b->kind() != BackendKind::plugin && (b->multiplies(IntType::s8) || b->multiplies(IntType::u8)))
      names += (names.empty() ? "" : ",") + std::string(b->name());
  return names;
}

// A plug-in's GEMM exactness cases, judged here, computed in its subject process: its results,
// or one failed case saying why.
Int8Results plugin_gemm_checks(const Int8Plan& plan, const Int8Backend& b,
                               std::chrono::milliseconds timeout) {
  Int8Plan p = plan;
  p.backends = b.name();
  p.checks = "exact";
  Subject& subject = subject_of(b);
  std::string failure;
  Int8Results r;
  try {
    subject.begin_run(timeout);
    r = run_int8(p).results;
  } catch (const SubjectFailure& e) {
    failure = e.what();
  }
  SubjectRunEnd end = subject.end_run();
  if (failure.empty() && end.problems.empty()) return r;
  GemmExactness g;
  g.backend = b.name();
  g.inputs = "every case";
  g.status = Status::failed;
  g.reason = failure.empty() ? end.problems.front() : failure;
  for (const std::string& problem : end.problems)
    if (problem != g.reason) g.reason += "; " + problem;
  std::printf("FAILED        %-12s %s\n", g.backend.c_str(), g.reason.c_str());
  r.gemm.push_back(std::move(g));
  return r;
}

int run_check(const CheckArgs& a) {
  const auto plugin_timeout = std::chrono::milliseconds(static_cast<long long>(a.plugin_timeout * 1000));
  for (const std::string& path : a.plugins) register_plugin(path, plugin_timeout);
  if (const std::string why = a.plugins.empty() ? "" : become_subreaper(); !why.empty())
    std::cout << "NOTE: fpconform cannot be the subreaper of what its plug-ins start (" << why
              << "): a process that leaves its subject's process group and session is not found "
                 "when a run ends\n";
  const std::vector<const Backend*> selected = select_backends(a.backends);
  const std::vector<Op> ops = select_ops(a.ops);
  const std::vector<Rounding> modes = select_roundings(a.roundings);
  const std::vector<InputSpec> specs = select_inputs(a.inputs);
  const auto profile = parse_profile(a.profile);
  if (!profile) throw InputError("--profile: unknown profile '" + a.profile + "' (strict, ieee, ftz, any-nan)");

  CompareOptions options;
  options.profile = *profile;
  options.max_examples = a.max_examples;
  options.threads = a.threads;
  options.seed = select_seed(a.seed);

  std::optional<Shard> parsed_shard = Shard::parse(a.shard);
  if (!parsed_shard) throw InputError("--shard: cannot read '" + a.shard + "' (I/N, 0 <= I < N)");
  const Shard shard = *parsed_shard;
  const Baseline baseline = read_baselines(a.baselines);  // before any run: errors exit 2 now
  DotPlan dot_plan = a.dot.empty() ? DotPlan{} : parse_dot_plan(a.dot);
  const bool gated = !a.baselines.empty();

  std::cout << "profile " << profile->name << ": " << profile->description << "\n";
  std::cout << seed_line(options.seed) << "\n";
  // mulAdd's whole space is 2^48 inputs: swept only in shards; the mulAdd-only inputs (hard,
  // slice) only for mulAdd.
  const auto refused = [&](const InputSpec& spec, Op op) {
    const bool mul_add_only = spec.kind == InputSpec::Kind::hard || spec.kind == InputSpec::Kind::slice;
    if (mul_add_only) return arity(op) != 3;
    return arity(op) == 3 && spec.kind == InputSpec::Kind::exhaustive && shard.whole();
  };
  // Inputs short of all 2^32 where there are 2^32: binary32 sources, and operand pairs.
  const auto reduced_for = [&](auto wanted) {
    std::string reduced;
    for (const InputSpec& spec : specs)
      if (spec.kind != InputSpec::Kind::exhaustive && spec.kind != InputSpec::Kind::values &&
          std::any_of(ops.begin(), ops.end(), [&](Op op) {
            return input_bits(op) > 16 && wanted(op) && !refused(spec, op);
          }))
        reduced += (reduced.empty() ? "'" : ", '") + spec.label() + "'";
    return reduced;
  };
  const std::string sources = reduced_for([](Op op) { return !is_arithmetic(op) && !is_binary64_source(op); });
  const std::string pairs = reduced_for([](Op op) { return arity(op) == 2; });
  const std::string triples = reduced_for([](Op op) { return arity(op) == 3; });
  constexpr const char* kTripleWays =
      "all (a, b) of one c: --inputs slice:c=HEX; its hard cases: hard:N; the whole space: --inputs "
      "exhaustive --shard I/N";
  // binary64 sources: never all 2^64, whatever was asked; what they ran on instead.
  std::string f64_inputs;
  if (std::any_of(ops.begin(), ops.end(), [](Op op) { return is_binary64_source(op); }))
    for (const InputSpec& spec : specs) {
      const std::string label = "'" + effective_spec(Op::f64_to_f32, spec).label() + "'";
      if (f64_inputs.find(label) == std::string::npos) f64_inputs += (f64_inputs.empty() ? "" : ", ") + label;
    }
  constexpr const char* kF64Inputs =
      "binary64 sources never are: edge and random aim at the destination's midpoints and the values binary32 "
      "rounds onto them, docs/checks.md";
  const bool f64_too = f64_inputs == sources;
  if (!sources.empty() && sources == pairs && pairs == triples) {  // one line for the usual --op all
    std::cout << "NOTE: binary32" << (f64_too ? " and binary64" : "")
              << " sources, 16-bit operand pairs and mulAdd's 2^48 triples checked on " << sources
              << " inputs: not exhaustive (use --inputs exhaustive; " << (f64_too ? std::string(kF64Inputs) + "; " : "")
              << "for mulAdd, " << kTripleWays << ")\n";
  } else {
    if (!sources.empty())
      std::cout << "NOTE: binary32 sources checked on " << sources
                << " inputs, not all 2^32: not exhaustive (use --inputs exhaustive)\n";
    if (!pairs.empty())
      std::cout << "NOTE: 16-bit operand pairs of arithmetic checked on " << pairs
                << " inputs, not all 2^32: not exhaustive (use --inputs exhaustive)\n";
    if (!triples.empty())
      std::cout << "NOTE: mulAdd's 2^48 operand triples checked on " << triples << " inputs: not exhaustive ("
                << kTripleWays << ")\n";
  }
  if (!f64_inputs.empty() && !(f64_too && !sources.empty() && sources == pairs && pairs == triples))
    std::cout << "NOTE: binary64 sources (f64_to_*) checked on " << f64_inputs
              << " inputs of their 2^64: not exhaustive (" << kF64Inputs << ")\n";
  bool any_refused = false;
  for (const InputSpec& spec : specs) {
    std::string names;
    for (Op op : ops)
      if (refused(spec, op)) names += (names.empty() ? "" : ", ") + std::string(name(op));
    if (names.empty()) continue;
    any_refused = true;
    if (spec.kind == InputSpec::Kind::exhaustive)
      std::cout << "NOTE: not run: " << names << " on 'exhaustive': 2^48 inputs each, days of "
                   "one machine; give --shard I/N to sweep one part (docs/checks.md, mulAdd)\n";
    else
      std::cout << "NOTE: not run: " << names << " on '" << spec.label()
                << "': hard and slice inputs are mulAdd's\n";
  }

  // Every (backend, inputs, op, rounding) asked for; widening ops once, as "exact".
  struct Planned {
    const Backend* backend;
    const InputSpec* spec;
    Op op;
    Rounding r;
  };
  // 8- and 16-bit sources are swept whole whatever the spec: a spec that comes to the same inputs
  // as an earlier one adds no run.
  const auto repeats_earlier = [&specs](const InputSpec& spec, Op op) {
    const std::string label = effective_spec(op, spec).label();
    for (const InputSpec* earlier = specs.data(); earlier != &spec; ++earlier)
      if (effective_spec(op, *earlier).label() == label) return true;
    return false;
  };
  // A sweep: all 2^32 inputs, a shard of mulAdd's 2^48, or a slice of 2^32 (one c).
  const auto swept = [](const Planned& p) {
    return (effective_spec(p.op, *p.spec).kind == InputSpec::Kind::exhaustive && input_bits(p.op) > 16) ||
           InputSet(p.op, *p.spec).sweep_range().has_value();
  };
  // A pair the backend does not implement is no run at all (`fpconform list` shows them). Of a
  // sharded check, shard 0 alone runs what is not a sweep (edge, random, the 8- and 16-bit and
  // the binary64 sources): merged, every such run is then given once.
  std::vector<Planned> plan;
  std::size_t left_to_shard_0 = 0;
  for (const Backend* b : selected)
    for (const InputSpec& spec : specs)
      for (Op op : ops)
        for (Rounding r : modes)
          if ((!is_widening(op) || r == modes.front()) && !repeats_earlier(spec, op) &&
              !refused(spec, op) && b->implements(op, is_widening(op) ? Rounding::rne : r)) {
            if (shard.whole() || shard.index == 0 || swept({b, &spec, op, r})) plan.push_back({b, &spec, op, r});
            else ++left_to_shard_0;
          }
  if (left_to_shard_0)
    std::cout << "NOTE: shard " << shard.label() << " runs the sweeps only; shard 0/" << shard.count
              << " runs the other " << left_to_shard_0 << (left_to_shard_0 == 1 ? " run" : " runs")
              << " (edge, random, 8- and 16-bit and binary64 sources)\n";
  const bool rows = a.verbose || plan.size() <= kRowsShown;
  if (rows) std::cout << table_header() << std::flush;
  Progress progress("check", static_cast<double>(plan.size()), "runs");
  const auto print_row = [&](Run& run) {
    if (gated) apply_baseline(baseline, run);
    if (!rows) return;
    progress.clear();
    std::cout << table_row(run) << std::flush;
  };
  const auto run_name = [](const Planned& p) {
    return std::string(p.backend->name()) + " " + std::string(name(p.op)) + " " +
           std::string(rounding_label(p.op, p.r));
  };
  double runs_done = 0;
  // The sweeps' ranges: one sweep per range, every job of it sharing each block's oracle.
  struct Range {
    std::uint64_t first = 0, last = 0;  // last 0: the whole input space
    std::string label;                  // the runs' inputs, "" for exhaustive
    std::uint64_t space = 0;
    auto operator<=>(const Range&) const = default;
  };
  const auto range_of = [](const Planned& p) {
    Range r;
    r.space = input_space(p.op);
    if (const auto range = InputSet(p.op, *p.spec).sweep_range()) {
      r.first = range->first, r.last = range->second;
      r.label = p.spec->label();
    }
    return r;
  };

  std::vector<Run> runs(plan.size());
  std::map<Range, std::vector<std::size_t>> sweeps;  // range -> its plan entries
  std::vector<std::size_t> plugin_sweeps;  // each in a child of its own, after the shared sweeps
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const Planned& p = plan[i];
    if (swept(p)) {
      if (is_plugin(*p.backend)) {
        plugin_sweeps.push_back(i);
        continue;
      }
      sweeps[range_of(p)].push_back(i);
      continue;
    }
    const std::string what = run_name(p);
    progress.update(runs_done, what);
    const InputSet inputs(p.op, *p.spec);
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(runs_done + (total ? double(done) / double(total) : 0), what);
    };
    runs[i] = is_plugin(*p.backend)
                  ? compare_plugin(*p.backend, p.op, p.r, inputs, options, plugin_timeout)
                  : compare(*p.backend, p.op, p.r, inputs, options);
    ++runs_done;
    print_row(runs[i]);
  }
  // Each range: one sweep for every job, each block's expected results computed once per (op,
  // rounding) and shared by the backends; a plug-in's jobs one by one, in children.
  SweepOptions so;
  so.profile = *profile;
  so.max_examples = a.max_examples;
  so.threads = a.threads;
  so.seed = options.seed;
  so.shard = shard;
  const std::string shard_label = shard.whole() ? "" : " shard " + shard.label();
  const auto size_text = [](const Range& r) {
    return r.label.empty() ? (r.space == (std::uint64_t{1} << 32) ? "2^32 inputs" : "2^48 inputs")
                           : r.label;
  };
  for (const auto& [range, entries] : sweeps) {
    std::vector<SweepJob> jobs;
    for (std::size_t i : entries) jobs.push_back({plan[i].backend, plan[i].op, plan[i].r});
    const std::string what = "sweep of " + std::to_string(jobs.size()) + " runs, " + size_text(range) + shard_label;
    so.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(runs_done + (total ? double(jobs.size()) * double(done) / double(total) : 0), what);
    };
    so.first = range.first;
    so.last = range.last;
    so.label = range.label;
    std::vector<Run> swept_runs = sweep(jobs, so);
    runs_done += double(jobs.size());
    for (std::size_t k = 0; k < jobs.size(); ++k) {
      runs[entries[k]] = std::move(swept_runs[k]);
      print_row(runs[entries[k]]);
    }
  }
  for (std::size_t i : plugin_sweeps) {
    const Planned& p = plan[i];
    const Range range = range_of(p);
    const std::string what = run_name(p) + ", " + size_text(range) + shard_label;
    so.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(runs_done + (total ? double(done) / double(total) : 0), what);
    };
    so.first = range.first;
    so.last = range.last;
    so.label = range.label;
    runs[i] = sweep_plugin({p.backend, p.op, p.r}, so, plugin_timeout);
    ++runs_done;
    print_row(runs[i]);
  }
  progress.clear();
  if (!sweeps.empty() || !plugin_sweeps.empty()) {
    if (!shard.whole())
      std::cout << "NOTE: shard " << shard.label() << " checked 1/" << shard.count
                << " of each sweep's inputs: not exhaustive on its own; combine the shards' --json "
                   "files with `fpconform merge`\n";
  } else if (!shard.whole()) {
    std::cout << "NOTE: --shard splits exhaustive sweeps, and none was asked for\n";
  }
  // Tails, bounds, alignment, input left alone, determinism, two threads: each probe family in a
  // child process; a plug-in's in its subject process. Of a sharded check, shard 0's.
  if (a.robustness && !shard.whole() && shard.index != 0)
    std::cout << "NOTE: shard " << shard.label() << " leaves the robustness probes to shard 0/" << shard.count << "\n";
  if (a.robustness && (shard.whole() || shard.index == 0))
    for (const Backend* b : selected)
      for (Run& r : is_plugin(*b) ? robustness_plugin(*b, ops, modes, plugin_timeout)
                                  : check_robustness(*b, ops, modes)) {
        print_row(r);
        runs.push_back(std::move(r));
      }
  // Sweeps compare results only: say so for the backends that report flags.
  std::set<std::string> unflagged;
  for (const Run& r : runs)
    if (completed(r) && !r.flags_compared)
      if (const Backend* b = find_backend(r.backend); b && b->reports_flags()) unflagged.insert(r.backend);
  if (!unflagged.empty()) {
    std::cout << "NOTE: flags not compared in the sweeps of";
    for (const std::string& b : unflagged) std::cout << " " << b;
    std::cout << " (results only; their edge and random runs compare flags)\n";
  }
  if (runs.empty()) {
    const std::string why = left_to_shard_0 ? "shard " + shard.label() + " has no sweep to run"
                            : any_refused   ? "what was asked is not run (the NOTE above says why)"
                                            : "none of the selected backends implements the selected "
                                              "(op, rounding) pairs (see fpconform list)";
    if (a.int8.empty() && a.dot.empty()) throw InputError("nothing to check: " + why);
    std::cout << "no runs: " << why << "\n";
  }

  // A stale entry fails the runs it matches, known only now that every run is in (the rows above
  // were printed as each ended): the matrix and what follows show it.
  if (gated) apply_baseline(baseline, runs);
  // By default the rows of a large check give way to the matrix and to what did not simply pass;
  // every figure is still in the JSON, JUnit and HTML.
  if (const std::string m = format_matrix(runs, !rows); !m.empty()) std::cout << "\n" << m;
  if (!rows) {
    const std::string skipped = format_skipped(runs), accepted = format_accepted(runs, false);
    if (!skipped.empty()) std::cout << "\n" << skipped;
    if (!accepted.empty()) std::cout << "\n" << accepted;
  } else if (const std::string accepted = format_accepted(runs, true); !accepted.empty()) {
    std::cout << "\n" << accepted;
  }
  // Runs that failed without a verdict of their own (a plug-in that crashed or hung) say why.
  bool first_reason = true;
  for (const Run& r : runs)
    if (r.status == Status::failed && !r.reason.empty()) {
      std::cout << (first_reason ? "\n" : "") << r.backend << " " << r.op << " " << r.rounding << " ("
                << r.inputs << "): " << r.reason << "\n";
      constexpr std::size_t kShown = 6;  // the rest are in the JSON, JUnit and HTML
      for (std::size_t k = 1; k < r.problems.size() && k < kShown; ++k)
        std::cout << "    " << r.problems[k] << "\n";
      if (r.problems.size() > kShown)
        std::cout << "    ... and " << r.problems.size() - kShown << " more (--json, --junit, --html list them)\n";
      first_reason = false;
    }
  // What a plug-in printed, with the run it printed it in (all of it in the JSON and HTML).
  for (const Run& r : runs)
    if (!r.output.empty()) {
      std::cout << "\n" << r.backend << " " << r.op << " " << r.rounding << " (" << r.inputs
                << "): its subject process wrote:\n";
      constexpr std::size_t kLines = 4;
      std::istringstream lines(r.output);
      std::size_t n = 0;
      for (std::string line; std::getline(lines, line); ++n)
        if (n < kLines) std::cout << "    | " << line.substr(0, 160) << "\n";
      if (n > kLines) std::cout << "    | ... " << n - kLines << " more lines (--json, --html)\n";
    }
  // Short output: one failed (backend, op, mode) shows its examples once, on its first inputs;
  // its other input sets their counts by kind (the examples stay in --verbose, --json, --html).
  std::set<std::string> shown_examples;
  for (const Run& r : runs)
    if (r.mismatches && (rows || r.status == Status::failed)) {
      const bool again = !rows && !shown_examples.insert(r.backend + " " + r.op + " " + r.rounding).second;
      std::cout << "\n" << (again ? format_counts(r) : format_examples(r, rows ? r.examples.size() : kExamplesShown));
    }
  Int8Outcome int8;
  if (!a.int8.empty()) {
    std::cout << "\nINT8 (" << a.int8 << ")\n";
    Int8Plan plan;
    plan.checks = a.int8;
    plan.e2e_shapes = "256x1024:1024x256";
    plan.backends = builtin_gemm_backends();  // the plug-ins' GEMMs below, each in its subject
    plan.every_case = a.verbose;
    plan.robustness = a.robustness;  // the built-in GEMMs' robustness probes too
    int8 = run_int8(plan);
    std::vector<const Int8Backend*> plugin_gemms;
    for (const Backend* b : selected)
      if (const Int8Backend* g = is_plugin(*b) ? find_int8_backend(b->name()) : nullptr)
        plugin_gemms.push_back(g);
    const std::vector<std::string> checks = split_list(a.int8);
    if (std::find(checks.begin(), checks.end(), "exact") != checks.end())
      for (const Int8Backend* g : plugin_gemms) int8.results.append(plugin_gemm_checks(plan, *g, plugin_timeout));
    if (a.robustness || std::find(checks.begin(), checks.end(), "robustness") != checks.end())
      for (const Int8Backend* g : plugin_gemms) {
        std::vector<GemmRobustness> r = gemm_robustness_plugin(*find_backend(g->name()), *g, plugin_timeout);
        std::fputs(format_gemm_robustness(r).c_str(), stdout);
        for (GemmRobustness& one : r) int8.results.robustness.push_back(std::move(one));
      }
    if (!plugin_gemms.empty() && std::find(checks.begin(), checks.end(), "speed") != checks.end())
      std::cout << "NOTE: plug-in GEMMs are checked for exactness only, in their subject processes; "
                   "they are not timed\n";
    int8.undeclared = static_cast<int>(int8.results.undeclared_failures());
    if (!a.verbose) std::cout << format_int8_summary(int8.results);
    std::cout << int8_summary(int8) << "\n";
  }
  DotResults dot;
  if (!a.dot.empty()) {
    dot_plan.seed = options.seed;  // the printed seed repeats these dot products too
    dot = run_dot_units(dot_plan);
    std::cout << "\n" << (a.verbose ? format_dot_verbose(dot) : format_dot_summary(dot));
  }
  Subject::stop_all();  // nothing of a plug-in runs while the results are written
  const int status =
      finish(runs, {&*profile, gated ? &baseline : nullptr, a.json, a.junit, a.html, a.write_baseline,
                    a.int8.empty() ? nullptr : &int8.results, a.dot.empty() ? nullptr : &dot});
  return int8.undeclared ? kDeviates : status;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto a = std::make_shared<CheckArgs>();
  auto* sub = app.add_subcommand("check", "Check backends against the oracle, bit for bit");
  sub->add_option("--backend", a->backends, "NAME[,NAME...] or all")->capture_default_str();
  sub->add_option("--op", a->ops, "OP[,OP...] or all")->capture_default_str();
  sub->add_option("--rounding", a->roundings, "MODE[,MODE...] or all (rne rtz rdn rup rna; "
                                              "TestFloat's names too)")->capture_default_str();
  sub->add_option("--inputs", a->inputs,
                  "SPEC[,SPEC...]: exhaustive | edge | random:N[:SEED] | value:HEX[,HEX...]; for "
                  "mulAdd also hard:N[:SEED] | slice:c=HEX | slice:a=HEX,b=HEX (its 2^48 inputs: "
                  "exhaustive only with --shard). 8- and 16-bit sources are always exhaustive.")
      ->capture_default_str();
  sub->add_option("--profile", a->profile, "strict | ieee | ftz | any-nan")->capture_default_str();
  sub->add_option("--json", a->json, "Write the results (fpconform-results/1) to FILE");
  sub->add_option("--max-examples", a->max_examples, "Examples shown per run")->capture_default_str();
  sub->add_option("--threads", a->threads, "Threads (0: all cores)")->capture_default_str();
  sub->add_option("--seed", a->seed,
                  "N: the seed of the order inputs go to the backends in (blocks shuffled, and "
                  "the inputs in each); default: a fresh one, printed. The same seed, the same "
                  "calls");
  sub->add_option("--shard", a->shard, "I/N: sweep only the I-th of N slices of the 2^32 inputs "
                                       "(merge the --json files with `fpconform merge`)")
      ->capture_default_str();
  sub->add_option("--baseline", a->baselines,
                  "FILE or DIR (every *.txt): accepted deviations; fail on anything beyond them "
                  "and on entries no longer true. Repeatable: the files merge")
      ->allow_extra_args(false);
  sub->add_option("--junit", a->junit, "Write JUnit XML (a test case per run) to FILE");
  sub->add_option("--html", a->html, "Write the HTML conformance report to FILE");
  sub->add_option("--int8", a->int8,
                  "Also run the INT8 checks (exact, e2e, speed; comma-separated) with `matmul`'s "
                  "defaults, into the same results and report");
  sub->add_option("--dot", a->dot,
                  "Also check the dot-product units (check: probes and 20000 dot products of k=64 against "
                  "their model; error: the error against K = 64..4096; comma-separated), as `fpconform dot` "
                  "does, into the same results and report");
  sub->add_option("--plugin", a->plugins,
                  "FILE: a vendor's plug-in (include/fpconform/plugin.h) to check as a backend; "
                  "repeatable. Select them with --backend plugins (or all, or by name)")
      ->allow_extra_args(false);
  sub->add_flag("--robustness", a->robustness,
               "Also probe every selected backend's batches: lengths 0..67 and 1000003 against "
               "guard pages and canaries, misaligned buffers, input unchanged, determinism, two "
               "threads (each probe family in a child process; a plug-in's in its subject); with "
               "--int8, every INT8 GEMM's too: read-only A and B, fenced C, ragged shapes "
               "1..67, misalignment, determinism, two threads");
  sub->add_option("--plugin-timeout", a->plugin_timeout,
                  "Seconds one run of a plug-in (in its subject process) may take before it is "
                  "killed and reported failed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_flag("--verbose,-v", a->verbose,
                "Print every run's row and examples and every INT8 case with its __REPRO line (by "
                "default a check of more than " + std::to_string(kRowsShown) +
                " runs prints the matrix and only what did not simply pass)");
  sub->add_option("--write-baseline", a->write_baseline,
                  "Write the observed untolerated deviations to FILE as a baseline to start from");
  return {sub, [a] { return run_check(*a); }};
}

}  // namespace fpconform::cli
