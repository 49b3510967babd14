// The INT8 GEMMs on the GPU (cuda-dp4a, cublaslt-imma): what holds on every machine (registered
// as device backends, unavailable with the probe's reason where there is no GPU, cuBLASLt without
// u8 A), and where a GPU is: exact products on full-range and (-128)(-128) operands, and device
// timings. int8_backends_test runs them on every pattern and shape as well.
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/gpu.hpp"
#include "fpconform/gpu_gemm_speed.hpp"
#include "fpconform/int8_backend.hpp"
#include "oracles/int8/gemm.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

constexpr const char* kGpuBackends[] = {"cuda-dp4a", "cublaslt-imma"};

const Int8Backend& backend(std::string_view name) {
  const Int8Backend* b = find_int8_backend(name);
  if (!b) throw std::logic_error(std::string(name) + " is not registered");
  return *b;
}

bool known_reason(const std::string& why) {
  return why.starts_with("no CUDA device") || why.starts_with("built without CUDA") ||
         why == "cuda disabled by FPCONFORM_DISABLE";
}

TEST(Int8Cuda, BothAreRegisteredAsDeviceBackends) {
  for (const char* name : kGpuBackends) {
    const Int8Backend* b = find_int8_backend(name);
    ASSERT_NE(b, nullptr) << name << " is not registered";
    EXPECT_EQ(b->kind(), BackendKind::device) << name;
    EXPECT_TRUE(b->multiplies(IntType::s8)) << name;
    EXPECT_EQ(b->gemm_model(), GemmModel::exact) << name;
  }
}

TEST(Int8Cuda, Dp4aMultipliesU8AndImmaDoesNot) {
  EXPECT_TRUE(backend("cuda-dp4a").multiplies(IntType::u8));
  // cuBLASLt has no u8 x s8 -> s32 IMMA.
  EXPECT_FALSE(backend("cublaslt-imma").multiplies(IntType::u8));
}

TEST(Int8Cuda, WithoutADeviceBothSayWhy) {
  const GpuProbe& p = probe_gpu();
  if (p.gpu) GTEST_SKIP() << "a GPU is here: " << gpu_summary();
  ASSERT_TRUE(known_reason(p.why_not)) << "probe_gpu().why_not: " << p.why_not;
  for (const char* name : kGpuBackends) {
    const Availability a = backend(name).available();
    EXPECT_FALSE(a.ok) << name;
    EXPECT_EQ(a.reason, p.why_not) << name;
  }
}

TEST(Int8Cuda, WithoutADeviceTimingIsRefusedWithTheReason) {
  const GpuProbe& p = probe_gpu();
  if (p.gpu) GTEST_SKIP() << "a GPU is here: " << gpu_summary();
  try {
    time_gpu_gemms({.m = 64, .n = 64, .k = 64});
    FAIL() << "time_gpu_gemms returned without a GPU";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(p.why_not), std::string::npos) << "got: " << e.what();
  }
}

// ---- on a GPU ----

void expect_exact(std::string_view name, IntType a_type, Pattern p) {
  constexpr GemmShape s{.m = 256, .n = 256, .k = 256};
  const GemmOperands ops = gemm_operands(p, s, a_type, 7);
  std::vector<std::int64_t> want(std::size_t(s.m) * s.n);
  oracle::gemm_exact(s, a_type, ops.a.data(), ops.b.data(), want);
  std::vector<std::int32_t> got(want.size(), 0x5A5A5A5A);  // every element must be written
  backend(name).prepare(s, a_type, ops.b.data())->run(ops.a.data(), got.data(), 1);
  std::size_t bad = 0;
  std::ostringstream first;
  for (std::size_t e = 0; e < want.size(); ++e)
    if (got[e] != want[e] && ++bad <= 8)
      first << "  C[" << e / s.n << "][" << e % s.n << "]: expected " << want[e] << ", got " << got[e] << "\n";
  EXPECT_EQ(bad, 0u) << name << " " << format_shape(s) << " " << ::fpconform::name(p) << " A "
                     << ::fpconform::name(a_type) << ": " << bad << " elements differ\n"
                     << first.str() << "repro: fpconform matmul --backend " << name << " --shape "
                     << format_shape(s) << " --a-type " << ::fpconform::name(a_type) << " --pattern "
                     << ::fpconform::name(p) << " --check exact";
}

TEST(Int8Cuda, ExactOnFullRangeAndCornerMin) {
  if (!probe_gpu().gpu) GTEST_SKIP() << probe_gpu().why_not;
  for (Pattern p : {Pattern::full_range, Pattern::corner_min}) {
    expect_exact("cuda-dp4a", IntType::s8, p);
    expect_exact("cuda-dp4a", IntType::u8, p);
    expect_exact("cublaslt-imma", IntType::s8, p);
  }
}

TEST(Int8Cuda, TimingGivesFourEntries) {
  if (!probe_gpu().gpu) GTEST_SKIP() << probe_gpu().why_not;
  const std::vector<GpuGemmTiming> t = time_gpu_gemms({.m = 256, .n = 256, .k = 256});
  ASSERT_EQ(t.size(), 4u);
  const char* names[] = {"cuda-dp4a/s8", "cublaslt-imma/s8", "cublas-sgemm-fp32", "cublas-sgemm-tf32"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].name, names[i]);
    EXPECT_GT(t[i].seconds, 0) << t[i].name;
    EXPECT_EQ(t[i].peak_gops > 0, i < 2 && !t[i].peak_source.starts_with("no ")) << t[i].name << ": "
                                                                                 << t[i].peak_source;
  }
}

}  // namespace
}  // namespace fpconform
