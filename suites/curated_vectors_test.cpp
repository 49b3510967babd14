// The curated vector files (vectors/curated/, results worked out by hand) against the oracle and
// against every backend compiled in, for each op it implements; the vector-file reader's errors;
// write -> read round trips.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "fpconform/error.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "oracles/softfloat/unpack.hpp"
#include "checks/classify.hpp"
#include "checks/vector_check.hpp"
#include "reports/fields.hpp"
#include "reports/text.hpp"
#include "suites/support/known_deviations.hpp"
#include "suites/support/pairs.hpp"
#include "suites/support/test_names.hpp"
#include "vectors/inputs.hpp"
#include "vectors/vector_file.hpp"

#ifndef FPCONFORM_VECTORS_DIR
#error "FPCONFORM_VECTORS_DIR must name vectors/curated"
#endif

namespace fpconform {

// Test parameters print as names (test lists, ctest names), not as bytes or addresses.
[[maybe_unused]] static void PrintTo(Op op, std::ostream* os) { *os << name(op); }
[[maybe_unused]] static void PrintTo(const Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

// The curated files assume tininess after rounding and, for arithmetic, x86's NaN results, as
// their headers say.
constexpr Tininess kFileTininess = Tininess::after;
constexpr NanPolicy kFileNans = NanPolicy::x86;

std::string curated_path(Op op) {
  return std::string(FPCONFORM_VECTORS_DIR) + "/" + std::string(name(op)) + ".txt";
}

std::string where(const std::string& file, const Vector& v) {
  return file + ":" + std::to_string(v.line) + ": " + std::string(name(v.op)) + " " +
         (v.exact ? "exact" : std::string(name(v.rounding))) + "  # " + v.comment;
}

std::string show(const Format& f, std::uint32_t bits, Flags flags, bool with_flags) {
  return describe(f, bits) + (with_flags ? " flags " + hex_flags(flags) : "");
}

std::vector<Op> all_ops() {
  std::vector<Op> ops;
  for (const OpInfo& i : kOps) ops.push_back(i.op);
  return ops;
}

// ---- what an arithmetic file must cover ------------------------------------------------------

// Exactly halfway between two values of the op's format (subnormals included): inexact, but
// exact with one more fraction bit (same bias, so the subnormal quantum halves too).
bool is_tie(Op op, Word word, Rounding r) {
  if (!(oracle::evaluate(op, word, r, kFileTininess).flags & kInexact)) return false;
  Format finer = *info(op).src;
  finer.frac_bits += 1;
  finer.exp_bits += 1;
  finer.container_bits = 32;
  finer.shift = 0;
  return !(oracle::arith_into(op, word, finer, Rounding::rtz).flags & kInexact);
}

// Each edge an arithmetic file covers, by the classes of its operands and of its results.
std::set<std::string> arith_edges(Op op, const std::vector<Vector>& vs) {
  using K = oracle::Unpacked::Kind;
  const Format& f = *info(op).src;
  std::set<std::string> e;
  for (const Vector& v : vs) {
    bool nan_operand = false;
    for (int i = 0; i < arity(op); ++i) {
      const std::uint32_t x = operand(op, v.input, i);
      const oracle::Unpacked u = oracle::unpack(f, x);
      if (u.kind == K::zero) e.insert("zero operand");
      if (u.kind == K::infinity) e.insert("infinite operand");
      if (u.kind == K::nan) e.insert(u.signaling ? "signaling NaN operand" : "quiet NaN operand");
      if (u.kind == K::finite && (x & (f.exp_mask() << f.frac_bits)) == 0)
        e.insert("subnormal operand");
      if (u.kind == K::finite && u.sign) e.insert("negative operand");
      nan_operand |= u.kind == K::nan;
    }
    const oracle::Unpacked res = oracle::unpack(f, v.expected);
    const bool subnormal_result =
        res.kind == K::finite && (v.expected & (f.exp_mask() << f.frac_bits)) == 0;
    if (res.kind == K::finite && v.flags == 0) e.insert("exact result");
    if (res.kind == K::zero && res.sign && v.flags == 0) e.insert("-0 result");
    if (v.flags == kInexact && res.kind == K::finite) e.insert("inexact result");
    if (is_tie(op, v.input, v.rounding) && !subnormal_result && !(v.flags & kOverflow))
      e.insert("tie");
    if ((v.flags & kOverflow) && res.kind == K::infinity) e.insert("overflow to infinity");
    if ((v.flags & kOverflow) && res.kind == K::finite) e.insert("overflow to max finite");
    if (subnormal_result && v.flags == 0) e.insert("exact subnormal result");
    if (subnormal_result && (v.flags & kUnderflow)) e.insert("underflow to a subnormal");
    if (subnormal_result && is_tie(op, v.input, v.rounding)) e.insert("tie between subnormals");
    if (res.kind == K::zero && (v.flags & kUnderflow)) e.insert("underflow to zero");
    if ((v.flags & kInvalid) && !nan_operand) e.insert("invalid: the default NaN");
    if (v.flags & kInfinite) e.insert("division by zero");
    if (oracle::evaluate(op, v.input, v.rounding, Tininess::after).flags !=
        oracle::evaluate(op, v.input, v.rounding, Tininess::before).flags)
      e.insert("tininess after/before differ");
  }
  return e;
}

// What each kind of operation can show (add and sub never underflow: a sum below 2^emin is a
// multiple of the subnormal quantum; a square root neither overflows, underflows nor ties;
// in division the exact result never lies within half an ulp of 2^emin without being it, so
// tininess after and before rounding agree).
std::vector<std::string> arith_required(Arith a) {
  std::vector<std::string> r = {"zero operand",          "infinite operand",
                                "quiet NaN operand",     "signaling NaN operand",
                                "subnormal operand",     "negative operand",
                                "exact result",          "-0 result",
                                "invalid: the default NaN"};
  const auto add = [&](std::initializer_list<const char*> more) {
    r.insert(r.end(), more.begin(), more.end());
  };
  switch (a) {
    case Arith::add:
    case Arith::sub:
      add({"tie", "overflow to infinity", "overflow to max finite", "exact subnormal result"});
      break;
    case Arith::mul:
      add({"tie", "overflow to infinity", "overflow to max finite", "exact subnormal result",
           "underflow to a subnormal", "tie between subnormals", "underflow to zero",
           "tininess after/before differ"});
      break;
    case Arith::div:
      add({"inexact result", "overflow to infinity", "overflow to max finite",
           "exact subnormal result", "underflow to a subnormal", "tie between subnormals",
           "underflow to zero", "division by zero"});
      break;
    case Arith::sqrt: add({"inexact result"}); break;
    case Arith::mul_add:
      add({"tie", "overflow to infinity", "overflow to max finite", "exact subnormal result",
           "underflow to a subnormal"});
      break;
    case Arith::none: break;
  }
  return r;
}

// ---- the files themselves --------------------------------------------------------------------

class CuratedFile : public ::testing::TestWithParam<Op> {};

TEST_P(CuratedFile, IsReadAndCoversTheEdges) {
  const Op op = GetParam();
  const std::string path = curated_path(op);
  ASSERT_TRUE(std::filesystem::exists(path)) << path << ": no curated file for " << name(op);
  std::vector<Vector> vs;
  ASSERT_NO_THROW(vs = read_vector_file(path, VectorFormat::fpconform)) << path;
  for (const Vector& v : vs) EXPECT_EQ(v.op, op) << where(path, v) << ": a line of another op";
  for (const Vector& v : vs) EXPECT_FALSE(v.comment.empty()) << where(path, v) << ": no reasoning";

  if (is_arithmetic(op)) {
    const std::set<std::string> covered = arith_edges(op, vs);
    for (const std::string& edge : arith_required(info(op).arith))
      EXPECT_TRUE(covered.count(edge)) << path << ": no case of " << edge;
    std::set<Rounding> modes;
    for (const Vector& v : vs) modes.insert(v.rounding);
    EXPECT_EQ(modes.size(), kRoundings.size()) << path << ": not every rounding mode is covered";
    EXPECT_GE(vs.size(), 20u) << path;
    return;
  }

  std::set<CaseClass> classes;
  std::set<Rounding> modes;
  bool tininess_decides = false;  // a case whose underflow flag depends on the tininess rule
  for (const Vector& v : vs) {
    classes.insert(classify_case(op, v.input, {v.expected, v.flags}));
    modes.insert(v.rounding);
    tininess_decides |= oracle::convert(op, v.input, v.rounding, Tininess::after).flags !=
                        oracle::convert(op, v.input, v.rounding, Tininess::before).flags;
  }
  const auto must_have = [&](CaseClass c) {
    EXPECT_TRUE(classes.count(c)) << path << ": no " << name(c) << " case";
  };
  must_have(CaseClass::zero);
  if (info(op).src->has_nan()) must_have(CaseClass::quiet_nan);  // FP6, FP4: no NaN to widen
  if (is_widening(op)) {
    EXPECT_GE(vs.size(), 10u) << path;
    return;
  }
  must_have(CaseClass::signaling_nan);
  must_have(CaseClass::infinity);
  must_have(CaseClass::normal);
  must_have(CaseClass::exact_tie);
  must_have(CaseClass::overflow);
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  if (dst.exp_bits == src.exp_bits) {
    // bf16, tf32: binary32's exponent range, so only f32 subnormals underflow.
    must_have(CaseClass::subnormal_input);
  } else {
    must_have(CaseClass::underflow_subnormal);
    must_have(CaseClass::underflow_zero);
  }
  EXPECT_EQ(modes.size(), kRoundings.size()) << path << ": not every rounding mode is covered";
  EXPECT_TRUE(tininess_decides) << path << ": no case where tininess after/before differ";
  EXPECT_GE(vs.size(), 20u) << path;
}

// Expected results were worked out by hand; the oracle must agree, bits and flags.
TEST_P(CuratedFile, AgreesWithTheOracle) {
  const Op op = GetParam();
  const std::string path = curated_path(op);
  std::vector<Vector> vs;
  ASSERT_NO_THROW(vs = read_vector_file(path, VectorFormat::fpconform)) << path;
  const Format& dst = *info(op).dst;
  for (const Vector& v : vs) {
    const oracle::Result r = oracle::evaluate(op, v.input, v.rounding, kFileTininess, kFileNans);
    EXPECT_TRUE(r.bits == v.expected && r.flags == v.flags)
        << where(path, v) << "\n  input  " << describe_input(op, v.input)
        << "\n  oracle " << show(dst, r.bits, r.flags, true) << "\n  file   "
        << show(dst, v.expected, v.flags, true);
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, CuratedFile, ::testing::ValuesIn(all_ops()),
                         [](const auto& p) { return std::string(name(p.param)); });

// ---- every backend -------------------------------------------------------------------------

// Each (backend, op) where the backend implements the op in at least one mode (the files cover
// every mode): its vectors of the other modes are counted as not implemented.
std::vector<std::tuple<const Backend*, Op>> implemented_ops() {
  std::vector<std::tuple<const Backend*, Op>> out;
  for (const Triple& t : implemented(all_pairs()))
    if (out.empty() || out.back() != std::tuple(t.backend, t.op)) out.emplace_back(t.backend, t.op);
  return out;
}

class CuratedOnBackend : public ::testing::TestWithParam<std::tuple<const Backend*, Op>> {};

TEST_P(CuratedOnBackend, MatchesTheFile) {
  const auto [b, op] = GetParam();
  const Availability a = b->available();
  if (!a.ok) GTEST_SKIP() << b->name() << " unavailable: " << a.reason;

  const std::string path = curated_path(op);
  std::vector<Vector> vs;
  ASSERT_NO_THROW(vs = read_vector_file(path, VectorFormat::fpconform)) << path;

  // Every mismatch reaches the callback (no cap): a declared kind is excused and counted,
  // anything else fails with the vector's FILE:LINE.
  const std::set<DeviationKind> excusable = declared_kinds(*b, op);
  std::map<DeviationKind, int> excused;
  VectorChecker checker(*b, kFileTininess, vs.size(), [&](const Vector& v, const Example& e) {
    if (excusable.count(e.kind)) {
      ++excused[e.kind];
      return;
    }
    ADD_FAILURE() << b->name() << ": " << where(path, v) << "\n"
                  << format_example(b->name(), op, rounding_label(op, v.rounding), e, 0);
  });
  for (const Vector& v : vs) checker.add(v);
  const VectorTally& tally = checker.finish();
  EXPECT_EQ(tally.examples, tally.mismatches);

  std::string skipped;
  for (const auto& [what, n] : tally.unimplemented)
    skipped += (skipped.empty() ? "" : ", ") + what + " " + std::to_string(n);
  std::string excuses;
  for (const auto& [kind, n] : excused)
    excuses += (excuses.empty() ? "" : ", ") + std::string(name(kind)) + " " + std::to_string(n);
  RecordProperty("checked", static_cast<int>(tally.checked));
  if (!skipped.empty()) {
    RecordProperty("unimplemented", skipped);
    std::printf("[          ] %s %s: %llu vectors skipped, not implemented (%s)\n",
                std::string(b->name()).c_str(), std::string(name(op)).c_str(),
                static_cast<unsigned long long>(vs.size() - tally.checked), skipped.c_str());
  }
  if (!excuses.empty()) {
    RecordProperty("excused", excuses);
    std::printf("[          ] %s %s: excused as declared deviations: %s\n",
                std::string(b->name()).c_str(), std::string(name(op)).c_str(), excuses.c_str());
  }
  EXPECT_GT(tally.checked, 0u) << b->name() << " implements " << name(op)
                               << " but in none of the file's modes (" << skipped << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Backends, CuratedOnBackend, ::testing::ValuesIn(implemented_ops()),
    [](const auto& p) {
      return test_name(std::get<0>(p.param)->name()) + "_" +
             std::string(name(std::get<1>(p.param)));
    });

// ---- reader errors: FILE:LINE and the field, never a crash or a silent pass ------------------

constexpr TestFloatContext kF16Rne{Op::f32_to_f16, Rounding::rne};
constexpr TestFloatContext kAddRne{Op::f16_add, Rounding::rne};

std::string error_of(const std::string& text, VectorFormat f,
                     std::optional<TestFloatContext> ctx = std::nullopt) {
  std::istringstream in(text);
  try {
    const std::vector<Vector> vs = read_vectors(in, "mem.vec", f, ctx);
    return "no error: " + std::to_string(vs.size()) + " vectors";
  } catch (const InputError& e) {
    return e.what();
  }
}

struct BadFile {
  const char* what;
  VectorFormat format;
  std::optional<TestFloatContext> ctx;
  const char* text;
  const char* expected;  // the start of the message: "FILE:LINE: field 'FIELD'" and more
};

[[maybe_unused]] void PrintTo(const BadFile& c, std::ostream* os) { *os << c.what; }

class ReaderError : public ::testing::TestWithParam<BadFile> {};

TEST_P(ReaderError, NamesFileLineAndField) {
  const BadFile& c = GetParam();
  const std::string message = error_of(c.text, c.format, c.ctx);
  EXPECT_EQ(message.rfind(c.expected, 0), 0u) << c.what << ": got \"" << message << "\"";
}

constexpr auto kTf = VectorFormat::testfloat;
constexpr auto kFp = VectorFormat::fpconform;

INSTANTIATE_TEST_SUITE_P(
    Malformed, ReaderError,
    ::testing::Values(
        BadFile{"non_hex_input", kTf, kF16Rne, "477FF000 7C00 05\n477FG000 7C00 05\n",
                "mem.vec:2: field 'input': '477FG000' is not hexadecimal"},
        BadFile{"non_hex_flags", kTf, kF16Rne, "477FF000 7C00 0x\n",
                "mem.vec:1: field 'flags': '0x' is not hexadecimal"},
        BadFile{"input_too_wide", kTf, kF16Rne, "1477FF000 7C00 05\n",
                "mem.vec:1: field 'input': value too wide"},
        BadFile{"expected_too_wide", kTf, kF16Rne, "477FF000 17C00 05\n",
                "mem.vec:1: field 'expected': value too wide"},
        BadFile{"expected_short", kTf, kF16Rne, "477FF000 7C0 05\n",
                "mem.vec:1: field 'expected': '7C0' has 3 hex digits"},
        BadFile{"flags_too_wide", kTf, kF16Rne, "477FF000 7C00 005\n",
                "mem.vec:1: field 'flags': value too wide"},
        BadFile{"bad_flags_byte", kTf, kF16Rne, "477FF000 7C00 25\n",
                "mem.vec:1: field 'flags': bad flags byte 25"},
        BadFile{"missing_flags", kTf, kF16Rne, "477FF000 7C00 05\n\n477FF000 7C00\n",
                "mem.vec:3: field 'flags': missing"},
        BadFile{"extra_field", kTf, kF16Rne, "477FF000 7C00 05 01\n",
                "mem.vec:1: field 'end of line': unexpected text"},
        BadFile{"comment_in_testfloat", kTf, kF16Rne, "477FF000 7C00 05  # no comments\n",
                "mem.vec:1: field 'end of line': unexpected text"},
        BadFile{"truncated_mid_field", kTf, kF16Rne, "477FF000 7C00 05\n477FF000 7C",
                "mem.vec:2: field 'flags': missing"},
        BadFile{"truncated_flags", kTf, kF16Rne, "477FF000 7C00 05\n477FF000 7C00 0",
                "mem.vec:2: field 'flags': '0' has 1 hex digits, the flags byte takes exactly 2 "
                "(file truncated?"},
        BadFile{"empty_file", kTf, kF16Rne, "", "mem.vec:1: field 'vector': empty file"},
        BadFile{"blank_file", kTf, kF16Rne, "\n  \n", "mem.vec:2: field 'vector': no test vectors"},
        BadFile{"fp8_input_width", kTf, TestFloatContext{Op::e4m3_to_f32}, "038 3F800000 00\n",
                "mem.vec:1: field 'input': value too wide: '038' has 3 hex digits, the e4m3fn"},
        BadFile{"unknown_op", kFp, std::nullopt, "# c\nf32_to_f8 rne 3F800000 38 00\n",
                "mem.vec:2: field 'op': unknown op 'f32_to_f8'"},
        BadFile{"unknown_rounding", kFp, std::nullopt, "f32_to_f16 nearest 3F800000 3C00 00\n",
                "mem.vec:1: field 'rounding': unknown rounding 'nearest'"},
        BadFile{"exact_narrowing", kFp, std::nullopt, "f32_to_f16 exact 3F800000 3C00 00\n",
                "mem.vec:1: field 'rounding': 'exact' is only for widening ops"},
        BadFile{"tf32_low_bits", kFp, std::nullopt, "f32_to_tf32 rne 3F800000 3F800001 00\n",
                "mem.vec:1: field 'expected': value too wide: 3F800001 sets bits outside tf32"},
        BadFile{"e4m3_expected_width", kFp, std::nullopt, "f32_to_e4m3 rne 3F800000 038 00\n",
                "mem.vec:1: field 'expected': value too wide"},
        BadFile{"widening_expected_short", kFp, std::nullopt, "f16_to_f32 exact 3C00 3F80000 00\n",
                "mem.vec:1: field 'expected': '3F80000' has 7 hex digits"},
        BadFile{"missing_after_comment", kFp, std::nullopt, "f32_to_f16 rne 3F800000  # 1.0\n",
                "mem.vec:1: field 'expected': missing"},
        BadFile{"fpconform_truncated", kFp, std::nullopt,
                "f32_to_f16 rne 3F800000 3C00 00\nf32_to_f16 rne 3F80",
                "mem.vec:2: field 'expected': missing"},
        BadFile{"comments_only", kFp, std::nullopt, "# nothing\n\n# here\n",
                "mem.vec:3: field 'vector': no test vectors"},
        BadFile{"control_characters", kFp, std::nullopt, "f32_to_f16 rne 3F80\x01" "000 3C00 00\n",
                "mem.vec:1: field 'input': '3F80\\x01000' is not hexadecimal"},
        // two operands: each is its own field, named by its position
        BadFile{"operand_2_not_hex", kTf, kAddRne, "3C00 4000 4200 00\n3C00 4G00 4200 00\n",
                "mem.vec:2: field 'operand 2': '4G00' is not hexadecimal"},
        BadFile{"operand_1_too_wide", kTf, kAddRne, "3C000 4000 4200 00\n",
                "mem.vec:1: field 'operand 1': value too wide"},
        BadFile{"operands_as_one_word", kTf, kAddRne, "3C004000 4200 00\n",
                "mem.vec:1: field 'flags': missing: the line has 3 of its 4 fields"},
        BadFile{"binary_missing_flags", kTf, kAddRne, "3C00 4000 4200\n",
                "mem.vec:1: field 'flags': missing: the line has 3 of its 4 fields (operand 1 "
                "operand 2 expected flags)"},
        BadFile{"binary_one_operand", kFp, std::nullopt, "f16_add rne 3C00 4200 00\n",
                "mem.vec:1: field 'flags': missing: the line has 5 of its 6 fields (op rounding "
                "operand 1 operand 2 expected flags)"},
        BadFile{"binary_operand_2_short", kFp, std::nullopt, "bf16_mul rne 3F80 400 4000 00\n",
                "mem.vec:1: field 'operand 2': '400' has 3 hex digits"},
        BadFile{"unary_extra_operand", kFp, std::nullopt, "f16_sqrt rne 4400 4400 4000 00\n",
                "mem.vec:1: field 'end of line': unexpected text after the flags: '00'"},
        BadFile{"binary_truncated", kTf, kAddRne, "3C00 4000 4200 00\n3C00 4000 42",
                "mem.vec:2: field 'flags': missing"},
        BadFile{"binary_truncated_flags", kTf, kAddRne, "3C00 4000 4200 00\n3C00 4000 4200 0",
                "mem.vec:2: field 'flags': '0' has 1 hex digits, the flags byte takes exactly 2 "
                "(file truncated?"}),
    [](const auto& p) { return std::string(p.param.what); });

TEST(VectorReader, TestFloatReadingIsTolerantOfCaseSpacesAndLineEnds) {
  std::istringstream in("  477ff000\t 7c00   05 \r\n\n3F801000 3C00 01");  // last line complete
  const std::vector<Vector> vs = read_vectors(in, "mem.vec", kTf, kF16Rne);
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs[0].input, 0x477FF000u);
  EXPECT_EQ(vs[0].expected, 0x7C00u);
  EXPECT_EQ(vs[0].flags, kOverflow | kInexact);
  EXPECT_EQ(vs[0].line, 1u);
  EXPECT_EQ(vs[1].line, 3u);
  EXPECT_EQ(vs[1].op, Op::f32_to_f16);
  EXPECT_EQ(vs[1].rounding, Rounding::rne);
}

TEST(VectorReader, FpconformLinesCarryOpModeAndComment) {
  std::istringstream in(
      "# header\n"
      "f32_to_f16 near_maxMag 3F801000 3C01 01#no space before the comment\n"
      "  e5m2_to_f32   exact 7D 7FE00000 10   #  signaling  \n"
      "f16_to_f32 rtz 3C00 3F800000 00\n");
  const std::vector<Vector> vs = read_vectors(in, "mem.vec", kFp);
  ASSERT_EQ(vs.size(), 3u);
  EXPECT_EQ(vs[0].rounding, Rounding::rna);
  EXPECT_EQ(vs[0].comment, "no space before the comment");
  EXPECT_EQ(vs[0].line, 2u);
  EXPECT_TRUE(vs[1].exact);
  EXPECT_EQ(vs[1].op, Op::e5m2_to_f32);
  EXPECT_EQ(vs[1].flags, kInvalid);
  EXPECT_EQ(vs[1].comment, "signaling");
  EXPECT_FALSE(vs[2].exact);  // a mode on a widening op is accepted (and ignored when run)
  EXPECT_EQ(vs[2].rounding, Rounding::rtz);
}

TEST(VectorReader, TwoOperandsAreOneInputWordFirstOperandHigh) {
  std::istringstream tf("3C00 4000 4200 00\n  3c00\t bc00 0000 00\r\n");
  const std::vector<Vector> vs = read_vectors(tf, "mem.vec", kTf, kAddRne);
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs[0].op, Op::f16_add);
  EXPECT_EQ(vs[0].input, 0x3C004000u);
  EXPECT_EQ(operand(Op::f16_add, vs[0].input, 0), 0x3C00u);
  EXPECT_EQ(operand(Op::f16_add, vs[0].input, 1), 0x4000u);
  EXPECT_EQ(vs[0].expected, 0x4200u);
  EXPECT_EQ(vs[1].input, 0x3C00BC00u);

  std::istringstream fp(
      "bf16_div rdn 3F80 4040 3EAA 01  # 1/3 down\n"
      "f16_sqrt rne 4400 4000 00\n");
  const std::vector<Vector> ws = read_vectors(fp, "mem.vec", kFp);
  ASSERT_EQ(ws.size(), 2u);
  EXPECT_EQ(ws[0].op, Op::bf16_div);
  EXPECT_EQ(ws[0].rounding, Rounding::rdn);
  EXPECT_EQ(ws[0].input, 0x3F804040u);
  EXPECT_EQ(ws[0].expected, 0x3EAAu);
  EXPECT_EQ(ws[0].flags, kInexact);
  EXPECT_EQ(ws[0].comment, "1/3 down");
  EXPECT_EQ(ws[1].input, 0x4400u);
}

TEST(VectorReader, AMissingFileIsAnInputError) {
  EXPECT_THROW(read_vector_file("/nonexistent/vectors.txt", kFp), InputError);
}

// ---- writing, and write -> read round trips ------------------------------------------------

TEST(VectorWriter, WritesExactlyWhatTestFloatWritesAndTheSplitCommentFormat) {
  Vector v;
  v.op = Op::f32_to_f16;
  v.rounding = Rounding::rne;
  v.input = 0x477FF000;
  v.expected = 0x7C00;
  v.flags = kOverflow | kInexact;
  v.comment = "65520: ties to even -> overflow to +inf";
  EXPECT_EQ(format_vector_line(v, kTf), "477FF000 7C00 05\n");
  EXPECT_EQ(format_vector_line(v, kFp),
            "f32_to_f16 rne 477FF000 7C00 05  # 65520: ties to even -> overflow to +inf\n");
  v.comment.clear();
  EXPECT_EQ(format_vector_line(v, kFp), "f32_to_f16 rne 477FF000 7C00 05\n");

  Vector w;
  w.op = Op::e4m3_to_f32;
  w.exact = true;
  w.input = 0x7F;
  w.expected = 0x7FF00000;
  w.comment = "two\nlines";
  EXPECT_EQ(format_vector_line(w, kTf), "7F 7FF00000 00\n");
  EXPECT_EQ(format_vector_line(w, kFp), "e4m3_to_f32 exact 7F 7FF00000 00  # two lines\n");
}

TEST(VectorWriter, WritesEachOperandAsItsOwnField) {
  Vector v;
  v.op = Op::f16_add;
  v.rounding = Rounding::rne;
  v.input = 0x3C004000;
  v.expected = 0x4200;
  v.comment = "1 + 2 = 3";
  EXPECT_EQ(format_vector_line(v, kTf), "3C00 4000 4200 00\n");
  EXPECT_EQ(format_vector_line(v, kFp), "f16_add rne 3C00 4000 4200 00  # 1 + 2 = 3\n");
  v.op = Op::bf16_sqrt;
  v.input = 0x4080;
  v.expected = 0x4000;
  v.comment.clear();
  EXPECT_EQ(format_vector_line(v, kFp), "bf16_sqrt rne 4080 4000 00\n");
}

void expect_same(const Vector& a, const Vector& b, bool with_comment) {
  EXPECT_EQ(a.op, b.op);
  EXPECT_EQ(a.rounding, b.rounding);
  EXPECT_EQ(a.exact, b.exact);
  EXPECT_EQ(a.input, b.input);
  EXPECT_EQ(a.expected, b.expected);
  EXPECT_EQ(a.flags, b.flags);
  if (with_comment) {
    EXPECT_EQ(a.comment, b.comment);
  }
}

// Every op and mode, oracle results on random (32-bit) or all (8-, 16-bit) inputs, through both
// formats.
TEST(VectorRoundTrip, WriteThenReadGivesTheSameVectors) {
  for (const OpInfo& oi : kOps) {
    const InputSet inputs(oi.op, *InputSpec::parse(input_bits(oi.op) > 16 ? "random:3000:7"
                                                                           : "exhaustive"));
    for (Rounding r : kRoundings) {
      if (is_widening(oi.op) && r != Rounding::rne) continue;
      std::vector<Vector> vs;
      for (std::uint64_t i = 0; i < inputs.size(); ++i) {
        Vector v;
        v.op = oi.op;
        v.rounding = r;
        v.exact = is_widening(oi.op);
        v.input = inputs.at(i);
        const oracle::Result res = oracle::evaluate(oi.op, v.input, r);
        v.expected = res.bits;
        v.flags = res.flags;
        v.comment = i % 3 ? "" : "case " + std::to_string(i) + " # with a hash";
        vs.push_back(v);
      }
      for (VectorFormat f : {kTf, kFp}) {
        std::ostringstream out;
        write_vectors(out, vs, f);
        std::istringstream in(out.str());
        const std::vector<Vector> back =
            read_vectors(in, "mem.vec", f, TestFloatContext{oi.op, r});
        ASSERT_EQ(back.size(), vs.size()) << oi.name << " " << name(r) << " " << name(f);
        for (std::size_t i = 0; i < vs.size(); ++i) {
          SCOPED_TRACE(std::string(oi.name) + " " + std::string(name(r)) + " " +
                       std::string(name(f)) + " line " + std::to_string(i + 1));
          // The comment's own '#' stays part of the comment: only the first '#' starts it.
          expect_same(back[i], vs[i], f == kFp);
          EXPECT_EQ(back[i].line, i + 1);
        }
      }
    }
  }
}

TEST(VectorRoundTrip, CuratedFilesSurviveRewriting) {
  for (const OpInfo& oi : kOps) {
    const std::vector<Vector> vs = read_vector_file(curated_path(oi.op), kFp);
    std::ostringstream out;
    write_vectors(out, vs, kFp);
    std::istringstream in(out.str());
    const std::vector<Vector> back = read_vectors(in, "rewritten", kFp);
    ASSERT_EQ(back.size(), vs.size()) << oi.name;
    for (std::size_t i = 0; i < vs.size(); ++i) expect_same(back[i], vs[i], true);
  }
}

}  // namespace
}  // namespace fpconform
