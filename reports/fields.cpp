#include "reports/fields.hpp"

#include <cstdio>

namespace fpconform {

Fields split(const Format& f, std::uint64_t container) {
  const std::uint64_t v = container >> f.shift;
  return {static_cast<std::uint32_t>((v >> (f.width() - 1)) & 1),
          static_cast<std::uint32_t>((v >> f.frac_bits) & f.exp_mask()), v & f.frac_mask()};
}

std::string hex(const Format& f, std::uint64_t container) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llX", f.container_bits / 4, static_cast<unsigned long long>(container));
  return buf;
}

std::string hex_flags(std::uint8_t flags) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", flags);
  return buf;
}

// v as exactly `digits` upper-case hex digits (the field's width).
static std::string hex_digits(std::uint64_t v, int digits) {
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0 && v != 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = "0123456789ABCDEF"[v & 0xF];
  return out;
}

std::string describe(const Format& f, std::uint64_t container) {
  const Fields s = split(f, container);
  return hex(f, container) + " (" + (s.sign ? '-' : '+') + " e=0x" + hex_digits(s.exponent, (f.exp_bits + 3) / 4) +
         " f=0x" + hex_digits(s.fraction, (f.frac_bits + 3) / 4) + ")";
}

}  // namespace fpconform

namespace fpconform {

std::string describe_input(Op op, Word word) {
  std::string s;
  for (int i = 0; i < arity(op); ++i)
  {
    if (i) s += ", ";
    s += describe(*info(op).src, operand_container(op, word, i));
  }
  return s;
}

std::string input_hex(Op op, Word word) {
  std::string s;
  for (int i = 0; i < arity(op); ++i) {
    if (i) s += ",";
    s += hex(*info(op).src, operand_container(op, word, i));
  }
  return s;
}

}  // namespace fpconform
