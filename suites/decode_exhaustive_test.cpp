// Every input of every widening conversion (2^16 for f16/bf16, 2^8 for e4m3/e5m2), on every
// backend compiled in, against the oracle, bit for bit (and flags where the backend reports
// them). A backend that declares known deviations for an op must show exactly those kinds.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <sstream>
#include <string>

#include "fpconform/backend.hpp"
#include "reports/compare.hpp"
#include "reports/fields.hpp"

namespace fpconform {

// How gtest shows a parameter: the backend's name, not its address (found by ADL).
[[maybe_unused]] static void PrintTo(const Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

class DecodeExhaustive : public ::testing::TestWithParam<const Backend*> {
 protected:
  void check(Op op) const;
};

// The examples a run kept, one block each: input, got, expected (hex and fields), the
// classification, and the command that reproduces the case.
std::string describe_examples(const Run& run, Op op) {
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  std::ostringstream s;
  for (const Example& e : run.examples) {
    s << "\n" << run.backend << ' ' << run.op << ' ' << run.rounding
      << "\n  input    " << describe(src, e.input) << "\n  got      " << describe(dst, e.got);
    if (e.flags_compared) s << "  flags " << hex_flags(e.got_flags);
    s << "\n  expected " << describe(dst, e.expected);
    if (e.flags_compared) s << "  flags " << hex_flags(e.expected_flags);
    s << "\n  class " << name(e.case_class) << ", kind " << name(e.kind)
      << "\n  repro: " << repro_command(run.backend, op, run.rounding, e.input);
  }
  if (run.mismatches > run.examples.size())
    s << "\n... and " << run.mismatches - run.examples.size() << " more";
  return s.str();
}

std::string kinds_text(const std::set<DeviationKind>& kinds, const Run& run) {
  std::string s;
  for (DeviationKind k : kinds)
    s += (s.empty() ? "" : ", ") + std::string(name(k)) + " (" +
         std::to_string(run.by_kind[static_cast<std::size_t>(k)]) + ")";
  return s.empty() ? "none" : s;
}

void DecodeExhaustive::check(Op op) const {
  const Backend& b = *GetParam();
  CompareOptions o;
  o.max_examples = 10;
  const InputSet inputs(op, InputSpec{});  // exhaustive
  const fpconform::Run run = compare(b, op, Rounding::rne, inputs, o);
  if (run.status == Status::skipped) GTEST_SKIP() << b.name() << " unavailable: " << run.reason;
  if (run.status == Status::unimplemented) GTEST_SKIP() << "unimplemented: " << run.reason;
  ASSERT_EQ(run.total, input_space(op)) << "not every input was checked";

  std::set<DeviationKind> declared;
  for (const KnownDeviation& d : b.known_deviations())
    if (d.op == op) declared.insert(d.kind);

  std::set<DeviationKind> found, missing, unexpected;
  for (int k = 0; k < kDeviationKindCount; ++k)
    if (run.by_kind[k]) found.insert(static_cast<DeviationKind>(k));

  if (declared.empty()) {  // bit-exact: any mismatch fails
    EXPECT_EQ(run.mismatches, 0u)
        << run.mismatches << " of " << run.total << " inputs differ from the oracle, by kind: "
        << kinds_text(found, run) << describe_examples(run, op);
    return;
  }
  // A declared specimen: the suite must find its deviations, exactly the declared kinds.
  for (DeviationKind k : declared)
    if (!found.count(k)) missing.insert(k);
  for (DeviationKind k : found)
    if (!declared.count(k)) unexpected.insert(k);
  EXPECT_GT(run.mismatches, 0u) << b.name() << " declares deviations in " << name(op)
                                << " but the exhaustive sweep found none";
  EXPECT_TRUE(missing.empty() && unexpected.empty())
      << b.name() << ' ' << name(op) << " over " << run.total << " inputs: found "
      << kinds_text(found, run) << "; declared but not found: " << kinds_text(missing, run)
      << "; found but not declared: " << kinds_text(unexpected, run) << describe_examples(run, op);
}

TEST_P(DecodeExhaustive, f16_to_f32) { check(Op::f16_to_f32); }
TEST_P(DecodeExhaustive, bf16_to_f32) { check(Op::bf16_to_f32); }
TEST_P(DecodeExhaustive, e4m3_to_f32) { check(Op::e4m3_to_f32); }
TEST_P(DecodeExhaustive, e5m2_to_f32) { check(Op::e5m2_to_f32); }

// gtest names allow letters, digits and '_': any other character of a backend name becomes '_'.
std::string backend_test_name(const ::testing::TestParamInfo<const Backend*>& info) {
  std::string s(info.param->name());
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Decode, DecodeExhaustive, ::testing::ValuesIn(backends()),
                         backend_test_name);

}  // namespace
}  // namespace fpconform
