#include "oracles/int8/gemm.hpp"

#include <algorithm>
#include <stdexcept>

namespace fpconform::oracle {
namespace {

void check_rows(const char* what, GemmShape s, int row0, int rows, std::size_t c_size) {
  if (s.m < 0 || s.n < 0 || s.k < 0 || row0 < 0 || rows < 0 || row0 > s.m - rows ||
      c_size != std::size_t(rows) * std::size_t(s.n))
    throw std::invalid_argument(std::string(what) + ": C must hold rows x n elements of rows inside m");
}

// |a b| <= 255 * 128 = 32640 < 2^15, so a sum of up to 2^15 products stays below 2^30 in magnitude
// in any order: each chunk is added in int32 (which vectorizes) and cannot overflow; the chunks
// are added in int64.
constexpr int kChunk = 1 << 15;

template <typename A>
[[gnu::always_inline]] inline std::int64_t dot(const A* a, const std::int8_t* b, int k) {
  std::int64_t sum = 0;
  for (int p0 = 0; p0 < k; p0 += kChunk) {
    const int end = std::min(k - p0, kChunk);
    std::int32_t part = 0;
    for (int p = 0; p < end; ++p) part += std::int32_t{a[p0 + p]} * std::int32_t{b[p0 + p]};
    sum += part;
  }
  return sum;
}

// One row of A against `count` rows of B transposed. Built for AVX-512BW and AVX2 too, picked at
// load time; x86-64-v4 has no VNNI, so the reference never shares vpdpbusd with the kernels it
// checks.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FPCONFORM_DOT_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define FPCONFORM_DOT_CLONES
#endif
FPCONFORM_DOT_CLONES void dots_s8(const std::int8_t* a, const std::int8_t* bt, int count, int k,
                                  std::int64_t* c) {
  for (int j = 0; j < count; ++j) c[j] = dot(a, bt + std::size_t(j) * k, k);
}
FPCONFORM_DOT_CLONES void dots_u8(const std::uint8_t* a, const std::int8_t* bt, int count, int k,
                                  std::int64_t* c) {
  for (int j = 0; j < count; ++j) c[j] = dot(a, bt + std::size_t(j) * k, k);
}

// Columns are taken in blocks of B-transposed rows that stay in a core's L2 cache while every row
// of A in the range passes over them.
constexpr std::size_t kBlockBytes = 256 * 1024;

template <typename A, typename Dots>
void exact_rows(GemmShape s, const A* a, const std::int8_t* bt, int row0, int rows,
                std::int64_t* c, Dots dots) {
  const int block = static_cast<int>(std::clamp<std::size_t>(kBlockBytes / std::max(s.k, 1), 1, std::max(s.n, 1)));
  for (int j0 = 0; j0 < s.n; j0 += block)
    for (int i = 0; i < rows; ++i)
      dots(a + std::size_t(row0 + i) * s.k, bt + std::size_t(j0) * s.k, std::min(block, s.n - j0), s.k,
           c + std::size_t(i) * s.n + j0);
}

// One product as the instructions form it: vpmaddubsw takes a u8 operand times an s8 one;
// SMULL / SMLAL take both as they are.
std::int64_t model_product(GemmModel model, IntType a_type, std::uint8_t raw, std::int8_t b) {
  const std::int64_t bv = b;
  if (a_type == IntType::u8) return std::int64_t{raw} * bv;
  const std::int64_t av = static_cast<std::int8_t>(raw);
  if (model == GemmModel::smlal_pair_wrap) return av * bv;
  if (model == GemmModel::maddubs_shift) return (av + 128) * bv;
  // vpsignb(b, a): -b where a < 0 (in int8: -(-128) is -128), 0 where a = 0; times |a| as u8.
  const std::int64_t signed_b = av < 0 ? static_cast<std::int8_t>(-static_cast<int>(bv)) : av == 0 ? 0 : bv;
  return (av < 0 ? -av : av) * signed_b;
}

// One element under the model: a row of A (raw bytes) against a row of B transposed.
std::int64_t model_dot(GemmModel model, IntType a_type, const std::uint8_t* a, const std::int8_t* b, int k) {
  std::int64_t sum = 0;
  for (int p = 0; p < k; p += 2) {
    std::int64_t pair = model_product(model, a_type, a[p], b[p]);  // an odd K's last product alone: it fits int16
    if (p + 1 < k) pair += model_product(model, a_type, a[p + 1], b[p + 1]);
    if (model == GemmModel::smlal_pair_wrap)
      sum += static_cast<std::int16_t>(pair);  // SMLAL: int16 wraps (modulo 2^16)
    else
      sum += std::clamp<std::int64_t>(pair, -32768, 32767);  // vpmaddubsw: int16 saturation
  }
  if (a_type == IntType::s8 && model == GemmModel::maddubs_shift)
    for (int p = 0; p < k; ++p) sum -= 128 * std::int64_t{b[p]};
  return sum;
}

}  // namespace

std::vector<std::int8_t> transpose_b(GemmShape s, const std::int8_t* b) {
  if (s.n < 0 || s.k < 0) throw std::invalid_argument("transpose_b: negative shape");
  std::vector<std::int8_t> bt(std::size_t(s.n) * std::size_t(s.k));
  // In tiles, so that neither side is walked a whole row apart per byte.
  constexpr int kTile = 64;
  for (int p0 = 0; p0 < s.k; p0 += kTile)
    for (int j0 = 0; j0 < s.n; j0 += kTile)
      for (int j = j0; j < std::min(j0 + kTile, s.n); ++j)
        for (int p = p0; p < std::min(p0 + kTile, s.k); ++p)
          bt[std::size_t(j) * s.k + p] = b[std::size_t(p) * s.n + j];
  return bt;
}

void gemm_exact_rows(GemmShape s, IntType a_type, const void* a, const std::int8_t* bt, int row0,
                     int rows, std::span<std::int64_t> c_rows) {
  check_rows("gemm_exact_rows", s, row0, rows, c_rows.size());
  if (a_type == IntType::s8)
    exact_rows(s, static_cast<const std::int8_t*>(a), bt, row0, rows, c_rows.data(), dots_s8);
  else
    exact_rows(s, static_cast<const std::uint8_t*>(a), bt, row0, rows, c_rows.data(), dots_u8);
}

void gemm_exact(GemmShape s, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c) {
  check_rows("gemm_exact", s, 0, s.m, c.size());
  gemm_exact_rows(s, a_type, a, transpose_b(s, b).data(), 0, s.m, c);
}

void gemm_model_rows(GemmModel model, GemmShape s, IntType a_type, const void* a,
                     const std::int8_t* bt, int row0, int rows, std::span<std::int64_t> c_rows) {
  if (model == GemmModel::exact) return gemm_exact_rows(s, a_type, a, bt, row0, rows, c_rows);
  check_rows("gemm_model_rows", s, row0, rows, c_rows.size());
  const auto* bytes = static_cast<const std::uint8_t*>(a);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < s.n; ++j)
      c_rows[std::size_t(i) * s.n + j] = model_dot(model, a_type, bytes + std::size_t(row0 + i) * s.k,
                                                   bt + std::size_t(j) * s.k, s.k);
}

void gemm_model(GemmModel model, GemmShape s, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c) {
  check_rows("gemm_model", s, 0, s.m, c.size());
  gemm_model_rows(model, s, a_type, a, transpose_b(s, b).data(), 0, s.m, c);
}

}  // namespace fpconform::oracle
