// RapidCheck properties for every binary32 -> narrow conversion, in every rounding mode, on every
// backend compiled in, one test per (backend, op, rounding) the backend implements: on inputs from
// vectors/generators.hpp (ties, boundaries, NaN payloads ...) the backend's result equals the
// oracle's bit for bit, and its flags too when it reports them.
//
// A backend that declares known deviations for an op (the bitfield specimen) is held to its
// declaration instead: over the edge-case set the suite must find exactly the declared kinds,
// and no random case may show a kind it did not declare.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/classify.hpp"
#include "checks/compare.hpp"
#include "reports/text.hpp"
#include "suites/support/emulator.hpp"
#include "suites/support/known_deviations.hpp"
#include "suites/support/pairs.hpp"
#include "vectors/generators.hpp"

namespace fpconform {

namespace {

// Cases per (backend, op, mode) unless RC_PARAMS sets max_success: RapidCheck's default of 100
// would rarely reach a tie in a given binade (about 0.3% of cases hit one chosen binade's tie).
// 100000 cases take about 0.1 s; under emulation (FPCONFORM_EMULATOR, set by the cross build's
// test runner) about 1 s, so there 25000 (still about 75 ties a binade), said in the output:
// 200 tests took 211 s of CI's aarch64 run.
constexpr int kCases = 100000;
constexpr int kEmulatedCases = 25000;

// The boundaries the generators aim at agree with the table of special values.
static_assert(generators::boundaries(kBinary16).zero_tie == 0x33000000u);
static_assert(generators::boundaries(kBinary16).max_subnormal == 0x387FC000u);
static_assert(generators::boundaries(kBinary16).min_normal == 0x38800000u);
static_assert(generators::boundaries(kBinary16).max_finite == 0x477FE000u);
static_assert(generators::boundaries(kBinary16).overflow_tie == 0x477FF000u);
static_assert(generators::boundaries(kE4m3fn).max_finite == 0x43E00000u);
static_assert(generators::boundaries(kE4m3fn).overflow_tie == 0x43E80000u);
static_assert(generators::boundaries(kE5m2).overflow_tie == 0x47700000u);
static_assert(generators::boundaries(kBfloat16).overflow_tie == 0x7F7F8000u);
static_assert(generators::boundaries(kBfloat16).next_binade == 0x7F800000u);
static_assert(generators::boundaries(kTf32).max_finite == 0x7F7FE000u);

// A (backend, op, rounding) the backend implements: suites/support/pairs.hpp.
class NarrowProperties : public ::testing::TestWithParam<Triple> {};

// One case through the backend: the deviation, if any, and the text that shows it.
struct Outcome {
  std::optional<DeviationKind> kind;
  std::string text;
};

Outcome run_one(const Backend& b, Op op, Rounding r, std::uint32_t input) {
  const OpInfo& i = info(op);
  unsigned char in[8], out[8] = {};  // a container (load/store_container) is up to 8 bytes
  Flags flags = 0;
  store_container(*i.src, in, 0, input);
  b.convert(op, r, in, out, 1, b.reports_flags() ? &flags : nullptr);
  const std::uint32_t got = load_container(*i.dst, out, 0);
  const oracle::Result want = oracle::convert(op, input, r, b.tininess());
  Outcome o;
  o.kind = classify_deviation(op, input, got, flags, b.reports_flags(), want);
  if (o.kind) {
    const Example e{.input = input, .got = got, .expected = want.bits, .got_flags = flags,
                    .expected_flags = want.flags, .flags_compared = b.reports_flags(),
                    .case_class = classify_case(op, input, want), .kind = *o.kind};
    o.text = std::string(b.name()) + " " + std::string(name(op)) + " " + std::string(name(r)) +
             "\n" + format_example(b.name(), op, name(r), e, 0);
  }
  return o;
}

// Runs prop (a RapidCheck property) with kCases cases; a failure message carries the shrunk
// counterexample and our text for it. RC_PARAMS still sets seed, max_success and reproduce.
template <typename Property>
void check_property(const std::string& id, Property prop) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (params.maxSuccess == rc::detail::TestParams{}.maxSuccess) {
    params.maxSuccess = emulator() ? kEmulatedCases : kCases;
    if (emulator())
      std::printf("*** REDUCED under %s: %d cases, not %d (RC_PARAMS=\"max_success=N\" to choose) ***\n",
                  emulator(), kEmulatedCases, kCases);
  }
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = id;
  const auto result = rc::detail::checkTestable(prop, metadata, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream s;
    rc::detail::printResultMessage(result, s);
    ADD_FAILURE() << s.str();
  }
}

TEST_P(NarrowProperties, Hold) {
  const Backend& b = *GetParam().backend;
  const Op op = GetParam().op;
  const Rounding r = GetParam().r;
  if (const Availability a = b.available(); !a.ok)
    GTEST_SKIP() << b.name() << " unavailable: " << a.reason;

  const Format& dst = *info(op).dst;
  const std::set<DeviationKind> declared = declared_kinds(b, op, r);
  const std::string id = std::string(b.name()) + "/" + std::string(name(op)) + "/" +
                         std::string(name(r));

  const rc::Gen<std::uint32_t> inputs = generators::binary32_for(dst);

  if (declared.empty()) {  // bit-exact: any deviation is a counterexample
    check_property(id, [&] {
      const std::uint32_t x = *inputs;
      const Outcome o = run_one(b, op, r, x);
      if (o.kind) RC_FAIL(o.text);
    });
    return;
  }

  // A declared specimen. The edge-case set must show exactly the declared kinds ...
  CompareOptions opts;
  opts.max_examples = 5;
  const fpconform::Run run = compare(b, op, r, InputSet(op, *InputSpec::parse("edge")), opts);
  const KindsComparison kinds = compare_kinds(declared, run);
  EXPECT_GT(run.mismatches, 0u) << b.name() << " declares deviations in " << name(op)
                                << " but the edge cases found none";
  EXPECT_TRUE(kinds.exact()) << b.name() << ' ' << name(op) << ' ' << name(r) << " over "
                             << run.total << " edge cases: " << kinds.text << "\n"
                             << format_examples(run);

  // ... and the random cases no kind beyond them.
  check_property(id + "/declared-kinds-only", [&] {
    const std::uint32_t x = *inputs;
    const Outcome o = run_one(b, op, r, x);
    if (o.kind && !declared.count(*o.kind)) RC_FAIL("undeclared deviation: " + o.text);
  });
}

// Narrow/NarrowProperties.Hold/eigen_f16c_f32_to_e4m3_rne
INSTANTIATE_TEST_SUITE_P(Narrow, NarrowProperties,
                         ::testing::ValuesIn(implemented(binary32_pairs())), triple_name);

}  // namespace
}  // namespace fpconform
