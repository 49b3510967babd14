// Every INT8 backend against the oracle's models, bit for bit: GEMM on ragged and tile-aligned
// shapes, every pattern, s8 and u8 A, 1 and 2 threads; quantize for each (type, rounding) it
// declares, per tensor and per channel, on an edge table and random floats; requantize for each
// model it declares on edge and random accumulators. Each test runs on every backend that
// declares what it checks (Int8Backend::multiplies, quantizes, requantizes: the same on every
// machine), named after it; an unavailable backend is skipped with its reason.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "oracles/int8/gemm.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/int8/requantize.hpp"
#include "suites/support/test_names.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {

// How gtest shows a parameter (test lists, ctest's names): names, not an address and bytes.
[[maybe_unused]] static void PrintTo(const Int8Backend* b, std::ostream* os) { *os << b->name(); }
[[maybe_unused]] static void PrintTo(IntType t, std::ostream* os) { *os << name(t); }

namespace {

constexpr int kShownMismatches = 8;  // per case; the rest are counted

// Collects mismatch lines up to the cap and counts every one.
struct Mismatches {
  std::uint64_t count = 0;
  std::string shown;
  void add(const std::string& line) {
    if (++count <= kShownMismatches) shown += "  " + line + "\n";
  }
  std::string summary() const {
    return std::to_string(count) + " mismatches" + (count > 0 ? ", first ones:\n" + shown : "");
  }
};

constexpr IntType kTypes[] = {IntType::s8, IntType::u8};
constexpr QRounding kQRoundings[] = {QRounding::rne, QRounding::rna, QRounding::half_up};
constexpr RequantModel kModels[] = {RequantModel::fp32, RequantModel::gemmlowp,
                                    RequantModel::rndnu};

// An unavailable backend is skipped with its reason.
void skip_unless_available(const Int8Backend& b) {
  if (const Availability a = b.available(); !a.ok)
    GTEST_SKIP() << b.name() << " unavailable: " << a.reason;
}

class Int8BackendTest : public testing::TestWithParam<const Int8Backend*> {
 protected:
  void SetUp() override { skip_unless_available(*GetParam()); }
  const Int8Backend& backend() const { return *GetParam(); }
};

std::string backend_name(const testing::TestParamInfo<const Int8Backend*>& info) {
  return test_name(info.param->name());
}

// ---- GEMM ----

std::vector<GemmShape> gemm_shapes() {
  std::vector<GemmShape> shapes = ragged_shapes();
  // Tile-aligned (multiples of 4 x 16, 6 x 64 and 4 k); one exactly one K block (512 k); one
  // across two K blocks and two A blocks (384 rows for zmm) with a ragged column panel.
  for (GemmShape s : {GemmShape{.m = 12, .n = 64, .k = 8}, GemmShape{.m = 48, .n = 128, .k = 64},
                      GemmShape{.m = 96, .n = 192, .k = 512}, GemmShape{.m = 200, .n = 70, .k = 300},
                      GemmShape{.m = 400, .n = 80, .k = 1100}})
    shapes.push_back(s);
  // AMX's tiles (16 rows x 64 k, steps of 32 x 32 C): tails in M, N and K of one tile and of a
  // step; 16 rows or fewer (steps of 16 x 32) across two K blocks (2048 k) and two N blocks (512).
  for (GemmShape s : {GemmShape{.m = 17, .n = 33, .k = 65}, GemmShape{.m = 100, .n = 70, .k = 300},
                      GemmShape{.m = 5, .n = 600, .k = 2200}})
    shapes.push_back(s);
  return shapes;
}

constexpr Pattern kPatterns[] = {Pattern::small, Pattern::full_range, Pattern::corner_max,
                                 Pattern::corner_min, Pattern::alternating};

std::vector<std::int32_t> run_gemm(const Int8Backend& b, GemmShape s, IntType a_type,
                                   const GemmOperands& ops, int threads) {
  std::vector<std::int32_t> c(std::size_t(s.m) * s.n, 0x5A5A5A5A);  // every element must be written
  b.prepare(s, a_type, ops.b.data())->run(ops.a.data(), c.data(), threads);
  return c;
}

// The patterns made to break int16 pair sums and sign tricks: a declared deviation must show on
// at least one of them (avx2: u8 all 255 x all 127 saturates a pair; s8 (-128) x (-128) through
// vpsignb; oneDNN without VNNI: s8 A shifted to u8 saturates on corner-max).
bool adversarial(Pattern p) {
  return p == Pattern::corner_max || p == Pattern::corner_min || p == Pattern::alternating;
}

void check_gemm(const Int8Backend& b, IntType a_type) {
  const bool declared = b.gemm_model() != GemmModel::exact;
  EXPECT_EQ(declared, !b.gemm_deviation().empty()) << b.name() << ": a declared model needs its reason, and back";
  bool shown = false;
  for (GemmShape s : gemm_shapes())
    for (Pattern p : kPatterns) {
      const GemmOperands ops = gemm_operands(p, s, a_type, 7);
      std::vector<std::int64_t> want(std::size_t(s.m) * s.n), exact(want.size());
      oracle::gemm_exact(s, a_type, ops.a.data(), ops.b.data(), exact);
      // Held bit for bit to the model it declares (exact unless it says otherwise).
      oracle::gemm_model(b.gemm_model(), s, a_type, ops.a.data(), ops.b.data(), want);
      const std::vector<std::int32_t> got = run_gemm(b, s, a_type, ops, 1);
      Mismatches bad;
      for (int i = 0; i < s.m; ++i)
        for (int j = 0; j < s.n; ++j) {
          const std::size_t e = std::size_t(i) * s.n + j;
          if (oracle::overflows_int32(want[e]) || got[e] == want[e]) continue;
          std::ostringstream line;
          line << "(" << i << ", " << j << "): expected " << want[e] << ", got " << got[e];
          bad.add(line.str());
        }
      const std::string where = std::string(b.name()) + " " + format_shape(s) + " " +
                                std::string(name(p)) + " A " + std::string(name(a_type)) + ": ";
      EXPECT_EQ(bad.count, 0u) << where << "against the declared model " << name(b.gemm_model()) << ": "
                               << bad.summary();
      if (adversarial(p))
        for (std::size_t e = 0; e < exact.size(); ++e) shown = shown || got[e] != exact[e];
      if (p == Pattern::small) {
        EXPECT_EQ(want, exact) << where << "small data must not reach the declared saturation";
      }
      EXPECT_EQ(run_gemm(b, s, a_type, ops, 2), got) << where << "2 threads differ from 1";
    }
  if (declared) {
    EXPECT_TRUE(shown) << b.name() << " A " << name(a_type) << ": the declared deviation ("
                       << b.gemm_deviation() << ") shows on no adversarial pattern";
  }
}

// The registered backends for which keep(backend) holds, in the registry's order.
template <typename Keep>
std::vector<const Int8Backend*> int8_backends_where(Keep keep) {
  std::vector<const Int8Backend*> out;
  for (const Int8Backend* b : int8_backends())
    if (keep(*b)) out.push_back(b);
  return out;
}

// A backend and a type of A it multiplies (B is s8).
class Int8Gemm : public testing::TestWithParam<std::tuple<const Int8Backend*, IntType>> {
 protected:
  void SetUp() override { skip_unless_available(*std::get<0>(GetParam())); }
};

TEST_P(Int8Gemm, MatchesTheDeclaredModel) {
  check_gemm(*std::get<0>(GetParam()), std::get<1>(GetParam()));
}

std::vector<std::tuple<const Int8Backend*, IntType>> gemm_cases() {
  std::vector<std::tuple<const Int8Backend*, IntType>> out;
  for (const Int8Backend* b : int8_backends())
    for (IntType t : kTypes)
      if (b->multiplies(t)) out.emplace_back(b, t);
  return out;
}

// Int8/Int8Gemm.MatchesTheDeclaredModel/avx2_s8 (A's type)
INSTANTIATE_TEST_SUITE_P(Int8, Int8Gemm, testing::ValuesIn(gemm_cases()), [](const auto& info) {
  return test_name(std::get<0>(info.param)->name()) + "_" +
         std::string(name(std::get<1>(info.param)));
});

// ---- quantize ----

// The edge table: ties k + 1/2 over and beyond every clamp range (with the zero points below) and
// both their float neighbours, the largest float below 1/2, signed zeros, subnormals, infinities
// and huge values.
std::vector<float> quantize_edges() {
  std::vector<float> x;
  for (int k = -300; k <= 300; ++k) {
    const float tie = float(k) + 0.5f;
    x.insert(x.end(), {tie, std::nextafter(tie, -INFINITY), std::nextafter(tie, INFINITY), float(k)});
  }
  constexpr float kMinSub = std::numeric_limits<float>::denorm_min();
  const float kMaxSub = std::nextafter(std::numeric_limits<float>::min(), 0.0f);
  for (float v : {0.49999997f, 0.0f, kMinSub, kMaxSub, std::numeric_limits<float>::min(), INFINITY, 1e30f,
                  std::numeric_limits<float>::max(), 8388607.5f, 4194304.5f, 16777216.0f, 2147483648.0f})
    x.insert(x.end(), {v, -v});
  x.push_back(0.5f);  // an odd length: never a multiple of a vector
  return x;
}

// Random binary32 bit patterns (NaN excluded) and random values within a few hundred of zero.
std::vector<float> quantize_random(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> near(-400.0f, 400.0f);
  std::vector<float> x;
  while (x.size() < n) {
    const std::uint32_t bits = rng();
    const float v = std::bit_cast<float>(bits);
    x.push_back(x.size() % 2 == 0 && !std::isnan(v) ? v : near(rng));
  }
  return x;
}

struct Scheme {
  std::string name;
  std::vector<float> scales;
  std::vector<std::int32_t> zero_points;
};

std::vector<Scheme> schemes(IntType t) {
  const bool s8 = t == IntType::s8;
  return {{"per-tensor scale 1", {1.0f}, {s8 ? 0 : 128}},
          {"per-tensor 0.37/127 asymmetric", {0.37f / 127}, {s8 ? -3 : 37}},
          {"per-channel x3", {1.0f, 0.5f, 0.37f / 127}, {s8 ? 0 : 128, 5, s8 ? -7 : 200}}};
}

void expect_quantize(const Int8Backend& b, const std::vector<float>& x, const QuantSpec& spec,
                     const std::string& what) {
  std::vector<std::uint8_t> got(x.size() + 1, 0xEE);  // one guard byte past the end
  b.quantize(x.data(), got.data(), x.size(), spec);
  std::vector<std::uint8_t> want(x.size());
  oracle::quantize(x, want.data(), spec);
  Mismatches bad;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (got[i] == want[i]) continue;
    const auto value = [&](std::uint8_t v) {
      return spec.type == IntType::s8 ? int(std::int8_t(v)) : int(v);
    };
    std::ostringstream line;
    line << "x[" << i << "] = " << std::hexfloat << x[i] << std::defaultfloat << " (" << x[i]
         << "): expected " << value(want[i]) << ", got " << value(got[i]);
    bad.add(line.str());
  }
  EXPECT_EQ(bad.count, 0u) << b.name() << " quantize " << what << ": " << bad.summary();
  EXPECT_EQ(got.back(), 0xEE) << b.name() << " quantize " << what << ": wrote past the end";
}

// A backend that quantizes to some (type, rounding).
class Int8Quantize : public Int8BackendTest {};

TEST_P(Int8Quantize, MatchesTheOracle) {
  const std::vector<float> edges = quantize_edges(), random = quantize_random(4099, 11);
  for (IntType t : kTypes)
    for (QRounding r : kQRoundings) {
      if (!backend().quantizes(t, r)) continue;
      for (const Scheme& s : schemes(t)) {
        const QuantSpec spec{t, r, s.scales, s.zero_points};
        const std::string what = std::string(name(t)) + " " + std::string(name(r)) + " " + s.name;
        expect_quantize(backend(), edges, spec, what + " edge");
        expect_quantize(backend(), random, spec, what + " random:4099:11");
        for (std::size_t n = 1; n <= 70; ++n)  // every tail length of 16- and 32-wide blocks
          expect_quantize(backend(), std::vector<float>(random.begin(), random.begin() + n), spec,
                          what + " random length " + std::to_string(n));
      }
    }
}

// The backends that declare quantize for some (type, rounding): a test each.
std::vector<const Int8Backend*> quantizing() {
  return int8_backends_where([](const Int8Backend& b) {
    for (IntType t : kTypes)
      for (QRounding r : kQRoundings)
        if (b.quantizes(t, r)) return true;
    return false;
  });
}

INSTANTIATE_TEST_SUITE_P(Int8, Int8Quantize, testing::ValuesIn(quantizing()), backend_name);

// ---- requantize ----

// INT32_MIN/MAX, 0, +-1, and around each tie of the multiplier: acc with acc m = k + 1/2 for the
// outputs k over the clamp range, and the accumulators next to it.
std::vector<std::int32_t> requantize_edges(double m) {
  constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min(), kMax = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> acc{kMin, kMin + 1, kMax, kMax - 1, 0, 1, -1, 2, -2};
  for (int k = -300; k <= 300; ++k) {
    const double tie = (k + 0.5) / m;
    if (std::abs(tie) > 2e9) continue;
    for (int d = -2; d <= 2; ++d) acc.push_back(static_cast<std::int32_t>(std::llround(tie)) + d);
  }
  return acc;
}

std::vector<std::int32_t> requantize_random(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::int32_t> acc;
  while (acc.size() < n) {  // the whole int32 range, and accumulators that land inside the range
    acc.push_back(static_cast<std::int32_t>(rng()));
    acc.push_back(static_cast<std::int32_t>(rng() % 200001) - 100000);
  }
  acc.resize(n);
  return acc;
}

// A backend that requantizes under some (model, type).
class Int8Requantize : public Int8BackendTest {};

TEST_P(Int8Requantize, MatchesTheOracle) {
  for (RequantModel model : kModels)
    for (IntType t : kTypes) {
      if (!backend().requantizes(model, t)) continue;
      for (double m : {0.25, 3.0 / 8, 0.0123, 1e-5})
        for (std::int32_t z : t == IntType::s8 ? std::vector<std::int32_t>{0, -5} : std::vector<std::int32_t>{128, 3}) {
          const Requant p = oracle::make_requant(model, m, z, t);
          for (const std::vector<std::int32_t>& acc : {requantize_edges(m), requantize_random(4099, 13)}) {
            std::vector<std::uint8_t> got(acc.size() + 1, 0xEE);
            backend().requantize(acc.data(), got.data(), acc.size(), p);
            Mismatches bad;
            for (std::size_t i = 0; i < acc.size(); ++i) {
              const std::int32_t want = oracle::requantize(acc[i], p);
              const int g = t == IntType::s8 ? int(std::int8_t(got[i])) : int(got[i]);
              if (g != want)
                bad.add("acc " + std::to_string(acc[i]) + ": expected " + std::to_string(want) +
                        ", got " + std::to_string(g));
            }
            EXPECT_EQ(bad.count, 0u) << backend().name() << " requantize " << name(model) << " "
                                     << name(t) << " m " << m << " zero point " << z << ": "
                                     << bad.summary();
            EXPECT_EQ(got.back(), 0xEE) << backend().name() << " requantize wrote past the end";
          }
        }
    }
}

// The backends that declare requantize for some (model, type): a test each.
std::vector<const Int8Backend*> requantizing() {
  return int8_backends_where([](const Int8Backend& b) {
    for (RequantModel m : kModels)
      for (IntType t : kTypes)
        if (b.requantizes(m, t)) return true;
    return false;
  });
}

INSTANTIATE_TEST_SUITE_P(Int8, Int8Requantize, testing::ValuesIn(requantizing()), backend_name);

}  // namespace
}  // namespace fpconform
