#include "oracles/int8/gemm.hpp"

#include <algorithm>
#include <stdexcept>

namespace fpconform::oracle {
namespace {

template <typename A>
void gemm_exact(GemmShape s, const A* a, const std::int8_t* b, std::int64_t* c) {
  for (int i = 0; i < s.m; ++i)
    for (int j = 0; j < s.n; ++j) {
      std::int64_t sum = 0;
      for (int p = 0; p < s.k; ++p)
        sum += std::int64_t{a[std::size_t(i) * s.k + p]} * b[std::size_t(p) * s.n + j];
      c[std::size_t(i) * s.n + j] = sum;
    }
}

}  // namespace

void gemm_exact(GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c) {
  if (shape.m < 0 || shape.n < 0 || shape.k < 0 ||
      c.size() != std::size_t(shape.m) * std::size_t(shape.n))
    throw std::invalid_argument("gemm_exact: C must hold m x n elements");
  if (a_type == IntType::s8)
    gemm_exact(shape, static_cast<const std::int8_t*>(a), b, c.data());
  else
    gemm_exact(shape, static_cast<const std::uint8_t*>(a), b, c.data());
}

void gemm_model(GemmModel model, GemmShape s, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c) {
  if (model == GemmModel::exact) return gemm_exact(s, a_type, a, b, c);
  if (s.m < 0 || s.n < 0 || s.k < 0 || c.size() != std::size_t(s.m) * std::size_t(s.n))
    throw std::invalid_argument("gemm_model: C must hold m x n elements");
  const auto* bytes = static_cast<const std::uint8_t*>(a);
  // One product as the instructions form it: vpmaddubsw takes a u8 operand times an s8 one;
  // SMULL / SMLAL take both as they are.
  const auto product = [&](int i, int p, int j) -> std::int64_t {
    const std::int64_t bv = b[std::size_t(p) * s.n + j];
    const std::uint8_t raw = bytes[std::size_t(i) * s.k + p];
    if (a_type == IntType::u8) return std::int64_t{raw} * bv;
    const std::int64_t av = static_cast<std::int8_t>(raw);
    if (model == GemmModel::smlal_pair_wrap) return av * bv;
    if (model == GemmModel::maddubs_shift) return (av + 128) * bv;
    // vpsignb(b, a): -b where a < 0 (in int8: -(-128) is -128), 0 where a = 0; times |a| as u8.
    const std::int64_t signed_b = av < 0 ? static_cast<std::int8_t>(-static_cast<int>(bv)) : av == 0 ? 0 : bv;
    return (av < 0 ? -av : av) * signed_b;
  };
  for (int i = 0; i < s.m; ++i)
    for (int j = 0; j < s.n; ++j) {
      std::int64_t sum = 0;
      for (int p = 0; p < s.k; p += 2) {
        std::int64_t pair = product(i, p, j);  // an odd K's last product alone: it fits int16
        if (p + 1 < s.k) pair += product(i, p + 1, j);
        if (model == GemmModel::smlal_pair_wrap)
          sum += static_cast<std::int16_t>(pair);  // SMLAL: int16 wraps (modulo 2^16)
        else
          sum += std::clamp<std::int64_t>(pair, -32768, 32767);  // vpmaddubsw: int16 saturation
      }
      if (a_type == IntType::s8 && model == GemmModel::maddubs_shift)
        for (int p = 0; p < s.k; ++p) sum -= 128 * std::int64_t{b[std::size_t(p) * s.n + j]};
      c[std::size_t(i) * s.n + j] = sum;
    }
}

}  // namespace fpconform::oracle
