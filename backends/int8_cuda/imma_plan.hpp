// cublaslt-imma's cuBLASLt matmul, set up once per shape. cuBLASLt's int8 tensor-core (IMMA)
// kernels in the regular column-major ordering (cuBLAS documentation, cublasLtMatmul(), "to use
// IMMA kernels"), and how they are met here:
//   - compute type CUBLAS_COMPUTE_32I, scale type CUDA_R_32I (alpha = 1, beta = 0 as int32), A and B
//     CUDA_R_8I, C and D CUDA_R_32I; there is no u8 x s8 -> s32 form, so s8 A only;
//   - only "TN": A transposed, B not, i.e. both operands K-contiguous (pack.hpp's layout);
//   - leading dimensions of A, B and C multiples of 4, and m and k multiples of 4: K is padded
//     with zeros to padded_k(k), and cuBLASLt's m (our N, below) to a multiple of 4 with zero rows
//     of B^T whose outputs are never read back;
//   - pointers 4-byte aligned, 16 for the fast kernels: every buffer comes from cudaMalloc (256).
// Row-major C = A B is computed as column-major C^T = B^T A^T: cuBLASLt's A is our B^T (stored
// K x N' column-major, ld K', op T), its B our A (K x M column-major = A row-major, ld K', op N),
// and its D (N' x M column-major, ld N') is C row-major with rows N' apart.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>

#include <cublasLt.h>

#include "backends/int8_cuda/cuda_check.hpp"
#include "fpconform/int8.hpp"

namespace fpconform::int8_cuda {

constexpr int padded_n(int n) { return (n + 3) / 4 * 4; }

class ImmaPlan {
 public:
  explicit ImmaPlan(GemmShape s);  // s.m, s.n, s.k >= 1
  // c (m rows of padded_n(n) int32) = a (m rows) times bt (padded_n(n) rows), rows of
  // padded_k(k) bytes, on `stream`.
  void run(const std::int8_t* a, const std::int8_t* bt, std::int32_t* c, cudaStream_t stream) const;

 private:
  template <auto destroy>
  struct Destroy {
    template <typename P>
    void operator()(P p) const { destroy(p); }
  };
  template <typename H, auto destroy>
  using Owned = std::unique_ptr<std::remove_pointer_t<H>, Destroy<destroy>>;

  Owned<cublasLtHandle_t, cublasLtDestroy> handle_;
  Owned<cublasLtMatmulDesc_t, cublasLtMatmulDescDestroy> desc_;
  Owned<cublasLtMatrixLayout_t, cublasLtMatrixLayoutDestroy> bt_layout_, a_layout_, c_layout_;
  cublasLtMatmulAlgo_t algo_{};
  DeviceArray<std::uint8_t> workspace_;
};

}  // namespace fpconform::int8_cuda
