// An exact sum of signed terms sig * 2^exp, as one two's-complement fixed-point integer wide
// enough for every dot product the models take: the lowest bit is 2^kLow (below a product of two
// bfloat16 subnormals, 2^-266, and binary32's 2^-149) and the top is 2^(kLow + kBits - 1), far
// above 2^256 (two bfloat16 maxima) times any K.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace fpconform::oracle {

class WideSum {
 public:
  static constexpr int kLow = -320;
  static constexpr int kLimbs = 10;  // 640 bits: up to 2^319

  // sig < 2^64; exp >= kLow (checked by the caller's formats).
  void add(bool negative, std::int32_t exp, std::uint64_t sig) {
    if (sig == 0) return;
    const int at = exp - kLow;
    const int limb = at / 64, shift = at % 64;
    std::array<std::uint64_t, 2> part{sig << shift, shift ? sig >> (64 - shift) : 0};
    if (negative) sub_at(limb, part); else add_at(limb, part);
  }

  bool zero() const {
    for (std::uint64_t l : limbs_) if (l) return false;
    return true;
  }
  bool negative() const { return limbs_[kLimbs - 1] >> 63; }

  // |sum| as sig * 2^exp with sig < 2^63 holding the top 62 bits and a sticky bit below them
  // (enough to round to 24 bits exactly). The sum must not be zero.
  void magnitude(std::int32_t& exp, std::uint64_t& sig) const {
    std::array<std::uint64_t, kLimbs> m = limbs_;
    if (negative()) {  // two's complement negation
      std::uint64_t carry = 1;
      for (std::uint64_t& l : m) {
        l = ~l + carry;
        carry = carry && l == 0;
      }
    }
    int top = kLimbs - 1;
    while (m[top] == 0) --top;
    const int high = top * 64 + 63 - std::countl_zero(m[top]);  // the leading bit's index
    const int low = high - 61;                                   // 62 bits: [low, high]
    std::uint64_t bits = 0;
    bool sticky = false;
    if (low <= 0) {
      bits = m[0] << -low;  // the whole sum fits below bit 62
    } else {
      const int l = low / 64, s = low % 64;
      bits = m[l] >> s;
      if (s && l + 1 < kLimbs) bits |= m[l + 1] << (64 - s);
      sticky = s && (m[l] << (64 - s)) != 0;
      for (int i = 0; i < l && !sticky; ++i) sticky = m[i] != 0;
    }
    sig = ((bits & ((std::uint64_t{1} << 62) - 1)) << 1) | sticky;
    exp = low - 1 + kLow;
  }

 private:
  void add_at(int limb, std::array<std::uint64_t, 2> part) {
    std::uint64_t carry = 0;
    for (int i = limb; i < kLimbs; ++i) {
      const std::uint64_t p = i - limb < 2 ? part[i - limb] : 0;
      const std::uint64_t s = limbs_[i] + p;
      const std::uint64_t c1 = s < p;
      limbs_[i] = s + carry;
      carry = c1 | (limbs_[i] < s);
      if (i - limb >= 1 && carry == 0) break;
    }
  }
  void sub_at(int limb, std::array<std::uint64_t, 2> part) {
    std::uint64_t borrow = 0;
    for (int i = limb; i < kLimbs; ++i) {
      const std::uint64_t p = i - limb < 2 ? part[i - limb] : 0;
      const std::uint64_t d = limbs_[i] - p;
      const std::uint64_t b1 = limbs_[i] < p;
      const std::uint64_t r = d - borrow;
      borrow = b1 | (d < borrow);
      limbs_[i] = r;
      if (i - limb >= 1 && borrow == 0) break;
    }
  }

  std::array<std::uint64_t, kLimbs> limbs_{};
};

}  // namespace fpconform::oracle
