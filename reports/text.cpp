#include "reports/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

#include "reports/repro.hpp"
#include "reports/fields.hpp"

namespace fpconform {
namespace {

// "name count, name count": the non-zero counts of an array indexed by Enum.
template <typename Enum, std::size_t N>
std::string counts_text(const std::array<std::uint64_t, N>& counts) {
  std::string s;
  for (std::size_t i = 0; i < N; ++i)
    if (counts[i])
      s += (s.empty() ? "" : ", ") + std::string(name(static_cast<Enum>(i))) + " " +
           std::to_string(counts[i]);
  return s;
}

}  // namespace

std::string format_example(std::string_view backend, Op op, std::string_view rounding,
                           const Example& e, std::uint64_t seed, std::string_view indent,
                           std::string_view backend_args) {
  const OpInfo& i = info(op);
  const std::string in(indent);
  return in + "input    " + describe_input(op, e.input) + "   class " +
         std::string(name(e.case_class)) + "\n" +
         in + "got      " + describe(*i.dst, e.got) +
         (e.flags_compared ? "  flags " + hex_flags(e.got_flags) : "") + "\n" +
         in + "expected " + describe(*i.dst, e.expected) +
         (e.flags_compared ? "  flags " + hex_flags(e.expected_flags) : "") + "   kind " +
         std::string(name(e.kind)) + "\n" +
         in + "repro:   " + repro_command(backend, op, rounding, e.input, seed, backend_args) + "\n";
}

std::string kinds_summary(const Run& run) { return counts_text<DeviationKind>(run.by_kind); }

std::string classes_summary(const Run& run) { return counts_text<CaseClass>(run.by_class); }

std::string format_examples(const Run& run, std::size_t shown) {
  const Op op = *parse_op(run.op);
  std::string s = run.backend + " " + run.op + " " + run.rounding + " (" + run.inputs + "): " +
                  std::to_string(run.mismatches) + " mismatches of " + std::to_string(run.total) +
                  "\n" + "  by kind:  " + kinds_summary(run) + "\n" +
                  "  by class: " + classes_summary(run) + "\n";
  shown = std::min(shown, run.examples.size());
  for (std::size_t i = 0; i < shown; ++i)
    s += format_example(run.backend, op, run.rounding, run.examples[i], run.seed, "  ", run.backend_args);
  if (run.mismatches > shown)
    s += "  ... and " + std::to_string(run.mismatches - shown) + " more" +
         (shown < run.examples.size() ? " (" + std::to_string(run.examples.size()) +
                                            " examples in --verbose, the --json and --html files)"
                                      : "") +
         "\n";
  return s;
}

std::string format_counts(const Run& run) {
  return run.backend + " " + run.op + " " + run.rounding + " (" + run.inputs + "): " +
         std::to_string(run.mismatches) + " mismatches of " + std::to_string(run.total) + "\n" +
         "  by kind:  " + kinds_summary(run) + "\n" + "  (its examples: --verbose, the --json and --html files)\n";
}

std::string format_accepted(const std::vector<Run>& runs, bool per_backend) {
  std::vector<std::string> order;
  std::map<std::string, Run> sums;  // by_kind, mismatches, baselined summed over a backend's runs
  std::map<std::string, std::size_t> counts;
  for (const Run& r : runs) {
    if (r.status != Status::passed || r.mismatches == 0) continue;
    if (!sums.count(r.backend)) order.push_back(r.backend);
    Run& sum = sums[r.backend];
    ++counts[r.backend];
    sum.mismatches += r.mismatches;
    sum.baselined += r.baselined;
    for (std::size_t k = 0; k < sum.by_kind.size(); ++k) sum.by_kind[k] += r.by_kind[k];
  }
  std::vector<std::pair<std::string, std::string>> lines;  // (backends, figures)
  for (const std::string& b : order) {
    const Run& sum = sums[b];
    const std::uint64_t tolerated = sum.mismatches - sum.baselined;
    std::string figures = std::to_string(counts[b]) + (counts[b] == 1 ? " run passes" : " runs pass") +
                          " with " + std::to_string(sum.mismatches) + " deviations (" + kinds_summary(sum) + "): ";
    if (sum.baselined) figures += std::to_string(sum.baselined) + " baselined";
    if (sum.baselined && tolerated) figures += ", ";
    if (tolerated) figures += std::to_string(tolerated) + " tolerated by the profile";
    const auto same = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.second == figures; });
    if (same != lines.end()) same->first += ", " + b;
    else lines.emplace_back(b, figures);
  }
  std::string s;
  if (per_backend || lines.size() <= 3) {
    for (const auto& [backends, figures] : lines)
      s += "accepted " + backends + (backends.find(',') == std::string::npos ? ": " : ", each: ") + figures + "\n";
    return per_backend || s.empty() ? s : s + "(their examples: --verbose, or the --json and --html files)\n";
  }
  std::size_t n_runs = 0;
  std::uint64_t deviations = 0;
  for (const std::string& b : order) n_runs += counts[b], deviations += sums[b].mismatches;
  std::string names;
  for (const std::string& b : order) names += (names.empty() ? "" : ", ") + b;
  return "accepted " + names + " (" + std::to_string(order.size()) + " backends, " + std::to_string(n_runs) +
         " runs): they pass with " + std::to_string(deviations) +
         " deviations their baseline or the profile allows (per backend, kind and example: --verbose, or "
         "the --json and --html files)\n";
}

}  // namespace fpconform
