// cublaslt-imma: cuBLASLt's int8 matmul (imma_plan.hpp for the rules it obeys), B packed and on the
// device once.
#include <cstring>
#include <mutex>
#include <optional>
#include <string>

#include "backends/int8_cuda/imma_plan.hpp"
#include "backends/int8_cuda/int8_cuda_gemm.hpp"
#include "backends/int8_cuda/pack.hpp"

namespace fpconform::int8_cuda {
namespace {

// Hopper's recommended cuBLASLt workspace.
constexpr std::size_t kWorkspaceBytes = std::size_t{32} << 20;

cublasLtMatrixLayout_t layout(cudaDataType_t type, int rows, int cols, int ld) {
  cublasLtMatrixLayout_t l = nullptr;
  check(cublasLtMatrixLayoutCreate(&l, type, std::uint64_t(rows), std::uint64_t(cols), std::int64_t(ld)),
        "cublasLtMatrixLayoutCreate");
  return l;
}

}  // namespace

ImmaPlan::ImmaPlan(GemmShape s) : workspace_(kWorkspaceBytes) {
  const int kp = padded_k(s.k), np = padded_n(s.n);
  cublasLtHandle_t h = nullptr;
  check(cublasLtCreate(&h), "cublasLtCreate");
  handle_.reset(h);
  cublasLtMatmulDesc_t d = nullptr;
  check(cublasLtMatmulDescCreate(&d, CUBLAS_COMPUTE_32I, CUDA_R_32I), "cublasLtMatmulDescCreate");
  desc_.reset(d);
  const cublasOperation_t t = CUBLAS_OP_T, n = CUBLAS_OP_N;
  check(cublasLtMatmulDescSetAttribute(d, CUBLASLT_MATMUL_DESC_TRANSA, &t, sizeof t),
        "cublasLtMatmulDescSetAttribute(TRANSA)");
  check(cublasLtMatmulDescSetAttribute(d, CUBLASLT_MATMUL_DESC_TRANSB, &n, sizeof n),
        "cublasLtMatmulDescSetAttribute(TRANSB)");
  bt_layout_.reset(layout(CUDA_R_8I, kp, np, kp));
  a_layout_.reset(layout(CUDA_R_8I, kp, s.m, kp));
  c_layout_.reset(layout(CUDA_R_32I, np, s.m, np));

  cublasLtMatmulPreference_t pref = nullptr;
  check(cublasLtMatmulPreferenceCreate(&pref), "cublasLtMatmulPreferenceCreate");
  const Owned<cublasLtMatmulPreference_t, cublasLtMatmulPreferenceDestroy> owned_pref(pref);
  const std::uint64_t ws = workspace_.bytes();
  check(cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof ws),
        "cublasLtMatmulPreferenceSetAttribute(MAX_WORKSPACE_BYTES)");
  cublasLtMatmulHeuristicResult_t best{};
  int found = 0;
  check(cublasLtMatmulAlgoGetHeuristic(h, d, bt_layout_.get(), a_layout_.get(), c_layout_.get(),
                                       c_layout_.get(), pref, 1, &best, &found),
        "cublasLtMatmulAlgoGetHeuristic");
  if (found == 0)
    throw std::runtime_error("cublasLtMatmulAlgoGetHeuristic: no int8 algorithm for m " + std::to_string(np) +
                             ", n " + std::to_string(s.m) + ", k " + std::to_string(kp) + " (TN, s8 x s8 -> s32)");
  algo_ = best.algo;
}

void ImmaPlan::run(const std::int8_t* a, const std::int8_t* bt, std::int32_t* c, cudaStream_t stream) const {
  const std::int32_t alpha = 1, beta = 0;
  check(cublasLtMatmul(handle_.get(), desc_.get(), &alpha, bt, bt_layout_.get(), a, a_layout_.get(), &beta, c,
                       c_layout_.get(), c, c_layout_.get(), &algo_, workspace_.get(), workspace_.bytes(), stream),
        "cublasLtMatmul");
}

namespace {

// run() uploads A into its padded rows (padding zeroed at allocation, never written), multiplies,
// and downloads the n real columns of each row of C. One run at a time per kernel object.
class ImmaGemm final : public GemmKernel {
 public:
  ImmaGemm(GemmShape s, const std::int8_t* b)
      : s_(s), kp_(padded_k(s.k)), np_(padded_n(s.n)), a_(std::size_t(s.m) * kp_),
        bt_(std::size_t(np_) * kp_), c_(std::size_t(s.m) * np_) {
    if (s.m > 0 && s.n > 0 && s.k > 0) plan_.emplace(s);
    bt_.upload(pack_b_transposed(s, b, np_).data());
  }

  // `threads` is ignored: the GPU's parallelism is cuBLASLt's.
  void run(const void* a, std::int32_t* c, int /*threads*/) const override {
    if (!plan_) {  // an empty product: all zeros
      std::memset(c, 0, std::size_t(s_.m) * std::size_t(s_.n) * sizeof *c);
      return;
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    check(cudaMemcpy2DAsync(a_.get(), std::size_t(kp_), a, std::size_t(s_.k), std::size_t(s_.k),
                            std::size_t(s_.m), cudaMemcpyHostToDevice, stream_.get()),
          "cudaMemcpy2DAsync");
    plan_->run(a_.get(), bt_.get(), c_.get(), stream_.get());
    check(cudaMemcpy2DAsync(c, std::size_t(s_.n) * sizeof *c, c_.get(), std::size_t(np_) * sizeof *c,
                            std::size_t(s_.n) * sizeof *c, std::size_t(s_.m), cudaMemcpyDeviceToHost,
                            stream_.get()),
          "cudaMemcpy2DAsync");
    stream_.sync();
  }

 private:
  GemmShape s_;
  int kp_, np_;
  DeviceArray<std::int8_t> a_, bt_;
  DeviceArray<std::int32_t> c_;
  std::optional<ImmaPlan> plan_;
  Stream stream_;
  mutable std::mutex mutex_;
};

}  // namespace

std::unique_ptr<GemmKernel> make_imma_gemm(GemmShape shape, const std::int8_t* b) {
  return std::make_unique<ImmaGemm>(shape, b);
}

}  // namespace fpconform::int8_cuda
