// The int8 multiply-add peak: independent accumulator chains of the best instruction an int8
// GEMM here is built on (AMX tiles, else vpdpbusd, else AVX2's sequence), enough of them (>= 10) to cover its latency, so that only its throughput limits the
// loop. Operands stay in registers or L1: this is the instruction's peak, not memory's.
#include "fpconform/int8_peak.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "platform/amx.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define FPCONFORM_INT8_PEAK_LOOPS 1
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_PEAK_LOOPS

using Loop = std::int64_t (*)(std::int64_t iterations);

// The loops are written in asm so that the compiler cannot share, hoist or spill anything: each
// chain's accumulator stays in its own register and every instruction in the loop is one of
// the sequence measured.
#define FPCONFORM_REPEAT_10(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9)
#define FPCONFORM_REPEAT_12(M) FPCONFORM_REPEAT_10(M) M(10) M(11)

// 12 chains of vpdpbusd zmm: 64 u8 x s8 multiply-adds each.
constexpr int kVnniChains = 12;
constexpr double kVnniOpsPerIteration = kVnniChains * 64 * 2;

__attribute__((target("avx512f,avx512bw,avx512vnni"), noinline)) std::int64_t vnni_loop(
    std::int64_t iterations) {
#define FPCONFORM_ACC(c) __m512i acc##c = _mm512_set1_epi32(c);
  FPCONFORM_REPEAT_12(FPCONFORM_ACC)
#undef FPCONFORM_ACC
  const __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-5);
  for (std::int64_t i = 0; i < iterations; ++i) {
#define FPCONFORM_DP(c) "vpdpbusd %[b], %[a], %[acc" #c "]\n\t"
#define FPCONFORM_OUT(c) [acc##c] "+v"(acc##c),
    asm volatile(FPCONFORM_REPEAT_12(FPCONFORM_DP)
                 : FPCONFORM_OUT(0) FPCONFORM_OUT(1) FPCONFORM_OUT(2) FPCONFORM_OUT(3)
                   FPCONFORM_OUT(4) FPCONFORM_OUT(5) FPCONFORM_OUT(6) FPCONFORM_OUT(7)
                   FPCONFORM_OUT(8) FPCONFORM_OUT(9) FPCONFORM_OUT(10) [acc11] "+v"(acc11)
                 : [a] "v"(a), [b] "v"(b));
#undef FPCONFORM_DP
#undef FPCONFORM_OUT
  }
  __m512i sum = acc0;
#define FPCONFORM_SUM(c) sum = _mm512_add_epi32(sum, acc##c);
  FPCONFORM_SUM(1) FPCONFORM_SUM(2) FPCONFORM_SUM(3) FPCONFORM_SUM(4) FPCONFORM_SUM(5)
  FPCONFORM_SUM(6) FPCONFORM_SUM(7) FPCONFORM_SUM(8) FPCONFORM_SUM(9) FPCONFORM_SUM(10)
  FPCONFORM_SUM(11)
#undef FPCONFORM_SUM
  alignas(64) std::int32_t lanes[16];
  _mm512_store_si512(lanes, sum);
  std::int64_t total = 0;
  for (std::int32_t v : lanes) total += v;
  return total;
}

// 10 chains of vpmaddubsw (32 u8 x s8 products into int16 pairs, B read from memory as a GEMM
// reads it; each chain its own row) + vpmaddwd by ones + vpaddd, as AVX2 int8 GEMMs do.
constexpr int kAvx2Chains = 10;
constexpr double kAvx2OpsPerIteration = kAvx2Chains * 32 * 2;

__attribute__((target("avx2"), noinline)) std::int64_t avx2_loop(std::int64_t iterations) {
  alignas(32) std::int8_t rows[kAvx2Chains][32];
  for (int c = 0; c < kAvx2Chains; ++c)
    for (int j = 0; j < 32; ++j) rows[c][j] = static_cast<std::int8_t>(c - j);
#define FPCONFORM_ACC(c) __m256i acc##c = _mm256_set1_epi32(c);
  FPCONFORM_REPEAT_10(FPCONFORM_ACC)
#undef FPCONFORM_ACC
  const __m256i a = _mm256_set1_epi8(3), ones = _mm256_set1_epi16(1);
  __m256i t0, t1;
  for (std::int64_t i = 0; i < iterations; ++i) {
#define FPCONFORM_MAC(c, t)                             \
  "vpmaddubsw " #c "*32(%[rows]), %[a], %[" #t "]\n\t" \
  "vpmaddwd %[ones], %[" #t "], %[" #t "]\n\t"         \
  "vpaddd %[" #t "], %[acc" #c "], %[acc" #c "]\n\t"
#define FPCONFORM_OUT(c) [acc##c] "+x"(acc##c),
    asm volatile(FPCONFORM_MAC(0, t0) FPCONFORM_MAC(1, t1) FPCONFORM_MAC(2, t0)
                 FPCONFORM_MAC(3, t1) FPCONFORM_MAC(4, t0) FPCONFORM_MAC(5, t1)
                 FPCONFORM_MAC(6, t0) FPCONFORM_MAC(7, t1) FPCONFORM_MAC(8, t0)
                 FPCONFORM_MAC(9, t1)
                 : FPCONFORM_REPEAT_10(FPCONFORM_OUT)[t0] "=&x"(t0), [t1] "=&x"(t1)
                 : [rows] "r"(&rows[0][0]), "m"(rows), [a] "x"(a), [ones] "x"(ones));
#undef FPCONFORM_MAC
#undef FPCONFORM_OUT
  }
  __m256i sum = acc0;
#define FPCONFORM_SUM(c) sum = _mm256_add_epi32(sum, acc##c);
  FPCONFORM_SUM(1) FPCONFORM_SUM(2) FPCONFORM_SUM(3) FPCONFORM_SUM(4) FPCONFORM_SUM(5)
  FPCONFORM_SUM(6) FPCONFORM_SUM(7) FPCONFORM_SUM(8) FPCONFORM_SUM(9)
#undef FPCONFORM_SUM
  alignas(32) std::int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sum);
  std::int64_t total = 0;
  for (std::int32_t v : lanes) total += v;
  return total;
}

#undef FPCONFORM_REPEAT_12
#undef FPCONFORM_REPEAT_10

// 4 chains of AMX tdpbssd on 16 x 64-byte tiles: each 16 x 16 x 64 multiply-adds. Every thread
// configures its own tiles; the process asked for them (require_amx) before.
constexpr double kAmxOpsPerIteration = 4 * 16 * 16 * 64 * 2;

__attribute__((target("amx-tile,amx-int8"), noinline)) std::int64_t amx_loop(std::int64_t iterations) {
  alignas(64) std::int8_t ab[16][64];
  for (int r = 0; r < 16; ++r)
    for (int j = 0; j < 64; ++j) ab[r][j] = static_cast<std::int8_t>(r - j);
  alignas(64) std::int32_t c[16][16] = {};
  _tile_loadconfig(&kAmxTiles16x64);
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(2);
  _tile_zero(3);
  _tile_loadd(4, ab, 64);
  _tile_loadd(6, ab, 64);
  for (std::int64_t i = 0; i < iterations; ++i) {
    _tile_dpbssd(0, 4, 6);
    _tile_dpbssd(1, 4, 6);
    _tile_dpbssd(2, 4, 6);
    _tile_dpbssd(3, 4, 6);
  }
  _tile_stored(0, c, 64);
  _tile_release();
  return c[0][0];
}

// Seconds for `threads` threads each running loop(iterations), all released at once.
double run_threads(Loop loop, std::int64_t iterations, int threads) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<std::int64_t> sink{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      sink.fetch_add(loop(iterations));
    });
  while (ready.load() < threads) std::this_thread::yield();
  const auto start = std::chrono::steady_clock::now();
  go.store(true);
  for (std::thread& th : pool) th.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Int8Peak measure(Loop loop, double ops_per_iteration, const char* what, int threads) {
  // About 50 ms a trial, from a short single-thread calibration; the best of 3 trials.
  constexpr std::int64_t kProbe = std::int64_t{1} << 16;
  const double probe = std::max(run_threads(loop, kProbe, 1), 1e-6);
  const auto iterations = std::max<std::int64_t>(kProbe, std::int64_t(kProbe * 0.05 / probe));
  double best = 0;
  for (int trial = 0; trial < 3; ++trial) {
    const double s = run_threads(loop, iterations, threads);
    best = std::max(best, ops_per_iteration * double(iterations) * threads / s / 1e9);
  }
  return {best, std::string(what) + ", " + std::to_string(threads) +
                    (threads == 1 ? " thread" : " threads")};
}

#endif

}  // namespace

std::optional<Int8Peak> measure_int8_peak(int threads) {
  if (threads < 1) return std::nullopt;
#ifdef FPCONFORM_INT8_PEAK_LOOPS
  if (require_amx({"amx-int8"}).ok)
    return measure(&amx_loop, kAmxOpsPerIteration, "AMX tdpbssd throughput loop (4 tiles)", threads);
  if (require_cpu({"avx512f", "avx512bw", "avx512vnni"}).ok)
    return measure(&vnni_loop, kVnniOpsPerIteration, "vpdpbusd zmm throughput loop (12 chains)",
                   threads);
  if (require_cpu({"avx2"}).ok)
    return measure(&avx2_loop, kAvx2OpsPerIteration,
                   "vpmaddubsw+vpmaddwd+vpaddd ymm throughput loop (10 chains)", threads);
#endif
  return std::nullopt;
}

}  // namespace fpconform
