// Dot-product operands as instructions and libraries read them: DotBackend::dot gives each
// container in a 32-bit word; a unit of 16- or 8-bit operands packs the words' low bits first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fpconform {

template <class Container>
std::vector<Container> packed_operands(const std::uint32_t* x, std::size_t n) {
  std::vector<Container> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<Container>(x[i]);
  return v;
}

}  // namespace fpconform
