// cublaslt-e4m3, cublaslt-e4m3-fastaccum: cuBLASLt's FP8 matmul (E4M3 A and B, f32 C and D,
// CUBLAS_COMPUTE_32F, every scale 1) as a dot-product unit. As cublas-bf16 does, a batch of dot
// products is the diagonal of one GEMM of kRows x kRows and beta = 1 adds C, so cuBLASLt picks a
// real GEMM's kernel. cuBLASLt takes FP8 only in the TN layout (A transposed, B not) and with K a
// multiple of 16; E5M2 x E5M2 is not among its FP8 type pairs, so there is no E5M2 unit.
// CUBLASLT_MATMUL_DESC_FAST_ACCUM 0 (cuBLASLt's default) lets it move partial sums out of the tensor
// cores' accumulator into FP32 now and then; 1 keeps them there (the accumulation DeepSeek-V3
// reports as keeping about 14 bits). Written from the cuBLAS documentation and built here, not yet
// run on a GPU: no model is declared, the probes will say (hopper-fp8-published is the one
// published).
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "fpconform/dot_backend.hpp"
#include "platform/gpu.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include <cublasLt.h>
#include <cuda_runtime_api.h>

#include "backends/int8_cuda/cuda_check.hpp"
#endif

namespace fpconform {
namespace {

class CublasLtFp8Dot final : public DotBackend {
 public:
  static constexpr std::size_t kRows = 4096;

  CublasLtFp8Dot(bool fast_accumulation, std::string name)
      : fast_(fast_accumulation), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override {
    return fast_ ? "cuBLASLt cublasLtMatmul, E4M3 A and B into f32 C, CUBLAS_COMPUTE_32F, FAST_ACCUM 1 "
                   "(partial sums kept in the tensor cores)"
                 : "cuBLASLt cublasLtMatmul, E4M3 A and B into f32 C, CUBLAS_COMPUTE_32F, FAST_ACCUM 0 "
                   "(cuBLASLt's default: partial sums promoted to FP32)";
  }
  BackendKind kind() const override { return BackendKind::device; }
  Availability available() const override {
    const Availability a = require_cuda_device();
    if (!a.ok) return a;
    const GpuProbe& p = probe_gpu();
    if (p.gpu && (p.gpu->cc_major < 8 || (p.gpu->cc_major == 8 && p.gpu->cc_minor < 9)))
      return {false, "FP8 matmul needs compute capability 8.9 or later (Ada, Hopper)"};
    return {};
  }
  bool takes(const Format& in) const override { return &in == &kE4m3fn; }
  std::string_view published_model() const override { return "hopper-fp8-published"; }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#ifdef FPCONFORM_HAVE_CUDA
    using int8_cuda::check;
    using int8_cuda::DeviceArray;
    // Padding K with zero products could change a result (a step of zeros still aligns the
    // accumulator to its own top bits in some models): refused instead.
    if (k % 16 != 0)
      throw std::runtime_error(name_ + ": cuBLASLt's FP8 matmul takes K a multiple of 16, not " + std::to_string(k));
    if (count > kRows) {
      for (std::size_t j = 0; j < count; j += kRows)
        dot(in, k, a + j * k, b + j * k, c + j, d + j, std::min(kRows, count - j));
      return;
    }
    const std::size_t rows = kRows, kk = static_cast<std::size_t>(k);
    // Row j of A and column j of B are product j's vectors (the rest zero): column-major, both
    // are k x rows matrices with leading dimension k, A taken transposed (TN).
    std::vector<std::uint8_t> ha(rows * kk, 0), hb(rows * kk, 0);
    for (std::size_t i = 0; i < count * kk; ++i) {
      ha[i] = static_cast<std::uint8_t>(a[i]);
      hb[i] = static_cast<std::uint8_t>(b[i]);
    }
    std::vector<float> hc(rows * rows, 0.0f);
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&hc[j * rows + j], &c[j], 4);
    DeviceArray<std::uint8_t> da(ha.size()), db(hb.size());
    DeviceArray<float> dc(hc.size());
    DeviceArray<unsigned char> workspace(std::size_t{32} << 20);
    check(cudaMemcpy(da.get(), ha.data(), ha.size(), cudaMemcpyHostToDevice), "cudaMemcpy A");
    check(cudaMemcpy(db.get(), hb.data(), hb.size(), cudaMemcpyHostToDevice), "cudaMemcpy B");
    check(cudaMemcpy(dc.get(), hc.data(), hc.size() * 4, cudaMemcpyHostToDevice), "cudaMemcpy C");

    cublasLtHandle_t h = nullptr;
    cublasLtMatmulDesc_t op = nullptr;
    cublasLtMatrixLayout_t la = nullptr, lb = nullptr, lc = nullptr;
    const auto release = [&] {
      if (lc) cublasLtMatrixLayoutDestroy(lc);
      if (lb) cublasLtMatrixLayoutDestroy(lb);
      if (la) cublasLtMatrixLayoutDestroy(la);
      if (op) cublasLtMatmulDescDestroy(op);
      if (h) cublasLtDestroy(h);
    };
    try {
      check(cublasLtCreate(&h), "cublasLtCreate");
      check(cublasLtMatmulDescCreate(&op, CUBLAS_COMPUTE_32F, CUDA_R_32F), "cublasLtMatmulDescCreate");
      const cublasOperation_t t = CUBLAS_OP_T, n = CUBLAS_OP_N;
      check(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSA, &t, sizeof t), "TRANSA");
      check(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSB, &n, sizeof n), "TRANSB");
      const std::int8_t fast = fast_ ? 1 : 0;
      check(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_FAST_ACCUM, &fast, sizeof fast), "FAST_ACCUM");
      const auto ld = static_cast<std::int64_t>(k);
      check(cublasLtMatrixLayoutCreate(&la, CUDA_R_8F_E4M3, kk, rows, ld), "layout A");
      check(cublasLtMatrixLayoutCreate(&lb, CUDA_R_8F_E4M3, kk, rows, ld), "layout B");
      check(cublasLtMatrixLayoutCreate(&lc, CUDA_R_32F, rows, rows, static_cast<std::int64_t>(rows)), "layout C");
      const float one = 1.0f;
      // D = A^T B + C in place: its diagonal is c + a_j . b_j.
      check(cublasLtMatmul(h, op, &one, da.get(), la, db.get(), lb, &one, dc.get(), lc, dc.get(), lc, nullptr,
                           workspace.get(), workspace.bytes(), nullptr),
            "cublasLtMatmul");
      check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
    } catch (...) {
      release();
      throw;
    }
    release();
    check(cudaMemcpy(hc.data(), dc.get(), hc.size() * 4, cudaMemcpyDeviceToHost), "cudaMemcpy C back");
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&d[j], &hc[j * rows + j], 4);
#else
    throw std::logic_error(name_ + ": built without CUDA (no nvcc when configured)");
#endif
  }

 private:
  bool fast_;
  std::string name_;
};

FPCONFORM_REGISTER_DOT_BACKEND(CublasLtFp8Dot, false, "cublaslt-e4m3");
FPCONFORM_REGISTER_DOT_BACKEND(CublasLtFp8Dot, true, "cublaslt-e4m3-fastaccum");

}  // namespace
}  // namespace fpconform
