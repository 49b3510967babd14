#include "oracles/int8/gemm.hpp"

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

}  // namespace fpconform::oracle
