// What an exhaustive sweep spends per block of 2^16 binary32 inputs: a plain copy of the same
// arrays (the floor), the seeded order of the block's inputs (once per block) and its expected
// results gathered into that order (once per (op, rounding)), the oracle's steps filling a block
// of expected results, and each available backend converting a block, per (op, rounding) it
// implements. Conversions per second and bytes per second (input read plus output written) are
// comparable with the copy's. The binary arithmetic ops run on a block of pseudo-random operand
// pairs, as shuffled as the sweep's: a backend that branches per class of operand pays here what
// it pays there.
//
//   build/suites/bench_sweep --benchmark_filter='copy|steps/f32_to_f16/rne|f32_to_f16/rne'
//   build/suites/bench_sweep --benchmark_filter='/(f16_add|bf16_mul)/rne$'
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "checks/oracle_steps.hpp"
#include "checks/shuffle.hpp"
#include "vectors/splitmix.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kBlock = 1 << 16;  // the sweep's block

// A block like the sweep's: consecutive inputs, here from a binade where rounding happens.
std::vector<std::uint32_t> block() {
  std::vector<std::uint32_t> in(kBlock);
  std::iota(in.begin(), in.end(), 0x3F800000u);
  return in;
}

void bytes(benchmark::State& state, std::size_t out_bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBlock));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBlock * (4 + out_bytes)));
}

// The floor: read the 4-byte inputs, write out_bytes per input.
void copy(benchmark::State& state, std::size_t out_bytes) {
  const std::vector<std::uint32_t> in = block();
  std::vector<unsigned char> out(kBlock * 4);
  for (auto _ : state) {
    if (out_bytes == 4) {
      std::memcpy(out.data(), in.data(), kBlock * 4);
    } else {
      auto* o = reinterpret_cast<std::uint16_t*>(out.data());
      for (std::size_t i = 0; i < kBlock; ++i) o[i] = static_cast<std::uint16_t>(in[i] >> 16);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  bytes(state, out_bytes);
}

void order(benchmark::State& state) {
  std::vector<std::uint32_t> in(kBlock);
  std::uint64_t seed = 0;
  for (auto _ : state) {
    keyed_order(stream_seed(1, seed++), in, 0x3F800000u);
    benchmark::DoNotOptimize(in.data());
  }
  bytes(state, 0);
}

// The expected results of a block, out_bytes each, in the order of its shuffled inputs.
void gathered(benchmark::State& state, std::size_t out_bytes) {
  std::vector<std::uint32_t> in(kBlock);
  keyed_order(1, in, 0x3F800000u);
  std::vector<unsigned char> expected(kBlock * 4), out(kBlock * 4);
  for (auto _ : state) {
    gather(expected.data(), in, 0x3F800000u, out_bytes, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  bytes(state, out_bytes);
}

void steps(benchmark::State& state, Op op, Rounding r) {
  const OracleSteps s(op, r);
  std::vector<unsigned char> out(kBlock * 4);
  std::uint32_t first = 0;
  for (auto _ : state) {
    s.fill(first, kBlock, out.data());
    first += kBlock;  // walk the whole range: every kind of step, NaNs included
    benchmark::DoNotOptimize(out.data());
  }
  bytes(state, container_bytes(*info(op).dst));
}

// Operand pairs a (high half), b (low half): splitmix64's high words, the same every run.
std::vector<std::uint32_t> random_pairs() {
  std::vector<std::uint32_t> in(kBlock);
  for (std::size_t i = 0; i < kBlock; ++i) in[i] = static_cast<std::uint32_t>(splitmix64(i) >> 32);
  return in;
}

void convert(benchmark::State& state, const Backend* b, Op op, Rounding r) {
  const std::vector<std::uint32_t> in = is_arithmetic(op) ? random_pairs() : block();
  std::vector<unsigned char> out(kBlock * 4);
  for (auto _ : state) {
    b->convert(op, r, in.data(), out.data(), kBlock, nullptr);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  bytes(state, container_bytes(*info(op).dst));
}

}  // namespace
}  // namespace fpconform

int main(int argc, char** argv) {
  using namespace fpconform;
  benchmark::RegisterBenchmark("copy/4to2", copy, std::size_t{2});
  benchmark::RegisterBenchmark("copy/4to4", copy, std::size_t{4});
  benchmark::RegisterBenchmark("order", order);
  for (std::size_t out_bytes : {1, 2, 4})
    benchmark::RegisterBenchmark(("gather/" + std::to_string(out_bytes)).c_str(), gathered, out_bytes);
  for (const OpInfo& i : kOps) {
    const bool binary_arith = is_arithmetic(i.op) && input_bits(i.op) == 32;
    if (i.src->container_bits != 32 && !binary_arith) continue;
    for (Rounding r : kRoundings) {
      const std::string pair = std::string(name(i.op)) + "/" + std::string(name(r));
      if (!binary_arith) benchmark::RegisterBenchmark(("steps/" + pair).c_str(), steps, i.op, r);
      for (const Backend* b : backends())
        if (b->available().ok && b->implements(i.op, r))
          benchmark::RegisterBenchmark((std::string(b->name()) + "/" + pair).c_str(), convert, b,
                                       i.op, r);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
