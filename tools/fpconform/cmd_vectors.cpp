// fpconform vectors gen|check: write the oracle's results as vector files, and check a backend
// against the expected results of vector files (fpconform's or Berkeley TestFloat's format).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/error.hpp"
#include "fpconform/nan_policy.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/classify.hpp"
#include "reports/fields.hpp"
#include "reports/text.hpp"
#include "checks/vector_check.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/selection.hpp"
#include "vectors/inputs.hpp"
#include "vectors/vector_file.hpp"
#include "vectors/vector_gen.hpp"

namespace fpconform::cli {
namespace {

struct VectorArgs {
  std::string op;
  std::string rounding;
  std::string format = "fpconform";
  std::string tininess = "after";
  // gen
  std::string inputs = "edge";
  std::string output;
  std::string nan_policy = "x86";
  // check
  std::string backend;
  std::size_t max_examples = 10;
  std::string seed;  // empty: a fresh one
  bool exact_nans = false;
  std::vector<std::string> files;
};

VectorFormat parse_format_option(const std::string& s) {
  const auto f = parse_vector_format(s);
  if (!f) throw InputError("--format: unknown format '" + s + "' (testfloat, fpconform)");
  return *f;
}

Tininess parse_tininess_option(const std::string& s) {
  const auto t = parse_tininess(s);
  if (!t) throw InputError("--tininess: unknown value '" + s + "' (after, before)");
  return *t;
}

std::optional<Op> parse_op_option(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const auto op = parse_op(s);
  if (!op) {
    std::string known;
    for (const OpInfo& i : kOps) known += (known.empty() ? "" : ", ") + std::string(i.name);
    throw InputError("--op: unknown op '" + s + "' (known: " + known + ")");
  }
  return op;
}

std::optional<Rounding> parse_rounding_option(const std::string& s) {
  if (s.empty() || s == "exact") return std::nullopt;
  const auto r = parse_rounding(s);
  if (!r)
    throw InputError("--rounding: unknown mode '" + s +
                     "' (rne, rtz, rdn, rup, rna, exact; TestFloat's near_even, minMag, min, "
                     "max, near_maxMag)");
  return r;
}

// The rounding an op is run and written under: widening ops are exact and ignore the mode.
Rounding required_rounding(Op op, std::optional<Rounding> r, const std::string& given) {
  if (is_widening(op)) return Rounding::rne;
  if (given == "exact")
    throw InputError("--rounding: 'exact' is only for widening ops; " + std::string(name(op)) +
                     " needs rne, rtz, rdn, rup or rna");
  if (!r) throw InputError("--rounding is required for " + std::string(name(op)));
  return *r;
}

// ---- gen ----------------------------------------------------------------------------------

int run_gen(const VectorArgs& a) {
  const auto op_opt = parse_op_option(a.op);
  if (!op_opt) throw InputError("--op is required");
  const Op op = *op_opt;
  const Rounding r = required_rounding(op, parse_rounding_option(a.rounding), a.rounding);
  const VectorFormat format = parse_format_option(a.format);
  const Tininess t = parse_tininess_option(a.tininess);
  const auto spec = InputSpec::parse(a.inputs);
  if (!spec)
    throw InputError("--inputs: cannot read '" + a.inputs +
                     "' (exhaustive, edge, random:N[:SEED], edge+random:N[:SEED], value:HEX[,HEX...])");
  const std::optional<NanPolicy> nan = parse_nan_policy(a.nan_policy);
  if (!nan)
    throw InputError("--nan-policy: unknown policy '" + a.nan_policy +
                     "' (x86, arm, arm-default-nan, canonical)");
  const Format& src = *info(op).src;
  const std::uint64_t field_mask = src.value_mask() << src.shift;
  for (const std::uint64_t v : spec->values)  // one operand each: value:A,B is one case of f16_add
    if ((v & ~field_mask) != 0)
      throw InputError("--inputs: value " + hex(src, v) + " does not fit the " +
                       std::string(src.name) + " container of " + std::string(name(op)));
  const InputSet inputs(op, *spec);

  std::ofstream file;
  if (!a.output.empty()) {
    file.open(a.output, std::ios::binary);
    if (!file) throw InputError(a.output + ": cannot open for writing");
  }
  std::ostream& out = a.output.empty() ? std::cout : file;

  const std::string label = inputs.spec().label();
  const bool exhaustive =
      inputs.spec().kind == InputSpec::Kind::exhaustive || inputs.size() == input_space(op);
  const std::string what = std::string(name(op)) + " " + std::string(rounding_label(op, r)) +
                           ", inputs " + label + ", tininess " + std::string(name(t)) +
                           (is_arithmetic(op) ? ", NaN policy " + std::string(name(*nan)) : "");
  // input_space() is 0 for a binary64 source: 2^64 does not fit.
  const std::string space = input_space(op) ? std::to_string(input_space(op)) : "2^64";
  if (format == VectorFormat::fpconform) {
    out << "# fpconform vectors gen: " << what << "; expected results from the oracle\n";
    if (!exhaustive) out << "# " << inputs.size() << " of " << space << " inputs: not exhaustive\n";
  }
  if (!exhaustive)
    std::cerr << "fpconform vectors gen: " << what << ": " << inputs.size() << " of " << space
              << " inputs, not exhaustive\n";

  VectorGenOptions options;
  options.format = format;
  options.tininess = t;
  options.nan = *nan;
  options.comment = [](Op o, Word x, const oracle::Result& res) {
    return std::string(name(classify_case(o, x, res)));
  };
  if (!generate_vectors(out, inputs, r, options))
    throw InputError((a.output.empty() ? "stdout" : a.output) + ": write failed");
  return kConforms;
}

// ---- check --------------------------------------------------------------------------------

int run_check(const VectorArgs& a) {
  const Backend* b = find_backend(a.backend);
  if (!b) {
    std::string known;
    for (const Backend* k : backends()) known += (known.empty() ? "" : ", ") + std::string(k->name());
    throw InputError("--backend: unknown backend '" + a.backend + "' (known: " + known + ")");
  }
  const VectorFormat format = parse_format_option(a.format);
  const Tininess t = parse_tininess_option(a.tininess);
  const std::optional<Op> op = parse_op_option(a.op);
  const std::optional<Rounding> rounding = parse_rounding_option(a.rounding);
  std::optional<TestFloatContext> context;
  if (format == VectorFormat::testfloat) {
    if (!op) throw InputError("--op is required with --format testfloat");
    context = TestFloatContext{*op, required_rounding(*op, rounding, a.rounding)};
  } else if (a.rounding == "exact" && op && !is_widening(*op)) {
    required_rounding(*op, rounding, a.rounding);  // throws: 'exact' with a narrowing op
  }
  const std::uint64_t seed = select_seed(a.seed);
  const Availability avail = b->available();
  if (!avail.ok) {
    std::cout << b->name() << ": skipped: " << avail.reason << "\n";
    throw InputError("--backend: " + std::string(b->name()) +
                     " is unavailable here, nothing was checked: " + avail.reason);
  }

  // fpconform files name op and rounding on every line: --op and --rounding select lines.
  const auto selected = [&](const Vector& v) {
    if (format == VectorFormat::testfloat) return true;
    if (op && v.op != *op) return false;
    if (a.rounding == "exact" && !is_widening(v.op)) return false;
    if (rounding && !is_widening(v.op) && v.rounding != *rounding) return false;
    return true;
  };

  std::cout << "backend " << b->name() << " ("
            << (b->reports_flags() ? "flags compared" : "flags not compared: it reports none")
            << "), files assume tininess " << name(t) << " rounding"
            << (b->reports_flags() && b->tininess() != t
                    ? ", the backend detects it " + std::string(name(b->tininess())) +
                          ": underflow expected accordingly"
                    : "")
            << "\n"
            << seed_line(seed) << "\n";
  std::uint64_t total_checked = 0, total_mismatches = 0, total_vectors = 0;
  for (const std::string& path : a.files) {
    VectorReader reader(path, format, context);
    VectorChecker checker(*b, t, a.max_examples, [&](const Vector& v, const Example& e) {
      const std::string mode(rounding_label(v.op, v.rounding));
      std::cout << "  " << path << ":" << v.line << ": " << name(v.op) << " " << mode
                << (v.comment.empty() ? "" : "  # " + v.comment) << "\n"
                << format_example(b->name(), v.op, mode, e, seed, "    ", b->repro_args());
    }, seed, a.exact_nans ? NanMatch::exact : NanMatch::any,
       // TestFloat's flags are SoftFloat's, which signals invalid for 0 x inf + qNaN in every
       // specialization (as canonical does); fpconform's files are written under x86's policy.
       format == VectorFormat::testfloat ? NanPolicy::canonical : NanPolicy::x86);
    while (std::optional<Vector> v = reader.next()) {
      if (selected(*v))
        checker.add(std::move(*v));
      else
        checker.skip_unselected();
    }
    const VectorTally& tally = checker.finish();
    std::cout << path << ": " << tally.vectors << " vectors, " << tally.checked << " checked, "
              << tally.mismatches << " mismatches";
    std::string kinds;
    for (const auto& [k, n] : tally.by_kind) kinds += (kinds.empty() ? "" : ", ") + k + " " + std::to_string(n);
    if (!kinds.empty()) std::cout << " (" << kinds << ")";
    if (tally.not_selected) std::cout << ", " << tally.not_selected << " not selected by --op/--rounding";
    std::cout << "\n";
    for (const auto& [what, n] : tally.unimplemented)
      std::cout << "  SKIPPED " << n << " vectors: " << b->name() << " does not implement " << what
                << "\n";
    if (tally.mismatches > tally.examples)
      std::cout << "  ... and " << tally.mismatches - tally.examples << " more mismatches\n";
    total_checked += tally.checked;
    total_mismatches += tally.mismatches;
    total_vectors += tally.vectors;
  }
  std::cout << "total: " << total_vectors << " vectors, " << total_checked << " checked, "
            << total_mismatches << " mismatches\n";
  if (total_mismatches) return kDeviates;
  if (total_checked == 0)
    throw InputError("nothing was checked: no vector is both selected and implemented by " +
                     std::string(b->name()));
  return kConforms;
}

}  // namespace

Command add_vectors_command(CLI::App& app) {
  auto a = std::make_shared<VectorArgs>();
  auto* sub = app.add_subcommand("vectors", "Generate and check vector files");
  sub->require_subcommand(1);
  sub->footer(
      "Formats (one vector per line):\n"
      "  testfloat  OPERANDS EXPECTED FLAGS            (Berkeley TestFloat, one op and mode per file)\n"
      "  fpconform  OP MODE OPERANDS EXPECTED FLAGS  [# comment]   (MODE 'exact' for widening ops)\n"
      "OPERANDS is one field for a conversion or sqrt, two (first, second) for add, sub, mul, div,\n"
      "three (a, b, c) for mulAdd, a * b + c:\n"
      "  f16_add rne 3C00 4000 4200 00  # 1 + 2 = 3\n"
      "  f16_mulAdd rne 3C00 4000 3C00 4200 00  # 1 x 2 + 1 = 3\n"
      "Hex fields have the container's width (f32/tf32 8, f16/bf16 4, fp8 2 digits); FLAGS is\n"
      "one byte: 01 inexact, 02 underflow, 04 overflow, 08 infinite, 10 invalid.");

  auto* gen = sub->add_subcommand("gen", "Write vectors with the oracle's expected results");
  gen->add_option("--op", a->op, "Operation, e.g. f32_to_f16")->required();
  gen->add_option("--rounding", a->rounding,
                  "rne | rtz | rdn | rup | rna (TestFloat's names too); not needed for "
                  "widening ops, which are exact");
  gen->add_option("--inputs", a->inputs,
                  "exhaustive | edge | random:N[:SEED] | value:HEX[,HEX...] (mulAdd: also hard:N[:SEED], "
                  "slice:c=HEX, slice:a=HEX,b=HEX); 8- and 16-bit "
                  "sources are always exhaustive (except value:)")
      ->capture_default_str();
  gen->add_option("--format", a->format, "testfloat | fpconform")->capture_default_str();
  gen->add_option("--tininess", a->tininess, "after | before: underflow detected after or "
                                             "before rounding")
      ->capture_default_str();
  gen->add_option("--nan-policy", a->nan_policy,
                  "x86 | arm | arm-default-nan | canonical: which NaN arithmetic returns "
                  "(IEEE 754-2019 6.2.3 leaves it open; fpconform/nan_policy.hpp)")
      ->capture_default_str();
  gen->add_option("-o,--output", a->output, "Write to FILE (default: standard output)");

  auto* check = sub->add_subcommand(
      "check",
      "Run a backend on the inputs of vector files and compare with their expected results. "
      "Exit 0: all match; 1: mismatches; 2: bad input (unknown backend, op or mode, malformed "
      "file), a backend unavailable here, or nothing checked.");
  check->add_option("--backend", a->backend, "Backend to run (see fpconform list)")->required();
  check->add_option("--op", a->op,
                    "testfloat: the file's op (required). fpconform: optional, check only the "
                    "lines of this op");
  check->add_option("--rounding", a->rounding,
                    "testfloat: the file's mode (required unless the op widens). fpconform: "
                    "optional, check only lines of this mode ('exact': only widening ops' lines; "
                    "widening ops' lines match any mode)");
  check->add_option("--format", a->format, "testfloat | fpconform")->capture_default_str();
  check->add_option("--tininess", a->tininess,
                    "after | before: the rule the files' underflow flags assume; a backend "
                    "with the other rule is expected to follow its own (IEEE 754-2019 7.5)")
      ->capture_default_str();
  check->add_option("--max-examples", a->max_examples, "Mismatches shown per file")
      ->capture_default_str();
  check->add_option("--seed", a->seed,
                    "N: the seed of the order each batch of vectors goes to the backend in; "
                    "default: a fresh one, printed");
  check->add_flag("--exact-nans", a->exact_nans,
                  "Compare arithmetic's NaN results bit for bit (sign, payload, quiet bit). "
                  "Default: as TestFloat's verifier without -checkNaNs, any NaN matches an "
                  "expected NaN, since which NaN an operation returns is the implementation's "
                  "choice (IEEE 754-2019 6.2.3). Conversions' NaNs are always compared exactly; "
                  "flags always are.");
  check->add_option("files", a->files, "Vector files")->required();

  return {sub, [a, gen, check]() -> int {
            if (gen->parsed()) return run_gen(*a);
            if (check->parsed()) return run_check(*a);
            return kUsageError;
          }};
}

}  // namespace fpconform::cli
