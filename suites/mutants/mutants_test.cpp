// The suite has teeth: every mutant (mutants.cpp, one deliberate defect each) is caught with
// exactly the deviation kind it declares, by the RapidCheck property of
// narrow_properties_test.cpp and by a sweep of its inputs; and the correct `portable` backend
// passes the same property and the same sweep, so each test can fail both ways.
//
// Built twice from this source: mutants_test sweeps windows around the destination's
// boundaries (label mutants, quick); mutants_exhaustive (FPCONFORM_EXHAUSTIVE, label
// exhaustive) sweeps all 2^32 inputs.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/detail/TestListenerAdapter.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/classify.hpp"
#include "checks/compare.hpp"
#include "checks/sweep.hpp"
#include "reports/text.hpp"
#include "suites/support/known_deviations.hpp"
#include "suites/support/pairs.hpp"
#include "suites/support/test_names.hpp"
#include "vectors/generators.hpp"

namespace fpconform {

[[maybe_unused]] static void PrintTo(const Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

using C = CaseClass;

// Where each mutant's mismatches may lie (the oracle's class of the case): its defect and
// nothing else. Every mutant registered must have a row, and every row a mutant.
struct Where {
  std::string_view mutant;
  std::set<CaseClass> classes;
};
const std::vector<Where> kWhere{
    // Ties in the subnormal range are classed by their (subnormal or zero) rne result.
    {"mutant-truncate", {C::normal, C::exact_tie, C::underflow_subnormal}},
    {"mutant-ties-away", {C::exact_tie, C::underflow_subnormal, C::underflow_zero}},
    {"mutant-ftz", {C::underflow_subnormal}},
    {"mutant-snan-unquieted", {C::signaling_nan}},
    {"mutant-nan-sign", {C::quiet_nan, C::signaling_nan}},
    {"mutant-nan-to-inf", {C::quiet_nan, C::signaling_nan}},
    {"mutant-overflow-ulp", {C::overflow}},
    {"mutant-overflow-early", {C::normal}},
    // bfloat16 has binary32's exponent range: binary32 subnormals round to its subnormals.
    {"mutant-bf16-truncate",
     {C::normal, C::exact_tie, C::underflow_subnormal, C::subnormal_input}},
};

const Where* where(std::string_view mutant) {
  for (const Where& w : kWhere)
    if (w.mutant == mutant) return &w;
  return nullptr;
}

// A mutant of an arithmetic op (mutants.cpp, second half): checked by ArithMutants below.
bool arithmetic_mutant(const Backend& b) {
  for (const OpInfo& i : kOps)
    if (is_arithmetic(i.op) && b.implements(i.op, Rounding::rne)) return true;
  return false;
}

// The conversion mutants: the property and the sweep below are about narrowing binary32.
std::vector<const Backend*> mutants() {
  std::vector<const Backend*> m;
  for (const Backend* b : backends())
    if (b->kind() == BackendKind::mutant && !arithmetic_mutant(*b)) m.push_back(b);
  return m;
}

std::vector<const Backend*> arith_mutants() {
  std::vector<const Backend*> m;
  for (const Backend* b : backends())
    if (b->kind() == BackendKind::mutant && arithmetic_mutant(*b)) m.push_back(b);
  return m;
}

const Backend& reference() {
  const Backend* p = find_backend("portable");
  if (p == nullptr) throw std::logic_error("the portable backend is not compiled in");
  return *p;
}

// The one (op, rounding) a mutant implements.
std::pair<Op, Rounding> target(const Backend& b) {
  const std::vector<Triple> t =
      implemented(all_pairs(), [&](const Backend& x) { return &x == &b; });
  if (t.size() != 1)
    throw std::logic_error(std::string(b.name()) + " must implement exactly one (op, rounding)");
  return {t[0].op, t[0].r};
}

std::string kinds_list(const std::set<DeviationKind>& kinds) {
  std::string s;
  for (DeviationKind k : kinds) s += (s.empty() ? "" : ", ") + std::string(name(k));
  return s.empty() ? "none" : s;
}

std::string header(const Backend& b, Op op, Rounding r) {
  return std::string(b.name()) + " " + std::string(name(op)) + " " + std::string(name(r));
}

// ---- 1. The property ------------------------------------------------------------------------

constexpr std::uint64_t kSeed = 0x6D7574616E747321;  // fixed: the test is deterministic
constexpr int kCases = 100000;                       // about 0.2 s for a backend that passes

struct PropertyOutcome {
  bool failed = false;
  std::string message;                   // RapidCheck's, with the shrunk counterexample
  std::optional<DeviationKind> kind;     // the shrunk counterexample's
  std::uint32_t input = 0;
  std::set<DeviationKind> seen;          // of every failing case met, shrinking included
};

// narrow_properties_test.cpp's property: on the generators' inputs the backend equals the
// oracle bit for bit. The failure message carries a tag that names the kind and the input.
PropertyOutcome run_property(const Backend& b, Op op, Rounding r) {
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  const rc::Gen<std::uint32_t> inputs = generators::binary32_for(dst);
  PropertyOutcome out;
  auto prop = [&] {
    const std::uint32_t x = *inputs;
    unsigned char in[4], got_buf[4] = {};
    store_container(src, in, 0, x);
    b.convert(op, r, in, got_buf, 1, nullptr);
    const std::uint32_t got = load_container(dst, got_buf, 0);
    const oracle::Result want = oracle::convert(op, x, r, b.tininess());
    const auto kind = classify_deviation(op, x, got, 0, false, want);
    if (!kind) return;
    out.seen.insert(*kind);
    char tag[64];
    std::snprintf(tag, sizeof tag, "[kind %s input 0x%08X]", std::string(name(*kind)).c_str(), x);
    const Example e{x, got, want.bits, 0, want.flags, false, classify_case(op, x, want), *kind};
    RC_FAIL(std::string(tag) + "\n" + format_example(b.name(), op, name(r), e, 0));
  };
  rc::detail::TestParams params;
  params.seed = kSeed;
  params.maxSuccess = kCases;
  rc::detail::TestMetadata metadata;
  metadata.id = header(b, op, r);
  metadata.description = metadata.id;
  rc::detail::TestListenerAdapter quiet;  // no "properties had failures" note: they must fail
  const auto result = rc::detail::checkTestable(prop, metadata, params, quiet);
  std::ostringstream s;
  rc::detail::printResultMessage(result, s);
  out.message = s.str();
  rc::detail::FailureResult failure;
  if (result.match(failure)) {
    out.failed = true;
    const auto at = failure.description.find("[kind ");
    char kind[32] = {};
    unsigned input = 0;
    if (at != std::string::npos &&
        std::sscanf(failure.description.c_str() + at, "[kind %31s input 0x%X]", kind, &input) == 2) {
      out.kind = parse_deviation_kind(kind);
      out.input = input;
    }
  }
  return out;
}

// ---- 2. The sweep ---------------------------------------------------------------------------

// Windows of inputs for the quick sweep: 2^16 inputs around each of the destination's
// boundaries (generators.hpp), 1, infinity and the NaNs (signaling ones with payload only in
// the low bits, both sides of the quiet bit, the top), both signs, overlaps merged.
using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;  // [first, last)

[[maybe_unused]] Ranges windows(const Format& dst) {
  const generators::Boundaries b = generators::boundaries(dst);
  const std::uint32_t points[] = {b.max_finite,    b.overflow_tie, b.next_binade,
                                  b.min_normal,    b.max_subnormal, b.normal_tie,
                                  b.min_subnormal, b.zero_tie,      0x3F800000u,
                                  0x7F800000u,     0x7FC00000u,     0x7FFFFFFFu};
  constexpr std::uint64_t kHalf = 1 << 15;
  constexpr std::uint64_t kSign = 0x80000000u;
  Ranges w;
  for (std::uint64_t sign : {std::uint64_t{0}, kSign})
    for (std::uint32_t p : points)
      w.emplace_back(sign + (p < kHalf ? 0 : p - kHalf), sign + std::min(p + kHalf, kSign));
  std::sort(w.begin(), w.end());
  Ranges merged;
  for (const auto& [lo, hi] : w)
    if (!merged.empty() && lo <= merged.back().second)
      merged.back().second = std::max(merged.back().second, hi);
    else
      merged.emplace_back(lo, hi);
  return merged;
}

// Adds run r (one window of the same job) into the sum s.
void accumulate(Run& s, const Run& r) {
  if (s.backend.empty()) {
    s = r;
    return;
  }
  s.total += r.total;
  s.mismatches += r.mismatches;
  s.untolerated += r.untolerated;
  for (int i = 0; i < kCaseClassCount; ++i) s.by_class[i] += r.by_class[i];
  for (int i = 0; i < kDeviationKindCount; ++i) s.by_kind[i] += r.by_kind[i];
  for (const Example& e : r.examples)
    if (s.examples.size() < 10) s.examples.push_back(e);
  s.seconds += r.seconds;
  if (r.status == Status::failed) s.status = Status::failed;
}

// Every mutant of one (op, rounding) and the portable backend, swept together (the oracle's
// results computed once per block), once per process: the exhaustive program runs every test
// in one process.
const Run& swept(const Backend& b, Op op, Rounding r) {
  static std::map<std::pair<Op, Rounding>, std::map<std::string, Run, std::less<>>> cache;
  auto& runs = cache[{op, r}];
  if (runs.empty()) {
    std::vector<SweepJob> jobs{{&reference(), op, r}};
    for (const Backend* m : mutants())
      if (target(*m) == std::pair{op, r}) jobs.push_back({m, op, r});
    std::vector<Run> sums(jobs.size());
    SweepOptions o;
#ifdef FPCONFORM_EXHAUSTIVE
    const Ranges ranges{{0, std::uint64_t{1} << 32}};
    int shown = -1;
    o.progress = [&](std::uint64_t done, std::uint64_t total) {
      const int pct = static_cast<int>(100 * done / std::max<std::uint64_t>(total, 1));
      if (pct / 10 != shown / 10 || pct == 100)
        std::cerr << "sweeping " << name(op) << " " << name(r) << " on " << jobs.size()
                  << " backends: " << pct << "%\n";
      shown = pct;
    };
#else
    const auto ranges = windows(*info(op).dst);
#endif
    for (const auto& [first, last] : ranges) {
      o.first = first;
      o.last = last;
      const std::vector<Run> part = sweep(jobs, o);
      for (std::size_t j = 0; j < jobs.size(); ++j) accumulate(sums[j], part[j]);
    }
    if (ranges.size() > 1)
      std::cout << "NOTE: " << name(op) << " " << name(r) << " swept on " << sums[0].total
                << " inputs in " << ranges.size() << " windows around the boundaries, not all "
                << "2^32: not exhaustive (mutants_exhaustive sweeps all)\n";
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (ranges.size() > 1) sums[j].inputs = std::to_string(ranges.size()) + " windows";
      runs.emplace(sums[j].backend, std::move(sums[j]));
    }
  }
  return runs.at(std::string(b.name()));
}

// ---- The tests ------------------------------------------------------------------------------

class Mutants : public ::testing::TestWithParam<const Backend*> {};

TEST_P(Mutants, property) {
  const Backend& m = *GetParam();
  const auto [op, r] = target(m);
  const std::set<DeviationKind> declared = declared_kinds(m, op);
  ASSERT_FALSE(declared.empty()) << m.name() << " declares no deviation in " << name(op);

  const PropertyOutcome caught = run_property(m, op, r);
  ASSERT_TRUE(caught.failed) << header(m, op, r) << ": the property missed the mutant in "
                             << kCases << " cases (declared: " << kinds_list(declared) << ")";
  ASSERT_TRUE(caught.kind.has_value()) << "no [kind ...] tag in the counterexample:\n"
                                       << caught.message;
  EXPECT_TRUE(declared.count(*caught.kind))
      << header(m, op, r) << ": counterexample of kind " << name(*caught.kind)
      << ", declared: " << kinds_list(declared) << "\n" << caught.message;
  EXPECT_TRUE(std::includes(declared.begin(), declared.end(), caught.seen.begin(),
                            caught.seen.end()))
      << header(m, op, r) << ": failing cases met while searching and shrinking were of kinds "
      << kinds_list(caught.seen) << ", declared: " << kinds_list(declared);
  const oracle::Result want = oracle::convert(op, caught.input, r);
  const CaseClass cls = classify_case(op, caught.input, want);
  if (const Where* w = where(m.name())) {
    EXPECT_TRUE(w->classes.count(cls)) << header(m, op, r) << ": counterexample of class "
                                       << name(cls) << "\n" << caught.message;
  }
  std::cout << header(m, op, r) << ": property (seed " << kSeed << ", up to " << kCases
            << " cases) caught it, kind " << name(*caught.kind) << "\n"
            << caught.message << "\n";

  // The control: the same property, seed and cases pass on the correct backend.
  ASSERT_TRUE(reference().implements(op, r)) << "portable does not implement " << name(op);
  const PropertyOutcome control = run_property(reference(), op, r);
  EXPECT_FALSE(control.failed) << "portable " << name(op) << " " << name(r)
                               << " fails the property it catches " << m.name() << " with:\n"
                               << control.message;
}

TEST_P(Mutants, sweep) {
  const Backend& m = *GetParam();
  const auto [op, r] = target(m);
  const std::set<DeviationKind> declared = declared_kinds(m, op);

  const fpconform::Run& run = swept(m, op, r);
  ASSERT_EQ(run.status == Status::skipped || run.status == Status::unimplemented, false)
      << header(m, op, r) << ": " << run.reason;
  ASSERT_GT(run.total, 0u);
  const KindsComparison kinds = compare_kinds(declared, run);
  EXPECT_TRUE(kinds.exact()) << header(m, op, r) << " over " << run.total << " inputs ("
                             << run.inputs << "): declared " << kinds_list(declared) << "; "
                             << kinds.text << "\n" << format_examples(run);
  if (const Where* w = where(m.name())) {
    for (int c = 0; c < kCaseClassCount; ++c)
      EXPECT_TRUE(run.by_class[c] == 0 || w->classes.count(static_cast<CaseClass>(c)))
          << header(m, op, r) << ": " << run.by_class[c] << " mismatches of class "
          << name(static_cast<CaseClass>(c)) << ", outside its defect\n" << format_examples(run);
  }
  std::cout << header(m, op, r) << " (" << run.inputs << "): " << run.mismatches << " of "
            << run.total << "; by kind: " << kinds_summary(run)
            << "; by class: " << classes_summary(run) << "\n";
  if (!run.examples.empty())
    std::cout << format_example(m.name(), op, name(r), run.examples[0], run.seed) << "\n";

  // The control: the correct backend, on the same inputs, has no mismatch at all.
  ASSERT_TRUE(reference().implements(op, r)) << "portable does not implement " << name(op);
  const fpconform::Run& control = swept(reference(), op, r);
  EXPECT_EQ(control.total, run.total);
  EXPECT_EQ(control.mismatches, 0u) << "portable " << name(op) << " " << name(r) << " over "
                                    << control.total << " inputs: " << kinds_summary(control)
                                    << "\n" << format_examples(control);
}

std::string param_name(const ::testing::TestParamInfo<const Backend*>& info) {
  return test_name(info.param->name());
}

INSTANTIATE_TEST_SUITE_P(Mutant, Mutants, ::testing::ValuesIn(mutants()), param_name);

// ---- Arithmetic mutants ------------------------------------------------------------------------
// Each is run, with portable as the control, on every f16/bf16 operand (sqrt) or on every pair
// of a table of special and boundary operands plus 2^20 seeded random pairs (binary ops:
// sampled, not exhaustive), each mismatch classified as the engine classifies an arithmetic
// mismatch (checks/classify.hpp, ArithContext), through compare().

std::vector<std::uint32_t> arith_words(Op op) {
  std::vector<std::uint32_t> words;
  if (arity(op) == 1) {
    for (std::uint32_t x = 0; x < 0x10000; ++x) words.push_back(x);
    return words;
  }
  const Format& f = *info(op).src;
  const std::uint32_t inf = f.exp_mask() << f.frac_bits, one = std::uint32_t(f.bias) << f.frac_bits;
  std::vector<std::uint32_t> s{0, 1, f.frac_mask(), f.frac_mask() + 1, one, one + 1, inf - 1, inf,
                               inf | f.quiet_bit(), inf | f.quiet_bit() | 1, inf | 1,
                               inf | (f.quiet_bit() >> 1)};
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) s.push_back(s[i] | 0x8000);
  for (std::uint32_t a : s)
    for (std::uint32_t b : s) words.push_back(a << 16 | b);
  std::uint32_t x = 0x9E3779B9u;
  for (int i = 0; i < (1 << 20); ++i) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;  // xorshift32, fixed seed
    words.push_back(x);
  }
  return words;
}

// Mismatches by kind of b on op (rne) over arith_words(op), as compare() finds them.
// mulAdd: its hard cases (vectors/mul_add_cases.hpp), 2^16 of them.
std::map<DeviationKind, std::uint64_t> arith_kinds(const Backend& b, Op op) {
  InputSpec spec;
  spec.kind = InputSpec::Kind::values;
  if (arity(op) == 3) {
    spec = *InputSpec::parse("hard:65536:1");
  } else {
    for (std::uint32_t w : arith_words(op))
      for (int i = 0; i < arity(op); ++i) spec.values.push_back(operand(op, w, i));
  }
  const fpconform::Run run = compare(b, op, Rounding::rne, InputSet(op, spec), CompareOptions{});
  std::map<DeviationKind, std::uint64_t> kinds;
  for (int k = 0; k < kDeviationKindCount; ++k)
    if (run.by_kind[k]) kinds[static_cast<DeviationKind>(k)] = run.by_kind[k];
  return kinds;
}

class ArithMutants : public ::testing::TestWithParam<const Backend*> {};

TEST_P(ArithMutants, caught_with_its_kind) {
  const Backend& m = *GetParam();
  const auto [op, r] = target(m);
  const std::set<DeviationKind> declared = declared_kinds(m, op);
  const auto kinds = arith_kinds(m, op);
  std::set<DeviationKind> found;
  std::string text;
  for (const auto& [k, n] : kinds) found.insert(k), text += std::string(name(k)) + " (" + std::to_string(n) + ") ";
  EXPECT_EQ(found, declared) << header(m, op, r) << ": found " << text << "declared "
                             << kinds_list(declared);
  std::cout << header(m, op, r) << " (sampled, not exhaustive): " << text << "\n";
  const auto control = arith_kinds(reference(), op);
  EXPECT_TRUE(control.empty()) << "portable " << name(op) << " deviates on the same inputs";
}

INSTANTIATE_TEST_SUITE_P(Mutant, ArithMutants, ::testing::ValuesIn(arith_mutants()), param_name);

// Every mutant the brief requires is compiled in, and each says where it deviates.
TEST(MutantRegistry, every_row_has_a_mutant_and_every_mutant_a_row) {
  for (const Where& w : kWhere) {
    const Backend* b = find_backend(w.mutant);
    ASSERT_NE(b, nullptr) << w.mutant << " is not compiled in";
    EXPECT_EQ(b->kind(), BackendKind::mutant) << w.mutant;
  }
  for (const Backend* b : mutants())
    EXPECT_NE(where(b->name()), nullptr) << b->name() << " has no row in kWhere";
  EXPECT_EQ(arith_mutants().size(), 7u) << "the arithmetic mutants of mutants.cpp";
}

}  // namespace
}  // namespace fpconform
