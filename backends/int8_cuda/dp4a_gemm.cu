// cuda-dp4a's kernel: C = A B with dp4a, 4 k per instruction. s8 A uses __dp4a (dp4a.s32.s32),
// u8 A inline PTX dp4a.u32.s32 (CUDA has no mixed-sign intrinsic). PTX ISA, "Integer Arithmetic
// Instructions: dp4a": d = c + sum over i < 4 of a.byte[i] * b.byte[i], each byte sign- or
// zero-extended by .atype / .btype and the sum taken in 32 bits with no intermediate saturation,
// so the int32 accumulator is the exact product wherever the exact sum fits in int32.
//
// Tiling: a block of 256 threads computes a 64 x 64 tile of C, each thread 4 x 4 elements (rows
// ty + 16 r, columns tx + 16 c, so that a warp's shared-memory reads of B hit 16 banks). K runs in
// steps of 16 words (64 k) staged in shared memory; rows are 17 words apart to spread the banks.
// Out-of-range rows, columns and words load as zero and are not stored.
#include "backends/int8_cuda/dp4a_kernel.hpp"

#include <mutex>

#include "backends/int8_cuda/cuda_check.hpp"
#include "backends/int8_cuda/int8_cuda_gemm.hpp"
#include "backends/int8_cuda/pack.hpp"

namespace fpconform::int8_cuda {
namespace {

constexpr int kTile = 64, kStepWords = 16, kThreadsX = 16, kThreads = 256, kPerThread = kTile / kThreadsX;

template <bool kUnsignedA>
__device__ __forceinline__ int dot4(int a, int b, int acc) {
  if constexpr (kUnsignedA) {
    int d;
    asm("dp4a.u32.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(acc));
    return d;
  } else {
    return __dp4a(a, b, acc);
  }
}

template <bool kUnsignedA>
__global__ void __launch_bounds__(kThreads)
    dp4a_gemm_kernel(int m, int n, int words, const int* __restrict__ a, const int* __restrict__ bt,
                     int* __restrict__ c) {
  __shared__ int as[kTile][kStepWords + 1];
  __shared__ int bs[kTile][kStepWords + 1];
  const int tx = threadIdx.x % kThreadsX, ty = threadIdx.x / kThreadsX;
  const int row0 = blockIdx.y * kTile, col0 = blockIdx.x * kTile;
  int acc[kPerThread][kPerThread] = {};
  for (int q0 = 0; q0 < words; q0 += kStepWords) {
    const int q = q0 + tx;
#pragma unroll
    for (int l = 0; l < kPerThread; ++l) {
      const int r = ty + kThreadsX * l;
      as[r][tx] = row0 + r < m && q < words ? a[std::size_t(row0 + r) * words + q] : 0;
      bs[r][tx] = col0 + r < n && q < words ? bt[std::size_t(col0 + r) * words + q] : 0;
    }
    __syncthreads();
#pragma unroll
    for (int w = 0; w < kStepWords; ++w) {
      int av[kPerThread], bv[kPerThread];
#pragma unroll
      for (int i = 0; i < kPerThread; ++i) {
        av[i] = as[ty + kThreadsX * i][w];
        bv[i] = bs[tx + kThreadsX * i][w];
      }
#pragma unroll
      for (int i = 0; i < kPerThread; ++i)
#pragma unroll
        for (int j = 0; j < kPerThread; ++j) acc[i][j] = dot4<kUnsignedA>(av[i], bv[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < kPerThread; ++i)
#pragma unroll
    for (int j = 0; j < kPerThread; ++j) {
      const int row = row0 + ty + kThreadsX * i, col = col0 + tx + kThreadsX * j;
      if (row < m && col < n) c[std::size_t(row) * n + col] = acc[i][j];
    }
}

// B packed and on the device once; run() uploads A into its padded rows (the padding bytes were
// zeroed at allocation and are never written), launches, downloads C. One run at a time per
// kernel object (its buffers and stream are shared).
class Dp4aGemm final : public GemmKernel {
 public:
  Dp4aGemm(GemmShape s, IntType a_type, const std::int8_t* b)
      : s_(s), a_type_(a_type), kp_(padded_k(s.k)), a_(std::size_t(s.m) * kp_ / 4),
        bt_(std::size_t(s.n) * kp_ / 4), c_(std::size_t(s.m) * s.n) {
    const std::vector<std::int8_t> bt = pack_b_transposed(s, b, s.n);
    check(cudaMemcpy(bt_.get(), bt.data(), bt.size(), cudaMemcpyHostToDevice), "cudaMemcpy");
  }

  // `threads` is ignored: the GPU's parallelism is the grid's.
  void run(const void* a, std::int32_t* c, int /*threads*/) const override {
    if (s_.m == 0 || s_.n == 0) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (s_.k > 0)
      check(cudaMemcpy2DAsync(a_.get(), std::size_t(kp_), a, std::size_t(s_.k), std::size_t(s_.k),
                              std::size_t(s_.m), cudaMemcpyHostToDevice, stream_.get()),
            "cudaMemcpy2DAsync");
    dp4a_gemm(s_, a_type_, a_.get(), bt_.get(), c_.get(), stream_.get());
    check(cudaMemcpyAsync(c, c_.get(), c_.bytes(), cudaMemcpyDeviceToHost, stream_.get()), "cudaMemcpyAsync");
    stream_.sync();
  }

 private:
  GemmShape s_;
  IntType a_type_;
  int kp_;
  DeviceArray<std::int32_t> a_, bt_, c_;
  Stream stream_;
  mutable std::mutex mutex_;
};

}  // namespace

void dp4a_gemm(GemmShape s, IntType a_type, const std::int32_t* a, const std::int32_t* bt, std::int32_t* c,
               cudaStream_t stream) {
  if (s.m == 0 || s.n == 0) return;
  const dim3 grid((s.n + kTile - 1) / kTile, (s.m + kTile - 1) / kTile);
  const int words = padded_k(s.k) / 4;
  if (a_type == IntType::u8)
    dp4a_gemm_kernel<true><<<grid, kThreads, 0, stream>>>(s.m, s.n, words, a, bt, c);
  else
    dp4a_gemm_kernel<false><<<grid, kThreads, 0, stream>>>(s.m, s.n, words, a, bt, c);
  check(cudaGetLastError(), "dp4a_gemm_kernel<<<>>>");
}

std::unique_ptr<GemmKernel> make_dp4a_gemm(GemmShape shape, IntType a_type, const std::int8_t* b) {
  return std::make_unique<Dp4aGemm>(shape, a_type, b);
}

}  // namespace fpconform::int8_cuda
