// A batch of n elements through a kernel that converts 8 at a time; the tail goes through a
// local block, so nothing is read or written past either buffer.
#pragma once

#include <cstddef>
#include <cstring>

namespace fpconform::neon {

using Block8 = void (*)(const unsigned char* src, unsigned char* dst);

// Inlined into each kernel, so that Block (which may carry a target attribute) inlines too.
template <std::size_t InBytes, std::size_t OutBytes, Block8 Block>
[[gnu::always_inline]] inline void by_eight(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) Block(src + InBytes * i, dst + OutBytes * i);
  if (i < n) {
    alignas(16) unsigned char a[8 * InBytes] = {};
    alignas(16) unsigned char b[8 * OutBytes];
    std::memcpy(a, src + InBytes * i, InBytes * (n - i));
    Block(a, b);
    std::memcpy(dst + OutBytes * i, b, OutBytes * (n - i));
  }
}

}  // namespace fpconform::neon
