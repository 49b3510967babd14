// Seeded orders: the order blocks go to a backend in, and the order of the inputs inside a block,
// so that a subject cannot tell a sweep from any other call by the order of its inputs. Our own
// generator and Fisher–Yates, not std::shuffle: the standard leaves its algorithm to each
// library, and one seed must give one order everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace fpconform {

// splitmix64 (Steele, Lea, Flood 2014): a Weyl sequence through a 64-bit finaliser.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
  // In [0, bound): the high half of next() * bound (Lemire 2019, without the rejection step:
  // a bias under bound / 2^64).
  std::uint64_t below(std::uint64_t bound) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }

 private:
  std::uint64_t s_;
};

// The seed of stream `id` (one block's order) of a run seeded `seed`.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t id) {
  return SplitMix64(seed ^ SplitMix64(id).next()).next();
}

// Fisher–Yates (Knuth's Algorithm P) driven by SplitMix64(seed).
template <class T>
void seeded_shuffle(std::span<T> v, std::uint64_t seed) {
  SplitMix64 g(seed);
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[g.below(i)]);
}

// out[k] = offset + p(k), p a permutation of [0, out.size()) keyed by seed. Not Fisher–Yates: a
// sweep orders 2^16 blocks of 2^16, and a Fisher–Yates of a block costs more than checking it.
// p is three rounds of (xor a key, multiply by an odd key, xorshift) on the fewest bits that
// hold out.size() - 1, each round a bijection, walked on until it falls below out.size().
void keyed_order(std::uint64_t seed, std::span<std::uint32_t> out, std::uint32_t offset = 0);

// For elements of `bytes` (1, 2 or 4) bytes: gather sets out[k] = in[order[k] - offset], the
// inputs' results in the order they were handed over; scatter sets out[order[k] - offset] =
// in[k], results handed back put in their inputs' places.
void gather(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset,
            std::size_t bytes, void* out);
void scatter(const void* in, std::span<const std::uint32_t> order, std::uint32_t offset,
             std::size_t bytes, void* out);

}  // namespace fpconform
