// binary64 narrowed by x86 hardware in one instruction, the mode embedded ({rn,rz,rd,ru}-sae:
// rne rtz rdn rup; x86 has no ties-away):
//
//   avx512-f64       f64_to_f32  vcvtpd2ps zmm -> ymm (AVX-512F, VL for the masked store), 8 lanes
//   avx512-fp16-f64  f64_to_f16  vcvtpd2ph zmm -> xmm (AVX512-FP16), 8 lanes
//
// Each batch runs with MXCSR = 0x1F80 (no DAZ, no FTZ: embedded rounding overrides RC but not
// those) and restores it. NaNs: SSE's rule, the payload's top bits kept and the quiet bit set.
// Flags are not reported (embedded rounding suppresses them).
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"
#include "platform/fenv.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#include <immintrin.h>
#define FPCONFORM_AVX512_F64_KERNELS 1
#endif

namespace fpconform {
namespace {

using BatchFn = void (*)(const void*, void*, std::size_t);

#ifdef FPCONFORM_AVX512_F64_KERNELS

inline __mmask8 lanes8(std::size_t k) { return k >= 8 ? __mmask8(0xFF) : static_cast<__mmask8>((1u << k) - 1); }

// The first min(k, 8) doubles at src narrowed to dst: vcvtpd2ps (4 bytes each) or vcvtpd2ph (2).
template <int Imm>
__attribute__((target("avx512f,avx512vl"))) void f32_of8(const unsigned char* src, unsigned char* dst, std::size_t k) {
  const __m512d x = _mm512_castsi512_pd(_mm512_maskz_loadu_epi64(lanes8(k), src));
  _mm256_mask_storeu_epi32(dst, lanes8(k), _mm256_castps_si256(_mm512_cvt_roundpd_ps(x, Imm)));
}
template <int Imm>
__attribute__((target("avx512f,avx512bw,avx512vl,avx512fp16"))) void f16_of8(const unsigned char* src, unsigned char* dst,
                                                                            std::size_t k) {
  const __m512d x = _mm512_castsi512_pd(_mm512_maskz_loadu_epi64(lanes8(k), src));
  _mm_mask_storeu_epi16(dst, lanes8(k), _mm_castph_si128(_mm512_cvt_roundpd_ph(x, Imm)));
}

template <int OutBytes, void (*Of8)(const unsigned char*, unsigned char*, std::size_t)>
void narrow(const void* in, void* out, std::size_t n) {
  const PlainMxcsr plain;
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; i += 8) Of8(src + 8 * i, dst + OutBytes * i, n - i);
}
template <int Imm>
void to_f32(const void* in, void* out, std::size_t n) { narrow<4, &f32_of8<Imm>>(in, out, n); }
template <int Imm>
void to_f16(const void* in, void* out, std::size_t n) { narrow<2, &f16_of8<Imm>>(in, out, n); }

#define FPCONFORM_MODES(fn)                                                                   \
  std::array<BatchFn, kRoundings.size()> {                                                    \
    &fn<_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC>, &fn<_MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC>, \
        &fn<_MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC>,                                       \
        &fn<_MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC>, nullptr                               \
  }
const std::array<BatchFn, kRoundings.size()> kToF32 = FPCONFORM_MODES(to_f32);
const std::array<BatchFn, kRoundings.size()> kToF16 = FPCONFORM_MODES(to_f16);
#undef FPCONFORM_MODES
constexpr bool kBuilt = true;

#else

const std::array<BatchFn, kRoundings.size()> kToF32{}, kToF16{};
constexpr bool kBuilt = false;

#endif

struct Path {
  std::string_view name, description;
  Op op;
  const std::array<BatchFn, kRoundings.size()>& table;
  std::span<const std::string_view> features;
};

constexpr std::string_view kF[] = {"avx512f", "avx512vl"};
constexpr std::string_view kFp16[] = {"avx512f", "avx512bw", "avx512vl", "avx512fp16"};

class Avx512F64Backend final : public Backend {
 public:
  explicit Avx512F64Backend(const Path& p) : p_(p) {}
  std::string_view name() const override { return p_.name; }
  std::string_view description() const override { return p_.description; }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding r) const override { return op == p_.op && r != Rounding::rna; }
  Availability available() const override {
    if (!kBuilt) return {false, "built without AVX-512 intrinsics (x86-64 GCC 12 or later)"};
    return require_cpu(p_.features);
  }
  NanPolicy nan_policy() const override { return NanPolicy::x86; }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    const BatchFn f = op == p_.op ? p_.table[static_cast<std::size_t>(r)] : nullptr;
    if (f == nullptr) std::abort();  // not implemented or not available: callers check first
    f(in, out, n);
  }

 private:
  const Path& p_;
};

const Path kF32Path{"avx512-f64",
                    "binary64 to binary32 by vcvtpd2ps zmm with embedded rounding (rne rtz rdn "
                    "rup), AVX-512F and VL, MXCSR without DAZ/FTZ",
                    Op::f64_to_f32, kToF32, kF};
const Path kF16Path{"avx512-fp16-f64",
                    "binary64 to binary16 in one rounding by vcvtpd2ph zmm with embedded rounding "
                    "(rne rtz rdn rup), AVX512-FP16, MXCSR without DAZ/FTZ",
                    Op::f64_to_f16, kToF16, kFp16};

}  // namespace

FPCONFORM_REGISTER_BACKEND(Avx512F64Backend, kF32Path);
FPCONFORM_REGISTER_BACKEND(Avx512F64Backend, kF16Path);

}  // namespace fpconform
