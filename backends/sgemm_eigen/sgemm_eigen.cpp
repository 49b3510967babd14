#include "fpconform/sgemm.hpp"

#include <array>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "backends/sgemm_eigen/sgemm_eigen.hpp"
#include "platform/cpu.hpp"

namespace fpconform {
namespace {

using MakeBuild = sgemm_eigen::Build* (*)(int m, int n, int k, const float* a, const float* b);

struct SgemmBuild {
  std::string_view isa;
  std::span<const std::string_view> features;  // what the CPU must report
  MakeBuild make;
};

#if defined(__x86_64__)
// Exactly the -m flags of each unit (CMakeLists.txt here).
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

}  // namespace

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

SgemmEigen::SgemmEigen(GemmShape s, std::span<const float> a, std::span<const float> b)
    : SgemmEigen(s, a, b, sgemm_isa()) {}

SgemmEigen::SgemmEigen(GemmShape s, std::span<const float> a, std::span<const float> b,
                       std::string_view isa)
    : shape_(s) {
  if (const Availability a = sgemm_available(isa); !a.ok)
    throw std::invalid_argument("sgemm-eigen-" + std::string(isa) + ": " + a.reason);
  const SgemmBuild* build = find_build(isa);
  isa_ = build->isa;
  if (a.size() != std::size_t(s.m) * std::size_t(s.k) || b.size() != std::size_t(s.k) * std::size_t(s.n))
    throw std::invalid_argument("sgemm-eigen: operands do not match the shape " + format_shape(s));
  build_.reset(build->make(s.m, s.n, s.k, a.data(), b.data()));
}

SgemmEigen::~SgemmEigen() = default;

void SgemmEigen::run(int threads) { build_->run(threads); }

std::span<const float> SgemmEigen::c() const {
  return {build_->c(), std::size_t(shape_.m) * std::size_t(shape_.n)};
}

}  // namespace fpconform
