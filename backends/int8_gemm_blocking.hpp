// The int8 GEMM driver shared by the SIMD backends: B packed once, A packed per block, cache
// blocking over K, M and N, the M, N and K tails, and threads. Only one step belongs to an
// instruction set: four k of u8 A times s8 B summed into each int32 lane (Isa::dot). So
// avx2-widen, which runs everywhere AVX2 does, runs every line of avx512-vnni's driver.
//
// Packed B: panels of kNr = kNv * kLanes columns (zero past N); in a panel, groups of four k
// (zero past K), each column's four bytes one int32 lane, the layout vpdpbusd reads:
//   panel p, group g: | B[4g..4g+3][p kNr + 0] | B[4g..4g+3][p kNr + 1] | ... |   (kNr x 4 bytes)
// Packed A, per block of rows: panels of kMr rows; in a panel, group g holds the rows' four
// bytes in turn (kMr x 4 bytes), zero past K and past the last row, so the micro-kernel never
// reads past A and broadcasts each row's group with one vpbroadcastd.
//
// s8 A on an unsigned-A instruction (Isa::kShiftSignedA): a + 128 = a ^ 0x80 as u8, and
// sum_k (a + 128) b = sum_k a b + 128 colsum(B): the accumulators start at -128 colsum(B),
// computed once when B is packed. int32 arithmetic wraps, so this is exact wherever the exact
// result fits int32.
//
// An Isa provides: kLanes (int32 lanes a vector), kMr, kNv (the micro-tile: kMr rows by kNv
// vectors of accumulators), kShiftSignedA, types Acc, A, B, and
//   Acc load(const int32_t*, int lanes) / store(int32_t*, Acc, int lanes)  (lanes < kLanes: masked)
//   B load_b(const int8_t*)   (aligned, one vector of packed B)
//   A broadcast_a(const uint8_t*)   (one row's four bytes to every lane)
//   Acc dot(Acc, A, B)
//
// The includer defines FPCONFORM_INT8_GEMM_TARGET (a GCC target string, e.g. "avx2") and
// includes this once: everything below is compiled for that target only and has internal
// linkage, so two backends' copies for different instruction sets never mix. Callers construct
// and run these kernels only after their backend's available() said yes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "fpconform/int8_backend.hpp"

#ifndef FPCONFORM_INT8_GEMM_TARGET
#error "define FPCONFORM_INT8_GEMM_TARGET before including int8_gemm_blocking.hpp"
#endif

#define FPCONFORM_INT8_PRAGMA_(x) _Pragma(#x)
#define FPCONFORM_INT8_PRAGMA(x) FPCONFORM_INT8_PRAGMA_(x)
FPCONFORM_INT8_PRAGMA(GCC push_options)
FPCONFORM_INT8_PRAGMA(GCC target(FPCONFORM_INT8_GEMM_TARGET))

namespace fpconform::int8_gemm {
namespace {

constexpr int kGroup = 4;            // k per int32 lane: one vpdpbusd step
// K block: 512 k, a B micro-panel (512 x kNr) of 32 KiB for zmm. Chosen on the AVX-512 Xeon
// (48 KiB L1, 2 MiB L2) from K blocks of 256, 512 and 1024 k and A blocks of 16, 32 and 64 row
// panels: 512 k with 64 panels was about 14 % faster than 256 k with 32 (medians of 3, VM noise
// about +-20 %).
constexpr int kGroupsPerBlock = 128;
constexpr std::size_t kAlign = 64;

struct AlignedFree {
  void operator()(void* p) const { ::operator delete(p, std::align_val_t{kAlign}); }
};
template <typename T>
using AlignedArray = std::unique_ptr<T[], AlignedFree>;

template <typename T>
AlignedArray<T> aligned_zeros(std::size_t n) {
  void* p = ::operator new(std::max<std::size_t>(n, 1) * sizeof(T), std::align_val_t{kAlign});
  std::memset(p, 0, std::max<std::size_t>(n, 1) * sizeof(T));
  return AlignedArray<T>(static_cast<T*>(p));
}

// acc += A panel x B micro-panel over `groups` groups. Kept out of line so that the register
// allocator sees only this loop: GCC spills accumulators when the masked loads and stores around
// it share the function.
template <class Isa>
[[gnu::noinline]] void accumulate(int groups, const std::uint8_t* a, const std::int8_t* b,
                                  typename Isa::Acc (&out)[Isa::kMr][Isa::kNv]) {
  constexpr int kMr = Isa::kMr, kNv = Isa::kNv, kL = Isa::kLanes, kNr = kNv * kL;
  typename Isa::Acc acc[kMr][kNv];
#pragma GCC unroll 16
  for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 16
    for (int v = 0; v < kNv; ++v) acc[r][v] = out[r][v];
  for (int g = 0; g < groups; ++g) {
    typename Isa::B bv[kNv];
#pragma GCC unroll 16
    for (int v = 0; v < kNv; ++v) bv[v] = Isa::load_b(b + (std::ptrdiff_t{g} * kNr + v * kL) * kGroup);
#pragma GCC unroll 16
    for (int r = 0; r < kMr; ++r) {
      const typename Isa::A av = Isa::broadcast_a(a + (std::ptrdiff_t{g} * kMr + r) * kGroup);
#pragma GCC unroll 16
      for (int v = 0; v < kNv; ++v) acc[r][v] = Isa::dot(acc[r][v], av, bv[v]);
    }
  }
#pragma GCC unroll 16
  for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 16
    for (int v = 0; v < kNv; ++v) out[r][v] = acc[r][v];
}

// One micro-tile: C (rows x cols at c, leading dimension ldc) = init (the first K block) or C's
// own values, plus A panel x B micro-panel.
template <class Isa>
void micro_kernel(int groups, const std::uint8_t* a, const std::int8_t* b, std::int32_t* c,
                  int ldc, int rows, int cols, const std::int32_t* init) {
  constexpr int kMr = Isa::kMr, kNv = Isa::kNv, kL = Isa::kLanes;
  alignas(kAlign) typename Isa::Acc acc[kMr][kNv];
#pragma GCC unroll 16
  for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 16
    for (int v = 0; v < kNv; ++v)
      acc[r][v] = init != nullptr ? Isa::load(init + v * kL, kL)
                                  : Isa::load(c + std::ptrdiff_t{r < rows ? r : 0} * ldc + v * kL,
                                              cols - v * kL);
  accumulate<Isa>(groups, a, b, acc);
#pragma GCC unroll 16
  for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 16
    for (int v = 0; v < kNv; ++v)
      if (r < rows && cols > v * kL) Isa::store(c + std::ptrdiff_t{r} * ldc + v * kL, acc[r][v], cols - v * kL);
}

template <class Isa>
class BlockedGemm final : public GemmKernel {
  static constexpr int kMr = Isa::kMr, kNr = Isa::kNv * Isa::kLanes;
  static constexpr int kMc = kMr * 64;  // rows per packed A block (384 x 512 bytes for zmm: in L2)

 public:
  BlockedGemm(GemmShape s, IntType a_type, const std::int8_t* b)
      : s_(s),
        groups_((s.k + kGroup - 1) / kGroup),
        panels_((s.n + kNr - 1) / kNr),
        flip_(a_type == IntType::s8 && Isa::kShiftSignedA ? 0x80 : 0),
        b_(aligned_zeros<std::int8_t>(std::size_t(panels_) * groups_ * kNr * kGroup)),
        init_(aligned_zeros<std::int32_t>(std::size_t(panels_) * kNr)) {
    for (int p = 0; p < s.k; ++p)
      for (int j = 0; j < s.n; ++j) {
        const std::size_t panel = j / kNr, lane = j % kNr, g = p / kGroup;
        const std::int8_t v = b[std::size_t(p) * s.n + j];
        b_[((panel * groups_ + g) * kNr + lane) * kGroup + p % kGroup] = v;
        if (flip_ != 0) init_[j] -= 128 * std::int32_t{v};
      }
  }

  void run(const void* a, std::int32_t* c, int threads) const override {
    if (s_.m <= 0 || s_.n <= 0) return;
    if (s_.k <= 0) {
      std::fill_n(c, std::size_t(s_.m) * s_.n, 0);
      return;
    }
    const auto* a8 = static_cast<const std::uint8_t*>(a);
    const int row_panels = (s_.m + kMr - 1) / kMr;
    threads = std::max(threads, 1);
    // Each thread owns a band of C: rows when there are enough of them, else column panels.
    const bool by_rows = row_panels >= threads || panels_ < threads;
    const int units = by_rows ? row_panels : panels_;
    threads = std::min(threads, units);
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int t = 0; t < threads; ++t) {
      const int u0 = int(std::int64_t{units} * t / threads), u1 = int(std::int64_t{units} * (t + 1) / threads);
      if (by_rows)
        run_band(a8, c, u0 * kMr, std::min(u1 * kMr, s_.m), 0, panels_);
      else
        run_band(a8, c, 0, s_.m, u0, u1);
    }
  }

 private:
  // Rows [i0, i1) of C, column panels [p0, p1).
  void run_band(const std::uint8_t* a, std::int32_t* c, int i0, int i1, int p0, int p1) const {
    std::vector<std::uint8_t> packed(std::size_t(kMc) * kGroupsPerBlock * kGroup);
    for (int g0 = 0; g0 < groups_; g0 += kGroupsPerBlock) {
      const int gc = std::min(kGroupsPerBlock, groups_ - g0);
      for (int ib = i0; ib < i1; ib += kMc) {
        const int mc = std::min(kMc, i1 - ib);
        pack_a(a, ib, mc, g0, gc, packed.data());
        for (int p = p0; p < p1; ++p) {
          const std::int8_t* bp = b_.get() + (std::size_t(p) * groups_ + g0) * kNr * kGroup;
          const int cols = std::min(kNr, s_.n - p * kNr);
          for (int ir = 0; ir < mc; ir += kMr)
            micro_kernel<Isa>(gc, packed.data() + std::size_t(ir) * gc * kGroup, bp,
                              c + std::size_t(ib + ir) * s_.n + std::size_t(p) * kNr, s_.n,
                              std::min(kMr, mc - ir), cols,
                              g0 == 0 ? init_.get() + std::size_t(p) * kNr : nullptr);
        }
      }
    }
  }

  // Rows [ib, ib + mc), groups [g0, g0 + gc) of A into panels of kMr rows (see the top).
  void pack_a(const std::uint8_t* a, int ib, int mc, int g0, int gc, std::uint8_t* out) const {
    const int k0 = g0 * kGroup, kc = std::min(gc * kGroup, s_.k - k0);
    const int rows = (mc + kMr - 1) / kMr * kMr;
    const std::uint32_t flip4 = flip_ * 0x01010101u;
    for (int r = 0; r < rows; ++r) {
      std::uint8_t* dst = out + std::size_t(r / kMr) * kMr * gc * kGroup + (r % kMr) * kGroup;
      const std::size_t step = std::size_t(kMr) * kGroup;
      if (r >= mc) {
        for (int g = 0; g < gc; ++g) std::memset(dst + g * step, 0, kGroup);
        continue;
      }
      const std::uint8_t* src = a + std::size_t(ib + r) * s_.k + k0;
      const int whole = kc / kGroup;
      for (int g = 0; g < whole; ++g) {
        std::uint32_t v;
        std::memcpy(&v, src + g * kGroup, kGroup);
        v ^= flip4;
        std::memcpy(dst + g * step, &v, kGroup);
      }
      if (whole < gc) {  // K's last partial group: its bytes, then zeros (B is zero there too)
        std::uint8_t last[kGroup] = {};
        for (int t = 0; t < kc - whole * kGroup; ++t) last[t] = src[whole * kGroup + t] ^ flip_;
        std::memcpy(dst + whole * step, last, kGroup);
      }
    }
  }

  GemmShape s_;
  int groups_, panels_;
  std::uint8_t flip_;
  AlignedArray<std::int8_t> b_;
  AlignedArray<std::int32_t> init_;  // the accumulators' start per column: -128 colsum(B) or 0
};

}  // namespace
}  // namespace fpconform::int8_gemm

FPCONFORM_INT8_PRAGMA(GCC pop_options)
