// The INT8 peers (oneDNN, gemmlowp): GEMMs exact against the int64 reference, gemmlowp's own
// output stage equal to the gemmlowp requantization model, thread counts honoured and without
// effect on the result; the speed helpers' arithmetic; the FP32 SGEMM builds and their choice.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"
#include "fpconform/int8_peak.hpp"
#include "oracles/int8/gemm.hpp"
#include "oracles/int8/requantize.hpp"
#include "checks/int8/speed.hpp"
#include "vectors/int8_inputs.hpp"
#include "suites/support/emulator.hpp"

namespace fpconform {
namespace {

constexpr const char* kPeers[] = {"onednn", "gemmlowp"};
constexpr IntType kTypes[] = {IntType::s8, IntType::u8};
constexpr Pattern kPatterns[] = {Pattern::full_range, Pattern::small, Pattern::corner_max,
                                 Pattern::corner_min, Pattern::alternating};

// The backend, or a skip with its reason (an unavailable peer is never passed).
// oneDNN is optional (the aarch64 build goes without it): the build says whether it was found.
#ifdef FPCONFORM_HAVE_ONEDNN
constexpr bool kOnednnBuilt = true;
#else
constexpr bool kOnednnBuilt = false;
#endif
#define FPCONFORM_PEER_OR_SKIP(var, peer_name)                                                   \
  if (std::string_view(peer_name) == "onednn" && !kOnednnBuilt)                                  \
    GTEST_SKIP() << "onednn not built: libdnnl-dev was not found when this build was configured"; \
  const Int8Backend* var = find_int8_backend(peer_name);                                         \
  ASSERT_NE(var, nullptr) << (peer_name) << " is not compiled in";                               \
  if (const Availability a = var->available(); !a.ok) GTEST_SKIP() << a.reason

std::vector<std::int32_t> run_gemm(const Int8Backend& b, GemmShape s, IntType t,
                                   const GemmOperands& ops, int threads) {
  const auto kernel = b.prepare(s, t, ops.b.data());
  std::vector<std::int32_t> c(std::size_t(s.m) * std::size_t(s.n), 0x5A5A5A5A);
  kernel->run(ops.a.data(), c.data(), threads);
  return c;
}

struct Peer : ::testing::TestWithParam<const char*> {};

// vpmaddubsw's arithmetic: u8 x s8 products summed in pairs along K (k = 2i, 2i + 1; an odd K's
// last one alone) and saturated to int16, the pair sums added exactly; s8 A enters as a + 128 and
// 128 x (the column sum of B) is subtracted after. Only full-range data can reach the saturation.
std::vector<std::int64_t> gemm_pairs_saturated(GemmShape s, IntType t, const GemmOperands& ops) {
  const auto a_u8 = [&](int i, int p) -> std::int64_t {
    const std::uint8_t v = ops.a[std::size_t(i) * s.k + p];
    return t == IntType::s8 ? std::int64_t(std::int8_t(v)) + 128 : v;
  };
  const auto b = [&](int p, int j) -> std::int64_t { return ops.b[std::size_t(p) * s.n + j]; };
  std::vector<std::int64_t> c(std::size_t(s.m) * std::size_t(s.n));
  for (int i = 0; i < s.m; ++i)
    for (int j = 0; j < s.n; ++j) {
      std::int64_t sum = 0, column = 0;
      for (int p = 0; p < s.k; p += 2) {
        std::int64_t pair = a_u8(i, p) * b(p, j);
        if (p + 1 < s.k) pair += a_u8(i, p + 1) * b(p + 1, j);
        sum += std::clamp<std::int64_t>(pair, -32768, 32767);
      }
      for (int p = 0; p < s.k; ++p) column += b(p, j);
      c[std::size_t(i) * s.n + j] = t == IntType::s8 ? sum - 128 * column : sum;
    }
  return c;
}

std::vector<GemmShape> exactness_shapes() {
  std::vector<GemmShape> s = ragged_shapes();
  s.push_back({.m = 64, .n = 64, .k = 64});
  s.push_back({.m = 1, .n = 1024, .k = 4096});  // K long enough for int16 pair sums to saturate
  return s;
}

TEST_P(Peer, GemmIsExactOrItsDeclaredModel) {
  FPCONFORM_PEER_OR_SKIP(b, GetParam());
  for (IntType t : kTypes)
    for (GemmShape s : exactness_shapes())
      for (Pattern p : kPatterns) {
        const GemmOperands ops = gemm_operands(p, s, t, 7);
        std::vector<std::int64_t> want(std::size_t(s.m) * std::size_t(s.n));
        oracle::gemm_exact(s, t, ops.a.data(), ops.b.data(), want);
        // A peer that declares vpmaddubsw's saturation (oneDNN without VNNI) must match exactly
        // that model instead; Int8Peers.DeclaredSaturationIsReal keeps the declaration true.
        if (!b->gemm_deviation().empty()) want = gemm_pairs_saturated(s, t, ops);
        const std::vector<std::int32_t> got = run_gemm(*b, s, t, ops, 1);
        std::size_t mismatches = 0, first = 0;
        for (std::size_t i = 0; i < want.size(); ++i)
          if (got[i] != want[i] && mismatches++ == 0) first = i;
        EXPECT_EQ(mismatches, 0u)
            << b->name() << " " << name(t) << " " << format_shape(s) << " " << name(p)
            << ": first at row " << first / s.n << " col " << first % s.n << ": got " << got[first]
            << ", expected " << want[first];
      }
}

TEST_P(Peer, OneAndTwoThreadsAgree) {
  FPCONFORM_PEER_OR_SKIP(b, GetParam());
  for (IntType t : kTypes)
    for (GemmShape s : {GemmShape{.m = 256, .n = 256, .k = 512}, GemmShape{.m = 129, .n = 77, .k = 300}}) {
      const GemmOperands ops = gemm_operands(Pattern::full_range, s, t, 3);
      EXPECT_EQ(run_gemm(*b, s, t, ops, 1), run_gemm(*b, s, t, ops, 2))
          << b->name() << " " << name(t) << " " << format_shape(s);
    }
}

// Threads the process holds, from /proc (Linux); -1 where it cannot tell.
int thread_count() {
  std::error_code ec;
  int n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", ec), end; !ec && it != end;
       it.increment(ec))
    ++n;
  return ec ? -1 : n;
}

// In a fresh process (a death test re-runs only this test): a 1-thread GEMM must start no thread,
// a 2-thread one must start at least one (OpenMP's team, gemmlowp's worker).
[[noreturn]] void count_threads_and_exit(const Int8Backend& b) {
  const GemmShape s{.m = 512, .n = 512, .k = 512};
  const GemmOperands ops = gemm_operands(Pattern::full_range, s, IntType::u8, 5);
  const auto kernel = b.prepare(s, IntType::u8, ops.b.data());  // alive: its workers stay
  std::vector<std::int32_t> c(std::size_t(s.m) * std::size_t(s.n));
  const int before = thread_count();
  kernel->run(ops.a.data(), c.data(), 1);
  const int after1 = thread_count();
  kernel->run(ops.a.data(), c.data(), 2);
  const int after2 = thread_count();
  std::fprintf(stderr, "threads: %d before, %d after 1-thread run, %d after 2-thread run\n",
               before, after1, after2);
  std::exit(before > 0 && after1 == before && after2 > after1 ? 0 : 1);
}

TEST_P(Peer, ThreadCountIsHonoured) {
  FPCONFORM_PEER_OR_SKIP(b, GetParam());
  if (thread_count() < 0) GTEST_SKIP() << "no /proc/self/task to count threads";
  // "threadsafe" re-executes this program, which qemu-user cannot do without binfmt_misc: under
  // emulation the child is forked instead (it still starts from this one thread).
  GTEST_FLAG_SET(death_test_style, emulator() ? "fast" : "threadsafe");
  EXPECT_EXIT(count_threads_and_exit(*b), ::testing::ExitedWithCode(0), "threads: ");
}

INSTANTIATE_TEST_SUITE_P(Int8, Peer, ::testing::ValuesIn(kPeers),
                         [](const auto& info) { return std::string(info.param); });

// Accumulators for requantization: the int32 extremes, around 0, around the ties of the
// multiplier (acc * m = k + 1/2), around the clamp edges, then random full-range and small ones.
// The count is not a multiple of 8, so gemmlowp's SIMD blocks and its scalar tail both run.
std::vector<std::int32_t> accumulators(const Requant& p, double m) {
  constexpr std::int64_t lo = std::numeric_limits<std::int32_t>::min();
  constexpr std::int64_t hi = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int64_t> v{lo, lo + 1, -1, 0, 1, hi - 1, hi};
  const IntRange r = range(p.type);
  for (int k = -260; k <= 260; ++k) {
    const auto tie = static_cast<std::int64_t>((k + 0.5) / m);
    for (int d = -2; d <= 2; ++d) v.push_back(tie + d);
  }
  for (std::int32_t q : {r.min - 1, r.min, r.max, r.max + 1}) {
    const auto edge = static_cast<std::int64_t>((q - p.zero_point) / m);
    for (int d = -3; d <= 3; ++d) v.push_back(edge + d);
  }
  std::mt19937_64 g(11);
  for (int i = 0; i < 50001; ++i) v.push_back(static_cast<std::int32_t>(g()));
  for (int i = 0; i < 50001; ++i) v.push_back(static_cast<std::int32_t>(g() % 200001) - 100000);
  std::vector<std::int32_t> acc;
  for (std::int64_t x : v)
    if (x >= lo && x <= hi) acc.push_back(static_cast<std::int32_t>(x));
  return acc;
}

// u8 corner-max (255 x 127 pairs) saturates an int16 pair sum: a peer that declares a deviation
// here must show it, and one that declares none (gemmlowp; oneDNN where it dispatches to VNNI)
// must be exact on it.
TEST_P(Peer, DeclaredSaturationIsReal) {
  FPCONFORM_PEER_OR_SKIP(b, GetParam());
  const GemmShape s{.m = 17, .n = 255, .k = 3};
  const GemmOperands ops = gemm_operands(Pattern::corner_max, s, IntType::u8, 1);
  std::vector<std::int64_t> exact(std::size_t(s.m) * std::size_t(s.n));
  oracle::gemm_exact(s, IntType::u8, ops.a.data(), ops.b.data(), exact);
  const std::vector<std::int32_t> got = run_gemm(*b, s, IntType::u8, ops, 1);
  if (b->gemm_deviation().empty()) {
    EXPECT_EQ(std::vector<std::int64_t>(got.begin(), got.end()), exact)
        << b->name() << " declares no deviation here but is not exact on corner-max";
  } else {
    EXPECT_NE(std::vector<std::int64_t>(got.begin(), got.end()), exact)
        << b->name() << " declares \"" << b->gemm_deviation() << "\" but is exact on corner-max";
  }
}

TEST(Gemmlowp, RequantizeIsTheGemmlowpModel) {
  FPCONFORM_PEER_OR_SKIP(b, "gemmlowp");
  for (IntType t : kTypes)
    for (double m : {0.5, 0.3, 1.0 / 3.0, 0.0078125, 1.7e-3, 2.9e-6, 0x1p-31})
      for (std::int32_t z : t == IntType::s8 ? std::vector<std::int32_t>{0, -5, 17}
                                             : std::vector<std::int32_t>{0, 128, 3}) {
        const Requant p = oracle::make_requant(RequantModel::gemmlowp, m, z, t);
        ASSERT_TRUE(b->requantizes(p.model, t));
        const std::vector<std::int32_t> acc = accumulators(p, m);
        std::vector<std::uint8_t> q(acc.size());
        b->requantize(acc.data(), q.data(), acc.size(), p);
        std::size_t mismatches = 0, first = 0;
        for (std::size_t i = 0; i < acc.size(); ++i) {
          const std::int32_t got = t == IntType::s8 ? std::int32_t(std::int8_t(q[i])) : q[i];
          if (got != oracle::requantize(acc[i], p) && mismatches++ == 0) first = i;
        }
        EXPECT_EQ(mismatches, 0u) << name(t) << " m=" << m << " z=" << z << " of " << acc.size()
                                  << "; first: acc " << acc[first] << " expected "
                                  << oracle::requantize(acc[first], p);
      }
}

TEST(Int8Peers, LibrariesRegisterTheirVersions) {
  const auto& libs = libraries();
  EXPECT_EQ(libs.contains("oneDNN"), kOnednnBuilt);
  if (kOnednnBuilt) {
    EXPECT_EQ(libs.at("oneDNN").rfind("2.", 0), 0u) << libs.at("oneDNN");  // Debian's oneDNN 2.x
  }
  ASSERT_TRUE(libs.contains("gemmlowp"));
  EXPECT_EQ(libs.at("gemmlowp"), "git20211220.e844ffd");
}

TEST(Int8Speed, ReferenceGemmHasPositiveSpeed) {
  const Int8Backend* b = find_int8_backend("reference");
  ASSERT_NE(b, nullptr);
  const GemmSpeed s = measure_gemm_speed(*b, {.m = 16, .n = 24, .k = 32}, IntType::s8, 1);
  EXPECT_EQ(s.backend, "reference/s8");
  EXPECT_GT(s.seconds, 0);
  EXPECT_GT(s.gops, 0);
  EXPECT_DOUBLE_EQ(s.gops, 2.0 * 16 * 24 * 32 / s.seconds / 1e9);
}

TEST(Int8Speed, MedianOfAtLeastFiveRuns) {
  int calls = 0;
  EXPECT_GT(median_seconds([&] {
              ++calls;
              std::this_thread::sleep_for(std::chrono::microseconds(1));
            }, 0.0), 0.0);
  EXPECT_EQ(calls, 6);  // the warm-up and 5 timed
}

TEST(Int8Speed, RelateDividesBySgemmAndPeakOfTheSameThreads) {
  const GemmShape big{.m = 8, .n = 8, .k = 8}, other{.m = 4, .n = 4, .k = 4};
  const auto entry = [](const char* backend, GemmShape s, int threads, double gops) {
    GemmSpeed e;
    e.backend = backend;
    e.shape = s;
    e.threads = threads;
    e.gops = gops;
    return e;
  };
  // The SGEMM entry is found whatever build it names.
  std::vector<GemmSpeed> v{entry("sgemm-eigen-avx2", big, 1, 10), entry("sgemm-eigen-sse2", big, 2, 16),
                           entry("x/s8", big, 1, 25), entry("x/s8", big, 2, 40),
                           entry("x/u8", other, 1, 7)};
  relate(v, Int8Peak{100, "one"}, Int8Peak{200, "two"});
  EXPECT_EQ(v[0].fp32_ratio, 0);
  EXPECT_EQ(v[0].peak_gops, 0);
  EXPECT_EQ(v[1].fp32_ratio, 0);
  EXPECT_DOUBLE_EQ(v[2].fp32_ratio, 2.5);
  EXPECT_EQ(v[2].peak_gops, 100);
  EXPECT_EQ(v[2].peak_source, "one");
  EXPECT_DOUBLE_EQ(v[3].fp32_ratio, 2.5);
  EXPECT_EQ(v[3].peak_gops, 200);
  EXPECT_EQ(v[3].peak_source, "two");
  EXPECT_EQ(v[4].fp32_ratio, 0);  // no SGEMM of that shape
  EXPECT_EQ(v[4].peak_gops, 100);
  relate(v, std::nullopt, std::nullopt);
  EXPECT_EQ(v[2].peak_gops, 0);
  EXPECT_EQ(v[2].peak_source, "");
}

// C = A B in double from the same float data as SgemmEigen (seeds 1 and 2).
std::vector<double> sgemm_double(GemmShape s) {
  const std::vector<float> a = float_matrix(Dist::uniform, s.m, s.k, 1);
  const std::vector<float> b = float_matrix(Dist::uniform, s.k, s.n, 2);
  std::vector<double> c(std::size_t(s.m) * std::size_t(s.n));
  for (int i = 0; i < s.m; ++i)
    for (int j = 0; j < s.n; ++j) {
      double sum = 0;
      for (int p = 0; p < s.k; ++p) sum += double(a[std::size_t(i) * s.k + p]) * b[std::size_t(p) * s.n + j];
      c[std::size_t(i) * s.n + j] = sum;
    }
  return c;
}

template <typename T>
double relative_frobenius(std::span<const float> got, const std::vector<T>& want) {
  double err = 0, norm = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    err += (double(got[i]) - double(want[i])) * (double(got[i]) - double(want[i]));
    norm += double(want[i]) * double(want[i]);
  }
  return std::sqrt(err / norm);
}

struct SgemmBuild : ::testing::TestWithParam<std::string_view> {};

// Builds differ in FMA contraction (one rounding where mul + add has two) and in blocking, so
// each K = 256 dot product is summed in another order: float results differ by a few 2^-24
// roundings of the partial sums, ~1e-7 relative on U(-1,1) data (1e-5 leaves 100x room). A build
// that computed something else (a wrong kernel, a half-done product) is off by O(1).
TEST_P(SgemmBuild, AgreesWithDoubleAndTheBaseline) {
  constexpr double kTolerance = 1e-5;
  const std::string_view isa = GetParam();
  if (const Availability a = sgemm_available(isa); !a.ok) GTEST_SKIP() << a.reason;
  const std::string_view baseline = sgemm_isas().back();
  for (GemmShape s : {GemmShape{.m = 67, .n = 45, .k = 256}, GemmShape{.m = 128, .n = 96, .k = 256}})
    for (int threads : {1, 2}) {
      const std::vector<double> want = sgemm_double(s);
      const std::vector<float> a = float_matrix(Dist::uniform, s.m, s.k, 1);
      const std::vector<float> b = float_matrix(Dist::uniform, s.k, s.n, 2);
      SgemmEigen got(s, a, b, isa), base(s, a, b, baseline);
      EXPECT_EQ(got.isa(), isa);
      got.run(threads);
      base.run(1);
      const std::vector<float> base_c(base.c().begin(), base.c().end());
      const double vs_double = relative_frobenius(got.c(), want);
      const double vs_baseline = relative_frobenius(got.c(), base_c);
      EXPECT_LT(vs_double, kTolerance) << isa << " " << format_shape(s) << " " << threads << " threads";
      EXPECT_LT(vs_baseline, kTolerance) << isa << " vs " << baseline << " " << format_shape(s);
      std::printf("%s %s %d threads: relative Frobenius %.3g vs double, %.3g vs %s\n",
                  std::string(isa).c_str(), format_shape(s).c_str(), threads, vs_double,
                  vs_baseline, std::string(baseline).c_str());
    }
}

INSTANTIATE_TEST_SUITE_P(Int8Speed, SgemmBuild, ::testing::ValuesIn(sgemm_isas()),
                         [](const auto& info) { return std::string(info.param); });

TEST(Int8Speed, SgemmUnavailableBuildIsRefused) {
  const std::vector<float> m(4);
  EXPECT_THROW(SgemmEigen({.m = 2, .n = 2, .k = 2}, m, m, "no-such-isa"), std::invalid_argument);
  EXPECT_THROW(SgemmEigen({.m = 2, .n = 2, .k = 3}, m, m), std::invalid_argument);  // not 2x3, 3x2
  EXPECT_FALSE(sgemm_available("no-such-isa", "").ok);
}

// The best build the CPU runs, unless the disable list (FPCONFORM_DISABLE's syntax) turns it off.
TEST(Int8Speed, SgemmSelectionHonoursTheDisableList) {
#if defined(__x86_64__)
  ASSERT_EQ(std::vector<std::string_view>(sgemm_isas().begin(), sgemm_isas().end()),
            (std::vector<std::string_view>{"avx512", "avx2", "sse2"}));
  const bool avx2 = cpu_reports("avx2") && cpu_reports("fma");
  const bool avx512 = cpu_reports("avx512f") && cpu_reports("avx512bw") &&
                      cpu_reports("avx512vl") && cpu_reports("fma");
  EXPECT_EQ(sgemm_isa(""), avx512 ? "avx512" : avx2 ? "avx2" : "sse2");
  EXPECT_EQ(sgemm_isa("avx512"), avx2 ? "avx2" : "sse2");
  EXPECT_EQ(sgemm_isa("avx512,avx2"), "sse2");
  EXPECT_EQ(sgemm_isa("avx"), "sse2");  // a prefix: avx2 and avx512f
  EXPECT_EQ(sgemm_isa("fma"), "sse2");
  EXPECT_EQ(sgemm_available("avx2", "avx2").reason, "avx2 disabled by FPCONFORM_DISABLE");
  EXPECT_TRUE(sgemm_available("sse2", "avx,fma,sse").ok);  // the baseline needs nothing
#else
  EXPECT_EQ(sgemm_isa("avx512,avx2"), "baseline");
#endif
  const char* env = std::getenv("FPCONFORM_DISABLE");
  EXPECT_EQ(sgemm_isa(), sgemm_isa(env ? env : ""));
  EXPECT_EQ(measure_sgemm_speed({.m = 8, .n = 8, .k = 8}, 1).backend,
            "sgemm-eigen-" + std::string(sgemm_isa()));
}

TEST(Int8Peak, MeasuredWhereTheCpuHasALoop) {
  const std::optional<Int8Peak> p = measure_int8_peak(1);
  if (!p) GTEST_SKIP() << "no int8 peak loop for this CPU (needs AVX2 or AVX-512 VNNI)";
  EXPECT_GT(p->gops, 0);
  EXPECT_NE(p->source.find("1 thread"), std::string::npos) << p->source;
  EXPECT_FALSE(measure_int8_peak(0).has_value());
}

}  // namespace
}  // namespace fpconform
