// cuBLAS cublasGemmEx with bf16 (or f16) A and B, f32 C and CUBLAS_COMPUTE_32F: the tensor-core
// GEMM most code calls; and with f32 A and B holding tf32 numbers under
// CUBLAS_COMPUTE_32F_FAST_TF32, the TF32 GEMM PyTorch's allow_tf32 selects. As for onednn-bf16, a
// batch of dot products is one GEMM whose diagonal holds them (beta = 1 adds C), so cuBLAS picks
// a real GEMM's kernel. On sm_90 (H100, H200) the 16-bit units declare cublas-sm90, the model the
// probes found on an H200 (docs/matrix_units.md) and that matched every one of its recorded dot
// products; the TF32 unit declares nothing (never run yet) and is held to its published model by
// the probes. On other GPUs nothing is declared and the probes say what the units do.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "backends/dot_operands.hpp"
#include "fpconform/dot_backend.hpp"
#include "platform/gpu.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include <cublas_v2.h>
#include <cuda_runtime.h>
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_HAVE_CUDA
void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(e));
}
void check(cublasStatus_t s, const char* what) {
  if (s != CUBLAS_STATUS_SUCCESS) throw std::runtime_error(std::string(what) + ": cuBLAS status " + std::to_string(s));
}

template <typename T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t n) { check(cudaMalloc(&p_, n * sizeof(T)), "cudaMalloc"); }
  ~DeviceBuffer() { cudaFree(p_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
};
#endif

class CudaDot final : public DotBackend {
 public:
  static constexpr std::size_t kRows = 4096;

  CudaDot(const Format& f, std::string name) : format_(f), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override {
    return tf32() ? "cuBLAS cublasGemmEx, f32 A and B holding tf32 numbers into f32 C, "
                    "CUBLAS_COMPUTE_32F_FAST_TF32 (tensor cores)"
                  : "cuBLAS cublasGemmEx, 16-bit A and B into f32 C, CUBLAS_COMPUTE_32F (tensor cores)";
  }
  BackendKind kind() const override { return BackendKind::device; }
  Availability available() const override { return require_cuda_device(); }
  bool takes(const Format& in) const override { return &in == &format_; }
  std::string_view declared_model() const override {
    const GpuProbe& p = probe_gpu();
    return p.gpu && p.gpu->cc_major == 9 && !tf32() ? "cublas-sm90" : "";
  }
  std::string_view published_model() const override {
    return tf32() ? "cublas-sm90-tf32-published" : "tensor-core-h100";
  }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#ifdef FPCONFORM_HAVE_CUDA
    // Every call is one n x n GEMM, n = kRows (zero rows below the count): cuBLAS picks its kernel
    // by shape, and on an H200 a bf16 GEMM of 539 x 539 ran steps of 8 products where 532 x 532
    // and 4096 x 4096 ran steps of 16 (docs/matrix_units.md). One shape, one kernel per K.
    if (count > kRows) {
      for (std::size_t j = 0; j < count; j += kRows)
        dot(in, k, a + j * k, b + j * k, c + j, d + j, std::min(kRows, count - j));
      return;
    }
    const std::size_t rows = kRows;
    const auto n = static_cast<int>(rows);
    const std::size_t used = count * static_cast<std::size_t>(k), elements = rows * static_cast<std::size_t>(k);
    // Row-major C (n x n) is column-major C^T = B^T A^T: b holds product j's vector at j k, a
    // column-major k x n matrix X = B, taken transposed; a holds row i of A at i k, so a
    // column-major k x n matrix is A^T. The diagonal is the same either way.
    std::vector<float> host(rows * rows, 0.0f);
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&host[j * rows + j], &c[j], 4);
    const std::size_t bytes = static_cast<std::size_t>(format_.container_bits) / 8;  // 2, or 4 (tf32)
    DeviceBuffer<unsigned char> da(elements * bytes), db(elements * bytes);
    DeviceBuffer<float> dc(rows * rows);
    check(cudaMemset(da.get(), 0, elements * bytes), "cudaMemset A");
    check(cudaMemset(db.get(), 0, elements * bytes), "cudaMemset B");
    if (tf32()) {
      check(cudaMemcpy(da.get(), a, used * 4, cudaMemcpyHostToDevice), "cudaMemcpy A");
      check(cudaMemcpy(db.get(), b, used * 4, cudaMemcpyHostToDevice), "cudaMemcpy B");
    } else {
      const std::vector<std::uint16_t> pa = packed_operands<std::uint16_t>(a, used);
      const std::vector<std::uint16_t> pb = packed_operands<std::uint16_t>(b, used);
      check(cudaMemcpy(da.get(), pa.data(), used * 2, cudaMemcpyHostToDevice), "cudaMemcpy A");
      check(cudaMemcpy(db.get(), pb.data(), used * 2, cudaMemcpyHostToDevice), "cudaMemcpy B");
    }
    check(cudaMemcpy(dc.get(), host.data(), host.size() * 4, cudaMemcpyHostToDevice), "cudaMemcpy C");
    cublasHandle_t h = nullptr;
    check(cublasCreate(&h), "cublasCreate");
    const float one = 1.0f;
    const cudaDataType_t type = tf32() ? CUDA_R_32F : &format_ == &kBfloat16 ? CUDA_R_16BF : CUDA_R_16F;
    const cublasComputeType_t compute = tf32() ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
    const cublasStatus_t s = cublasGemmEx(h, CUBLAS_OP_T, CUBLAS_OP_N, n, n, k, &one, db.get(), type, k,
                                          da.get(), type, k, &one, dc.get(), CUDA_R_32F, n, compute,
                                          CUBLAS_GEMM_DEFAULT);
    cublasDestroy(h);
    check(s, "cublasGemmEx");
    check(cudaMemcpy(host.data(), dc.get(), host.size() * 4, cudaMemcpyDeviceToHost), "cudaMemcpy C back");
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&d[j], &host[j * rows + j], 4);
#else
    throw std::logic_error(name_ + ": built without CUDA (no nvcc when configured)");
#endif
  }

 private:
  bool tf32() const { return &format_ == &kTf32; }

  const Format& format_;
  std::string name_;
};

FPCONFORM_REGISTER_DOT_BACKEND(CudaDot, kBfloat16, "cublas-bf16");
FPCONFORM_REGISTER_DOT_BACKEND(CudaDot, kBinary16, "cublas-f16");
FPCONFORM_REGISTER_DOT_BACKEND(CudaDot, kTf32, "cublas-tf32");

}  // namespace
}  // namespace fpconform
