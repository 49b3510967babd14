// Reading and writing the i-th element of a buffer of a format's storage words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fpconform/format.hpp"

namespace fpconform {

// 64-bit containers (binary64) are sources only; the value comes back in the low bits.
inline std::uint64_t load_container(const Format& f, const void* p, std::size_t i) {
  const auto* b = static_cast<const unsigned char*>(p);
  switch (f.container_bits) {
    case 8: return b[i];
    case 16: { std::uint16_t v; std::memcpy(&v, b + 2 * i, 2); return v; }
    case 64: { std::uint64_t v; std::memcpy(&v, b + 8 * i, 8); return v; }
    default: { std::uint32_t v; std::memcpy(&v, b + 4 * i, 4); return v; }
  }
}

inline void store_container(const Format& f, void* p, std::size_t i, std::uint64_t v) {
  auto* b = static_cast<unsigned char*>(p);
  switch (f.container_bits) {
    case 8: b[i] = static_cast<std::uint8_t>(v); break;
    case 16: { const auto w = static_cast<std::uint16_t>(v); std::memcpy(b + 2 * i, &w, 2); break; }
    case 64: std::memcpy(b + 8 * i, &v, 8); break;
    default: { const auto w = static_cast<std::uint32_t>(v); std::memcpy(b + 4 * i, &w, 4); break; }
  }
}

inline std::size_t container_bytes(const Format& f) { return f.container_bits / 8; }

// An op's input words (operation.hpp: input_bits(op) wide, 8, 16 or 32, or 48 stored in 64).
inline std::size_t word_bytes(int bits) { return bits <= 32 ? static_cast<std::size_t>(bits) / 8 : 8; }

inline std::uint64_t load_word(int bits, const void* p, std::size_t i) {
  const auto* b = static_cast<const unsigned char*>(p);
  std::uint64_t v = 0;
  std::memcpy(&v, b + word_bytes(bits) * i, word_bytes(bits));  // little-endian hosts
  return v;
}

inline void store_word(int bits, void* p, std::size_t i, std::uint64_t v) {
  std::memcpy(static_cast<unsigned char*>(p) + word_bytes(bits) * i, &v, word_bytes(bits));
}

}  // namespace fpconform
