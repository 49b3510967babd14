// F16C: vcvtps2ph with the rounding mode in its immediate (rne rtz rdn rup; imm8 bit 2 clear, so
// MXCSR.RC is not read) and vcvtph2ps, eight lanes per ymm register.
//
// Only the kernels carry target("avx2,f16c"): the rest of the program stays baseline x86-64, and
// available() keeps the kernels from running on a CPU without these features.
//
// MXCSR (Intel SDM, VCVTPS2PH and VCVTPH2PS): vcvtps2ph ignores FTZ (tiny results become
// subnormals) but honours DAZ on its binary32 input ("denormal ... with MXCSR.DAZ not set");
// vcvtph2ps ignores DAZ. The backend runs under the process's MXCSR and never changes it: with
// the default (DAZ clear) it is exact. A process that sets DAZ would see daz deviations in
// f32_to_f16 rup/rdn only (binary32 subnormals round to 0 in rne and rtz anyway); observed here:
// +2^-149 in rup gives 0x0001 with DAZ clear and 0x0000 with DAZ set, and FTZ changes nothing.
//
// No separate "f16c-scalar" instance for _cvtss_sh / _cvtsh_ss: they compile to the same
// vcvtps2ph / vcvtph2ps in the VEX.128 form on one lane, the SDM defines one per-lane operation
// for every width, and both paths gave identical results for all 2^32 binary32 inputs in each of
// rne, rtz, rdn, rup and all 2^16 binary16 inputs. A second instance would only double the
// suites' time.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FPCONFORM_F16C_KERNELS 1
#endif

namespace fpconform {
namespace {

using BatchFn = void (*)(const void*, void*, std::size_t);

#ifdef FPCONFORM_F16C_KERNELS

template <int Imm>
__attribute__((target("avx2,f16c"))) __m128i narrow8(const unsigned char* src) {
  return _mm256_cvtps_ph(_mm256_loadu_ps(reinterpret_cast<const float*>(src)), Imm);
}

template <int Imm>
__attribute__((target("avx2,f16c"))) void f32_to_f16(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 2 * i), narrow8<Imm>(src + 4 * i));
  if (i < n) {  // the tail through a local block: nothing read or written past either buffer
    unsigned char a[32] = {}, b[16];
    std::memcpy(a, src + 4 * i, 4 * (n - i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(b), narrow8<Imm>(a));
    std::memcpy(dst + 2 * i, b, 2 * (n - i));
  }
}

__attribute__((target("avx2,f16c"))) void widen8(const unsigned char* src, unsigned char* dst) {
  _mm256_storeu_ps(reinterpret_cast<float*>(dst),
                   _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src))));
}

__attribute__((target("avx2,f16c"))) void f16_to_f32(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) widen8(src + 2 * i, dst + 4 * i);
  if (i < n) {
    unsigned char a[16] = {}, b[32];
    std::memcpy(a, src + 2 * i, 2 * (n - i));
    widen8(a, b);
    std::memcpy(dst + 4 * i, b, 4 * (n - i));
  }
}

// Indexed by Rounding (rne rtz rdn rup rna); rna has no immediate encoding.
constexpr std::array<BatchFn, kRoundings.size()> kNarrow{
    &f32_to_f16<_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC>,
    &f32_to_f16<_MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC>,
    &f32_to_f16<_MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC>,
    &f32_to_f16<_MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC>,
    nullptr,
};
constexpr BatchFn kWiden = &f16_to_f32;

#else  // not x86: compiled in and listed everywhere, unavailable ("CPU lacks avx2")

constexpr std::array<BatchFn, kRoundings.size()> kNarrow{};
constexpr BatchFn kWiden = nullptr;

#endif

static_assert(static_cast<int>(Rounding::rup) == 3 && static_cast<int>(Rounding::rna) == 4);

// What the backend implements is the same on every target: the modes vcvtps2ph's imm8 encodes
// (kNarrow's non-null entries on x86; the suites run every one). Off x86 the kernels are not
// built and the backend is unavailable, not unimplemented.
constexpr bool narrows_in(Rounding r) { return r != Rounding::rna; }

class F16cBackend final : public Backend {
 public:
  std::string_view name() const override { return "f16c"; }
  std::string_view description() const override {
    return "AVX2 + F16C: vcvtps2ph with the rounding mode in imm8 (rne rtz rdn rup), vcvtph2ps; "
           "8 lanes per ymm";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding r) const override {
    if (op == Op::f16_to_f32) return true;
    return op == Op::f32_to_f16 && narrows_in(r);
  }
  Availability available() const override { return require_cpu({"avx2", "f16c"}); }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {
    const BatchFn f = op == Op::f16_to_f32 ? kWiden : kNarrow[static_cast<std::size_t>(r)];
    if (f == nullptr) std::abort();  // not implemented or not available: callers check first
    f(in, out, n);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(F16cBackend);

}  // namespace fpconform
