// int32x4 accumulators for the int8 GEMM driver (int8_gemm_blocking.hpp) on NEON, which has no
// masked loads and stores: a tail of fewer than four lanes goes through a local copy, so nothing
// past C's row is read or written.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

namespace fpconform::int8_neon {

struct NeonLanes {
  static constexpr int kLanes = 4;
  using Acc = int32x4_t;
  static Acc load(const std::int32_t* p, int lanes) {
    if (lanes >= kLanes) return vld1q_s32(p);
    std::int32_t v[kLanes] = {};
    for (int l = 0; l < lanes; ++l) v[l] = p[l];  // lanes <= 0: all zero
    return vld1q_s32(v);
  }
  static void store(std::int32_t* p, Acc acc, int lanes) {
    if (lanes >= kLanes) return vst1q_s32(p, acc);
    std::int32_t v[kLanes];
    vst1q_s32(v, acc);
    for (int l = 0; l < lanes; ++l) p[l] = v[l];
  }
};

// One packed row's four bytes (the driver's A group), as a 32-bit value.
inline std::uint32_t group_of_four(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace fpconform::int8_neon
