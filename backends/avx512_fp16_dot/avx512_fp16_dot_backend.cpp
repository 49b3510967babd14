// AVX512-FP16 FMA chains: a binary16 dot product accumulated in binary16, as _Float16 code and
// half-precision kernels without a wider accumulator compute it. 16 dot products at once, one per
// ymm lane: c narrowed to binary16 by vcvtps2phx (to nearest even), then vfmadd231ph per element
// under MXCSR (round to nearest even; AVX512-FP16 ignores DAZ and FTZ), then widened. Declares
// fp16-fma-chain.
#include <cstddef>
#include <cstdint>

#include "backends/dot_groups.hpp"
#include "fpconform/dot_backend.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#include <immintrin.h>
#define FPCONFORM_FP16_CHAIN 1
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_FP16_CHAIN
__attribute__((target("avx512f,avx512vl,avx512fp16"))) void dot16(int k, const std::uint32_t* a,
                                                                   const std::uint32_t* b,
                                                                   const std::uint32_t* c, std::uint32_t* d,
                                                                   int lanes) {
  alignas(64) std::uint32_t cc[16] = {};
  alignas(32) std::uint16_t pa[16], pb[16];
  for (int l = 0; l < lanes; ++l) cc[l] = c[l];
  __m256h acc = _mm512_cvtx_roundps_ph(_mm512_castsi512_ps(_mm512_load_si512(cc)),
                                       _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  for (int p = 0; p < k; ++p) {
    for (int l = 0; l < 16; ++l) {
      const std::size_t at = static_cast<std::size_t>(l) * k + p;
      pa[l] = l < lanes ? static_cast<std::uint16_t>(a[at]) : 0;
      pb[l] = l < lanes ? static_cast<std::uint16_t>(b[at]) : 0;
    }
    acc = _mm256_fmadd_ph(_mm256_castsi256_ph(_mm256_load_si256(reinterpret_cast<const __m256i*>(pa))),
                          _mm256_castsi256_ph(_mm256_load_si256(reinterpret_cast<const __m256i*>(pb))), acc);
  }
  _mm512_store_si512(cc, _mm512_castps_si512(_mm512_cvtxph_ps(acc)));
  for (int l = 0; l < lanes; ++l) d[l] = cc[l];
}
#endif

class Avx512Fp16Chain final : public DotBackend {
 public:
  std::string_view name() const override { return "avx512-fp16-chain"; }
  std::string_view description() const override {
    return "AVX512-FP16 vfmadd231ph: per lane, a binary16 accumulator (c narrowed to it first)";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override {
#ifdef FPCONFORM_FP16_CHAIN
    return require_cpu({"avx512f", "avx512vl", "avx512fp16"});
#else
    return {false, "built without AVX512-FP16 support (x86-64 GCC 12 or later)"};
#endif
  }
  bool takes(const Format& in) const override { return &in == &kBinary16; }
  std::string_view declared_model() const override { return "fp16-fma-chain"; }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#ifdef FPCONFORM_FP16_CHAIN
    dot_in_groups<16>(k, a, b, c, d, count, [k](auto... group) { dot16(k, group...); });
#endif
  }
};

FPCONFORM_REGISTER_DOT_BACKEND(Avx512Fp16Chain);

}  // namespace
}  // namespace fpconform
