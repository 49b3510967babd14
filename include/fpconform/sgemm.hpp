// The FP32 GEMM the INT8 GEMM speeds are set against (backends/sgemm_eigen/): Eigen's SGEMM,
// one build per ISA, chosen at run time.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "fpconform/backend.hpp"
#include "fpconform/int8.hpp"

namespace fpconform {

namespace sgemm_eigen {
class Build;  // backends/sgemm_eigen/sgemm_eigen.hpp
}

// The FP32 contrast: Eigen's SGEMM, compiled once per ISA and chosen at run time, so that int8
// is compared with the FP32 speed this CPU reaches. The builds, best first: "avx512" (avx512f,
// avx512bw, avx512vl, fma), "avx2" (avx2, fma), "sse2" on x86-64; "baseline" elsewhere.
std::span<const std::string_view> sgemm_isas();

// Whether `isa` is compiled in and the CPU reports its features, none of them disabled by
// disable_list (FPCONFORM_DISABLE's syntax); else the reason. The baseline is always ok.
Availability sgemm_available(std::string_view isa, std::string_view disable_list);
Availability sgemm_available(std::string_view isa);  // with FPCONFORM_DISABLE

// The first of sgemm_isas() that is available.
std::string_view sgemm_isa(std::string_view disable_list);
std::string_view sgemm_isa();  // with FPCONFORM_DISABLE

// Row-major float matrices A (M x K) and B (K x N), copied in when made; run() is
// C.noalias() = A * B under Eigen::setNbThreads(threads), the previous setting put back after.
// Eigen is built with OpenMP here, so threads > 1 runs in parallel.
class SgemmEigen {
 public:
  // The build sgemm_isa() names, or isa: std::invalid_argument when sgemm_available(isa) is not ok.
  SgemmEigen(GemmShape shape, std::span<const float> a, std::span<const float> b);
  SgemmEigen(GemmShape shape, std::span<const float> a, std::span<const float> b,
             std::string_view isa);
  ~SgemmEigen();
  void run(int threads);
  std::string_view isa() const { return isa_; }
  std::span<const float> c() const;  // M x N, row-major: the last run's product

 private:
  GemmShape shape_;
  std::string_view isa_;
  std::unique_ptr<sgemm_eigen::Build> build_;
};

}  // namespace fpconform
