// The number formats of the end-to-end table beside INT8 (checks/int8/error.hpp): a matrix
// quantized to the format and read back to binary32, in blocks along its rows, each by its
// oracle model (oracles/blocks/). What a kernel then multiplies is these binary32 values.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace fpconform {

enum class Scheme : std::uint8_t;

// The block (or group) length along a row; 0 for a per-tensor scheme.
int block_length(Scheme s);

// x is rows x cols, row-major; blocks run along each row, the last one of a row short when cols
// is not a multiple of the block (a per-tensor scale, FP8's and NVFP4's, is the whole matrix's).
// Only for the format schemes (is_format_scheme, else std::invalid_argument); the result is
// what the format reads back, rounded to binary32 where the model's product is wider (NVFP4's
// scale products).
std::vector<float> quantize_dequantize(Scheme s, std::span<const float> x, int rows, int cols);

bool is_format_scheme(Scheme s);

}  // namespace fpconform
