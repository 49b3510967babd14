// time_gpu_gemms() on a device: every operand packed and resident on the GPU before the clock
// starts, so that the numbers are the GEMMs' and not the PCIe copies'. Each GEMM: one warm-up
// call, then repetitions timed with CUDA events until they total >= 0.2 s and number >= 10; the
// median. The FP32 contrast is cublasGemmEx with CUBLAS_COMPUTE_32F (no tensor cores) and with
// CUBLAS_COMPUTE_32F_FAST_TF32.
#include <cublas_v2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "backends/int8_cuda/cuda_check.hpp"
#include "backends/int8_cuda/dp4a_kernel.hpp"
#include "backends/int8_cuda/imma_plan.hpp"
#include "backends/int8_cuda/int8_cuda_gemm.hpp"
#include "backends/int8_cuda/pack.hpp"
#include "platform/gpu.hpp"

namespace fpconform::int8_cuda {
namespace {

constexpr double kMinTotalSeconds = 0.2;
constexpr int kMinRepetitions = 10;

class Event {
 public:
  Event() { check(cudaEventCreate(&e_), "cudaEventCreate"); }
  ~Event() { cudaEventDestroy(e_); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  cudaEvent_t get() const { return e_; }

 private:
  cudaEvent_t e_ = nullptr;
};

double median_device_seconds(const Stream& stream, const std::function<void()>& gemm) {
  gemm();
  stream.sync();
  const Event start, stop;
  std::vector<double> times;
  double total = 0;
  while (int(times.size()) < kMinRepetitions || total < kMinTotalSeconds) {
    check(cudaEventRecord(start.get(), stream.get()), "cudaEventRecord");
    gemm();
    check(cudaEventRecord(stop.get(), stream.get()), "cudaEventRecord");
    check(cudaEventSynchronize(stop.get()), "cudaEventSynchronize");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start.get(), stop.get()), "cudaEventElapsedTime");
    times.push_back(ms * 1e-3);
    total += times.back();
  }
  const auto mid = times.begin() + std::ptrdiff_t(times.size() / 2);
  std::nth_element(times.begin(), mid, times.end());
  return *mid;
}

// Dense int8 tensor-core ops per clock per SM: sm_90 8192 (H100 whitepaper: 1979 dense INT8 TOPS
// = 132 SMs x 1.83 GHz x 8192), sm_80 4096 (A100: 624 TOPS = 108 x 1.41 GHz x 4096).
struct Peak {
  double gops = 0;
  std::string source;
};

Peak int8_tensor_peak(const GpuInfo& g) {
  const int cc = g.cc_major * 10 + g.cc_minor;
  const int per_clock = cc == 90 ? 8192 : cc == 80 ? 4096 : 0;
  char s[160];
  if (per_clock == 0) {
    std::snprintf(s, sizeof s, "no int8 tensor-core peak known for sm_%d", cc);
    return {0, s};
  }
  std::snprintf(s, sizeof s, "int8 tensor-core dense peak, sm_%d: %d ops/clk/SM x %d SMs x %.2f GHz", cc,
                per_clock, g.sms, g.clock_ghz);
  return {double(per_clock) * g.sms * g.clock_ghz, s};
}

// Full-range bytes and floats in [-1, 1), the same on every run (a 64-bit LCG, high bits).
struct Lcg {
  std::uint64_t x;
  std::uint32_t next() {
    x = x * 6364136223846793005u + 1442695040888963407u;
    return std::uint32_t(x >> 32);
  }
};

std::vector<std::int8_t> random_bytes(std::size_t n, std::uint64_t seed) {
  Lcg g{seed};
  std::vector<std::int8_t> v(n);
  for (std::int8_t& b : v) b = std::int8_t(g.next() >> 24);
  return v;
}

std::vector<float> random_floats(std::size_t n, std::uint64_t seed) {
  Lcg g{seed};
  std::vector<float> v(n);
  for (float& f : v) f = float(g.next() >> 8) * 0x1p-23f - 1.0f;
  return v;
}

class Cublas {
 public:
  explicit Cublas(cudaStream_t s) {
    check(cublasCreate(&h_), "cublasCreate");
    check(cublasSetStream(h_, s), "cublasSetStream");
  }
  ~Cublas() { cublasDestroy(h_); }
  Cublas(const Cublas&) = delete;
  Cublas& operator=(const Cublas&) = delete;
  cublasHandle_t get() const { return h_; }

 private:
  cublasHandle_t h_ = nullptr;
};

// Row-major C = A B as column-major C^T = B^T A^T: row-major B is column-major B^T (ld n).
void sgemm(const Cublas& cublas, cublasComputeType_t compute, GemmShape s, const float* a, const float* b,
           float* c) {
  const float alpha = 1, beta = 0;
  check(cublasGemmEx(cublas.get(), CUBLAS_OP_N, CUBLAS_OP_N, s.n, s.m, s.k, &alpha, b, CUDA_R_32F, s.n, a,
                            CUDA_R_32F, s.k, &beta, c, CUDA_R_32F, s.n, compute, CUBLAS_GEMM_DEFAULT),
               "cublasGemmEx");
}

}  // namespace

std::vector<GpuGemmTiming> time_gemms(GemmShape s) {
  const Peak peak = int8_tensor_peak(*probe_gpu().gpu);
  const Stream stream;
  const std::size_t m = std::size_t(s.m), n = std::size_t(s.n), k = std::size_t(s.k);
  const std::size_t kp = std::size_t(padded_k(s.k)), np = std::size_t(padded_n(s.n));
  std::vector<GpuGemmTiming> out;

  // int8 operands, A in padded rows (the padding stays zero), B^T packed for both kernels.
  const std::vector<std::int8_t> a = random_bytes(m * k, 1), b = random_bytes(k * n, 2);
  std::vector<std::int8_t> a_rows(m * kp, 0);
  for (std::size_t i = 0; i < m; ++i) std::copy_n(a.data() + i * k, k, a_rows.data() + i * kp);
  DeviceArray<std::int8_t> d_a(m * kp), d_bt(np * kp);
  DeviceArray<std::int32_t> d_c(m * np);
  d_a.upload(a_rows.data());
  d_bt.upload(pack_b_transposed(s, b.data(), int(np)).data());

  const auto* a_words = reinterpret_cast<const std::int32_t*>(d_a.get());
  const auto* bt_words = reinterpret_cast<const std::int32_t*>(d_bt.get());
  out.push_back({"cuda-dp4a/s8", median_device_seconds(stream, [&] {
                   dp4a_gemm(s, IntType::s8, a_words, bt_words, d_c.get(), stream.get());
                 }),
                 peak.gops, peak.source});
  const ImmaPlan imma(s);
  out.push_back({"cublaslt-imma/s8", median_device_seconds(stream, [&] {
                   imma.run(d_a.get(), d_bt.get(), d_c.get(), stream.get());
                 }),
                 peak.gops, peak.source});

  DeviceArray<float> f_a(m * k), f_b(k * n), f_c(m * n);
  f_a.upload(random_floats(m * k, 3).data());
  f_b.upload(random_floats(k * n, 4).data());
  const Cublas cublas(stream.get());
  for (const auto& [name, compute] : {std::pair{"cublas-sgemm-fp32", CUBLAS_COMPUTE_32F},
                                      std::pair{"cublas-sgemm-tf32", CUBLAS_COMPUTE_32F_FAST_TF32}})
    out.push_back({name, median_device_seconds(stream, [&] {
                     sgemm(cublas, compute, s, f_a.get(), f_b.get(), f_c.get());
                   }),
                   0, ""});
  return out;
}

}  // namespace fpconform::int8_cuda
