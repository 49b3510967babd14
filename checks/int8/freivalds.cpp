#include "checks/int8/freivalds.hpp"

#include <stdexcept>

#include "vectors/splitmix.hpp"

namespace fpconform {
namespace {

constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;

// Every sum below is one row's, reduced once: |b r_j| < 2^68, |a y_p| < 2^69 and |c r_j| < 2^92,
// and fewer than 2^31 of them stay below 2^123 in a signed 128-bit integer.
using Wide = __int128;

std::uint64_t mod_p(Wide x) {
  const Wide r = x % Wide{kP};
  return static_cast<std::uint64_t>(r < 0 ? r + Wide{kP} : r);
}

template <typename T>
std::uint64_t row_times(const T* row, const std::uint64_t* v, int length) {
  Wide sum = 0;
  for (int j = 0; j < length; ++j) sum += Wide{std::int64_t{row[j]}} * static_cast<std::int64_t>(v[j]);
  return mod_p(sum);
}

// Uniform in [0, p): 61 random bits, drawn again in the one case in 2^61 that is p itself.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(splitmix64(seed ^ 0xF4E1DA1D5C0FFEEull)) {}
  std::uint64_t next() {
    for (;;)
      if (const std::uint64_t x = splitmix64(state_++) >> 3; x < kP) return x;
  }

 private:
  std::uint64_t state_;
};

}  // namespace

std::vector<int> freivalds_rows(GemmShape s, IntType a_type, const void* a, const std::int8_t* b,
                                const std::int32_t* c, std::uint64_t seed, int vectors) {
  if (s.m < 0 || s.n < 0 || s.k < 0 || vectors < 1)
    throw std::invalid_argument("freivalds_rows: negative shape or no vector");
  std::vector<bool> flagged(std::size_t(s.m), false);
  Draw draw(seed);
  std::vector<std::uint64_t> r(std::size_t(s.n)), y(std::size_t(s.k));
  for (int v = 0; v < vectors; ++v) {
    for (std::uint64_t& x : r) x = draw.next();
    for (int p = 0; p < s.k; ++p) y[std::size_t(p)] = row_times(b + std::size_t(p) * s.n, r.data(), s.n);
    for (int i = 0; i < s.m; ++i) {
      const std::uint64_t z =
          a_type == IntType::s8
              ? row_times(static_cast<const std::int8_t*>(a) + std::size_t(i) * s.k, y.data(), s.k)
              : row_times(static_cast<const std::uint8_t*>(a) + std::size_t(i) * s.k, y.data(), s.k);
      if (z != row_times(c + std::size_t(i) * s.n, r.data(), s.n)) flagged[std::size_t(i)] = true;
    }
  }
  std::vector<int> rows;
  for (int i = 0; i < s.m; ++i)
    if (flagged[std::size_t(i)]) rows.push_back(i);
  return rows;
}

std::string freivalds_bound(int vectors) {
  // (2^61 - 1)^v > 2^(61 v - 1) for every v >= 1.
  return "a wrong C passes with probability (2^61-1)^-" + std::to_string(vectors) + " < 2^-" +
         std::to_string(61 * vectors - 1);
}

}  // namespace fpconform
