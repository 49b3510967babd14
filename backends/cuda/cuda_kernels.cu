// The `cuda` backend's kernels: one per (op, rounding) CUDA has a function for, each element one
// call of that function (backends/cuda/cuda_conversions.hpp), so one cvt instruction for the
// narrowing conversions (backends.cuda_instructions checks the PTX).
//
// Each host thread that converts gets its own stream, device buffers and pinned staging buffers:
// the sweep's threads compute the oracle for their blocks while the GPU converts other threads'
// blocks, and pinned memory lets the copies run asynchronously on the streams. The GPU waits only
// while every thread is busy on the CPU.
#include "backends/cuda/cuda_kernels.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include <cuda_runtime_api.h>

#include "backends/cuda/cuda_conversions.hpp"
#include "fpconform/container.hpp"

namespace fpconform::cuda {
namespace {

template <Op op, Rounding r>
__global__ void convert_kernel(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const SrcWord<op>*>(in);
  auto* dst = static_cast<DstWord<op>*>(out);
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n;
       i += std::size_t(gridDim.x) * blockDim.x)
    dst[i] = static_cast<DstWord<op>>(convert_one<op, r>(src[i]));
}

using KernelFn = void (*)(const void*, void*, std::size_t);

// Arithmetic: CUDA's device functions (arith_one) on the operands of each input word (a in the
// high half; sqrt's words are its 16-bit operand). __hdiv is not one instruction: cuda_fp16.hpp
// computes it through binary32 with rcp.approx and a correction step; whether that is correctly
// rounded is what a sweep answers.
template <typename T, Arith A>
__global__ void arith_kernel(const void* in, void* out, std::size_t n) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < n;
       i += std::size_t(gridDim.x) * blockDim.x) {
    std::uint16_t a, b = 0, c = 0;
    if constexpr (A == Arith::sqrt) {
      a = static_cast<const std::uint16_t*>(in)[i];
    } else if constexpr (A == Arith::mul_add) {  // 48-bit words in 64: a, b, c
      const std::uint64_t w = static_cast<const std::uint64_t*>(in)[i];
      a = static_cast<std::uint16_t>(w >> 32);
      b = static_cast<std::uint16_t>(w >> 16);
      c = static_cast<std::uint16_t>(w);
    } else {
      const std::uint32_t w = static_cast<const std::uint32_t*>(in)[i];
      a = static_cast<std::uint16_t>(w >> 16);
      b = static_cast<std::uint16_t>(w);
    }
    static_cast<std::uint16_t*>(out)[i] = arith_one<T, A>(a, b, c);
  }
}

KernelFn arith_kernel_for(Op op) {
  switch (op) {
    case Op::f16_add: return &arith_kernel<__half, Arith::add>;
    case Op::f16_sub: return &arith_kernel<__half, Arith::sub>;
    case Op::f16_mul: return &arith_kernel<__half, Arith::mul>;
    case Op::f16_div: return &arith_kernel<__half, Arith::div>;
    case Op::f16_sqrt: return &arith_kernel<__half, Arith::sqrt>;
    case Op::bf16_add: return &arith_kernel<__nv_bfloat16, Arith::add>;
    case Op::bf16_sub: return &arith_kernel<__nv_bfloat16, Arith::sub>;
    case Op::bf16_mul: return &arith_kernel<__nv_bfloat16, Arith::mul>;
    case Op::bf16_div: return &arith_kernel<__nv_bfloat16, Arith::div>;
    case Op::bf16_sqrt: return &arith_kernel<__nv_bfloat16, Arith::sqrt>;
    case Op::f16_mulAdd: return &arith_kernel<__half, Arith::mul_add>;
    case Op::bf16_mulAdd: return &arith_kernel<__nv_bfloat16, Arith::mul_add>;
    default: return nullptr;
  }
}

template <Op op, Rounding r>
struct KernelEntry {
  static constexpr KernelFn get() {
    if constexpr (has_function(op, r)) return &convert_kernel<op, r>;
    return nullptr;
  }
};

const auto kKernels = function_table<KernelFn, KernelEntry>();

void check(cudaError_t e, const char* call) {
  if (e != cudaSuccess)
    throw std::runtime_error(std::string("cuda: ") + call + ": " + cudaGetErrorName(e) + ": " +
                             cudaGetErrorString(e));
}

constexpr std::size_t kChunk = std::size_t{1} << 22;  // elements per round trip
constexpr std::size_t kWordBytes = 8;                 // the widest input word: mulAdd's 48 bits in 64

// This thread's stream and buffers, kChunk words of kWordBytes each, made on first use.
struct Lane {
  cudaStream_t stream = nullptr;
  void *d_in = nullptr, *d_out = nullptr, *h_in = nullptr, *h_out = nullptr;

  Lane() {
    check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreate");
    check(cudaMalloc(&d_in, kChunk * kWordBytes), "cudaMalloc");
    check(cudaMalloc(&d_out, kChunk * kWordBytes), "cudaMalloc");
    check(cudaMallocHost(&h_in, kChunk * kWordBytes), "cudaMallocHost");
    check(cudaMallocHost(&h_out, kChunk * kWordBytes), "cudaMallocHost");
  }
  ~Lane() {  // at thread exit; errors ignored (the context may be going away with the process)
    cudaFreeHost(h_out);
    cudaFreeHost(h_in);
    cudaFree(d_out);
    cudaFree(d_in);
    cudaStreamDestroy(stream);
  }
};

}  // namespace

void convert_on_device(Op op, Rounding r, const void* in, void* out, std::size_t n) {
  const KernelFn kernel = is_arithmetic(op) ? (r == Rounding::rne ? arith_kernel_for(op) : nullptr)
                                             : kKernels[table_index(op, r)];
  if (kernel == nullptr) throw std::logic_error("cuda: no kernel for this (op, rounding)");
  thread_local Lane lane;
  // Input words as the sweep stores them (container.hpp): mulAdd's 48 bits take 8 bytes, not 6.
  const std::size_t in_bytes = word_bytes(input_bits(op));
  const std::size_t out_bytes = info(op).dst->container_bits / 8;
  for (std::size_t done = 0; done < n;) {
    const std::size_t k = std::min(kChunk, n - done);
    std::memcpy(lane.h_in, static_cast<const unsigned char*>(in) + done * in_bytes, k * in_bytes);
    check(cudaMemcpyAsync(lane.d_in, lane.h_in, k * in_bytes, cudaMemcpyHostToDevice, lane.stream),
          "cudaMemcpyAsync (to the device)");
    const unsigned threads = 256;
    const unsigned blocks = static_cast<unsigned>(std::min<std::size_t>((k + threads - 1) / threads, 4096));
    kernel<<<blocks, threads, 0, lane.stream>>>(lane.d_in, lane.d_out, k);
    check(cudaGetLastError(), "kernel launch");
    check(cudaMemcpyAsync(lane.h_out, lane.d_out, k * out_bytes, cudaMemcpyDeviceToHost, lane.stream),
          "cudaMemcpyAsync (from the device)");
    check(cudaStreamSynchronize(lane.stream), "cudaStreamSynchronize");
    std::memcpy(static_cast<unsigned char*>(out) + done * out_bytes, lane.h_out, k * out_bytes);
    done += k;
  }
}

}  // namespace fpconform::cuda
