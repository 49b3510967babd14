#include "reports/text.hpp"

#include <array>
#include <cstdint>

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
                           const Example& e, std::string_view indent, std::string_view backend_args) {
  const OpInfo& i = info(op);
  const std::string in(indent);
  return in + "input    " + describe(*i.src, e.input) + "   class " +
         std::string(name(e.case_class)) + "\n" +
         in + "got      " + describe(*i.dst, e.got) +
         (e.flags_compared ? "  flags " + hex_flags(e.got_flags) : "") + "\n" +
         in + "expected " + describe(*i.dst, e.expected) +
         (e.flags_compared ? "  flags " + hex_flags(e.expected_flags) : "") + "   kind " +
         std::string(name(e.kind)) + "\n" +
         in + "repro:   " + repro_command(backend, op, rounding, e.input, backend_args) + "\n";
}

std::string kinds_summary(const Run& run) { return counts_text<DeviationKind>(run.by_kind); }

std::string classes_summary(const Run& run) { return counts_text<CaseClass>(run.by_class); }

std::string format_examples(const Run& run) {
  const Op op = *parse_op(run.op);
  std::string s = run.backend + " " + run.op + " " + run.rounding + " (" + run.inputs + "): " +
                  std::to_string(run.mismatches) + " mismatches of " + std::to_string(run.total) +
                  "\n" + "  by kind:  " + kinds_summary(run) + "\n" +
                  "  by class: " + classes_summary(run) + "\n";
  for (const Example& e : run.examples) s += format_example(run.backend, op, run.rounding, e, "  ", run.backend_args);
  if (run.mismatches > run.examples.size())
    s += "  ... and " + std::to_string(run.mismatches - run.examples.size()) + " more\n";
  return s;
}

}  // namespace fpconform
