#include "checks/oracle_steps.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>

#include "oracles/softfloat/oracle.hpp"

namespace fpconform {
namespace {

constexpr std::uint32_t kInfinity = 0x7F800000;  // magnitude bits of binary32 infinity
constexpr std::uint32_t kSign = 0x80000000;

template <class T>
void store_run(void* out, std::size_t at, std::size_t count, std::uint32_t value) {
  std::fill_n(static_cast<T*>(out) + at, count, static_cast<T>(value));
}

void store(int container_bits, void* out, std::size_t at, std::size_t count, std::uint32_t v) {
  switch (container_bits) {
    case 8: store_run<std::uint8_t>(out, at, count, v); break;
    case 16: store_run<std::uint16_t>(out, at, count, v); break;
    default: store_run<std::uint32_t>(out, at, count, v); break;
  }
}

}  // namespace

OracleSteps::OracleSteps(Op op, Rounding r) : op_(op), r_(r) {
  if (info(op).src->container_bits != 32) throw std::logic_error("OracleSteps: not a binary32 source");
  for (std::uint32_t sign = 0; sign < 2; ++sign) {
    const auto at = [&](std::uint64_t m) {
      return oracle::convert(op, (sign ? kSign : 0) | static_cast<std::uint32_t>(m), r).bits;
    };
    std::uint64_t m = 0;
    std::uint32_t v = at(0);
    for (;;) {
      start_[sign].push_back(static_cast<std::uint32_t>(m));
      value_[sign].push_back(v);
      // Gallop to a magnitude whose result differs (or past infinity), then bisect:
      // at(lo) == v, and hi is the first known to differ (kInfinity + 1 stands for "none").
      std::uint64_t lo = m, hi = std::uint64_t{kInfinity} + 1;
      for (std::uint64_t step = 1; m + step <= kInfinity; step *= 2) {
        if (at(m + step) != v) {
          hi = m + step;
          break;
        }
        lo = m + step;
      }
      while (hi - lo > 1) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        (at(mid) != v ? hi : lo) = mid;
      }
      if (hi > kInfinity) break;
      m = hi;
      v = at(m);
    }
    // The first finite magnitude that overflows (kInfinity: none), bisected the same way.
    const auto overflow = [&](std::uint64_t mag) {
      return (oracle::convert(op, (sign ? kSign : 0) | static_cast<std::uint32_t>(mag), r).flags &
              kOverflow) != 0;
    };
    std::uint64_t lo = 0, hi = kInfinity;  // overflow(hi) taken as true, overflow(0) is false
    while (hi - lo > 1) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      (overflow(mid) ? hi : lo) = mid;
    }
    overflow_from_[sign] = hi;
  }
}

void OracleSteps::fill(std::uint32_t first, std::size_t n, void* out) const {
  const int bits = info(op_).dst->container_bits;
  std::size_t k = 0;
  while (k < n) {
    const std::uint32_t x = first + static_cast<std::uint32_t>(k);
    const std::uint32_t sign = x >> 31;
    const std::uint32_t m = x & ~kSign;
    if (m > kInfinity) {  // NaNs, up to the end of this sign's half
      const std::size_t end = std::min<std::uint64_t>(n, k + (std::uint64_t{kSign} - m));
      for (; k < end; ++k)
        store(bits, out, k, 1, oracle::convert(op_, first + static_cast<std::uint32_t>(k), r_).bits);
      continue;
    }
    const auto& starts = start_[sign];
    const std::size_t j = std::upper_bound(starts.begin(), starts.end(), m) - starts.begin() - 1;
    const std::uint64_t step_end = j + 1 < starts.size() ? starts[j + 1] : std::uint64_t{kInfinity} + 1;
    const std::size_t count = std::min<std::uint64_t>(n - k, step_end - m);
    store(bits, out, k, count, value_[sign][j]);
    k += count;
  }
}

std::shared_ptr<const OracleSteps> OracleSteps::shared(Op op, Rounding r) {
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const OracleSteps> steps;
  };
  static std::mutex m;
  static std::map<std::pair<Op, Rounding>, Slot> slots;
  Slot* slot;
  {
    std::lock_guard lock(m);
    slot = &slots[{op, r}];  // std::map: the slot stays where it is
  }
  std::call_once(slot->once, [&] { slot->steps = std::make_shared<const OracleSteps>(op, r); });
  return slot->steps;
}

}  // namespace fpconform
