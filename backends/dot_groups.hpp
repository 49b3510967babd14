// Units that compute a fixed number of dot products at once (a vector's lanes, a tile's rows):
// count dot products of k elements in groups of that many, the last group partial.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fpconform {

// group(a, b, c, d, lanes) computes `lanes` <= Lanes dot products of k elements.
template <int Lanes, class Group>
void dot_in_groups(int k, const std::uint32_t* a, const std::uint32_t* b, const std::uint32_t* c,
                   std::uint32_t* d, std::size_t count, Group group) {
  const auto n = static_cast<std::size_t>(k);
  for (std::size_t j = 0; j < count; j += Lanes) {
    const int lanes = static_cast<int>(count - j < Lanes ? count - j : Lanes);
    group(a + j * n, b + j * n, c + j, d + j, lanes);
  }
}

}  // namespace fpconform
