// avx512-vnni: GEMM with vpdpbusd (u8 x s8, four products summed into each int32 lane without
// intermediate saturation, Intel SDM VPDPBUSD), so it is exact. s8 A goes in as a + 128 with
// -128 colsum(B) as the accumulators' start (int8_gemm_blocking.hpp, shared with avx2-widen,
// which tests that driver on AVX2 machines). Micro-tile 6 rows x 4 zmm (64 columns): 24
// accumulators, 4 B vectors and 1 broadcast of 32 zmm registers; per group of four k, 4 loads
// and 6 broadcasts feed 24 vpdpbusd.
//
// Quantize and requantize fp32 as avx2 does, on zmm with the rounding in each instruction
// (vdivps/vmulps/vcvtdq2ps {rn-sae}, vrndscaleps): nothing depends on MXCSR.RC. Clamped in
// binary32 (|zero point| <= 2^24), then vpmovdb; tails with masked loads and stores.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

#if defined(__x86_64__) || defined(__i386__)
// GCC 12 warns inside its own unmasked AVX-512 intrinsics (_mm512_undefined_*; GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#define FPCONFORM_INT8_AVX512_KERNELS 1
#define FPCONFORM_INT8_GEMM_TARGET "avx512f,avx512bw,avx512vnni"
#include "backends/int8_gemm_blocking.hpp"
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_AVX512_KERNELS
#define FPCONFORM_VNNI_FN __attribute__((target("avx512f,avx512bw,avx512vnni")))
#define FPCONFORM_VNNI FPCONFORM_VNNI_FN __attribute__((always_inline)) inline

FPCONFORM_VNNI __mmask16 lanes16(std::ptrdiff_t k) {
  return k >= 16 ? __mmask16(0xFFFF) : k <= 0 ? __mmask16(0) : static_cast<__mmask16>((1u << k) - 1);
}

struct Vnni {
  static constexpr int kLanes = 16, kMr = 6, kNv = 4;
  static constexpr bool kShiftSignedA = true;
  using Acc = __m512i;
  using A = __m512i;
  using B = __m512i;
  FPCONFORM_VNNI static Acc load(const std::int32_t* p, int lanes) {
    return _mm512_maskz_loadu_epi32(lanes16(lanes), p);
  }
  FPCONFORM_VNNI static void store(std::int32_t* p, Acc v, int lanes) {
    _mm512_mask_storeu_epi32(p, lanes16(lanes), v);
  }
  FPCONFORM_VNNI static B load_b(const std::int8_t* p) { return _mm512_load_si512(p); }
  FPCONFORM_VNNI static A broadcast_a(const std::uint8_t* p) {
    std::int32_t v;
    std::memcpy(&v, p, 4);
    return _mm512_set1_epi32(v);
  }
  FPCONFORM_VNNI static Acc dot(Acc acc, A a, B b) { return _mm512_dpbusd_epi32(acc, a, b); }
};

constexpr int kRn = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;

template <QRounding R>
FPCONFORM_VNNI __m512 round16(__m512 v) {
  const __m512 one = _mm512_set1_ps(1.0f);
  if constexpr (R == QRounding::rne) return _mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  if constexpr (R == QRounding::half_up) {
    const __m512 f = _mm512_roundscale_ps(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    const __mmask16 up = _mm512_cmp_ps_mask(_mm512_sub_ps(v, f), _mm512_set1_ps(0.5f), _CMP_GE_OQ);
    return _mm512_mask_add_ps(f, up, f, one);
  }
  if constexpr (R == QRounding::rna) {
    const __m512 t = _mm512_roundscale_ps(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m512 d = _mm512_sub_ps(v, t);
    const __mmask16 up = _mm512_cmp_ps_mask(d, _mm512_set1_ps(0.5f), _CMP_GE_OQ);
    const __mmask16 down = _mm512_cmp_ps_mask(d, _mm512_set1_ps(-0.5f), _CMP_LE_OQ);
    return _mm512_mask_sub_ps(_mm512_mask_add_ps(t, up, t, one), down, t, one);
  }
}

// r (integral or infinite) + z clamped to T's range, stored as 16 (or `m`'s) bytes.
template <IntType T>
FPCONFORM_VNNI void store16(std::uint8_t* out, __mmask16 m, __m512 r, __m512 z) {
  const IntRange q = range(T);
  const __m512 v = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(r, z), _mm512_set1_ps(float(q.min))),
                                 _mm512_set1_ps(float(q.max)));
  _mm512_mask_cvtepi32_storeu_epi8(out, m, _mm512_cvt_roundps_epi32(v, kRn));
}

template <QRounding R, IntType T>
FPCONFORM_VNNI_FN void quantize_vnni(const float* x, void* q, std::size_t n, const QuantSpec& spec) {
  auto* out = static_cast<std::uint8_t*>(q);
  const std::size_t channels = spec.scales.size();
  __m512 s = _mm512_set1_ps(spec.scales[0]), z = _mm512_set1_ps(float(spec.zero_points[0]));
  for (std::size_t i = 0, c = 0; i < n; i += 16) {
    if (channels > 1) {
      alignas(64) float sv[16], zv[16];
      for (int l = 0; l < 16; ++l, c = c + 1 == channels ? 0 : c + 1) {
        sv[l] = spec.scales[c];
        zv[l] = float(spec.zero_points[c]);
      }
      s = _mm512_load_ps(sv);
      z = _mm512_load_ps(zv);
    }
    const __mmask16 m = lanes16(std::ptrdiff_t(n - i));
    const __m512 v = _mm512_div_round_ps(_mm512_maskz_loadu_ps(m, x + i), s, kRn);
    store16<T>(out + i, m, round16<R>(v), z);
  }
}

template <IntType T>
FPCONFORM_VNNI_FN void requantize_vnni(const std::int32_t* acc, void* q, std::size_t n, const Requant& p) {
  auto* out = static_cast<std::uint8_t*>(q);
  const __m512 scale = _mm512_set1_ps(p.scale), z = _mm512_set1_ps(float(p.zero_point));
  for (std::size_t i = 0; i < n; i += 16) {
    const __mmask16 m = lanes16(std::ptrdiff_t(n - i));
    const __m512 f = _mm512_cvt_roundepi32_ps(_mm512_maskz_loadu_epi32(m, acc + i), kRn);
    store16<T>(out + i, m, round16<QRounding::rne>(_mm512_mul_round_ps(f, scale, kRn)), z);
  }
}

template <IntType T>
void quantize_any(const float* x, void* q, std::size_t n, const QuantSpec& spec) {
  switch (spec.rounding) {
    case QRounding::rne: return quantize_vnni<QRounding::rne, T>(x, q, n, spec);
    case QRounding::rna: return quantize_vnni<QRounding::rna, T>(x, q, n, spec);
    case QRounding::half_up: return quantize_vnni<QRounding::half_up, T>(x, q, n, spec);
  }
}

#endif

bool zero_point_fits(std::int32_t z) { return z >= -(1 << 24) && z <= (1 << 24); }

class Avx512VnniBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "avx512-vnni"; }
  std::string_view description() const override {
    return "AVX-512 VNNI GEMM: vpdpbusd, B packed once (4 k per lane, 64-column panels), 6x4-zmm "
           "micro-kernel, +128 shift for s8 A; quantize and requantize fp32 on zmm";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override {
    return require_cpu({"avx512f", "avx512bw", "avx512vnni"});
  }

  // What it implements is the same on every target; off x86 it is unavailable instead.
  bool quantizes(IntType, QRounding) const override { return true; }
  void quantize(const float* x, void* q, std::size_t n, const QuantSpec& spec) const override {
#ifdef FPCONFORM_INT8_AVX512_KERNELS
    for (std::int32_t z : spec.zero_points)
      if (!zero_point_fits(z)) std::abort();
    if (n == 0) return;
    if (spec.type == IntType::s8) quantize_any<IntType::s8>(x, q, n, spec);
    else quantize_any<IntType::u8>(x, q, n, spec);
#else
    (void)x, (void)q, (void)n, (void)spec;
    std::abort();
#endif
  }

  bool requantizes(RequantModel m, IntType) const override { return m == RequantModel::fp32; }
  void requantize(const std::int32_t* acc, void* q, std::size_t n, const Requant& p) const override {
#ifdef FPCONFORM_INT8_AVX512_KERNELS
    if (p.model != RequantModel::fp32 || !zero_point_fits(p.zero_point)) std::abort();
    if (p.type == IntType::s8) requantize_vnni<IntType::s8>(acc, q, n, p);
    else requantize_vnni<IntType::u8>(acc, q, n, p);
#else
    (void)acc, (void)q, (void)n, (void)p;
    std::abort();
#endif
  }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
#ifdef FPCONFORM_INT8_AVX512_KERNELS
    return std::make_unique<int8_gemm::BlockedGemm<Vnni>>(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    std::abort();
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(Avx512VnniBackend);

}  // namespace fpconform
