#include "oracles/blocks/packing.hpp"

#include <stdexcept>
#include <string>

namespace fpconform::oracle::blocks {
namespace {

constexpr std::size_t kSplitBlock = 32;
constexpr int kAwqSlot[8] = {0, 2, 4, 6, 1, 3, 5, 7};  // slot s holds element kAwqSlot[s]

// The byte and the bit offset where code i goes.
std::pair<std::size_t, int> place(std::size_t i, NibbleOrder o) {
  switch (o) {
    case NibbleOrder::low_first: return {i / 2, i % 2 ? 4 : 0};
    case NibbleOrder::high_first: return {i / 2, i % 2 ? 0 : 4};
    case NibbleOrder::split_halves: {
      const std::size_t block = i / kSplitBlock, j = i % kSplitBlock;
      return {block * kSplitBlock / 2 + j % (kSplitBlock / 2), j < kSplitBlock / 2 ? 0 : 4};
    }
  }
  return {0, 0};
}

// The slot of element e within its word.
int slot(std::size_t e, WordOrder o) {
  if (o == WordOrder::sequential) return static_cast<int>(e % 8);
  for (int s = 0; s < 8; ++s)
    if (kAwqSlot[s] == static_cast<int>(e % 8)) return s;
  return 0;
}

void check_split(std::size_t count, NibbleOrder o) {
  if (o == NibbleOrder::split_halves && count % kSplitBlock != 0)
    throw std::invalid_argument("split-halves packing needs whole blocks of 32 codes, got " +
                                std::to_string(count));
}

}  // namespace

std::string_view name(NibbleOrder o) {
  switch (o) {
    case NibbleOrder::low_first: return "low-first";
    case NibbleOrder::high_first: return "high-first";
    case NibbleOrder::split_halves: return "split-halves";
  }
  return "?";
}

std::string_view name(WordOrder o) { return o == WordOrder::sequential ? "sequential" : "awq"; }

std::vector<std::uint8_t> pack_bytes(std::span<const std::uint8_t> codes, NibbleOrder o) {
  check_split(codes.size(), o);
  std::vector<std::uint8_t> out((codes.size() + 1) / 2, 0);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto [byte, shift] = place(i, o);
    out[byte] = static_cast<std::uint8_t>(out[byte] | (codes[i] & 0xF) << shift);
  }
  return out;
}

std::vector<std::uint8_t> unpack_bytes(std::span<const std::uint8_t> packed, std::size_t count,
                                       NibbleOrder o) {
  check_split(count, o);
  if (packed.size() < (count + 1) / 2)
    throw std::invalid_argument("unpack: " + std::to_string(packed.size()) + " bytes hold fewer than " +
                                std::to_string(count) + " codes");
  std::vector<std::uint8_t> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto [byte, shift] = place(i, o);
    out[i] = (packed[byte] >> shift) & 0xF;
  }
  return out;
}

std::vector<std::uint32_t> pack_words(std::span<const std::uint8_t> codes, WordOrder o) {
  std::vector<std::uint32_t> out((codes.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < codes.size(); ++i)
    out[i / 8] |= std::uint32_t{codes[i] & 0xFu} << (4 * slot(i, o));
  return out;
}

std::vector<std::uint8_t> unpack_words(std::span<const std::uint32_t> packed, std::size_t count,
                                       WordOrder o) {
  if (packed.size() < (count + 7) / 8)
    throw std::invalid_argument("unpack: " + std::to_string(packed.size()) + " words hold fewer than " +
                                std::to_string(count) + " codes");
  std::vector<std::uint8_t> out(count);
  for (std::size_t i = 0; i < count; ++i)
    out[i] = static_cast<std::uint8_t>((packed[i / 8] >> (4 * slot(i, o))) & 0xF);
  return out;
}

}  // namespace fpconform::oracle::blocks
