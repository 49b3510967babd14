// Operands as the GPU GEMMs read them: K-contiguous rows of padded_k(k) bytes, zeros after the k
// real ones, so that four k fill each 32-bit word (dp4a) and every row starts on a 4-byte
// boundary (cuBLASLt's int8 rules). Zeros add nothing to a dot product: the padding is exact.
//   A (m x k, row-major) is already K-contiguous: row i = A[i][0..k), then zeros.
//   B (k x n, row-major) is packed transposed: row j = B[0..k)[j] (column j), then zeros.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform::int8_cuda {

constexpr int padded_k(int k) { return (k + 3) / 4 * 4; }

// `rows` >= s.n rows of padded_k(s.k) bytes; rows past n are all zero (cuBLASLt's padded N).
inline std::vector<std::int8_t> pack_b_transposed(GemmShape s, const std::int8_t* b, int rows) {
  const std::size_t kp = std::size_t(padded_k(s.k));
  std::vector<std::int8_t> bt(std::size_t(rows) * kp, 0);
  for (int p = 0; p < s.k; ++p)
    for (int j = 0; j < s.n; ++j) bt[std::size_t(j) * kp + std::size_t(p)] = b[std::size_t(p) * s.n + std::size_t(j)];
  return bt;
}

}  // namespace fpconform::int8_cuda
