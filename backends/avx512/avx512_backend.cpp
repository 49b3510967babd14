// AVX-512: two instances, one per instruction family.
//
//   avx512       AVX-512F vcvtps2ph (rounding in imm8: rne rtz rdn rup) and vcvtph2ps on zmm,
//                16 lanes; the same per-lane operation as F16C's (see backends/f16c).
//   avx512-bf16  AVX512-BF16 vcvtneps2bf16: f32_to_bf16, round to nearest even only.
//
// Tails use masked loads and stores (a masked-off lane neither faults nor is written). The
// 16-bit masked moves (_mm256_mask_storeu_epi16, _mm256_maskz_loadu_epi16) are AVX512BW + VL,
// so both instances require those too: every CPU with AVX-512 since Skylake-SP has them (only
// Xeon Phi had AVX-512F without BW/VL). avx512f comes first, so a CPU without AVX-512 reads
// "CPU lacks avx512f".
#include <array>
#include <cstdint>
#include <cstdlib>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FPCONFORM_AVX512_KERNELS 1
#endif

namespace fpconform {
namespace {

using BatchFn = void (*)(const void*, void*, std::size_t);

#ifdef FPCONFORM_AVX512_KERNELS

#define FPCONFORM_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))
#define FPCONFORM_AVX512_BF16 __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

// Lanes [0, k) of 16: the whole register, or the tail.
inline __mmask16 lanes(std::size_t k) {
  return k >= 16 ? __mmask16(0xFFFF) : static_cast<__mmask16>((1u << k) - 1);
}

template <int Imm>
FPCONFORM_AVX512 void f32_to_f16(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const float*>(in);  // loads and stores below are unaligned
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes(n - i);
    const __m512 v = _mm512_maskz_loadu_ps(m, src + i);
    _mm256_mask_storeu_epi16(dst + 2 * i, m, _mm512_maskz_cvtps_ph(m, v, Imm));
  }
}

FPCONFORM_AVX512 void f16_to_f32(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<float*>(out);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes(n - i);
    const __m256i h = _mm256_maskz_loadu_epi16(m, src + 2 * i);
    _mm512_mask_storeu_ps(dst + i, m, _mm512_maskz_cvtph_ps(m, h));
  }
}

FPCONFORM_AVX512_BF16 void f32_to_bf16(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const float*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes(n - i);
    const __m512 v = _mm512_maskz_loadu_ps(m, src + i);
    _mm256_mask_storeu_epi16(dst + 2 * i, m, (__m256i)_mm512_cvtneps_pbh(v));  // bits as is
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
constexpr BatchFn kBf16 = &f32_to_bf16;
constexpr bool kBuilt = true;

#else  // not x86: compiled in and listed everywhere, unavailable ("CPU lacks avx512f")

constexpr std::array<BatchFn, kRoundings.size()> kNarrow{};
constexpr BatchFn kWiden = nullptr;
constexpr BatchFn kBf16 = nullptr;
constexpr bool kBuilt = false;

#endif

static_assert(static_cast<int>(Rounding::rup) == 3 && static_cast<int>(Rounding::rna) == 4);

// What the backend implements is the same on every target: the modes vcvtps2ph's imm8 encodes
// (kNarrow's non-null entries on x86; the suites run every one). Off x86 the kernels are not
// built and the backend is unavailable, not unimplemented.
constexpr bool narrows_in(Rounding r) { return r != Rounding::rna; }

class Avx512Backend final : public Backend {
 public:
  std::string_view name() const override { return "avx512"; }
  std::string_view description() const override {
    return "AVX-512F: vcvtps2ph with the rounding mode in imm8 (rne rtz rdn rup), vcvtph2ps; "
           "16 lanes per zmm, masked tails";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding r) const override {
    if (op == Op::f16_to_f32) return true;
    return op == Op::f32_to_f16 && narrows_in(r);
  }
  Availability available() const override {
    return require_cpu({"avx512f", "avx512bw", "avx512vl"});
  }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {
    const BatchFn f = op == Op::f16_to_f32 ? kWiden : kNarrow[static_cast<std::size_t>(r)];
    if (f == nullptr) std::abort();  // not implemented or not available: callers check first
    f(in, out, n);
  }
};

// Intel SDM, VCVTNEPS2BF16: "Output denormals are always flushed to zero and input denormals
// are always treated as zero. MXCSR is not consulted nor updated."; its convert_fp32_to_bfloat16
// gives zero or denormal x the signed zero, infinity x[31:16], NaN x[31:16] with bit 6 (quiet)
// set, and a normal number x + 0x7FFF + x[16] truncated to 16 bits: ties to even, overflow to
// infinity. So against the oracle only binary32 subnormal inputs differ (daz); no flushed output
// is possible, since bfloat16 has binary32's exponent range and a normal input stays normal; NaNs
// keep sign and top payload bits and are quieted as the oracle does. That model, run on all 2^32
// inputs, differs from the oracle in daz only; so does the instruction on an Intel Xeon and an AMD
// Zen 5 (check --backend avx512-bf16 --inputs exhaustive: 16711678 daz, nothing else).
constexpr std::array kBf16Known{
    KnownDeviation{Op::f32_to_bf16, DeviationKind::daz,
                   "Intel SDM, VCVTNEPS2BF16: input denormals are always treated as zero "
                   "(MXCSR not consulted); observed: all 16711678 subnormal inputs that round to a nonzero bf16"},
};

class Avx512Bf16Backend final : public Backend {
 public:
  std::string_view name() const override { return "avx512-bf16"; }
  std::string_view description() const override {
    return "AVX512-BF16: vcvtneps2bf16 (f32_to_bf16, nearest even, denormals as zero); "
           "16 lanes per zmm, masked tails";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding r) const override {
    return op == Op::f32_to_bf16 && r == Rounding::rne;
  }
  Availability available() const override {
    return require_cpu({"avx512f", "avx512bw", "avx512vl", "avx512bf16"});
  }
  std::span<const KnownDeviation> known_deviations() const override { return kBf16Known; }

  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    if (!kBuilt) std::abort();  // not available: callers check first
    kBf16(in, out, n);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(Avx512Backend);
FPCONFORM_REGISTER_BACKEND(Avx512Bf16Backend);

}  // namespace fpconform
