// SplitMix64: a counter-based generator, so input i needs no state from inputs 0..i-1.
#pragma once

#include <cstdint>

namespace fpconform {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace fpconform
