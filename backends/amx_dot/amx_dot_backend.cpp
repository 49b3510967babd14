// AMX TDPBF16PS: one tile instruction computes C[m][n] += sum over K of A[m][k] * B[k][n] for
// 16 x 16 binary32 accumulators from bfloat16 pairs (Intel SDM, TDPBF16PS: denormal inputs read
// as zero, outputs flushed, round to nearest even whatever MXCSR says). The Intrinsics Guide's
// pseudocode adds the products to C one at a time (the model tdpbf16ps); the probes found two
// chains instead, even and odd elements, summed and then added to C (tdpbf16ps-even-odd). Here
// the 16 rows of A are 16 dot products' a, the 16 columns of B their b, and C's diagonal holds
// their c: C[j][j] is dot product j; the other 240 sums are computed and dropped. A tile row
// holds 32 bfloat16, so a dot product longer than 32 chains instructions on the same C.
#include <cstddef>
#include <cstdint>

#include "backends/dot_groups.hpp"
#include "fpconform/dot_backend.hpp"
#include "platform/amx.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fpconform {
namespace {

#if defined(__x86_64__)
// Pairs past k hold a = -0, b = +0: their product is -0, which leaves every accumulator as it
// is (x + -0 = x, -0 + -0 = -0); +0 would turn a -0 accumulator into +0.
constexpr std::uint16_t kPadA = 0x8000, kPadB = 0x0000;

__attribute__((target("amx-tile,amx-bf16"))) void dot16(int k, const std::uint32_t* a, const std::uint32_t* b,
                                                         const std::uint32_t* c, std::uint32_t* d, int lanes) {
  _tile_loadconfig(&kAmxTiles16x64);
  alignas(64) std::uint32_t acc[16][16] = {};
  alignas(64) std::uint16_t ta[16][32], tb[16][32];
  for (int l = 0; l < lanes; ++l) acc[l][l] = c[l];
  _tile_loadd(0, acc, 64);
  for (int p0 = 0; p0 < k; p0 += 32) {
    for (int l = 0; l < 16; ++l)
      for (int e = 0; e < 32; ++e) {
        const bool live = l < lanes && p0 + e < k;
        const std::size_t at = static_cast<std::size_t>(l) * k + p0 + e;
        ta[l][e] = live ? static_cast<std::uint16_t>(a[at]) : kPadA;
        // B row r holds elements 2r and 2r + 1 of every column: column l's pair at 2l, 2l + 1.
        tb[e / 2][2 * l + e % 2] = live ? static_cast<std::uint16_t>(b[at]) : kPadB;
      }
    _tile_loadd(1, ta, 64);
    _tile_loadd(2, tb, 64);
    _tile_dpbf16ps(0, 1, 2);
  }
  _tile_stored(0, acc, 64);
  _tile_release();
  for (int l = 0; l < lanes; ++l) d[l] = acc[l][l];
}
#endif

class AmxBf16 final : public DotBackend {
 public:
  std::string_view name() const override { return "amx-bf16"; }
  std::string_view description() const override {
    return "AMX TDPBF16PS: 16 x 16 binary32 tile += bfloat16 tiles, 32 elements an instruction";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override { return require_amx({"amx-bf16"}); }
  bool takes(const Format& in) const override { return &in == &kBfloat16; }
  std::string_view declared_model() const override { return "tdpbf16ps-even-odd"; }
  std::string_view published_model() const override { return "tdpbf16ps"; }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#if defined(__x86_64__)
    dot_in_groups<16>(k, a, b, c, d, count, [k](auto... group) { dot16(k, group...); });
#endif
  }
};

FPCONFORM_REGISTER_DOT_BACKEND(AmxBf16);

}  // namespace
}  // namespace fpconform
