// NVFP4 (NVIDIA Blackwell): blocks of 16 E2M1 elements, each block with an E4M3 scale, the whole
// tensor with one binary32 scale, so that a block's scale uses E4M3's range around the tensor's.
// The model, every step a binary32 operation rounded to nearest (fl), as NVIDIA describes the
// two-level scaling (Transformer Engine, "NVFP4 training" recipe):
//   g   = fl(amax_tensor / 2688)            2688 = 6 * 448, E2M1's and E4M3's largest; 1 if amax 0
//   s_b = e4m3(fl(fl(amax_block / 6) / g))  the block scale, to nearest or up (the named rule),
//                                           saturating at 448
//   d_b = fl(s_b * g)                       the block's decode scale
//   q_i = e2m1(fl(v_i / d_b))               to nearest even, clamped to +-6; 0 when d_b is 0
// and a value reads back as q_i * d_b (exact in a double). A NaN or infinity anywhere in the
// tensor: std::domain_error (the format has no encoding for it).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fpconform::oracle::blocks {

enum class BlockScaleRounding : std::uint8_t { nearest, up };
std::string_view name(BlockScaleRounding r);  // nearest, up

inline constexpr int kNvfp4Block = 16;

struct Nvfp4Quantized {
  float tensor_scale = 1;            // g
  std::vector<std::uint8_t> scales;  // E4M3 bytes, one per block of 16
  std::vector<std::uint8_t> codes;   // E2M1 codes (low 4 bits), one per value
};

Nvfp4Quantized nvfp4_quantize(std::span<const float> x, BlockScaleRounding r);
// The same with the tensor's amax given (x is one row of a larger tensor, its blocks the row's,
// the last one possibly short).
Nvfp4Quantized nvfp4_quantize(std::span<const float> x, BlockScaleRounding r, float tensor_amax);
std::vector<double> nvfp4_decode(const Nvfp4Quantized& q);

}  // namespace fpconform::oracle::blocks
