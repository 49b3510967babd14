// VDPBF16PS: 16 dot products at once, one per binary32 lane; each instruction adds one pair of
// bfloat16 products to every lane. Intel's SDM states its arithmetic (the model vdpbf16ps); what
// this CPU does is what the probes and the check find.
#include <vector>

#include "backends/dot_groups.hpp"
#include "fpconform/dot_backend.hpp"
#include "platform/cpu.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fpconform {
namespace {

#if defined(__x86_64__)
// 16 dot products: lane l's pairs are (a[l*k + 2p], a[l*k + 2p + 1]); an odd k's last element
// pairs with -0 x +0.
__attribute__((target("avx512f,avx512bf16"))) void dot16(int k, const std::uint32_t* a,
                                                          const std::uint32_t* b, const std::uint32_t* c,
                                                          std::uint32_t* d, int lanes) {
  alignas(64) std::uint32_t pa[16], pb[16], acc[16] = {};
  for (int l = 0; l < lanes; ++l) acc[l] = c[l];
  __m512 v = _mm512_castsi512_ps(_mm512_load_si512(acc));
  for (int p = 0; p < k; p += 2) {
    for (int l = 0; l < 16; ++l) {
      const bool live = l < lanes;
      const std::size_t at = static_cast<std::size_t>(l) * k + p;
      const std::uint32_t a0 = live ? a[at] : 0, b0 = live ? b[at] : 0;
      // Past k: a = -0, b = +0, whose product -0 leaves any accumulator as it is (+0 would
      // turn a -0 into +0).
      const std::uint32_t a1 = live && p + 1 < k ? a[at + 1] : 0x8000, b1 = live && p + 1 < k ? b[at + 1] : 0;
      pa[l] = a0 | a1 << 16;  // element 2p in the low half, as the bf16 vector's element 2j
      pb[l] = b0 | b1 << 16;
    }
    v = _mm512_dpbf16_ps(v, (__m512bh)_mm512_load_si512(pa), (__m512bh)_mm512_load_si512(pb));
  }
  _mm512_store_si512(acc, _mm512_castps_si512(v));
  for (int l = 0; l < lanes; ++l) d[l] = acc[l];
}
#endif

class Avx512Bf16 final : public DotBackend {
 public:
  std::string_view name() const override { return "avx512-bf16"; }
  std::string_view description() const override {
    return "VDPBF16PS zmm: per lane, one pair of bfloat16 products added to a binary32 accumulator";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override {
#if defined(__x86_64__)
    return require_cpu({"avx512f", "avx512bf16"});
#else
    return {false, "not x86-64"};
#endif
  }
  bool takes(const Format& in) const override { return &in == &kBfloat16; }
  std::string_view declared_model() const override { return "vdpbf16ps"; }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#if defined(__x86_64__)
    dot_in_groups<16>(k, a, b, c, d, count, [k](auto... group) { dot16(k, group...); });
#endif
  }
};

FPCONFORM_REGISTER_DOT_BACKEND(Avx512Bf16);

}  // namespace
}  // namespace fpconform
