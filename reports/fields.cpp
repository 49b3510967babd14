#include "reports/fields.hpp"

#include <cstdio>

namespace fpconform {

Fields split(const Format& f, std::uint32_t container) {
  const std::uint32_t v = container >> f.shift;
  return {(v >> (f.width() - 1)) & 1, (v >> f.frac_bits) & f.exp_mask(), v & f.frac_mask()};
}

std::string hex(const Format& f, std::uint32_t container) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*X", f.container_bits / 4, container);
  return buf;
}

std::string hex_flags(std::uint8_t flags) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", flags);
  return buf;
}

std::string describe(const Format& f, std::uint32_t container) {
  const Fields s = split(f, container);
  char buf[64];
  std::snprintf(buf, sizeof buf, " (%c e=0x%0*X f=0x%0*X)", s.sign ? '-' : '+',
                (f.exp_bits + 3) / 4, s.exponent, (f.frac_bits + 3) / 4, s.fraction);
  return hex(f, container) + buf;
}

}  // namespace fpconform
