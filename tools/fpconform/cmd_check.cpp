// fpconform check: run backends against the oracle, print the table and examples, write JSON.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fpconform/backend.hpp"
#include "fpconform/error.hpp"
#include "reports/compare.hpp"
#include "reports/result_json.hpp"
#include "reports/text.hpp"
#include "tools/fpconform/commands.hpp"
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
};

void print_progress(const std::string& what, std::uint64_t done, std::uint64_t total,
                    double seconds) {
  const double rate = seconds > 0 ? done / seconds : 0;
  const double eta = rate > 0 ? (total - done) / rate : 0;
  std::fprintf(stderr, "\r  %-44s %5.1f%%  %7.1f M/s  ETA %5.0f s ", what.c_str(),
               total ? 100.0 * done / total : 100.0, rate / 1e6, eta);
  std::fflush(stderr);
}

std::string verdict(const Run& r) {
  switch (r.status) {
    case Status::passed:
      return r.mismatches ? "passed (" + std::to_string(r.mismatches) + " tolerated)" : "passed";
    case Status::failed: return "FAILED";
    case Status::skipped: return "skipped: " + r.reason;
    case Status::unimplemented: return "unimplemented";
  }
  return "?";
}

int run_check(const CheckArgs& a) {
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
  const bool tty = isatty(STDERR_FILENO);

  std::vector<Run> runs;
  std::cout << "profile " << profile->name << ": " << profile->description << "\n";
  for (const InputSpec& spec : specs)
    for (Op op : ops)
      if (info(op).src->width() > 16 && spec.kind != InputSpec::Kind::exhaustive &&
          spec.kind != InputSpec::Kind::values) {
        std::cout << "NOTE: binary32 sources checked on '" << spec.label()
                  << "' inputs, not all 2^32: not exhaustive (use --inputs exhaustive)\n";
        break;
      }
  std::printf("%-12s %-16s %-6s %-22s %12s %11s  %s\n", "backend", "op", "round", "inputs",
              "total", "mismatches", "verdict");
  std::fflush(stdout);
  std::map<std::string, int> unimplemented;
  for (const Backend* b : selected) {
    for (const InputSpec& spec : specs) {
      for (Op op : ops) {
        const InputSet inputs(op, spec);
        for (Rounding r : modes) {
          if (is_widening(op) && r != modes.front()) continue;  // exact: once
          const std::string what = std::string(b->name()) + " " + std::string(name(op)) + " " +
                                   std::string(rounding_label(op, r));
          if (tty && inputs.size() > (1u << 24)) {
            const auto start = std::chrono::steady_clock::now();
            options.progress = [&, start](std::uint64_t done, std::uint64_t total) {
              print_progress(what, done, total,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            };
          } else {
            options.progress = nullptr;
          }
          Run run = compare(*b, op, r, inputs, options);
          if (options.progress) std::fprintf(stderr, "\r%*s\r", 100, "");
          if (run.status == Status::unimplemented) {
            ++unimplemented[run.backend];
          } else {
            std::printf("%-12s %-16s %-6s %-22s %12llu %11llu  %s\n", run.backend.c_str(),
                        run.op.c_str(), run.rounding.c_str(), run.inputs.c_str(),
                        static_cast<unsigned long long>(run.total),
                        static_cast<unsigned long long>(run.mismatches), verdict(run).c_str());
            std::fflush(stdout);
          }
          runs.push_back(std::move(run));
        }
      }
    }
  }
  for (const auto& [backend, n] : unimplemented)
    std::cout << backend << ": " << n << " requested (op, rounding) pairs unimplemented "
              << "(see fpconform list)\n";

  for (const Run& r : runs)
    if (r.mismatches) std::cout << "\n" << format_examples(r);

  int failed = 0, passed = 0, skipped = 0;
  for (const Run& r : runs) {
    failed += r.status == Status::failed;
    passed += r.status == Status::passed;
    skipped += r.status == Status::skipped;
  }
  std::cout << "\n" << passed << " passed, " << failed << " failed, " << skipped << " skipped, "
            << runs.size() - passed - failed - skipped << " unimplemented (profile "
            << profile->name << ")\n";

  if (!a.json.empty()) {
    std::ofstream out(a.json);
    if (!out) throw InputError(a.json + ": cannot open for writing");
    out << results_document(runs, invocation(), std::string(profile->name), this_machine()).dump(2)
        << "\n";
    std::cout << "results written to " << a.json << "\n";
  }
  return failed ? kDeviates : kConforms;
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
                  "SPEC[,SPEC...]: exhaustive | edge | random:N[:SEED] | value:HEX[,HEX...]. "
                  "8- and 16-bit sources are always exhaustive.")->capture_default_str();
  sub->add_option("--profile", a->profile, "strict | ieee | ftz | any-nan")->capture_default_str();
  sub->add_option("--json", a->json, "Write the results (fpconform-results/1) to FILE");
  sub->add_option("--max-examples", a->max_examples, "Examples shown per run")->capture_default_str();
  sub->add_option("--threads", a->threads, "Threads (0: all cores)")->capture_default_str();
  return {sub, [a] { return run_check(*a); }};
}

}  // namespace fpconform::cli
