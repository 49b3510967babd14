// AVX2, two instances sharing quantize, requantize and the GEMM driver (int8_gemm_blocking.hpp):
//
//   avx2        GEMM with the widely used vpmaddubsw + vpmaddwd(ones) + vpaddd step. vpmaddubsw
//               adds each pair of u8 x s8 products into int16 with saturation: 255 * 127 * 2 =
//               64770 > 32767. s8 A goes through vpsignb (|a| as u8, b with a's sign), and
//               -(-128) is -128 in int8: wherever a < 0 and b = -128 the product's sign is wrong,
//               (-128) x (-128) comes out as -16384 (GemmModel::maddubs_sign).
//   avx2-widen  exact: bytes widened to int16 and multiplied with vpmaddwd (2 x 128 x 255 fits an
//               int32 lane); s8 A by the same +128 shift as avx512-vnni, so that its whole driver
//               runs here.
//
// Quantize: fl(x / s) with vdivps, rounded with vroundps' immediate (rne, rna and half-up built
// exactly from floor/trunc and the exact difference v - floor(v)), the zero point added and
// clamped in binary32 (exact for |zero point| <= 2^24: q and z are then exact in binary32, and a
// sum beyond the range stays beyond it), vcvtps2dq, then packs (vpackssdw, vpacksswb/vpackuswb)
// with vpermd to undo their in-lane order. Requantize fp32: vcvtdq2ps, vmulps, vroundps, the same
// clamp. vdivps, vmulps and vcvtdq2ps round as MXCSR says: the default, nearest-even, which is the
// model's fl(); this backend never changes MXCSR.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FPCONFORM_INT8_AVX2_KERNELS 1
#define FPCONFORM_INT8_GEMM_TARGET "avx2"
#include "backends/int8_gemm_blocking.hpp"
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_AVX2_KERNELS
#define FPCONFORM_AVX2_FN __attribute__((target("avx2")))
#define FPCONFORM_AVX2 __attribute__((target("avx2"), always_inline)) inline

FPCONFORM_AVX2 __m256i lane_mask(int lanes) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// Accumulators, masks and loads common to both GEMM steps: 8 int32 lanes a ymm.
struct Avx2Base {
  static constexpr int kLanes = 8, kMr = 4, kNv = 2;
  using Acc = __m256i;
  using B = __m256i;
  FPCONFORM_AVX2 static Acc load(const std::int32_t* p, int lanes) {
    if (lanes >= kLanes) return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return _mm256_maskload_epi32(reinterpret_cast<const int*>(p), lane_mask(lanes));
  }
  FPCONFORM_AVX2 static void store(std::int32_t* p, Acc v, int lanes) {
    if (lanes >= kLanes) _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
    else _mm256_maskstore_epi32(reinterpret_cast<int*>(p), lane_mask(lanes), v);
  }
  FPCONFORM_AVX2 static B load_b(const std::int8_t* p) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
  }
  FPCONFORM_AVX2 static __m256i broadcast(const std::uint8_t* p) {
    std::int32_t v;
    std::memcpy(&v, p, 4);
    return _mm256_set1_epi32(v);
  }
};

// vpmaddubsw: u8 x s8 pairs summed into int16 with saturation, then vpmaddwd with ones.
struct Maddubs : Avx2Base {
  static constexpr bool kShiftSignedA = false;
  using A = __m256i;
  FPCONFORM_AVX2 static A broadcast_a(const std::uint8_t* p) { return broadcast(p); }
  FPCONFORM_AVX2 static Acc dot(Acc acc, A a, B b) {
    const __m256i pairs = _mm256_maddubs_epi16(a, b);
    return _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, _mm256_set1_epi16(1)));
  }
};

// s8 A: vpsignb moves a's sign onto b, so |a| can go in as the unsigned operand.
struct MaddubsSigned : Maddubs {
  FPCONFORM_AVX2 static Acc dot(Acc acc, A a, B b) {
    return Maddubs::dot(acc, _mm256_abs_epi8(a), _mm256_sign_epi8(b, a));
  }
};

// Exact: each int32 lane's four bytes split into the even (0, 2) and odd (1, 3) ones as int16,
// two vpmaddwd, no saturation possible.
struct Widen : Avx2Base {
  static constexpr bool kShiftSignedA = true;
  struct A {
    __m256i even, odd;  // u8, zero-extended
  };
  struct B {
    __m256i even, odd;  // s8, sign-extended
  };
  FPCONFORM_AVX2 static B load_b(const std::int8_t* p) {
    const __m256i v = Avx2Base::load_b(p);
    return {_mm256_srai_epi16(_mm256_slli_epi16(v, 8), 8), _mm256_srai_epi16(v, 8)};
  }
  FPCONFORM_AVX2 static A broadcast_a(const std::uint8_t* p) {
    const __m256i v = broadcast(p);
    return {_mm256_and_si256(v, _mm256_set1_epi16(0xFF)), _mm256_srli_epi16(v, 8)};
  }
  FPCONFORM_AVX2 static Acc dot(Acc acc, A a, B b) {
    return _mm256_add_epi32(acc, _mm256_add_epi32(_mm256_madd_epi16(a.even, b.even),
                                                  _mm256_madd_epi16(a.odd, b.odd)));
  }
};

// Eight values rounded under R, exactly.
template <QRounding R>
FPCONFORM_AVX2 __m256 round8(__m256 v) {
  constexpr int kNoExc = _MM_FROUND_NO_EXC;
  const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
  if constexpr (R == QRounding::rne) return _mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | kNoExc);
  if constexpr (R == QRounding::half_up) {
    const __m256 f = _mm256_round_ps(v, _MM_FROUND_TO_NEG_INF | kNoExc);
    const __m256 up = _mm256_cmp_ps(_mm256_sub_ps(v, f), half, _CMP_GE_OQ);  // inf - inf: NaN, false
    return _mm256_add_ps(f, _mm256_and_ps(up, one));
  }
  if constexpr (R == QRounding::rna) {
    const __m256 t = _mm256_round_ps(v, _MM_FROUND_TO_ZERO | kNoExc);
    const __m256 d = _mm256_sub_ps(v, t);
    const __m256 up = _mm256_and_ps(_mm256_cmp_ps(d, half, _CMP_GE_OQ), one);
    const __m256 down = _mm256_and_ps(_mm256_cmp_ps(d, _mm256_set1_ps(-0.5f), _CMP_LE_OQ), one);
    return _mm256_add_ps(t, _mm256_sub_ps(up, down));
  }
}

// r (integral or infinite) + z, clamped to T's range, as int32.
template <IntType T>
FPCONFORM_AVX2 __m256i to_int(__m256 r, __m256 z) {
  const IntRange q = range(T);
  const __m256 v = _mm256_add_ps(r, z);
  return _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(v, _mm256_set1_ps(float(q.min))),
                                          _mm256_set1_ps(float(q.max))));
}

// 32 int32 in range -> 32 bytes in order.
template <IntType T>
FPCONFORM_AVX2 __m256i pack32(const __m256i v[4]) {
  const __m256i w0 = _mm256_packs_epi32(v[0], v[1]), w1 = _mm256_packs_epi32(v[2], v[3]);
  const __m256i b = T == IntType::s8 ? _mm256_packs_epi16(w0, w1) : _mm256_packus_epi16(w0, w1);
  // in-lane packing left 4-byte groups in the order 0 2 4 6 1 3 5 7
  return _mm256_permutevar8x32_epi32(b, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

// Runs block(in, i, out) on every 32 elements; the tail goes through zero-padded local copies so
// nothing past either buffer is read or written.
template <typename In, typename Block>
FPCONFORM_AVX2 void by32(const In* x, void* q, std::size_t n, Block block) {
  auto* out = static_cast<std::uint8_t*>(q);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32)
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), block(x + i, i));
  if (i < n) {
    In in[32] = {};
    alignas(32) std::uint8_t bytes[32];
    std::memcpy(in, x + i, (n - i) * sizeof(In));
    _mm256_store_si256(reinterpret_cast<__m256i*>(bytes), block(in, i));
    std::memcpy(out + i, bytes, n - i);
  }
}

template <QRounding R, IntType T>
FPCONFORM_AVX2_FN void quantize_avx2(const float* x, void* q, std::size_t n,
                                                   const QuantSpec& spec) {
  const std::size_t channels = spec.scales.size();
  by32(x, q, n, [&](const float* in, std::size_t first) FPCONFORM_AVX2_FN {
    __m256i v[4];
    for (int j = 0; j < 4; ++j) {
      __m256 s, z;
      if (channels == 1) {
        s = _mm256_set1_ps(spec.scales[0]);
        z = _mm256_set1_ps(float(spec.zero_points[0]));
      } else {
        alignas(32) float sv[8], zv[8];
        for (std::size_t l = 0, c = (first + 8 * j) % channels; l < 8; ++l, c = c + 1 == channels ? 0 : c + 1) {
          sv[l] = spec.scales[c];
          zv[l] = float(spec.zero_points[c]);
        }
        s = _mm256_load_ps(sv);
        z = _mm256_load_ps(zv);
      }
      v[j] = to_int<T>(round8<R>(_mm256_div_ps(_mm256_loadu_ps(in + 8 * j), s)), z);
    }
    return pack32<T>(v);
  });
}

template <IntType T>
FPCONFORM_AVX2_FN void requantize_fp32(const std::int32_t* acc, void* q,
                                                     std::size_t n, const Requant& p) {
  const __m256 scale = _mm256_set1_ps(p.scale), z = _mm256_set1_ps(float(p.zero_point));
  by32(acc, q, n, [&](const std::int32_t* in, std::size_t) FPCONFORM_AVX2_FN {
    __m256i v[4];
    for (int j = 0; j < 4; ++j) {
      const __m256 f = _mm256_cvtepi32_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + 8 * j)));
      v[j] = to_int<T>(round8<QRounding::rne>(_mm256_mul_ps(f, scale)), z);
    }
    return pack32<T>(v);
  });
}

template <IntType T>
void quantize_any(const float* x, void* q, std::size_t n, const QuantSpec& spec) {
  switch (spec.rounding) {
    case QRounding::rne: return quantize_avx2<QRounding::rne, T>(x, q, n, spec);
    case QRounding::rna: return quantize_avx2<QRounding::rna, T>(x, q, n, spec);
    case QRounding::half_up: return quantize_avx2<QRounding::half_up, T>(x, q, n, spec);
  }
}

#endif

// Zero points beyond +-2^24 are not binary32 values; the float clamp above needs them exact.
bool zero_point_fits(std::int32_t z) { return z >= -(1 << 24) && z <= (1 << 24); }

class Avx2Backend final : public Int8Backend {
 public:
  explicit Avx2Backend(bool widen) : widen_(widen) {}

  std::string_view name() const override { return widen_ ? "avx2-widen" : "avx2"; }
  std::string_view description() const override {
    return widen_ ? "AVX2 exact GEMM: int8 widened to int16, vpmaddwd; +128 shift for s8 A; the "
                    "avx512-vnni driver (packing, blocking, tails, threads) on ymm"
                  : "AVX2 GEMM with vpmaddubsw + vpmaddwd(ones) (int16 saturation), vpsignb for "
                    "s8 A; quantize vdivps/vroundps/packs; requantize fp32";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override { return require_cpu({"avx2"}); }

  // What it implements is the same on every target; off x86 it is unavailable instead.
  bool quantizes(IntType, QRounding) const override { return true; }
  void quantize(const float* x, void* q, std::size_t n, const QuantSpec& spec) const override {
#ifdef FPCONFORM_INT8_AVX2_KERNELS
    for (std::int32_t z : spec.zero_points)
      if (!zero_point_fits(z)) std::abort();
    if (spec.type == IntType::s8) quantize_any<IntType::s8>(x, q, n, spec);
    else quantize_any<IntType::u8>(x, q, n, spec);
#else
    (void)x, (void)q, (void)n, (void)spec;
    std::abort();
#endif
  }

  bool requantizes(RequantModel m, IntType) const override { return m == RequantModel::fp32; }
  void requantize(const std::int32_t* acc, void* q, std::size_t n, const Requant& p) const override {
#ifdef FPCONFORM_INT8_AVX2_KERNELS
    if (p.model != RequantModel::fp32 || !zero_point_fits(p.zero_point)) std::abort();
    if (p.type == IntType::s8) requantize_fp32<IntType::s8>(acc, q, n, p);
    else requantize_fp32<IntType::u8>(acc, q, n, p);
#else
    (void)acc, (void)q, (void)n, (void)p;
    std::abort();
#endif
  }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
#ifdef FPCONFORM_INT8_AVX2_KERNELS
    using int8_gemm::BlockedGemm;
    if (widen_) return std::make_unique<BlockedGemm<Widen>>(shape, a_type, b);
    if (a_type == IntType::s8) return std::make_unique<BlockedGemm<MaddubsSigned>>(shape, a_type, b);
    return std::make_unique<BlockedGemm<Maddubs>>(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    std::abort();
#endif
  }
  GemmModel gemm_model() const override { return widen_ ? GemmModel::exact : GemmModel::maddubs_sign; }
  std::string_view gemm_deviation() const override {
    if (widen_) return {};
    return "vpmaddubsw saturates each pair sum to int16 (u8 A: 255*127*2 = 64770 > 32767); "
           "vpsignb negates B where A < 0 and -(-128) stays -128 (s8 A: a < 0, b = -128 gives "
           "-|a|*128, e.g. (-128)*(-128) gives -16384)";
  }

 private:
  bool widen_;
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(Avx2Backend, false);
FPCONFORM_REGISTER_INT8_BACKEND(Avx2Backend, true);

}  // namespace fpconform
