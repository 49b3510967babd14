#include "checks/shuffle.hpp"

#include <bit>

namespace fpconform {
namespace {

// In lanes of U: up to 16 bits in 16-bit lanes, which SSE2 multiplies eight at a time.
template <class U>
class Keyed {
 public:
  Keyed(std::uint64_t seed, unsigned bits)
      : mask_(static_cast<U>(bits >= sizeof(U) * 8 ? U(~U(0)) : U((U(1) << bits) - 1))),
        shift_((bits + 1) / 2) {
    SplitMix64 g(seed);
    for (int i = 0; i < kRounds; ++i) {
      const std::uint64_t r = g.next();
      key_[i] = static_cast<U>(r) & mask_;
      mul_[i] = static_cast<U>(r >> 32) | 1;
    }
  }
  U operator()(U x) const {
    for (int i = 0; i < kRounds; ++i) {
      // Unsigned: 16-bit operands would be promoted to int, whose product can overflow.
      x = static_cast<U>(static_cast<std::uint32_t>(x ^ key_[i]) * mul_[i]) & mask_;
      x ^= static_cast<U>(x >> shift_);
    }
    return x;
  }

 private:
  static constexpr int kRounds = 3;
  U mask_;
  unsigned shift_;
  U key_[kRounds], mul_[kRounds];
};

template <class U>
void walk(const Keyed<U>& p, std::span<std::uint32_t> out, std::uint32_t offset) {
  for (std::size_t k = 0; k < out.size(); ++k) {
    U y = p(static_cast<U>(k));
    while (y >= out.size()) y = p(y);  // cycle walking: a bijection of [0, n) (Black, Rogaway 2002)
    out[k] = offset + y;
  }
}

template <class T>
void gather_as(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset, void* out) {
  const auto* i = static_cast<const T*>(in);
  auto* o = static_cast<T*>(out);
  for (std::size_t k = 0; k < order.size(); ++k) o[k] = i[order[k] - offset];
}

template <class T>
void scatter_as(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset, void* out) {
  const auto* i = static_cast<const T*>(in);
  auto* o = static_cast<T*>(out);
  for (std::size_t k = 0; k < order.size(); ++k) o[order[k] - offset] = i[k];
}

}  // namespace

// Its full-block loop is a sweep's second cost after the oracle: built for AVX2 and AVX-512 too,
// picked at load time (the same arithmetic, wider lanes).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
void keyed_order(std::uint64_t seed, std::span<std::uint32_t> out, std::uint32_t offset) {
  constexpr std::uint32_t kFull = 1u << 16;
  if (out.size() == kFull) {  // a sweep's block, its width a constant: vectorized, no walking
    const Keyed<std::uint16_t> p(seed, 16);
    for (std::uint32_t k = 0; k < kFull; ++k) out[k] = offset + p(static_cast<std::uint16_t>(k));
    return;
  }
  const unsigned bits = out.size() > 1 ? static_cast<unsigned>(std::bit_width(out.size() - 1)) : 0;
  if (bits <= 16)
    walk(Keyed<std::uint16_t>(seed, bits), out, offset);
  else
    walk(Keyed<std::uint32_t>(seed, bits), out, offset);
}

void gather(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset,
            std::size_t bytes, void* out) {
  switch (bytes) {
    case 1: return gather_as<std::uint8_t>(in, order, offset, out);
    case 2: return gather_as<std::uint16_t>(in, order, offset, out);
    default: return gather_as<std::uint32_t>(in, order, offset, out);
  }
}

void scatter(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset,
             std::size_t bytes, void* out) {
  switch (bytes) {
    case 1: return scatter_as<std::uint8_t>(in, order, offset, out);
    case 2: return scatter_as<std::uint16_t>(in, order, offset, out);
    default: return scatter_as<std::uint32_t>(in, order, offset, out);
  }
}

}  // namespace fpconform
