// How a value is shown: hex of the container, and the sign/exponent/fraction split.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "fpconform/format.hpp"
#include "fpconform/operation.hpp"

namespace fpconform {

struct Fields {
  std::uint32_t sign;
  std::uint32_t exponent;  // biased
  std::uint64_t fraction;  // binary64's is 52 bits
};

Fields split(const Format& f, std::uint64_t container);
// snprintf into a string (up to 511 characters): figures in the text and HTML reports.
inline std::string printf_string(const char* format, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

std::string hex(const Format& f, std::uint64_t container);  // 0x7C00, width of the container
std::string hex_flags(std::uint8_t flags);                   // 0x05
// "0x7C00 (+ e=0x1F f=0x000)": hex, then the fields.
std::string describe(const Format& f, std::uint64_t container);

// An op's input word (operation.hpp): a conversion's source as describe() shows it; an
// arithmetic op's operands each so, joined by ", ".
std::string describe_input(Op op, Word word);
// The input word as --inputs value: reads it: "0x7C01" or, for operands, "0x3C00,0x4000".
std::string input_hex(Op op, Word word);

}  // namespace fpconform
