// The INT8 exactness checks on backends made to be right or wrong in one known way, and the
// results' "int8" JSON section written and read back.
#include "checks/int8/check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "fpconform/error.hpp"
#include "oracles/int8/gemm.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/int8/requantize.hpp"
#include "reports/int8_result_json.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"

namespace fpconform {
namespace {

constexpr IntType kTypes[] = {IntType::s8, IntType::u8};
constexpr QRounding kRoundings[] = {QRounding::rne, QRounding::rna, QRounding::half_up};
constexpr RequantModel kModels[] = {RequantModel::fp32, RequantModel::gemmlowp,
                                    RequantModel::rndnu};
constexpr Pattern kPatterns[] = {Pattern::full_range, Pattern::small, Pattern::corner_max,
                                 Pattern::corner_min, Pattern::alternating};

std::int32_t a_value(const void* a, std::size_t i, IntType t) {
  return t == IntType::s8 ? static_cast<const std::int8_t*>(a)[i]
                          : static_cast<const std::uint8_t*>(a)[i];
}

void store(void* q, std::size_t i, IntType t, std::int64_t v) {
  const IntRange r = range(t);
  v = std::clamp<std::int64_t>(v, r.min, r.max);
  if (t == IntType::s8)
    static_cast<std::int8_t*>(q)[i] = static_cast<std::int8_t>(v);
  else
    static_cast<std::uint8_t*>(q)[i] = static_cast<std::uint8_t>(v);
}

// C = A B with the products of each pair along K added first and saturated to int16, as
// vpmaddubsw does; odd K leaves the last product alone. sums_pairs = false: exact.
class TestKernel final : public GemmKernel {
 public:
  TestKernel(GemmShape s, IntType t, const std::int8_t* b, bool sums_pairs)
      : s_(s), t_(t), b_(b, b + std::size_t(s.k) * s.n), sums_pairs_(sums_pairs) {}
  void run(const void* a, std::int32_t* c, int) const override {
    if (!sums_pairs_) {
      std::vector<std::int64_t> exact(std::size_t(s_.m) * s_.n);
      oracle::gemm_exact(s_, t_, a, b_.data(), exact);
      for (std::size_t i = 0; i < exact.size(); ++i) c[i] = static_cast<std::int32_t>(exact[i]);
      return;
    }
    for (int i = 0; i < s_.m; ++i)
      for (int j = 0; j < s_.n; ++j) {
        std::int64_t sum = 0;
        for (int p = 0; p < s_.k; p += 2) {
          std::int64_t pair = 0;
          for (int q = p; q < std::min(p + 2, s_.k); ++q)
            pair += std::int64_t{a_value(a, std::size_t(i) * s_.k + q, t_)} *
                    b_[std::size_t(q) * s_.n + j];
          sum += std::clamp<std::int64_t>(pair, -32768, 32767);
        }
        c[std::size_t(i) * s_.n + j] = static_cast<std::int32_t>(sum);
      }
  }

 private:
  GemmShape s_;
  IntType t_;
  std::vector<std::int8_t> b_;
  bool sums_pairs_;
};

// Right in every operation it claims, by the oracle; each flag breaks one thing in a known way.
struct Faults {
  bool saturating_pairs = false;  // GEMM: int16 pair sums (vpmaddubsw)
  bool truncating = false;        // quantize: rne only, and truncates toward zero
  bool indefinite = false;        // quantize: rne only, beyond int32 gives INT32_MIN (cvtps2dq)
  bool ties_away = false;         // requantize: fp32 only, std::round (ties away from zero)
  bool no_u8 = false;             // GEMM: s8 A only
};

class TestBackend final : public Int8Backend {
 public:
  TestBackend(std::string name, Faults f) : name_(std::move(name)), f_(f) {}
  std::string_view name() const override { return name_; }
  std::string_view description() const override { return "test backend"; }
  BackendKind kind() const override { return BackendKind::mutant; }

  bool quantizes(IntType, QRounding r) const override {
    return (!f_.truncating && !f_.indefinite) || r == QRounding::rne;
  }
  void quantize(const float* x, void* q, std::size_t n, const QuantSpec& spec) const override {
    if (!f_.truncating && !f_.indefinite) return oracle::quantize({x, n}, q, spec);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t c = i % spec.scales.size();
      const float v = x[i] / spec.scales[c];
      const double r = f_.truncating ? std::trunc(v) : std::nearbyint(v);
      const bool fits = r >= -0x1p31 && r < 0x1p31;
      // Beyond int32: cvtps2dq's "integer indefinite" 0x80000000, or else saturation.
      const std::int64_t k = fits                     ? static_cast<std::int64_t>(r)
                             : f_.indefinite || r < 0 ? std::numeric_limits<std::int32_t>::min()
                                                      : std::numeric_limits<std::int32_t>::max();
      store(q, i, spec.type, k + spec.zero_points[c]);
    }
  }

  bool requantizes(RequantModel m, IntType) const override {
    return !f_.ties_away || m == RequantModel::fp32;
  }
  void requantize(const std::int32_t* acc, void* q, std::size_t n,
                  const Requant& p) const override {
    for (std::size_t i = 0; i < n; ++i)
      store(q, i, p.type,
            f_.ties_away
                ? static_cast<std::int64_t>(std::round(static_cast<float>(acc[i]) * p.scale)) +
                      p.zero_point
                : oracle::requantize(acc[i], p));
  }

  bool multiplies(IntType t) const override { return !f_.no_u8 || t == IntType::s8; }
  std::unique_ptr<GemmKernel> prepare(GemmShape s, IntType t, const std::int8_t* b) const override {
    return std::make_unique<TestKernel>(s, t, b, f_.saturating_pairs);
  }
  std::string_view gemm_deviation() const override {
    return f_.saturating_pairs ? "vpmaddubsw saturates pair sums to int16" : "";
  }

 private:
  std::string name_;
  Faults f_;
};

class Unavailable final : public Int8Backend {
 public:
  std::string_view name() const override { return "absent"; }
  std::string_view description() const override { return "test: never available"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  Availability available() const override { return {false, "no such hardware"}; }
  bool quantizes(IntType, QRounding) const override { return true; }
  bool requantizes(RequantModel, IntType) const override { return true; }
  bool multiplies(IntType) const override { return true; }
  void quantize(const float*, void*, std::size_t, const QuantSpec&) const override {
    ADD_FAILURE() << "an unavailable backend was called";
  }
  void requantize(const std::int32_t*, void*, std::size_t, const Requant&) const override {
    ADD_FAILURE() << "an unavailable backend was called";
  }
  std::unique_ptr<GemmKernel> prepare(GemmShape, IntType, const std::int8_t*) const override {
    ADD_FAILURE() << "an unavailable backend was called";
    return nullptr;
  }
};

const TestBackend kExact("exact", {});
const TestBackend kSaturating("saturating", {.saturating_pairs = true});
const TestBackend kTruncating("truncating", {.truncating = true});
const TestBackend kIndefinite("indefinite", {.indefinite = true});
const TestBackend kTiesAway("ties-away", {.ties_away = true});
const TestBackend kNoU8("no-u8", {.no_u8 = true});
const Unavailable kAbsent;

// ---- GEMM

TEST(CheckGemm, ExactPassesEveryPatternShapeAndType) {
  for (GemmShape s : {GemmShape{4, 5, 8}, GemmShape{17, 3, 255}, GemmShape{1, 1, 1}})
    for (IntType t : kTypes)
      for (Pattern p : kPatterns) {
        const GemmExactness r = check_gemm(kExact, s, t, p, 7);
        SCOPED_TRACE(r.repro);
        EXPECT_EQ(r.status, Status::passed) << r.reason;
        EXPECT_EQ(r.elements, std::uint64_t(s.m) * s.n);
        EXPECT_EQ(r.mismatches, 0u);
        EXPECT_EQ(r.int32_overflows, 0u);
        EXPECT_EQ(r.worst_row, -1);
      }
}

TEST(CheckGemm, ReproAndInputsNameTheCase) {
  const GemmExactness r = check_gemm(kExact, {4, 5, 8}, IntType::u8, Pattern::full_range, 7);
  EXPECT_EQ(r.inputs, "full-range:7");
  EXPECT_EQ(
      r.repro,
      "fpconform matmul --backend exact --shape 4x8:8x5 --pattern full-range --a-type u8 --seed 7");
  EXPECT_EQ(check_gemm(kExact, {4, 5, 8}, IntType::u8, Pattern::corner_max, 7).inputs,
            "corner-max");
}

// u8 corner-max: A all 255, B all 127, K = 9. Exact: 9 * 255 * 127 = 291465 in every element.
// Pairs: 2 * 255 * 127 = 64770 saturates to 32767, four times, plus the odd last product 32385:
// 4 * 32767 + 32385 = 163453, 128012 short. Every element is equally wrong: the worst is the first.
TEST(CheckGemm, SaturatingPairSumsFailOnCornerMax) {
  const GemmOperands ops = gemm_operands(Pattern::corner_max, {3, 5, 9}, IntType::u8, 1);
  ASSERT_TRUE(std::all_of(ops.a.begin(), ops.a.end(), [](std::uint8_t v) { return v == 255; }));
  ASSERT_TRUE(std::all_of(ops.b.begin(), ops.b.end(), [](std::int8_t v) { return v == 127; }));

  const GemmExactness r = check_gemm(kSaturating, {3, 5, 9}, IntType::u8, Pattern::corner_max, 1);
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.declared, "vpmaddubsw saturates pair sums to int16");
  EXPECT_EQ(r.elements, 15u);
  EXPECT_EQ(r.mismatches, 15u);
  EXPECT_EQ(r.worst_row, 0);
  EXPECT_EQ(r.worst_col, 0);
  EXPECT_EQ(r.worst_expected, 291465);
  EXPECT_EQ(r.worst_got, 163453);
  EXPECT_EQ(r.reason,
            "15 of 15 elements differ; worst C[0][0] = got 163453, expected 291465 (diff 128012)");
}

// s8 corner-min: (-128) * (-128) * 2 = 32768, one above int16: each of the four pairs loses 1.
TEST(CheckGemm, SaturatingPairSumsLoseOnePerPairOnCornerMin) {
  const GemmExactness r = check_gemm(kSaturating, {2, 2, 9}, IntType::s8, Pattern::corner_min, 1);
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.worst_expected, 9 * 16384);
  EXPECT_EQ(r.worst_got, 4 * 32767 + 16384);
  // K = 2: one pair, 32768 -> 32767, every element off by the smallest amount there is.
  const GemmExactness one = check_gemm(kSaturating, {2, 2, 2}, IntType::s8, Pattern::corner_min, 1);
  EXPECT_EQ(one.mismatches, 4u);
  EXPECT_EQ(one.reason,
            "4 of 4 elements differ; worst C[0][0] = got 32767, expected 32768 (diff 1)");
}

// s8 corner-max pairs reach 2 * 127 * 127 = 32258 and small ones far less: no saturation.
TEST(CheckGemm, SaturatingPairSumsPassWhereNoPairSaturates) {
  EXPECT_EQ(check_gemm(kSaturating, {3, 5, 9}, IntType::s8, Pattern::corner_max, 1).status,
            Status::passed);
  EXPECT_EQ(check_gemm(kSaturating, {17, 3, 255}, IntType::u8, Pattern::small, 3).status,
            Status::passed);
}

TEST(CheckGemm, UnavailableIsSkippedWithItsReason) {
  const GemmExactness r = check_gemm(kAbsent, {4, 5, 8}, IntType::s8, Pattern::full_range, 1);
  EXPECT_EQ(r.status, Status::skipped);
  EXPECT_EQ(r.reason, "no such hardware");
}

TEST(CheckGemm, MissingATypeIsUnimplemented) {
  const GemmExactness r = check_gemm(kNoU8, {4, 5, 8}, IntType::u8, Pattern::full_range, 1);
  EXPECT_EQ(r.status, Status::unimplemented);
  EXPECT_NE(r.reason.find("u8"), std::string::npos) << r.reason;
  EXPECT_EQ(check_gemm(kNoU8, {4, 5, 8}, IntType::s8, Pattern::full_range, 1).status,
            Status::passed);
}

// ---- Quantize

TEST(CheckQuantize, ExactPassesEdgeAndRandom) {
  for (IntType t : kTypes)
    for (QRounding r : kRoundings)
      for (bool per_channel : {false, true}) {
        const QuantExactness q = check_quantize(kExact, t, r, per_channel, "edge,random:10000");
        SCOPED_TRACE(q.repro);
        EXPECT_EQ(q.status, Status::passed) << q.reason;
        EXPECT_EQ(q.mismatches, 0u);
        EXPECT_TRUE(q.examples.empty());
        EXPECT_EQ(q.inputs, "edge,random:10000:1");
        // per tensor: two scales; per channel: every value in each of three channels
        EXPECT_GT(q.total, 2 * 10000u);
      }
}

TEST(CheckQuantize, ReproNamesTheCase) {
  const QuantExactness q =
      check_quantize(kExact, IntType::u8, QRounding::half_up, true, "random:5:9");
  EXPECT_EQ(q.repro,
            "fpconform quant --backend exact --op quantize --rounding half-up --type u8 "
            "--scheme per-channel --inputs random:5:9");
  EXPECT_EQ(q.total, 5u * 3);
}

// Truncation agrees with ties-to-even only where the even neighbour lies toward zero: -127.5
// truncates to -127 where rne gives -128. Scale 1 comes first, so the first examples are plain
// ties.
TEST(CheckQuantize, TruncationIsCaughtAtATie) {
  const QuantExactness q = check_quantize(kTruncating, IntType::s8, QRounding::rne, false, "edge");
  EXPECT_EQ(q.status, Status::failed);
  ASSERT_FALSE(q.examples.empty());
  EXPECT_LE(q.examples.size(), 8u);
  EXPECT_GT(q.mismatches, q.examples.size());
  bool tie_seen = false;
  for (const QuantExample& e : q.examples) {
    const float x = std::bit_cast<float>(
        static_cast<std::uint32_t>(std::stoul(e.input.substr(0, 10), nullptr, 16)));
    EXPECT_NE(e.got, e.expected) << e.input;
    if (x - std::floor(x) == 0.5f && e.input.find(" scale 1 ") != std::string::npos) {
      tie_seen = true;
      EXPECT_EQ(e.got, static_cast<std::int32_t>(std::clamp(std::trunc(x), -128.0f, 127.0f)))
          << e.input;
      EXPECT_EQ(e.expected,
                static_cast<std::int32_t>(std::clamp(std::nearbyint(x), -128.0f, 127.0f)))
          << e.input;
    }
  }
  EXPECT_TRUE(tie_seen) << q.examples.front().input;
}

// Converting through int32 as cvtps2dq does gives 0x80000000 beyond int32's range, which then
// clamps to the wrong end: 2^31 must give 127, not -128. Only the edge table's huge values show it.
TEST(CheckQuantize, IntegerIndefiniteIsCaughtOnHugeInputs) {
  const QuantExactness q = check_quantize(kIndefinite, IntType::s8, QRounding::rne, false, "edge");
  EXPECT_EQ(q.status, Status::failed);
  ASSERT_FALSE(q.examples.empty());
  EXPECT_EQ(q.examples[0].input, "0x4F000000 (2.14748365e+09) scale 1 zero point 0");
  EXPECT_EQ(q.examples[0].got, -128);
  EXPECT_EQ(q.examples[0].expected, 127);
}

TEST(CheckQuantize, UnsupportedRoundingIsUnimplemented) {
  const QuantExactness q = check_quantize(kTruncating, IntType::s8, QRounding::rna, false, "edge");
  EXPECT_EQ(q.status, Status::unimplemented);
  EXPECT_NE(q.reason.find("rna"), std::string::npos) << q.reason;
}

TEST(CheckQuantize, UnavailableIsSkippedWithItsReason) {
  const QuantExactness q = check_quantize(kAbsent, IntType::s8, QRounding::rne, false, "edge");
  EXPECT_EQ(q.status, Status::skipped);
  EXPECT_EQ(q.reason, "no such hardware");
  EXPECT_EQ(check_requantize(kAbsent, RequantModel::rndnu, IntType::u8, 0.25, 128, "edge").status,
            Status::skipped);
}

TEST(CheckQuantize, UnknownInputSpecIsNamed) {
  for (const char* spec : {"edgy", "random:x", "edge,", "value:3F800000"}) {
    try {
      check_quantize(kExact, IntType::s8, QRounding::rne, false, spec);
      ADD_FAILURE() << spec << " was accepted";
    } catch (const std::invalid_argument& e) {
      const std::string part = std::string(spec) == "edge," ? "''" : "'" + std::string(spec) + "'";
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(
      model_difference(RequantModel::fp32, RequantModel::rndnu, IntType::s8, 0.25, 0, "all"),
      std::invalid_argument);
}

// ---- Requantize

TEST(CheckRequantize, ExactPassesEveryModel) {
  for (RequantModel m : kModels)
    for (IntType t : kTypes)
      for (double multiplier : {0.25, 0.0123, 1.37 * 0x1p-20})
        for (std::int32_t zp : t == IntType::s8 ? std::vector<std::int32_t>{0, -5}
                                                : std::vector<std::int32_t>{128, 3}) {
          const QuantExactness q =
              check_requantize(kExact, m, t, multiplier, zp, "edge,random:10000");
          SCOPED_TRACE(q.repro);
          EXPECT_EQ(q.status, Status::passed) << q.reason;
          EXPECT_GT(q.total, 10000u);
        }
}

// m = 1/4 makes acc = 4k + 2 an exact tie k + 1/2: fp32 wants even, ties-away goes outward.
TEST(CheckRequantize, TiesAwayIsCaughtWhereTheModelSaysTiesToEven) {
  const QuantExactness q =
      check_requantize(kTiesAway, RequantModel::fp32, IntType::s8, 0.25, 0, "edge");
  EXPECT_EQ(q.status, Status::failed);
  EXPECT_EQ(q.scheme, "m=0.25 z=0");
  EXPECT_EQ(q.repro,
            "fpconform quant --backend ties-away --op requantize --model fp32 --type s8 "
            "--multiplier 0.25 --zero-point 0 --inputs edge");
  ASSERT_FALSE(q.examples.empty());
  for (const QuantExample& e : q.examples) {
    const std::int64_t acc = std::stoll(e.input);
    EXPECT_TRUE(acc % 4 == 2 || acc % 4 == -2) << e.input << " is not a tie";
    EXPECT_EQ(std::abs(e.got), std::abs(e.expected) + 1) << e.input;
  }
  EXPECT_EQ(
      check_requantize(kTiesAway, RequantModel::gemmlowp, IntType::s8, 0.25, 0, "edge").status,
      Status::unimplemented);
}

// ---- Model differences

// gemmlowp rounds twice (the high multiply ties up, the shift ties away); fp32 once, ties to
// even: at m = 1/4, acc = 2 gives 0 vs 1 and acc = -2 gives 0 vs -1. Never more than one apart.
TEST(ModelDifference, Fp32AndGemmlowpDifferByOneAtMost) {
  ModelDifference d =
      model_difference(RequantModel::fp32, RequantModel::gemmlowp, IntType::s8, 0.25, 0, "edge");
  EXPECT_EQ(d.inputs, "edge");
  std::uint64_t sum = 0;
  for (const auto& [diff, n] : d.histogram) {
    EXPECT_TRUE(diff >= -1 && diff <= 1) << "difference " << diff << " seen " << n << " times";
    sum += n;
  }
  EXPECT_EQ(sum, d.total);
  EXPECT_GT(d.histogram[1], 0u);
  EXPECT_GT(d.histogram[-1], 0u);
  EXPECT_GT(d.histogram[0], d.histogram[1] + d.histogram[-1]);
}

TEST(ModelDifference, AModelAgreesWithItself) {
  const ModelDifference d = model_difference(RequantModel::rndnu, RequantModel::rndnu, IntType::u8,
                                             0.0123, 3, "edge,random:1000");
  ASSERT_EQ(d.histogram.size(), 1u);
  EXPECT_EQ(d.histogram.at(0), d.total);
}

// ---- The "int8" JSON section

Int8Results sample() {
  Int8Results r;
  r.gemm.push_back(check_gemm(kSaturating, {3, 5, 9}, IntType::u8, Pattern::corner_max, 1));
  r.gemm.push_back(check_gemm(kAbsent, {4, 5, 8}, IntType::s8, Pattern::full_range, 1));
  r.quant.push_back(check_quantize(kTruncating, IntType::u8, QRounding::rne, true, "edge"));
  r.quant.push_back(check_requantize(kTiesAway, RequantModel::fp32, IntType::s8, 0.25, 0, "edge"));
  r.model_differences.push_back(
      model_difference(RequantModel::fp32, RequantModel::gemmlowp, IntType::s8, 0.25, 0, "edge"));
  r.end_to_end.push_back({"gaussian",
                          "per-channel",
                          {64, 32, 128},
                          "exact",
                          7,
                          38.25,
                          0.9999,
                          0.03125,
                          0.0121,
                          "fpconform quant ..."});
  r.end_to_end.push_back(
      {"uniform", "fp16", {1, 1, 1}, "", 1, std::numeric_limits<double>::infinity(), 1, 0, 0, ""});
  r.speed.push_back({"exact", {256, 256, 256}, 2, 1.5e-3, 22.4, 0.5, 0, ""});
  return r;
}

void expect_same(const GemmExactness& a, const GemmExactness& b) {
  EXPECT_EQ(a.backend, b.backend);
  EXPECT_EQ(a.shape, b.shape);
  EXPECT_EQ(a.a_type, b.a_type);
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.declared, b.declared);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.elements, b.elements);
  EXPECT_EQ(a.mismatches, b.mismatches);
  EXPECT_EQ(a.int32_overflows, b.int32_overflows);
  EXPECT_EQ(a.worst_row, b.worst_row);
  EXPECT_EQ(a.worst_col, b.worst_col);
  EXPECT_EQ(a.worst_expected, b.worst_expected);
  EXPECT_EQ(a.worst_got, b.worst_got);
  EXPECT_EQ(a.repro, b.repro);
  EXPECT_EQ(a.seconds, b.seconds);
}

void expect_same(const QuantExactness& a, const QuantExactness& b) {
  EXPECT_EQ(a.backend, b.backend);
  EXPECT_EQ(a.op, b.op);
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.scheme, b.scheme);
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.mismatches, b.mismatches);
  ASSERT_EQ(a.examples.size(), b.examples.size());
  for (std::size_t i = 0; i < a.examples.size(); ++i) {
    EXPECT_EQ(a.examples[i].input, b.examples[i].input);
    EXPECT_EQ(a.examples[i].got, b.examples[i].got);
    EXPECT_EQ(a.examples[i].expected, b.examples[i].expected);
  }
  EXPECT_EQ(a.repro, b.repro);
  EXPECT_EQ(a.seconds, b.seconds);
}

TEST(Int8Json, RoundTripsThroughAResultsFile) {
  const Int8Results in = sample();
  const std::string path = testing::TempDir() + "int8_check_test_results.json";
  std::ofstream(path) << results_document({}, "quant", "strict", Machine{}, in).dump(2);
  const ResultsFile f = read_results(path);
  std::remove(path.c_str());
  EXPECT_TRUE(f.runs.empty());
  const Int8Results& out = f.int8;
  ASSERT_EQ(out.gemm.size(), in.gemm.size());
  for (std::size_t i = 0; i < in.gemm.size(); ++i) expect_same(out.gemm[i], in.gemm[i]);
  ASSERT_EQ(out.quant.size(), in.quant.size());
  for (std::size_t i = 0; i < in.quant.size(); ++i) expect_same(out.quant[i], in.quant[i]);
  ASSERT_EQ(out.model_differences.size(), 1u);
  EXPECT_EQ(out.model_differences[0].a, in.model_differences[0].a);
  EXPECT_EQ(out.model_differences[0].b, in.model_differences[0].b);
  EXPECT_EQ(out.model_differences[0].type, in.model_differences[0].type);
  EXPECT_EQ(out.model_differences[0].multiplier, 0.25);
  EXPECT_EQ(out.model_differences[0].zero_point, in.model_differences[0].zero_point);
  EXPECT_EQ(out.model_differences[0].inputs, in.model_differences[0].inputs);
  EXPECT_EQ(out.model_differences[0].total, in.model_differences[0].total);
  EXPECT_EQ(out.model_differences[0].histogram, in.model_differences[0].histogram);
  ASSERT_EQ(out.end_to_end.size(), in.end_to_end.size());
  for (std::size_t i = 0; i < in.end_to_end.size(); ++i) {
    const EndToEnd &a = out.end_to_end[i], &b = in.end_to_end[i];
    EXPECT_EQ(a.dist, b.dist);
    EXPECT_EQ(a.scheme, b.scheme);
    EXPECT_EQ(a.shape, b.shape);
    EXPECT_EQ(a.backend, b.backend);
    EXPECT_EQ(a.seed, b.seed);
    EXPECT_EQ(a.sqnr_db, b.sqnr_db);  // +inf included: written as "inf"
    EXPECT_EQ(a.cosine, b.cosine);
    EXPECT_EQ(a.max_abs, b.max_abs);
    EXPECT_EQ(a.rel_frobenius, b.rel_frobenius);
    EXPECT_EQ(a.repro, b.repro);
  }
  ASSERT_EQ(out.speed.size(), 1u);
  EXPECT_EQ(out.speed[0].backend, in.speed[0].backend);
  EXPECT_EQ(out.speed[0].shape, in.speed[0].shape);
  EXPECT_EQ(out.speed[0].threads, in.speed[0].threads);
  EXPECT_EQ(out.speed[0].seconds, in.speed[0].seconds);
  EXPECT_EQ(out.speed[0].gops, in.speed[0].gops);
  EXPECT_EQ(out.speed[0].fp32_ratio, in.speed[0].fp32_ratio);
  EXPECT_EQ(out.speed[0].peak_gops, in.speed[0].peak_gops);
  EXPECT_EQ(out.speed[0].peak_source, in.speed[0].peak_source);
}

// The GEMM's method was not always recorded: a results file without it still reads.
TEST(Int8Json, GemmMethodIsOptional) {
  nlohmann::json j = to_json(sample());
  ASSERT_EQ(j["gemm"][0]["method"], "full exact reference");
  EXPECT_EQ(int8_from_json(j, "x.json").gemm[0].method, "full exact reference");
  j["gemm"][0].erase("method");
  EXPECT_EQ(int8_from_json(j, "x.json").gemm[0].method, "");
}

TEST(Int8Json, AbsentWhenThereAreNoInt8Results) {
  const nlohmann::json doc = results_document({}, "check", "strict", Machine{});
  EXPECT_FALSE(doc.contains("int8"));
  EXPECT_TRUE(int8_from_json(nlohmann::json::object(), "x.json").empty());
}

std::string error_of(const nlohmann::json& int8) {
  try {
    int8_from_json(int8, "results.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Int8Json, MalformedFieldsAreNamed) {
  const nlohmann::json good = to_json(sample());
  nlohmann::json j = good;
  j["gemm"][0]["status"] = "maybe";
  EXPECT_EQ(error_of(j), "results.json: int8.gemm[0].status: unknown status 'maybe'");
  j = good;
  j["quant"][1]["examples"][0]["got"] = "one";
  EXPECT_EQ(error_of(j),
            "results.json: int8.quant[1].examples[0].got: expected an integer in "
            "-2147483648..2147483647");
  j = good;
  j["model_differences"][0]["histogram"]["one"] = 3;
  EXPECT_EQ(error_of(j),
            "results.json: int8.model_differences[0].histogram.one: expected an integer difference "
            "as the key");
  j = good;
  j["speed"][0]["shape"].erase("k");
  EXPECT_EQ(error_of(j), "results.json: int8.speed[0].shape.k: missing");
  j = good;
  j["end_to_end"][1]["sqnr_db"] = "infinite";
  EXPECT_NE(error_of(j).find("int8.end_to_end[1].sqnr_db: expected a number"), std::string::npos);
  j = good;
  j["gemm"] = 3;
  EXPECT_EQ(error_of(j), "results.json: int8.gemm: expected an array");
}

TEST(Int8Json, ResultsFileNamesTheFileAndField) {
  nlohmann::json doc = results_document({}, "quant", "strict", Machine{}, sample());
  doc["int8"]["quant"][0]["type"] = "s16";
  const std::string path = testing::TempDir() + "int8_check_test_bad.json";
  std::ofstream(path) << doc.dump();
  try {
    read_results(path);
    ADD_FAILURE() << "a bad type was read";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": int8.quant[0].type: unknown type 's16' (s8 or u8)");
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace fpconform
