#include "platform/fenv.hpp"

#include <cstdio>
#include <vector>

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace fpconform {
namespace {

struct Field {
  int lo, bits;
  const char* name;
};

#if defined(__x86_64__)
// Intel SDM vol. 1, 10.2.3: bits 0-5 are sticky exception flags, not control.
constexpr std::uint32_t kControlMask = 0xFFC0u;
const std::vector<Field> kFields = {
    {15, 1, "FTZ"}, {13, 2, "RC (rounding control)"}, {12, 1, "PM (precision mask)"},
    {11, 1, "UM (underflow mask)"}, {10, 1, "OM (overflow mask)"}, {9, 1, "ZM (divide-by-zero mask)"},
    {8, 1, "DM (denormal mask)"}, {7, 1, "IM (invalid mask)"}, {6, 1, "DAZ"}};
#elif defined(__aarch64__)
// Arm ARM, FPCR: AHP 26, DN 25, FZ 24, RMode 23:22, FZ16 19, trap enables 15, 12:8.
constexpr std::uint32_t kControlMask = 0x07C89F00u;
const std::vector<Field> kFields = {
    {26, 1, "AHP"}, {25, 1, "DN (default NaN)"}, {24, 1, "FZ"}, {22, 2, "RMode"}, {19, 1, "FZ16"},
    {15, 1, "IDE"}, {12, 1, "IXE"}, {11, 1, "UFE"}, {10, 1, "OFE"}, {9, 1, "DZE"}, {8, 1, "IOE"}};
#else
constexpr std::uint32_t kControlMask = 0;
const std::vector<Field> kFields = {};
#endif

std::string hex(std::uint32_t v) {
  char s[16];
  std::snprintf(s, sizeof s, "0x%X", v);
  return s;
}

}  // namespace

FpControl read_fp_control() {
#if defined(__x86_64__)
  return {true, _mm_getcsr() & kControlMask};
#elif defined(__aarch64__)
  std::uint64_t fpcr;
  asm volatile("mrs %0, fpcr" : "=r"(fpcr));
  return {true, static_cast<std::uint32_t>(fpcr) & kControlMask};
#else
  return {};
#endif
}

void write_fp_control(FpControl c) {
  if (!c.known) return;
#if defined(__x86_64__)
  _mm_setcsr((_mm_getcsr() & ~kControlMask) | (c.value & kControlMask));
#elif defined(__aarch64__)
  std::uint64_t fpcr;
  asm volatile("mrs %0, fpcr" : "=r"(fpcr));
  fpcr = (fpcr & ~std::uint64_t{kControlMask}) | (c.value & kControlMask);
  asm volatile("msr fpcr, %0" : : "r"(fpcr));
#endif
}

std::string fp_control_name() {
#if defined(__x86_64__)
  return "MXCSR";
#elif defined(__aarch64__)
  return "FPCR";
#else
  return "";
#endif
}

std::string describe_fp_control_change(FpControl before, FpControl after) {
  if (!before.known || !after.known || before.value == after.value) return "";
  std::string s = fp_control_name() + " " + hex(before.value) + " -> " + hex(after.value) + ":";
  const char* sep = " ";
  for (const Field& f : kFields) {
    const std::uint32_t mask = ((1u << f.bits) - 1) << f.lo;
    const std::uint32_t a = (before.value & mask) >> f.lo, b = (after.value & mask) >> f.lo;
    if (a == b) continue;
    s += sep;
    s += f.name;
    if (f.bits == 1)
      s += std::string(" (bit ") + std::to_string(f.lo) + ") " + (b ? "set" : "cleared");
    else
      s += " (bits " + std::to_string(f.lo + f.bits - 1) + ":" + std::to_string(f.lo) + ") " +
           std::to_string(a) + " -> " + std::to_string(b);
    sep = ", ";
  }
  return s;
}

}  // namespace fpconform
