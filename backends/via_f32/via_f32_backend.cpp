// via-f32: f16 and bfloat16 arithmetic the way Eigen, TFLite and most CPU code do it: each
// operand widened to binary32 (exact), the operation done once in binary32 hardware in the
// requested mode, the binary32 result narrowed to the 16-bit format in the same mode.
//
//   word (16 lanes of 32 bits)    a = word >> 16, b = word & 0xFFFF   (operation.hpp)
//   f16:  vpmovdw -> vcvtph2ps    bfloat16: the 16 bits become a binary32's high half
//   v{add,sub,mul,div,sqrt}ps zmm with the mode embedded ({rn,rz,rd,ru}-sae)
//   f16:  vcvtps2ph imm8 = mode   bfloat16: integer rounding at bit 16 (both below)
//
// Why one binary32 operation and one narrowing is correctly rounded (p = 11 or 8 bits, p' = 24):
// - rtz, rdn, rup: rounding twice in the same direction onto nested grids is rounding once.
// - rne: binary32 holds p' >= 2p + 2 bits, so for +, -, *, / and sqrt of p-bit operands the
//   first rounding is innocuous (Figueroa, "When is double rounding innocuous?", SIGNUM 1995):
//   the exact result is either a midpoint of the narrow format, exactly representable in
//   binary32 (p + 1 bits), or at least about 2^-(2p+1) relative away from every midpoint, further
//   than binary32's half ulp, so the binary32 result lies on the same side of it. Below the
//   normal range it holds too: f16's subnormals are normal binary32 numbers, and bfloat16's
//   subnormal grid (2^-133) is 2^16 times binary32's.
// - rna: x86 has no ties-away mode. By the same argument the binary32 rne result is a narrow
//   midpoint exactly when the exact result is, and otherwise on the same side of every midpoint;
//   narrowing that with ties away from zero gives rna of the exact result.
// The exhaustive check (all 2^32 operand pairs, every mode, suites/arith_backends_test.cpp)
// confirms it.
//
// NaNs: x86 SSE's rule (Intel SDM vol. 1, 4.8.3.5: the first operand that is a NaN, quieted; the
// negative default NaN for an invalid operation). The compiler may swap the operands of an
// addition or multiplication it considers commutative, so the NaN lanes are fixed up explicitly
// from the operands instead of trusting the instruction's operand order. vcvtps2ph and the
// bfloat16 truncation keep the NaN's sign and its top payload bits.
//
// MXCSR: embedded rounding overrides RC and suppresses exceptions, but DAZ and FTZ still apply;
// each batch runs with MXCSR = 0x1F80 (no DAZ, no FTZ, exceptions masked) and restores it.
// Flags are not reported.
#include <array>
#include <cstdint>
#include <cstdlib>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"
#include "platform/fenv.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define FPCONFORM_VIA_F32_KERNELS 1
#endif

namespace fpconform {
namespace {

using BatchFn = void (*)(const void*, void*, std::size_t);

#ifdef FPCONFORM_VIA_F32_KERNELS

// GCC 12's avx512fintrin.h builds unmasked results on _mm512_undefined_*, which -Wmaybe-
// uninitialized reports once inlined here (GCC bug 105593, fixed in GCC 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#define FPCONFORM_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))

enum class Fmt { f16, bf16 };

FPCONFORM_AVX512 inline __mmask16 lanes(std::size_t k) {
  return k >= 16 ? __mmask16(0xFFFF) : static_cast<__mmask16>((1u << k) - 1);
}

// Rounding's imm8 for the binary32 operation; rna computes rne (see above).
template <Rounding R>
constexpr int imm() {
  if constexpr (R == Rounding::rtz) return _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC;
  if constexpr (R == Rounding::rdn) return _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC;
  if constexpr (R == Rounding::rup) return _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC;
  return _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
}

// 16 containers (low 16 bits of each 32-bit lane) -> 16 binary32.
template <Fmt F>
FPCONFORM_AVX512 inline __m512 widen(__m512i bits16) {
  if constexpr (F == Fmt::f16) return _mm512_cvtph_ps(_mm512_cvtepi32_epi16(bits16));
  return _mm512_castsi512_ps(_mm512_slli_epi32(bits16, 16));
}

// 16 binary32 -> 16 containers in the low 16 bits of each 32-bit lane, rounded under R.
template <Fmt F, Rounding R>
FPCONFORM_AVX512 inline __m256i narrow(__m512 x) {
  if constexpr (F == Fmt::f16 && R != Rounding::rna) {
    return _mm512_cvtps_ph(x, imm<R>());
  } else if constexpr (F == Fmt::f16) {
    // Ties away: rne except at an exact midpoint between t = rtz(|x|) and t + 1, which goes to
    // t + 1. The midpoint (t + (t + 1)) / 2 is exact in binary32; when t + 1 is infinity or a
    // NaN encoding the midpoint is not finite and never equals x.
    const __m512i sign = _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x80000000));
    const __m512 mag = _mm512_abs_ps(x);
    const __m256i t = _mm512_cvtps_ph(mag, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256i up = _mm256_add_epi16(t, _mm256_set1_epi16(1));
    const __m512 mid = _mm512_mul_ps(_mm512_add_ps(_mm512_cvtph_ps(t), _mm512_cvtph_ps(up)),
                                     _mm512_set1_ps(0.5f));
    const __mmask16 tie = _mm512_cmp_ps_mask(mag, mid, _CMP_EQ_OQ);
    const __m256i away = _mm256_or_si256(up, _mm512_cvtepi32_epi16(_mm512_srli_epi32(sign, 16)));
    return _mm256_mask_mov_epi16(
        _mm512_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), tie, away);
  } else {
    // bfloat16 has binary32's exponent range: normal or subnormal, the result is the binary32
    // bits rounded at bit 16, a carry running into the exponent (and to infinity) by itself.
    //   rne: + 0x7FFF + bit 16   rna: + 0x8000   rtz: + 0   rup/rdn: + 0xFFFF on the side away
    // A NaN is cut to its top 16 bits (already quiet: binary32 arithmetic quieted it).
    const __m512i b = _mm512_castps_si512(x);
    const __m512i neg = _mm512_srai_epi32(b, 31);  // all ones where negative
    __m512i bias;
    if constexpr (R == Rounding::rne)
      bias = _mm512_add_epi32(_mm512_set1_epi32(0x7FFF),
                              _mm512_and_si512(_mm512_srli_epi32(b, 16), _mm512_set1_epi32(1)));
    if constexpr (R == Rounding::rna) bias = _mm512_set1_epi32(0x8000);
    if constexpr (R == Rounding::rtz) bias = _mm512_setzero_si512();
    if constexpr (R == Rounding::rup) bias = _mm512_andnot_si512(neg, _mm512_set1_epi32(0xFFFF));
    if constexpr (R == Rounding::rdn) bias = _mm512_and_si512(neg, _mm512_set1_epi32(0xFFFF));
    const __mmask16 nan = _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
    const __m512i rounded = _mm512_mask_add_epi32(b, ~nan, b, bias);
    return _mm512_cvtepi32_epi16(_mm512_srli_epi32(rounded, 16));
  }
}

template <Arith A, Rounding R>
FPCONFORM_AVX512 inline __m512 compute(__m512 x, __m512 y) {
  if constexpr (A == Arith::add) return _mm512_add_round_ps(x, y, imm<R>());
  if constexpr (A == Arith::sub) return _mm512_sub_round_ps(x, y, imm<R>());
  if constexpr (A == Arith::mul) return _mm512_mul_round_ps(x, y, imm<R>());
  if constexpr (A == Arith::div) return _mm512_div_round_ps(x, y, imm<R>());
  return _mm512_sqrt_round_ps(x, imm<R>());
}

// x86's NaN rule, whatever operand order the compiler chose: the first NaN operand, quieted.
FPCONFORM_AVX512 inline __m512 first_nan(__m512 result, __m512 x, __m512 y) {
  const __m512i quiet = _mm512_set1_epi32(0x00400000);
  const __mmask16 nx = _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
  const __mmask16 ny = _mm512_cmp_ps_mask(y, y, _CMP_UNORD_Q);
  __m512i r = _mm512_castps_si512(result);
  r = _mm512_mask_or_epi32(r, ny, _mm512_castps_si512(y), quiet);
  r = _mm512_mask_or_epi32(r, nx, _mm512_castps_si512(x), quiet);
  return _mm512_castsi512_ps(r);
}

template <Fmt F, Arith A, Rounding R>
FPCONFORM_AVX512 void binary(const void* in, void* out, std::size_t n) {
  const PlainMxcsr plain;
  const auto* src = static_cast<const unsigned char*>(in);  // unaligned loads and stores
  auto* dst = static_cast<unsigned char*>(out);
  const __m512i low = _mm512_set1_epi32(0xFFFF);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes(n - i);
    const __m512i w = _mm512_maskz_loadu_epi32(m, src + 4 * i);
    const __m512 x = widen<F>(_mm512_srli_epi32(w, 16));
    const __m512 y = widen<F>(_mm512_and_si512(w, low));
    const __m512 z = first_nan(compute<A, R>(x, y), x, y);
    _mm256_mask_storeu_epi16(dst + 2 * i, m, narrow<F, R>(z));
  }
}

template <Fmt F, Rounding R>
FPCONFORM_AVX512 void unary_sqrt(const void* in, void* out, std::size_t n) {
  const PlainMxcsr plain;
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes(n - i);
    const __m512i h = _mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(m, src + 2 * i));
    const __m512 x = widen<F>(h);
    const __m512 z = first_nan(compute<Arith::sqrt, R>(x, x), x, x);
    _mm256_mask_storeu_epi16(dst + 2 * i, m, narrow<F, R>(z));
  }
}

// mulAdd: 48-bit words in 64 (a, b, c), eight per zmm. The product of two 11- or 8-bit
// significands is exact in binary32, so vfmadd rounds the exact a * b + c once to binary32 and
// the narrowing rounds again: double rounding, declared (see kKnown).
template <Fmt F>
FPCONFORM_AVX512 inline __m512i field16(__m512i w0, __m512i w1, int shift) {
  const __m512i low = _mm512_set1_epi64(0xFFFF);
  const __m256i x0 = _mm512_cvtepi64_epi32(_mm512_and_si512(_mm512_srli_epi64(w0, shift), low));
  const __m256i x1 = _mm512_cvtepi64_epi32(_mm512_and_si512(_mm512_srli_epi64(w1, shift), low));
  return _mm512_inserti64x4(_mm512_castsi256_si512(x0), x1, 1);
}

template <Fmt F, Rounding R>
FPCONFORM_AVX512 void ternary(const void* in, void* out, std::size_t n) {
  const PlainMxcsr plain;
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; i += 16) {
    const std::size_t k = n - i;
    const __m512i w0 = _mm512_maskz_loadu_epi64(static_cast<__mmask8>(lanes(k)), src + 8 * i);
    const __m512i w1 =
        _mm512_maskz_loadu_epi64(static_cast<__mmask8>(lanes(k > 8 ? k - 8 : 0)), src + 8 * i + 64);
    const __m512 x = widen<F>(field16<F>(w0, w1, 32));
    const __m512 y = widen<F>(field16<F>(w0, w1, 16));
    const __m512 z = widen<F>(field16<F>(w0, w1, 0));
    const __m512 r = first_nan(first_nan(_mm512_fmadd_round_ps(x, y, z, imm<R>()), y, z), x, x);
    _mm256_mask_storeu_epi16(dst + 2 * i, lanes(k), narrow<F, R>(r));
  }
}

template <Fmt F, Arith A>
constexpr std::array<BatchFn, kRoundings.size()> row() {
  if constexpr (A == Arith::sqrt)
    return {&unary_sqrt<F, Rounding::rne>, &unary_sqrt<F, Rounding::rtz>,
            &unary_sqrt<F, Rounding::rdn>, &unary_sqrt<F, Rounding::rup>,
            &unary_sqrt<F, Rounding::rna>};
  else if constexpr (A == Arith::mul_add)
    return {&ternary<F, Rounding::rne>, &ternary<F, Rounding::rtz>, &ternary<F, Rounding::rdn>,
            &ternary<F, Rounding::rup>, &ternary<F, Rounding::rna>};
  else
    return {&binary<F, A, Rounding::rne>, &binary<F, A, Rounding::rtz>,
            &binary<F, A, Rounding::rdn>, &binary<F, A, Rounding::rup>,
            &binary<F, A, Rounding::rna>};
}

// Indexed by op - f16_add (f16_add ... bf16_mulAdd, operation.hpp's order), then by Rounding.
constexpr std::array<std::array<BatchFn, kRoundings.size()>, 12> kTable{
    row<Fmt::f16, Arith::add>(),  row<Fmt::f16, Arith::sub>(),  row<Fmt::f16, Arith::mul>(),
    row<Fmt::f16, Arith::div>(),  row<Fmt::f16, Arith::sqrt>(), row<Fmt::bf16, Arith::add>(),
    row<Fmt::bf16, Arith::sub>(), row<Fmt::bf16, Arith::mul>(), row<Fmt::bf16, Arith::div>(),
    row<Fmt::bf16, Arith::sqrt>(), row<Fmt::f16, Arith::mul_add>(), row<Fmt::bf16, Arith::mul_add>(),
};
static_assert(static_cast<int>(Op::bf16_mulAdd) - static_cast<int>(Op::f16_add) == 11);
static_assert(static_cast<int>(Rounding::rna) == 4);

BatchFn kernel(Op op, Rounding r) {
  return kTable[static_cast<std::size_t>(op) - static_cast<std::size_t>(Op::f16_add)]
               [static_cast<std::size_t>(r)];
}

#pragma GCC diagnostic pop

#else  // not x86-64: listed everywhere, unavailable ("CPU lacks avx512f")

BatchFn kernel(Op, Rounding) { return nullptr; }

#endif

// The one thing binary32 cannot do: a * b + c rounded once. In rne the binary32 rounding can
// land exactly on a narrow midpoint that the exact sum is beside (then ties to even, or away in
// rna); the directed modes round twice the same way onto nested grids, which is rounding once.
constexpr std::uint8_t kNearest = mode_bit(Rounding::rne) | mode_bit(Rounding::rna);
constexpr KnownDeviation kKnown[] = {
    {Op::f16_mulAdd, DeviationKind::double_rounding,
     "vfmadd213ps rounds the exact a * b + c to binary32, vcvtps2ph rounds again: the first "
     "rounding can land on a binary16 midpoint (1.5 x 0x3956 + 2^-24 gives 0x3C00, not 0x3C01)",
     kNearest},
    {Op::bf16_mulAdd, DeviationKind::double_rounding,
     "vfmadd213ps rounds the exact a * b + c to binary32, the narrowing rounds again at bit 16: "
     "the first rounding can land on a bfloat16 midpoint (0x3F90 x 0x3FE8 + 2^-30 gives 0x4002, "
     "not 0x4003)",
     kNearest},
};

class ViaF32Backend final : public Backend {
 public:
  std::string_view name() const override { return "via-f32"; }
  std::string_view description() const override {
    return "f16/bf16 add, sub, mul, div, sqrt, mulAdd as most CPU code does them: widened to "
           "binary32, one AVX-512 operation (vfmadd for mulAdd) in the same mode (embedded rounding; rna as rne), narrowed in "
           "the mode (vcvtps2ph for f16, integer rounding at bit 16 for bf16); 16 lanes per zmm";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding) const override { return is_arithmetic(op); }
  NanPolicy nan_policy() const override { return NanPolicy::x86; }
  std::span<const KnownDeviation> known_deviations() const override { return kKnown; }
  Availability available() const override {
    return require_cpu({"avx512f", "avx512bw", "avx512vl"});
  }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {
    const BatchFn f = is_arithmetic(op) ? kernel(op, r) : nullptr;
    if (f == nullptr) std::abort();  // not implemented or not available: callers check first
    f(in, out, n);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(ViaF32Backend);

}  // namespace fpconform
