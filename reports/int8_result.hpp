// The INT8 result model: exactness of quantize, requantize and GEMM against their models, how the
// requantization models differ, end-to-end error and speed, the GEMMs' robustness probes. Written into the results JSON's
// "int8" section and rendered as the report's INT8 section.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/int8.hpp"
#include "reports/result.hpp"

namespace fpconform {

// One GEMM backend on one problem: every int32 element against the int64 reference.
struct GemmExactness {
  std::string backend;
  GemmShape shape;
  IntType a_type = IntType::s8;
  std::string inputs;  // the pattern or distribution, with its seed: "full-range:7", "corner-255x127"
  Status status = Status::passed;
  std::string reason;    // skipped / unimplemented: why; failed: a one-line summary
  std::string declared;  // the backend's own declared deviation (gemm_deviation()), if any
  std::string model = "exact";         // the model it declares it computes (gemm_model())
  std::uint64_t model_mismatches = 0;  // elements that differ from that model: never declared
  std::uint64_t elements = 0;
  std::uint64_t mismatches = 0;
  std::uint64_t int32_overflows = 0;  // exact sums an int32 cannot hold (flagged, not compared)
  // How the differing elements were found: "full exact reference", or "freivalds: ..." with its
  // error bound and the rows recomputed exactly (checks/int8/check.hpp, GemmReference). Empty in
  // results written before it was recorded.
  std::string method;
  static constexpr std::string_view kFullReference = "full exact reference";
  // The element with the largest |got - expected| (first such in row-major order).
  int worst_row = -1, worst_col = -1;
  std::int64_t worst_expected = 0;
  std::int32_t worst_got = 0;
  std::string repro;
  double seconds = 0;

  // Not exact and its backend's declaration does not cover it: it declares nothing, or the
  // elements differ from the model it declares.
  bool undeclared_failure() const {
    return status == Status::failed && (declared.empty() || model_mismatches > 0);
  }
};

struct QuantExample {
  std::string input;  // "0x3F000000 (0.5)" for quantize, "-2147483648" for requantize
  std::int32_t got = 0;
  std::int32_t expected = 0;
};

// quantize (float -> q) or requantize (int32 -> q) of one backend against one model.
struct QuantExactness {
  std::string backend;
  std::string op;     // "quantize" | "requantize"
  std::string model;  // quantize: rne | rna | half-up; requantize: fp32 | gemmlowp | rndnu
  IntType type = IntType::s8;
  std::string scheme;  // quantize: per-tensor | per-channel (+ "asymmetric"); requantize: the multiplier
  std::string inputs;  // edge | random:N:SEED | exhaustive
  Status status = Status::passed;
  std::string reason;
  std::uint64_t total = 0;
  std::uint64_t mismatches = 0;
  std::vector<QuantExample> examples;  // up to a cap
  std::string repro;
  double seconds = 0;
};

// Two requantization models on the same accumulators and real multiplier: how often and by how
// much their outputs differ (histogram of q_b - q_a).
struct ModelDifference {
  RequantModel a = RequantModel::fp32, b = RequantModel::gemmlowp;
  IntType type = IntType::s8;
  double multiplier = 0;  // the real multiplier m both models were made from
  std::int32_t zero_point = 0;
  std::string inputs;
  std::uint64_t total = 0;
  std::map<int, std::uint64_t> histogram;
};

// float A, B -> quantize -> int GEMM -> dequantize, against the FP64 product of the floats.
struct EndToEnd {
  std::string dist;    // gaussian | uniform | outliers | ...
  std::string scheme;  // per-tensor | per-channel | asymmetric | fp16 | bf16
  GemmShape shape;
  std::string backend;  // the GEMM backend used ("" for fp16 / bf16: oracle conversion, FP32 GEMM)
  std::uint64_t seed = 0;
  double sqnr_db = 0;
  double cosine = 0;
  double max_abs = 0;
  double rel_frobenius = 0;
  std::string repro;
};

struct GemmSpeed {
  std::string backend;  // or "sgemm-eigen-<isa>" for the FP32 contrast
  GemmShape shape;
  int threads = 1;      // 0: timed on a GPU (operands resident on the device)
  double seconds = 0;   // per GEMM, the median of the timed repetitions
  double gops = 0;      // 2 m n k / seconds / 1e9
  double fp32_ratio = 0;   // gops / the FP32 SGEMM's GFLOPS on the same shape and threads (0: none)
  double peak_gops = 0;    // the instruction peak it is compared with (0: none measured)
  std::string peak_source; // how that peak was measured ("vpdpbusd throughput loop, 2 threads")
};

// One GEMM backend's robustness probes for one A type (checks/int8/gemm_robustness.hpp): ragged
// shapes, A and B read-only, C fenced, misaligned pointers, determinism, two threads at once.
// No declaration covers a problem here: failed is failed.
struct GemmRobustness {
  std::string backend;
  IntType a_type = IntType::s8;
  Status status = Status::passed;  // passed, failed, or skipped (unavailable here)
  std::string reason;              // skipped: why; failed: the first problem
  std::uint64_t calls = 0;         // run() calls the probes made
  // Every problem, one a line naming the probe, the shape and what went wrong ("ragged probe,
  // shape 17x3:3x65 s8: wrote 4 bytes past the end of C"); at most 10 per probe family, then a
  // count.
  std::vector<std::string> problems;
  std::string repro;
  double seconds = 0;
};

struct Int8Results {
  std::vector<GemmExactness> gemm;
  std::vector<QuantExactness> quant;
  std::vector<ModelDifference> model_differences;
  std::vector<EndToEnd> end_to_end;
  std::vector<GemmSpeed> speed;
  std::vector<GemmRobustness> robustness;
  // INT8 checks that fail without their backend's declaration covering them: GEMM cases not
  // exact and declaring nothing, or differing from the model they declare; failed quantize and
  // requantize checks; failed GEMM robustness probes.
  std::size_t undeclared_failures() const {
    std::size_t n = 0;
    for (const GemmExactness& g : gemm)
      n += g.undeclared_failure();
    for (const QuantExactness& q : quant) n += q.status == Status::failed;
    return n + robustness_failures();
  }
  std::size_t robustness_failures() const {
    std::size_t n = 0;
    for (const GemmRobustness& r : robustness) n += r.status == Status::failed;
    return n;
  }
  // Several files' results side by side (merge, report): each list concatenated.
  void append(Int8Results&& o) {
    for (auto& g : o.gemm) gemm.push_back(std::move(g));
    for (auto& q : o.quant) quant.push_back(std::move(q));
    for (auto& d : o.model_differences) model_differences.push_back(std::move(d));
    for (auto& e : o.end_to_end) end_to_end.push_back(std::move(e));
    for (auto& s : o.speed) speed.push_back(std::move(s));
    for (auto& r : o.robustness) robustness.push_back(std::move(r));
  }
  bool empty() const {
    return gemm.empty() && quant.empty() && model_differences.empty() && end_to_end.empty() &&
           speed.empty() && robustness.empty();
  }
};

}  // namespace fpconform
