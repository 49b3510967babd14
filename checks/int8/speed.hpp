// INT8 GEMM speed: seconds per GEMM of a backend and of the FP32 SGEMM on the same shape, and how
// they relate (int8 / fp32, int8 / the measured instruction peak). Benchmarks proper live in
// suites/bench_int8.cpp (Google Benchmark); these helpers feed the results' speed section.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "fpconform/int8_peak.hpp"
#include "fpconform/sgemm.hpp"
#include "reports/int8_result.hpp"

namespace fpconform {

// One untimed warm-up call, then repetitions until their total exceeds min_total_seconds and
// there were at least 5; the median.
double median_seconds(const std::function<void()>& f, double min_total_seconds = 0.3);

// b's GEMM on full-range operands (gemm_operands, seed 1), prepare() outside the timing. The
// entry is named "<backend>/<a_type>" (e.g. "onednn/s8"): GemmSpeed has no a_type of its own.
// std::invalid_argument when b is unavailable or has no GEMM for a_type.
GemmSpeed measure_gemm_speed(const Int8Backend& b, GemmShape shape, IntType a_type, int threads);

// SgemmEigen on A = float_matrix(uniform, M, K, seed 1), B = float_matrix(uniform, K, N, seed 2),
// named "sgemm-eigen-<isa>" (e.g. "sgemm-eigen-avx2").
GemmSpeed measure_sgemm_speed(GemmShape shape, int threads);

// Fills fp32_ratio (gops / the sgemm-eigen-* entry of the same shape and threads) and peak_gops /
// peak_source (peak1 for 1 thread, peak2 for 2) of every int8 entry; left 0 where there is none.
// GPU entries (threads 0) are left as they are.
void relate(std::vector<GemmSpeed>& speeds, const std::optional<Int8Peak>& peak1,
            const std::optional<Int8Peak>& peak2);

}  // namespace fpconform
