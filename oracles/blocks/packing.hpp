// How 4-bit codes are laid out in memory, where libraries disagree:
//   bytes, low_first:   element 2i in bits 0-3 of byte i, 2i+1 in bits 4-7 (OCP MX, ONNX int4,
//                       PyTorch float4_e2m1fn_x2)
//   bytes, high_first:  element 2i in bits 4-7 (bitsandbytes' NF4 and FP4)
//   bytes, split_halves: a block of 32 (llama.cpp Q4_0): element j in the low nibble of byte j,
//                       element j + 16 in its high nibble
//   int32 words, 8 codes each: sequential (slot s, bits 4s..4s+3, holds element s: GPTQ) or
//                       AWQ's order (slot s holds element {0, 2, 4, 6, 1, 3, 5, 7}[s])
// Codes are the low 4 bits of each input byte; a count that does not fill the last byte or word
// leaves its unused bits 0 (split_halves needs whole blocks of 32: std::invalid_argument).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fpconform::oracle::blocks {

enum class NibbleOrder : std::uint8_t { low_first, high_first, split_halves };
enum class WordOrder : std::uint8_t { sequential, awq };
std::string_view name(NibbleOrder o);  // low-first, high-first, split-halves
std::string_view name(WordOrder o);    // sequential, awq

std::vector<std::uint8_t> pack_bytes(std::span<const std::uint8_t> codes, NibbleOrder o);
std::vector<std::uint8_t> unpack_bytes(std::span<const std::uint8_t> packed, std::size_t count,
                                       NibbleOrder o);
std::vector<std::uint32_t> pack_words(std::span<const std::uint8_t> codes, WordOrder o);
std::vector<std::uint8_t> unpack_words(std::span<const std::uint32_t> packed, std::size_t count,
                                       WordOrder o);

}  // namespace fpconform::oracle::blocks
