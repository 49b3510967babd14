// amx: int8 GEMM on Intel AMX tiles. TDPBSSD (s8 A) and TDPBUSD (u8 A) multiply an A tile (16
// rows x 64 bytes) by a B tile (16 rows, each 16 columns x 4 k) and add to each int32 element of a
// C tile (16 x 16) its row's 64 products, four at a time (Intel SDM vol. 2, TDPBSSD/TDPBSUD/
// TDPBUSD/TDPBUUD: bytes sign- or zero-extended, products summed in 32 bits with neither saturation
// nor exception). int32 wraps: C is the exact product mod 2^32, so exact wherever that fits int32
// (suites/int8_amx_test.cpp shows the wrap, over thousands of chained tiles). s8 A needs no
// shift to u8, unlike vpdpbusd.
//
// Packed B, once in prepare(): panels of 16 columns (an even number of them; zero past N), each
// a run of chunks of 64 k (zero past K), a chunk being one B tile, TILELOADD's rows 64 bytes apart:
//   panel p, chunk c, row g: | B[64c+4g..64c+4g+3][16p] | B[..][16p+1] | ... | B[..][16p+15] |
// A is read in place, its rows k bytes apart, when every tile row is a whole, aligned cache line
// of it (A 64-byte aligned, k a multiple of 64); else, and for a last step that passes M, the
// step's rows are copied, zero-padded, into tile order (chunk after chunk, 64 bytes a row).
// C tiles are stored into C; those reaching past M or N go to a strip whose valid part is copied.
//
// A step: C 32 x 32 = 2 x 2 tiles (tmm0-3) from two A tiles (tmm4-5) and two B tiles (tmm6-7) per
// 64 k: 4 loads feed 4 TDPB*D. When M <= 16 a step is 16 x 32 (tmm0-1, tmm4, tmm6-7), so that a
// GEMV does not multiply 31 rows of zeros. Cache blocks (loops N block > M block > K block > step
// rows > step columns): a K block of 2048 k, an N block of 512 columns (a B block of 1 MiB at
// most, in L2), an M block of 1024 rows. Measured on the 2-core Sapphire Rapids VM, one thread,
// best of many runs: against blocks of 1024 k x 256 columns x 512 rows, 1024^3 went from 2.2 to
// 2.5 TOPS, 2048^3 from 1.8 to 2.3, 4096^3 from 1.5 to 1.9; 256^3 stayed at 2.0. A misaligned A
// read in place cost a quarter at 1024^3 (1.6 TOPS; copied: 2.1).
// Threads: OpenMP, bands of steps' rows (or columns) as the SIMD driver (int8_gemm_blocking.hpp).
//
// The tile configuration is per thread: each thread loads it (LDTILECFG) before its tiles and
// releases them (TILERELEASE) after. Linux grants tile data per process (platform/amx.hpp):
// prepare() asks through available(), so no kernel exists in a process without it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "fpconform/int8_backend.hpp"
#include "platform/amx.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define FPCONFORM_INT8_AMX_KERNELS 1
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_AMX_KERNELS
#define FPCONFORM_AMX_FN __attribute__((target("amx-tile,amx-int8")))

constexpr int kTileRows = 16;   // rows of an A or C tile
constexpr int kRowBytes = 64;   // a tile row: 64 k of A, 16 int32 of C, 16 columns x 4 k of B
constexpr int kChunk = 64;      // k per TDPB*D
constexpr int kTileCols = 16;   // C columns per tile
constexpr int kStepCols = 2 * kTileCols;
constexpr std::ptrdiff_t kTileBytes = kTileRows * kRowBytes;
constexpr int kChunksPerBlock = 32;
constexpr int kStepsPerNBlock = 16;
constexpr int kStepsPerMBlock = 32;

struct AlignedFree {
  void operator()(void* p) const { ::operator delete(p, std::align_val_t{64}); }
};
template <typename T>
using AlignedArray = std::unique_ptr<T[], AlignedFree>;

template <typename T>
AlignedArray<T> aligned_uninit(std::size_t n) {
  return AlignedArray<T>(static_cast<T*>(::operator new(std::max<std::size_t>(n, 1) * sizeof(T), std::align_val_t{64})));
}

// A step's A tiles: row r of the first at p + r stride, the second 16 rows down; chunk j at
// p + j next.
struct ATiles {
  const char* p;
  long stride, next;
};
// A step's C tiles: row r of the first at p + r stride, the second 64 bytes right; the lower two
// 16 rows down.
struct CTiles {
  char* p;
  long stride;
};

// The tile numbers are part of the instruction: literals, never variables.
#define FPCONFORM_AMX_DP(c, a, b) \
  if constexpr (kUnsignedA) _tile_dpbusd(c, a, b); else _tile_dpbssd(c, a, b)

// A step: C's tiles = 0 (first) or C's own, + A's `chunks` chunks times B's chunks in the two
// panels from b0 and b1.
template <int kRowTiles, bool kUnsignedA>
FPCONFORM_AMX_FN void step(ATiles a, int chunks, const char* b0, const char* b1, CTiles c, bool first) {
  if (first) {
    _tile_zero(0);
    _tile_zero(1);
    if constexpr (kRowTiles == 2) {
      _tile_zero(2);
      _tile_zero(3);
    }
  } else {
    _tile_loadd(0, c.p, c.stride);
    _tile_loadd(1, c.p + kRowBytes, c.stride);
    if constexpr (kRowTiles == 2) {
      _tile_loadd(2, c.p + kTileRows * c.stride, c.stride);
      _tile_loadd(3, c.p + kTileRows * c.stride + kRowBytes, c.stride);
    }
  }
  const char* a0 = a.p;
  for (int j = 0; j < chunks; ++j, a0 += a.next, b0 += kTileBytes, b1 += kTileBytes) {
    _tile_loadd(6, b0, kRowBytes);
    _tile_loadd(7, b1, kRowBytes);
    _tile_loadd(4, a0, a.stride);
    FPCONFORM_AMX_DP(0, 4, 6);
    FPCONFORM_AMX_DP(1, 4, 7);
    if constexpr (kRowTiles == 2) {
      _tile_loadd(5, a0 + kTileRows * a.stride, a.stride);
      FPCONFORM_AMX_DP(2, 5, 6);
      FPCONFORM_AMX_DP(3, 5, 7);
    }
  }
  _tile_stored(0, c.p, c.stride);
  _tile_stored(1, c.p + kRowBytes, c.stride);
  if constexpr (kRowTiles == 2) {
    _tile_stored(2, c.p + kTileRows * c.stride, c.stride);
    _tile_stored(3, c.p + kTileRows * c.stride + kRowBytes, c.stride);
  }
}

#undef FPCONFORM_AMX_DP

class AmxGemm final : public GemmKernel {
 public:
  AmxGemm(GemmShape s, IntType a_type, const std::int8_t* b)
      : s_(s),
        unsigned_a_(a_type == IntType::u8),
        chunks_((s.k + kChunk - 1) / kChunk),
        panels_((s.n + kStepCols - 1) / kStepCols * 2),
        b_(aligned_uninit<char>(std::size_t(panels_) * chunks_ * kTileBytes)) {
    std::memset(b_.get(), 0, std::size_t(panels_) * chunks_ * kTileBytes);
    for (int p = 0; p < s.k; ++p)
      for (int j = 0; j < s.n; ++j) {
        const std::ptrdiff_t tile = std::ptrdiff_t{j / kTileCols} * chunks_ + p / kChunk;
        b_[tile * kTileBytes + (p % kChunk / 4) * kRowBytes + (j % kTileCols) * 4 + p % 4] =
            static_cast<char>(b[std::size_t(p) * s.n + j]);
      }
  }

  void run(const void* a, std::int32_t* c, int threads) const override {
    if (s_.m <= 0 || s_.n <= 0) return;
    if (s_.k <= 0) {
      std::fill_n(c, std::size_t(s_.m) * s_.n, 0);
      return;
    }
    const auto* a8 = static_cast<const char*>(a);
    if (s_.m <= kTileRows) {
      if (unsigned_a_) run_with<1, true>(a8, c, threads);
      else run_with<1, false>(a8, c, threads);
    } else {
      if (unsigned_a_) run_with<2, true>(a8, c, threads);
      else run_with<2, false>(a8, c, threads);
    }
  }

 private:
  template <int kRowTiles, bool kUnsignedA>
  void run_with(const char* a, std::int32_t* c, int threads) const {
    constexpr int kStepRows = kRowTiles * kTileRows;
    const int row_steps = (s_.m + kStepRows - 1) / kStepRows, col_steps = panels_ / 2;
    threads = std::max(threads, 1);
    // Each thread owns a band of C: steps' rows when there are enough of them, else columns.
    const bool by_rows = row_steps >= threads || col_steps < threads;
    const int units = by_rows ? row_steps : col_steps;
    threads = std::min(threads, units);
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int t = 0; t < threads; ++t) {
      const int u0 = int(std::int64_t{units} * t / threads), u1 = int(std::int64_t{units} * (t + 1) / threads);
      if (by_rows) band<kRowTiles, kUnsignedA>(a, c, u0, u1, 0, col_steps);
      else band<kRowTiles, kUnsignedA>(a, c, 0, row_steps, u0, u1);
    }
  }

  // Row steps [r0, r1) by column steps [v0, v1) of C.
  template <int kRowTiles, bool kUnsignedA>
  FPCONFORM_AMX_FN void band(const char* a, std::int32_t* c, int r0, int r1, int v0, int v1) const {
    constexpr int kStepRows = kRowTiles * kTileRows;
    constexpr long kStepChunk = kStepRows * kChunk;  // bytes of a step's A, one chunk, copied
    const int m = s_.m, n = s_.n, k = s_.k;
    const bool rows_edge = r1 * kStepRows > m, cols_edge = v1 * kStepCols > n;
    const int whole_r1 = rows_edge ? r1 - 1 : r1;

    // Steps [copied_r0, r1) read A from a copy: step r's chunk j at ((r - copied_r0) chunks_ + j)
    // kStepChunk, zero past M and K.
    const bool in_place = reinterpret_cast<std::uintptr_t>(a) % kRowBytes == 0 && k % kChunk == 0;
    const int copied_r0 = in_place ? whole_r1 : r0;
    AlignedArray<char> copy = aligned_uninit<char>(std::size_t(r1 - copied_r0) * chunks_ * kStepChunk);
    for (int i = copied_r0 * kStepRows; i < r1 * kStepRows; ++i) {
      char* dst = &copy[std::ptrdiff_t{i / kStepRows - copied_r0} * chunks_ * kStepChunk + i % kStepRows * kChunk];
      const char* src = i < m ? a + std::ptrdiff_t{i} * k : nullptr;
      for (int j = 0; j < chunks_; ++j, dst += kStepChunk) {
        const int bytes = src != nullptr ? std::min(kChunk, k - j * kChunk) : 0;
        if (bytes == kChunk) {
          std::memcpy(dst, src + j * kChunk, kChunk);
        } else {
          if (bytes > 0) std::memcpy(dst, src + j * kChunk, bytes);
          std::memset(dst + bytes, 0, kChunk - bytes);
        }
      }
    }
    // The copy is read by tile loads, whose asm statements declare no memory read.
    asm volatile("" ::: "memory");
    const auto a_tiles = [&](int r, int cb) -> ATiles {
      if (r < copied_r0) return {a + std::ptrdiff_t{r} * kStepRows * k + std::ptrdiff_t{cb} * kChunk, long{k}, kChunk};
      return {&copy[(std::ptrdiff_t{r - copied_r0} * chunks_ + cb) * kStepChunk], kChunk, kStepChunk};
    };

    // C's edges: the last row step when it passes M (the band's columns), the last column step
    // when it passes N (the band's other rows); their valid parts are copied out at the end.
    const int band_rows = (whole_r1 - r0) * kStepRows, band_cols = (v1 - v0) * kStepCols;
    AlignedArray<std::int32_t> c_rows, c_cols;
    if (rows_edge) c_rows = aligned_uninit<std::int32_t>(std::size_t(kStepRows) * band_cols);
    if (cols_edge) c_cols = aligned_uninit<std::int32_t>(std::size_t(band_rows) * kStepCols);
    const auto c_tiles = [&](int r, int v) -> CTiles {
      if (rows_edge && r == whole_r1)
        return {reinterpret_cast<char*>(&c_rows[std::ptrdiff_t{v - v0} * kStepCols]), long{band_cols} * 4};
      if (cols_edge && v == v1 - 1)
        return {reinterpret_cast<char*>(&c_cols[std::ptrdiff_t{r - r0} * kStepRows * kStepCols]), kStepCols * 4};
      return {reinterpret_cast<char*>(c + (std::ptrdiff_t{r} * kStepRows * n + std::ptrdiff_t{v} * kStepCols)),
              long{n} * 4};
    };

    _tile_loadconfig(&kAmxTiles16x64);
    for (int nb = v0; nb < v1; nb += kStepsPerNBlock) {
      const int nb1 = std::min(nb + kStepsPerNBlock, v1);
      for (int mb = r0; mb < r1; mb += kStepsPerMBlock) {
        const int mb1 = std::min(mb + kStepsPerMBlock, r1);
        for (int cb = 0; cb < chunks_; cb += kChunksPerBlock) {
          const int chunks = std::min(kChunksPerBlock, chunks_ - cb);
          for (int r = mb; r < mb1; ++r)
            for (int v = nb; v < nb1; ++v)
              step<kRowTiles, kUnsignedA>(a_tiles(r, cb), chunks, &b_[(std::ptrdiff_t{2 * v} * chunks_ + cb) * kTileBytes],
                                          &b_[(std::ptrdiff_t{2 * v + 1} * chunks_ + cb) * kTileBytes],
                                          c_tiles(r, v), cb == 0);
        }
      }
    }
    _tile_release();

    const int c0 = v0 * kStepCols;
    if (rows_edge)
      for (int i = whole_r1 * kStepRows; i < m; ++i)
        std::memcpy(c + std::ptrdiff_t{i} * n + c0, &c_rows[std::ptrdiff_t{i - whole_r1 * kStepRows} * band_cols],
                    sizeof(std::int32_t) * (std::min(v1 * kStepCols, n) - c0));
    if (cols_edge)
      for (int r = 0; r < band_rows; ++r)
        std::memcpy(c + std::ptrdiff_t{r0 * kStepRows + r} * n + (v1 - 1) * kStepCols,
                    &c_cols[std::ptrdiff_t{r} * kStepCols], sizeof(std::int32_t) * (n - (v1 - 1) * kStepCols));
  }

  GemmShape s_;
  bool unsigned_a_;
  int chunks_, panels_;
  AlignedArray<char> b_;
};

#endif

class AmxBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "amx"; }
  std::string_view description() const override {
    return "AMX GEMM: tdpbssd (s8 A) / tdpbusd (u8 A) on 16 x 64-byte tiles, B packed once into "
           "the tiles' 4-k layout, 2 x 2 C tiles per step, int32 accumulators wrap";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override {
#ifdef FPCONFORM_INT8_AMX_KERNELS
    return require_amx({"amx-int8"});
#else
    return {false, "not x86-64"};
#endif
  }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
#ifdef FPCONFORM_INT8_AMX_KERNELS
    if (!available().ok) std::abort();  // tile instructions fault in a process not granted them
    return std::make_unique<AmxGemm>(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    std::abort();
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(AmxBackend);

}  // namespace fpconform
