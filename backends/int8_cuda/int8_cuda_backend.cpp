// The INT8 GEMMs on the GPU (device 0), both exact (int32 accumulation, no saturation):
//   cuda-dp4a      a tiled CUDA kernel on dp4a: dp4a.s32.s32 (__dp4a) for s8 A, dp4a.u32.s32
//                  (inline PTX) for u8 A; dp4a_gemm.cu gives the PTX ISA clause for exactness.
//   cublaslt-imma  cuBLASLt's int8 tensor-core matmul (CUBLAS_COMPUTE_32I), s8 A only: cuBLASLt
//                  has no u8 x s8 -> s32 IMMA. imma_plan.hpp lists the rules it obeys.
// prepare() packs B (K-contiguous, K padded with zeros to a multiple of 4) and uploads it once;
// run() uploads A, multiplies, downloads C: host pointers in and out, as the contract says, and
// `threads` is ignored. Without nvcc both are still compiled in and listed, unavailable.
#include <stdexcept>

#include "platform/gpu.hpp"
#include "fpconform/int8_backend.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include "backends/int8_cuda/int8_cuda_gemm.hpp"
#endif

namespace fpconform {
namespace {

[[noreturn, maybe_unused]] void not_built(std::string_view backend) {
  throw std::logic_error(std::string(backend) + ": built without CUDA (no nvcc when configured)");
}

class CudaDp4aBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "cuda-dp4a"; }
  std::string_view description() const override {
    return "CUDA GEMM kernel on dp4a (dp4a.s32.s32 for s8 A, dp4a.u32.s32 for u8 A; 64x64 tiles, "
           "4x4 per thread), B packed once on GPU 0; run() copies A and C over PCIe";
  }
  BackendKind kind() const override { return BackendKind::device; }
  Availability available() const override { return require_cuda_kernels(); }
  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type, const std::int8_t* b) const override {
#ifdef FPCONFORM_HAVE_CUDA
    return int8_cuda::make_dp4a_gemm(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    not_built(name());
#endif
  }
};

class CublasLtImmaBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "cublaslt-imma"; }
  std::string_view description() const override {
    return "cuBLASLt cublasLtMatmul, int8 tensor cores (IMMA): CUBLAS_COMPUTE_32I, s8 x s8 -> s32, TN, "
           "K padded to 4; B packed once on GPU 0; run() copies A and C over PCIe";
  }
  BackendKind kind() const override { return BackendKind::device; }
  Availability available() const override { return require_cuda_device(); }
  bool multiplies(IntType a_type) const override { return a_type == IntType::s8; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type, const std::int8_t* b) const override {
    if (a_type != IntType::s8) throw std::invalid_argument("cublaslt-imma: s8 A only");
#ifdef FPCONFORM_HAVE_CUDA
    return int8_cuda::make_imma_gemm(shape, b);
#else
    (void)shape, (void)b;
    not_built(name());
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(CudaDp4aBackend);
FPCONFORM_REGISTER_INT8_BACKEND(CublasLtImmaBackend);

}  // namespace fpconform
