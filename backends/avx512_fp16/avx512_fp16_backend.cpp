// AVX512-FP16: binary16 arithmetic in hardware (Sapphire Rapids and later).
//
//   avx512-fp16  vaddph vsubph vmulph vdivph vsqrtph on zmm, 32 lanes, the rounding mode as
//                embedded rounding ({rn,rz,rd,ru}-sae: rne rtz rdn rup; x86 has no ties-away);
//                with flags asked for, one vaddsh ... per element, rounding by MXCSR.RC, between
//                MXCSR reads (embedded rounding suppresses the flags).
//
// A call's input words (operation.hpp) hold a in the high half and b in the low half; 32 of them
// are split into an a vector and a b vector with vpsrld/vpmovdw. The NaN rules are SSE's
// (Intel SDM vol. 1, 4.8.3.5): the first operand that is a NaN, quieted; invalid gives the
// negative default NaN. Tininess is detected after rounding. Written from the SDM on a CPU
// without AVX512-FP16; first run on an Intel Xeon with it (docs/backends.md: what it matched).
#include <array>
#include <cstdint>
#include <cstdlib>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#include <immintrin.h>
#define FPCONFORM_AVX512_FP16_KERNELS 1
#endif

namespace fpconform {
namespace {

using BatchFn = void (*)(const void*, void*, std::size_t, Flags*);

#ifdef FPCONFORM_AVX512_FP16_KERNELS

#define FPCONFORM_FP16 __attribute__((target("avx512f,avx512bw,avx512vl,avx512fp16")))

// Lanes [0, k) of 32 (16-bit lanes) and of 16 (32-bit words).
inline __mmask32 lanes32(std::size_t k) {
  return k >= 32 ? ~__mmask32(0) : static_cast<__mmask32>((std::uint32_t{1} << k) - 1);
}
inline __mmask16 lanes16(std::size_t k) {
  return k >= 16 ? __mmask16(0xFFFF) : static_cast<__mmask16>((1u << k) - 1);
}

// 32 words a:b from p (k of them valid): the a halves and the b halves as 32 binary16 lanes.
FPCONFORM_FP16 inline void split(const unsigned char* p, std::size_t k, __m512h& a, __m512h& b) {
  const __m512i lo = _mm512_maskz_loadu_epi32(lanes16(k), p);
  const __m512i hi = _mm512_maskz_loadu_epi32(lanes16(k > 16 ? k - 16 : 0), p + 64);
  const __m512i a16 = _mm512_inserti64x4(
      _mm512_castsi256_si512(_mm512_cvtepi32_epi16(_mm512_srli_epi32(lo, 16))),
      _mm512_cvtepi32_epi16(_mm512_srli_epi32(hi, 16)), 1);
  const __m512i b16 = _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtepi32_epi16(lo)),
                                         _mm512_cvtepi32_epi16(hi), 1);
  a = _mm512_castsi512_ph(a16);
  b = _mm512_castsi512_ph(b16);
}

// One 16-bit field (at shift) of 32 words of 48 bits in 64, as 32 binary16 lanes.
FPCONFORM_FP16 inline __m512h field16(const __m512i (&w)[4], int shift) {
  const __m128i x0 = _mm512_cvtepi64_epi16(_mm512_srli_epi64(w[0], shift));
  const __m128i x1 = _mm512_cvtepi64_epi16(_mm512_srli_epi64(w[1], shift));
  const __m128i x2 = _mm512_cvtepi64_epi16(_mm512_srli_epi64(w[2], shift));
  const __m128i x3 = _mm512_cvtepi64_epi16(_mm512_srli_epi64(w[3], shift));
  __m512i r = _mm512_castsi128_si512(x0);
  r = _mm512_inserti32x4(r, x1, 1);
  r = _mm512_inserti32x4(r, x2, 2);
  r = _mm512_inserti32x4(r, x3, 3);
  return _mm512_castsi512_ph(r);
}

// 32 words a, b, c (48 bits in 64) from p (k of them valid): each operand as 32 binary16 lanes.
FPCONFORM_FP16 inline void split3(const unsigned char* p, std::size_t k, __m512h& a, __m512h& b,
                                  __m512h& c) {
  __m512i w[4];
  for (std::size_t q = 0; q < 4; ++q) {
    const std::size_t valid = k > 8 * q ? k - 8 * q : 0;
    const auto m = static_cast<__mmask8>(valid >= 8 ? 0xFF : (1u << valid) - 1);
    w[q] = _mm512_maskz_loadu_epi64(m, p + 64 * q);
  }
  a = field16(w, 32), b = field16(w, 16), c = field16(w, 0);
}

// MXCSR's exception bits (IE DE ZE OE UE PE = bits 0..5) as TestFloat's flag byte.
inline Flags mxcsr_flags(unsigned csr) {
  return Flags((csr & 0x01 ? kInvalid : 0) | (csr & 0x04 ? kInfinite : 0) |
               (csr & 0x08 ? kOverflow : 0) | (csr & 0x10 ? kUnderflow : 0) |
               (csr & 0x20 ? kInexact : 0));
}

// a + b and a * b with a as the first source: of two NaNs x86 returns the first source's, and
// GCC, free to commute the intrinsics' operands, put b first (measured: 190 nan-sign cases of
// f16_add on edge inputs). Inline assembly pins the order.
// OP {er}, b, a, d in AT&T order: a is the first source (the mnemonic and rounding must be
// literals in the asm, hence a branch per pair).
#define FPCONFORM_FIRST_SOURCE(op, er) __asm__(op " %{" er "%}, %2, %1, %0" : "=v"(d) : "v"(a), "v"(b))
template <int Imm, bool Mul>
FPCONFORM_FP16 __m512h first_source(__m512h a, __m512h b) {
  __m512h d;
  if constexpr (Mul) {
    if constexpr ((Imm & 3) == _MM_FROUND_TO_NEAREST_INT) FPCONFORM_FIRST_SOURCE("vmulph", "rn-sae");
    else if constexpr ((Imm & 3) == _MM_FROUND_TO_NEG_INF) FPCONFORM_FIRST_SOURCE("vmulph", "rd-sae");
    else if constexpr ((Imm & 3) == _MM_FROUND_TO_POS_INF) FPCONFORM_FIRST_SOURCE("vmulph", "ru-sae");
    else FPCONFORM_FIRST_SOURCE("vmulph", "rz-sae");
  } else {
    if constexpr ((Imm & 3) == _MM_FROUND_TO_NEAREST_INT) FPCONFORM_FIRST_SOURCE("vaddph", "rn-sae");
    else if constexpr ((Imm & 3) == _MM_FROUND_TO_NEG_INF) FPCONFORM_FIRST_SOURCE("vaddph", "rd-sae");
    else if constexpr ((Imm & 3) == _MM_FROUND_TO_POS_INF) FPCONFORM_FIRST_SOURCE("vaddph", "ru-sae");
    else FPCONFORM_FIRST_SOURCE("vaddph", "rz-sae");
  }
  return d;
}
#undef FPCONFORM_FIRST_SOURCE

template <Arith A, int Imm>
FPCONFORM_FP16 __m512h apply(__m512h a, __m512h b, __m512h c = __m512h{}) {
  if constexpr (A == Arith::mul_add) return _mm512_fmadd_round_ph(a, b, c, Imm);
  if constexpr (A == Arith::add) return first_source<Imm, false>(a, b);
  if constexpr (A == Arith::sub) return _mm512_sub_round_ph(a, b, Imm);
  if constexpr (A == Arith::mul) return first_source<Imm, true>(a, b);
  if constexpr (A == Arith::div) return _mm512_div_round_ph(a, b, Imm);
  return _mm512_sqrt_round_ph(a, Imm);
}

// Embedded rounding implies SAE (no flags raised), so the scalar path that reports flags rounds
// by MXCSR.RC instead.
template <Arith A>
FPCONFORM_FP16 __m128h apply_scalar(__m128h a, __m128h b, __m128h c) {
  if constexpr (A == Arith::mul_add) return _mm_fmadd_sh(a, b, c);
  __m128h d;
  if constexpr (A == Arith::add) __asm__("vaddsh %2, %1, %0" : "=v"(d) : "v"(a), "v"(b));  // a first
  if constexpr (A == Arith::add) return d;
  if constexpr (A == Arith::sub) return _mm_sub_sh(a, b);
  if constexpr (A == Arith::mul) __asm__("vmulsh %2, %1, %0" : "=v"(d) : "v"(a), "v"(b));
  if constexpr (A == Arith::mul) return d;
  if constexpr (A == Arith::div) return _mm_div_sh(a, b);
  return _mm_sqrt_sh(a, a);
}

// MXCSR.RC (bits 13-14) for an embedded-rounding immediate.
constexpr unsigned rc_bits(int imm) {
  switch (imm & 3) {
    case _MM_FROUND_TO_NEAREST_INT: return 0u << 13;
    case _MM_FROUND_TO_NEG_INF: return 1u << 13;
    case _MM_FROUND_TO_POS_INF: return 2u << 13;
    default: return 3u << 13;  // toward zero
  }
}

template <Arith A, int Imm>
FPCONFORM_FP16 void batch(const void* in, void* out, std::size_t n, Flags* flags) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  constexpr int kInBytes = A == Arith::sqrt ? 2 : A == Arith::mul_add ? 8 : 4;
  if (flags) {  // element by element: MXCSR's flags are sticky and shared by the lanes
    const unsigned saved = _mm_getcsr();
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t w = 0;
      __builtin_memcpy(&w, src + kInBytes * i, kInBytes);
      const auto a = static_cast<std::uint32_t>(A == Arith::sqrt ? w : A == Arith::mul_add ? w >> 32 : w >> 16) & 0xFFFF;
      const auto b = static_cast<std::uint32_t>(A == Arith::mul_add ? w >> 16 : w) & 0xFFFF;
      const auto c = static_cast<std::uint32_t>(w) & 0xFFFF;
      __m128h va = _mm_castsi128_ph(_mm_cvtsi32_si128(int(a)));
      __m128h vb = _mm_castsi128_ph(_mm_cvtsi32_si128(int(b)));
      __m128h vc = _mm_castsi128_ph(_mm_cvtsi32_si128(int(c)));
      _mm_setcsr((saved & ~(0x3Fu | (3u << 13))) | rc_bits(Imm));
      // The compiler does not know the operation reads MXCSR: keep it between the two accesses.
      __asm__ volatile("" : "+v"(va), "+v"(vb), "+v"(vc));
      __m128h r = apply_scalar<A>(va, vb, vc);
      __asm__ volatile("" : "+v"(r));
      flags[i] = mxcsr_flags(_mm_getcsr());
      const auto h = static_cast<std::uint16_t>(_mm_cvtsi128_si32(_mm_castph_si128(r)));
      __builtin_memcpy(dst + 2 * i, &h, 2);
    }
    _mm_setcsr(saved);
    return;
  }
  for (std::size_t i = 0; i < n; i += 32) {
    __m512h a, b, c{};
    if constexpr (A == Arith::sqrt) {
      a = b = _mm512_castsi512_ph(_mm512_maskz_loadu_epi16(lanes32(n - i), src + 2 * i));
    } else if constexpr (A == Arith::mul_add) {
      split3(src + 8 * i, n - i, a, b, c);
    } else {
      split(src + 4 * i, n - i, a, b);
    }
    _mm512_mask_storeu_epi16(dst + 2 * i, lanes32(n - i), _mm512_castph_si512(apply<A, Imm>(a, b, c)));
  }
}

template <Arith A>
constexpr std::array<BatchFn, kRoundings.size()> modes() {
  return {&batch<A, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC>,
          &batch<A, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC>,
          &batch<A, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC>,
          &batch<A, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC>, nullptr};
}

// Indexed by Arith (none add sub mul div sqrt mul_add), then Rounding; rna has no encoding.
constexpr std::array<std::array<BatchFn, kRoundings.size()>, 7> kTable{
    std::array<BatchFn, kRoundings.size()>{}, modes<Arith::add>(), modes<Arith::sub>(),
    modes<Arith::mul>(), modes<Arith::div>(), modes<Arith::sqrt>(), modes<Arith::mul_add>()};
constexpr bool kBuilt = true;

#else  // not x86 or no compiler support: listed everywhere, unavailable

constexpr std::array<std::array<BatchFn, kRoundings.size()>, 7> kTable{};
constexpr bool kBuilt = false;

#endif

static_assert(static_cast<int>(Arith::mul_add) == 6 && static_cast<int>(Rounding::rna) == 4);

class Avx512Fp16Backend final : public Backend {
 public:
  std::string_view name() const override { return "avx512-fp16"; }
  std::string_view description() const override {
    return "AVX512-FP16: vaddph vsubph vmulph vdivph vsqrtph vfmadd...ph on zmm with embedded "
           "rounding (rne rtz rdn rup); flags from vaddsh... vfmadd...sh and MXCSR, element by "
           "element";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding r) const override {
    return is_arithmetic(op) && info(op).src == &kBinary16 && r != Rounding::rna;
  }
  Availability available() const override {
    if (!kBuilt) return {false, "built without AVX512-FP16 support (x86-64 GCC 12 or later)"};
    return require_cpu({"avx512f", "avx512bw", "avx512vl", "avx512fp16"});
  }
  bool reports_flags() const override { return true; }
  NanPolicy nan_policy() const override { return NanPolicy::x86; }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags* flags) const override {
    const BatchFn f = kTable[static_cast<std::size_t>(info(op).arith)][static_cast<std::size_t>(r)];
    if (f == nullptr) std::abort();  // not implemented or not available: callers check first
    f(in, out, n, flags);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(Avx512Fp16Backend);

}  // namespace fpconform
