// cuda-host: CUDA's conversion functions (__float2half_rn/_rz/_rd/_ru, __float2bfloat16_*,
// __nv_cvt_float_to_fp8, ...) called from host code. CUDA's headers implement them twice: the
// device branch is one PTX cvt instruction, the host branch is C++ (NV_IF_ELSE_TARGET). This is
// the host branch, built by the host compiler from the same table as the `cuda` backend's kernels
// (backends/cuda/cuda_conversions.hpp), so it needs no GPU and runs wherever the toolkit's headers
// are installed. What it computes is what a CUDA program gets when it converts on the CPU, e.g.
// to prepare weights.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "backends/cuda/cuda_functions.hpp"
#include "backends/cuda/cuda_known.hpp"
#include "fpconform/backend.hpp"

#ifdef FPCONFORM_HAVE_CUDA_HEADERS
#include <cuda_runtime_api.h>  // CUDART_VERSION only: nothing is linked

#include "backends/cuda/cuda_conversions.hpp"
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_HAVE_CUDA_HEADERS

using BatchFn = void (*)(const void*, void*, std::size_t);

template <Op op, Rounding r>
void host_batch(const void* in, void* out, std::size_t n) {
  using S = cuda::SrcWord<op>;
  using D = cuda::DstWord<op>;
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    S x;
    std::memcpy(&x, src + i * sizeof(S), sizeof(S));
    const D y = static_cast<D>(cuda::convert_one<op, r>(x));
    std::memcpy(dst + i * sizeof(D), &y, sizeof(D));
  }
}

template <Op op, Rounding r>
struct HostEntry {
  static constexpr BatchFn get() {
    if constexpr (cuda::has_function(op, r)) return &host_batch<op, r>;
    return nullptr;
  }
};

constexpr auto kTable = cuda::function_table<BatchFn, HostEntry>();

// Arithmetic: the host branches of __hadd, __hsub, __hmul, __hdiv (cuda_fp16.hpp) and their
// __nv_bfloat16 overloads (cuda_bf16.hpp): widen both operands (__half2float /
// __bfloat162float), one binary32 operation in the host's rounding (nearest even), narrow with
// __float2half / __float2bfloat16 (rn). hsqrt, the _rn/_rz... variants other than __h*_rn (the
// same host code as __h*) and every other mode exist on the device only: not implemented.
template <typename T, Arith A>
void host_arith(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);  // unaligned words
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t w;
    std::memcpy(&w, src + 4 * i, 4);
    const std::uint16_t c = cuda::arith_one<T, A>(static_cast<std::uint16_t>(w >> 16), static_cast<std::uint16_t>(w));
    std::memcpy(dst + 2 * i, &c, 2);
  }
}

BatchFn arith_kernel(Op op) {
  switch (op) {
    case Op::f16_add: return &host_arith<__half, Arith::add>;
    case Op::f16_sub: return &host_arith<__half, Arith::sub>;
    case Op::f16_mul: return &host_arith<__half, Arith::mul>;
    case Op::f16_div: return &host_arith<__half, Arith::div>;
    case Op::bf16_add: return &host_arith<__nv_bfloat16, Arith::add>;
    case Op::bf16_sub: return &host_arith<__nv_bfloat16, Arith::sub>;
    case Op::bf16_mul: return &host_arith<__nv_bfloat16, Arith::mul>;
    case Op::bf16_div: return &host_arith<__nv_bfloat16, Arith::div>;
    default: return nullptr;
  }
}


std::string version() {
  return std::to_string(CUDART_VERSION / 1000) + "." + std::to_string(CUDART_VERSION % 1000 / 10);
}
FPCONFORM_REGISTER_LIBRARY("cuda_headers", version());

#endif

// Which arithmetic has a host branch (above); the same declaration with or without the headers.
bool has_host_arith(Op op, Rounding r) {
  const Arith a = info(op).arith;
  return a != Arith::none && a != Arith::sqrt && a != Arith::mul_add && r == Rounding::rne;
}

#ifdef FPCONFORM_HAVE_CUDA_HEADERS
BatchFn kernel(Op op, Rounding r) {
  if (is_arithmetic(op)) return has_host_arith(op, r) ? arith_kernel(op) : nullptr;
  return kTable[cuda::table_index(op, r)];
}
#endif

class CudaHostBackend final : public Backend {
 public:
  std::string_view name() const override { return "cuda-host"; }
  std::string_view description() const override {
    return "CUDA's cuda_fp16.h / cuda_bf16.h / cuda_fp8.h / cuda_fp6.h / cuda_fp4.h conversions and __hadd, __hsub, __hmul, "
           "__hdiv (half, bfloat16) called on the host: the headers' software branch (binary32 "
           "operation, __float2half / __float2bfloat16), no GPU needed; hsqrt and __hfma are "
           "device-only: not implemented";
  }
  BackendKind kind() const override { return BackendKind::peer; }
  bool implements(Op op, Rounding r) const override {
    return is_arithmetic(op) ? has_host_arith(op, r) : cuda::has_function(op, r);
  }
  // Every NaN the host branch returns is 0x7FFF, positive, payload all ones (measured, all 2^32
  // operand pairs): __half2float and __float2half / __float2bfloat16 make any NaN canonical.
  NanPolicy nan_policy() const override { return NanPolicy::canonical; }
  std::span<const KnownDeviation> known_deviations() const override {
#ifdef FPCONFORM_HAVE_CUDA_HEADERS
    return cuda::kKnownNanDeviations;
#else
    return {};
#endif
  }
  Availability available() const override {
#ifdef FPCONFORM_HAVE_CUDA_HEADERS
    return {};
#else
    return {false, "built without CUDA's headers (no CUDA toolkit found when configured)"};
#endif
  }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {
#ifdef FPCONFORM_HAVE_CUDA_HEADERS
    const BatchFn f = kernel(op, r);
    if (f == nullptr) std::abort();  // not implemented: callers check first
    f(in, out, n);
#else
    (void)op, (void)r, (void)in, (void)out, (void)n;
    std::abort();
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(CudaHostBackend);

}  // namespace fpconform
