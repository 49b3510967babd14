// INT8 GEMM speed (Google Benchmark; not a test): every available GEMM backend with u8 and s8 A,
// the Eigen FP32 SGEMM (the best build for this CPU, named after it) on the same shapes, and the
// int8 instruction peak loops; 1 and 2 threads.
// Names: backend/a_type/shape/threads. Counters: GOPS (int8: 2 m n k per second, 1e9) or GFLOPS.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "fpconform/int8_peak.hpp"
#include "checks/int8/speed.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

constexpr GemmShape kShapes[] = {{.m = 1024, .n = 1024, .k = 1024},
                                 {.m = 256, .n = 256, .k = 256},
                                 {.m = 1, .n = 4096, .k = 1024}};
constexpr int kThreads[] = {1, 2};

benchmark::Counter per_second(GemmShape s) {
  return benchmark::Counter(2e-9 * s.m * s.n * s.k, benchmark::Counter::kIsIterationInvariantRate);
}

void int8_gemm(benchmark::State& state, const Int8Backend* b, IntType t, GemmShape s, int threads) {
  const GemmOperands ops = gemm_operands(Pattern::full_range, s, t, 1);
  const auto kernel = b->prepare(s, t, ops.b.data());
  std::vector<std::int32_t> c(std::size_t(s.m) * std::size_t(s.n));
  for (auto _ : state) {
    kernel->run(ops.a.data(), c.data(), threads);
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  state.counters["GOPS"] = per_second(s);
}

void sgemm_eigen(benchmark::State& state, GemmShape s, int threads) {
  const std::vector<float> a = float_matrix(Dist::uniform, s.m, s.k, 1);
  const std::vector<float> b = float_matrix(Dist::uniform, s.k, s.n, 2);
  SgemmEigen sgemm(s, a, b);
  for (auto _ : state) {
    sgemm.run(threads);
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] = per_second(s);
}

// Each iteration is one whole measurement (best of its trials); the best iteration is reported.
void int8_peak(benchmark::State& state, int threads) {
  double best = 0;
  std::string source;
  for (auto _ : state) {
    const std::optional<Int8Peak> p = measure_int8_peak(threads);
    if (!p) {
      state.SkipWithError("no int8 peak loop for this CPU");
      return;
    }
    best = std::max(best, p->gops);
    source = p->source;
  }
  state.counters["GOPS"] = best;
  state.SetLabel(source);
}

void register_all() {
  for (const Int8Backend* b : int8_backends()) {
    // GPU backends' run() copies A and C over PCIe: they are timed on the device, operands
    // resident, by `fpconform matmul --check speed` (time_gpu_gemms).
    if (b->kind() == BackendKind::device || !b->available().ok) continue;
    for (IntType t : {IntType::u8, IntType::s8}) {
      if (!b->multiplies(t)) continue;
      for (GemmShape s : kShapes)
        for (int threads : kThreads)
          benchmark::RegisterBenchmark((std::string(b->name()) + "/" + std::string(name(t)) + "/" +
                                        format_shape(s) + "/" + std::to_string(threads))
                                           .c_str(),
                                       int8_gemm, b, t, s, threads)
              ->UseRealTime()
              ->Unit(benchmark::kMillisecond);
    }
  }
  for (GemmShape s : kShapes)
    for (int threads : kThreads)
      benchmark::RegisterBenchmark(
          ("sgemm-eigen-" + std::string(sgemm_isa()) + "/f32/" + format_shape(s) + "/" +
           std::to_string(threads))
              .c_str(),
          sgemm_eigen, s, threads)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
  for (int threads : kThreads)
    benchmark::RegisterBenchmark(("int8-peak/" + std::to_string(threads)).c_str(), int8_peak,
                                 threads)
        ->UseRealTime()
        ->Iterations(3)
        ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace fpconform

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fpconform::register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
