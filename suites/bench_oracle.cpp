// Conversions per second of the soft-float oracle, which bounds how fast an exhaustive sweep of
// the 2^32 binary32 inputs can be checked.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform {
namespace {

// A fixed mix of classes: normals across the whole range, values near the destination's
// overflow and underflow thresholds, subnormals, zeros, infinities and NaNs.
std::vector<std::uint32_t> inputs(const Format& src) {
  std::vector<std::uint32_t> v;
  std::uint64_t x = 0x0123456789ABCDEF;
  for (int i = 0; i < 4096; ++i) {
    x = x * 6364136223846793005 + 1442695040888963407;  // PCG's LCG step
    auto bits = static_cast<std::uint32_t>(x >> 32);
    if (src.container_bits == 32) {
      switch (i % 8) {  // binary32: steer the exponent toward the interesting binades
        case 0: bits = (bits & 0x807FFFFF) | 0x47000000; break;  // ~2^15: f16 overflow
        case 1: bits = (bits & 0x807FFFFF) | 0x33000000; break;  // ~2^-25: f16 underflow
        case 2: bits = (bits & 0x807FFFFF) | 0x38000000; break;  // ~2^-15: f16 subnormal
        case 3: bits &= 0x807FFFFF; break;                      // binary32 subnormal
        default: break;                                          // anywhere
      }
    }
    v.push_back(bits & src.container_mask());
  }
  return v;
}

void convert(benchmark::State& state, Op op, Rounding r) {
  const std::vector<std::uint32_t> in = inputs(*info(op).src);
  for (auto _ : state)
    for (std::uint32_t a : in) benchmark::DoNotOptimize(oracle::convert(op, a, r));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

struct Case {
  Op op;
  Rounding r;
};

// f32_to_f16 in every mode; the other ops in rne (widening ignores the mode).
constexpr Case kCases[] = {
    {Op::f32_to_f16, Rounding::rne},  {Op::f32_to_f16, Rounding::rtz},
    {Op::f32_to_f16, Rounding::rdn},  {Op::f32_to_f16, Rounding::rup},
    {Op::f32_to_f16, Rounding::rna},  {Op::f32_to_bf16, Rounding::rne},
    {Op::f32_to_e4m3, Rounding::rne}, {Op::f16_to_f32, Rounding::rne},
};

}  // namespace
}  // namespace fpconform

int main(int argc, char** argv) {
  using namespace fpconform;
  for (const Case& c : kCases) {
    const std::string label = std::string(name(c.op)) + "/" + std::string(name(c.r));
    benchmark::RegisterBenchmark(label.c_str(), convert, c.op, c.r);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
