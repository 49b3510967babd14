#include "reports/int8_speed.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "fpconform/cpu.hpp"
#include "reports/sgemm_eigen.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

constexpr std::string_view kSgemm = "sgemm-eigen";

using MakeBuild = sgemm_eigen::Build* (*)(int m, int n, int k, const float* a, const float* b);

struct SgemmBuild {
  std::string_view isa;
  std::span<const std::string_view> features;  // what the CPU must report
  MakeBuild make;
};

#if defined(__x86_64__)
// Exactly the -m flags of each unit (reports/CMakeLists.txt).
constexpr std::string_view kAvx512[] = {"avx512f", "avx512bw", "avx512dq", "avx512vl", "fma"};
constexpr std::string_view kAvx2[] = {"avx2", "fma"};
constexpr SgemmBuild kBuilds[] = {{"avx512", kAvx512, sgemm_eigen::make_avx512},
                                  {"avx2", kAvx2, sgemm_eigen::make_avx2},
                                  {"sse2", {}, sgemm_eigen::make_baseline}};
#else
constexpr SgemmBuild kBuilds[] = {{"baseline", {}, sgemm_eigen::make_baseline}};
#endif

constexpr auto kIsas = [] {
  std::array<std::string_view, std::size(kBuilds)> isas;
  for (std::size_t i = 0; i < isas.size(); ++i) isas[i] = kBuilds[i].isa;
  return isas;
}();

const char* disable_env() {
  const char* list = std::getenv("FPCONFORM_DISABLE");
  return list ? list : "";
}

const SgemmBuild* find_build(std::string_view isa) {
  for (const SgemmBuild& b : kBuilds)
    if (b.isa == isa) return &b;
  return nullptr;
}

GemmSpeed speed(std::string backend, GemmShape shape, int threads, double seconds) {
  GemmSpeed s;
  s.backend = std::move(backend);
  s.shape = shape;
  s.threads = threads;
  s.seconds = seconds;
  s.gops = 2.0 * shape.m * shape.n * shape.k / seconds / 1e9;
  return s;
}

}  // namespace

double median_seconds(const std::function<void()>& f, double min_total_seconds) {
  using Clock = std::chrono::steady_clock;
  f();
  std::vector<double> times;
  double total = 0;
  while (times.size() < 5 || total <= min_total_seconds) {
    const auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    total += times.back();
  }
  const auto mid = times.begin() + std::ptrdiff_t(times.size() / 2);
  std::nth_element(times.begin(), mid, times.end());
  return *mid;
}

GemmSpeed measure_gemm_speed(const Int8Backend& b, GemmShape shape, IntType a_type, int threads) {
  const std::string who = std::string(b.name()) + "/" + std::string(name(a_type));
  if (const Availability a = b.available(); !a.ok)
    throw std::invalid_argument(who + ": unavailable: " + a.reason);
  if (!b.multiplies(a_type)) throw std::invalid_argument(who + ": no GEMM for this A type");
  const GemmOperands ops = gemm_operands(Pattern::full_range, shape, a_type, 1);
  const auto kernel = b.prepare(shape, a_type, ops.b.data());
  std::vector<std::int32_t> c(std::size_t(shape.m) * std::size_t(shape.n));
  return speed(who, shape, threads,
               median_seconds([&] { kernel->run(ops.a.data(), c.data(), threads); }));
}

namespace sgemm_eigen {
Build::~Build() = default;
}

std::span<const std::string_view> sgemm_isas() { return kIsas; }

Availability sgemm_available(std::string_view isa, std::string_view disable_list) {
  const SgemmBuild* b = find_build(isa);
  if (!b) return {false, "no SGEMM build " + std::string(isa) + " in this program"};
  for (std::string_view f : b->features) {
    if (feature_disabled(f, disable_list))
      return {false, std::string(f) + " disabled by FPCONFORM_DISABLE"};
    if (!cpu_reports(f)) return {false, "CPU lacks " + std::string(f)};
  }
  return {};
}

Availability sgemm_available(std::string_view isa) {
  return sgemm_available(isa, disable_env());
}

std::string_view sgemm_isa(std::string_view disable_list) {
  for (const SgemmBuild& b : kBuilds)
    if (sgemm_available(b.isa, disable_list).ok) return b.isa;
  return kBuilds[std::size(kBuilds) - 1].isa;  // unreachable: the baseline needs nothing
}

std::string_view sgemm_isa() { return sgemm_isa(disable_env()); }

SgemmEigen::SgemmEigen(GemmShape s) : SgemmEigen(s, sgemm_isa()) {}

SgemmEigen::SgemmEigen(GemmShape s, std::string_view isa) : shape_(s) {
  if (const Availability a = sgemm_available(isa); !a.ok)
    throw std::invalid_argument("sgemm-eigen-" + std::string(isa) + ": " + a.reason);
  const SgemmBuild* b = find_build(isa);
  isa_ = b->isa;
  const std::vector<float> a = float_matrix(Dist::uniform, s.m, s.k, 1);
  const std::vector<float> bm = float_matrix(Dist::uniform, s.k, s.n, 2);
  build_.reset(b->make(s.m, s.n, s.k, a.data(), bm.data()));
}

SgemmEigen::~SgemmEigen() = default;

void SgemmEigen::run(int threads) { build_->run(threads); }

std::span<const float> SgemmEigen::c() const {
  return {build_->c(), std::size_t(shape_.m) * std::size_t(shape_.n)};
}

GemmSpeed measure_sgemm_speed(GemmShape shape, int threads) {
  SgemmEigen sgemm(shape);
  return speed(std::string(kSgemm) + "-" + std::string(sgemm.isa()), shape, threads,
               median_seconds([&] { sgemm.run(threads); }));
}

void relate(std::vector<GemmSpeed>& speeds, const std::optional<Int8Peak>& peak1,
            const std::optional<Int8Peak>& peak2) {
  for (GemmSpeed& s : speeds) {
    // threads 0: timed on a GPU, related there to cuBLAS's SGEMM and the tensor cores' peak.
    if (s.backend.starts_with(kSgemm) || s.threads == 0) continue;
    const auto fp32 = std::find_if(speeds.begin(), speeds.end(), [&](const GemmSpeed& f) {
      return f.backend.starts_with(kSgemm) && f.shape == s.shape && f.threads == s.threads;
    });
    s.fp32_ratio = fp32 != speeds.end() && fp32->gops > 0 ? s.gops / fp32->gops : 0;
    const Int8Peak* peak = s.threads == 1 && peak1   ? &*peak1
                           : s.threads == 2 && peak2 ? &*peak2
                                                     : nullptr;
    s.peak_gops = peak ? peak->gops : 0;
    s.peak_source = peak ? peak->source : "";
  }
}

}  // namespace fpconform
