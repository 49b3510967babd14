#include "platform/cpu.hpp"

#include <cstdlib>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#if defined(__aarch64__) && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

namespace fpconform {

bool feature_disabled(std::string_view feature, std::string_view list) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty() && feature.starts_with(item)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool feature_disabled(std::string_view feature) {
  const char* list = std::getenv("FPCONFORM_DISABLE");
  return list != nullptr && feature_disabled(feature, list);
}

bool cpu_reports(std::string_view f) {
#if defined(__x86_64__) || defined(__i386__)
  // __builtin_cpu_supports takes literals only, hence the table.
  if (f == "sse4.1") return __builtin_cpu_supports("sse4.1");
  if (f == "sse4.2") return __builtin_cpu_supports("sse4.2");
  if (f == "avx") return __builtin_cpu_supports("avx");
  if (f == "avx2") return __builtin_cpu_supports("avx2");
  if (f == "fma") return __builtin_cpu_supports("fma");
  // clang 14 does not know "f16c" here; libgcc sets it only where AVX is usable (OS XSAVE).
  if (f == "f16c") {
    unsigned a, b, c, d;
    return __builtin_cpu_supports("avx") && __get_cpuid(1, &a, &b, &c, &d) && (c & bit_F16C);
  }
  if (f == "avx512f") return __builtin_cpu_supports("avx512f");
  if (f == "avx512bw") return __builtin_cpu_supports("avx512bw");
  if (f == "avx512dq") return __builtin_cpu_supports("avx512dq");
  if (f == "avx512vl") return __builtin_cpu_supports("avx512vl");
  if (f == "avx512vnni") return __builtin_cpu_supports("avx512vnni");
  if (f == "avx512bf16") return __builtin_cpu_supports("avx512bf16");
  // CPUID.(EAX=7, ECX=0):EDX[23]; the OS's ZMM state is what avx512f's answer includes.
  if (f == "avx512fp16") {
    unsigned a, b, c, d;
    return __builtin_cpu_supports("avx512f") && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
           (d & (1u << 23));
  }
  // AMX: CPUID.(EAX=7, ECX=0):EDX[24] tile, [22] bf16, [25] int8; CPUID.(7, 1):EAX[21] fp16. The
  // OS must also enable the tile state in XCR0 (bits 17 and 18); a process must still ask for
  // it (platform/amx.hpp).
  if (f == "amx-tile" || f == "amx-bf16" || f == "amx-int8" || f == "amx-fp16") {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(d & (1u << 24))) return false;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return false;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & (3u << 17)) != (3u << 17)) return false;
    __get_cpuid_count(7, 0, &a, &b, &c, &d);
    if (f == "amx-bf16") return d & (1u << 22);
    if (f == "amx-int8") return d & (1u << 25);
    if (f == "amx-fp16") return __get_cpuid_count(7, 1, &a, &b, &c, &d) && (a & (1u << 21));
    return true;
  }
#elif defined(__aarch64__) && defined(__linux__)
  // The kernel's hardware capabilities, named as /proc/cpuinfo's Features line names them. Under
  // qemu-user they are the emulated CPU's (its /proc/cpuinfo is the host's).
  const unsigned long hw = getauxval(AT_HWCAP), hw2 = getauxval(AT_HWCAP2);
  if (f == "asimd") return hw & HWCAP_ASIMD;
  if (f == "fphp") return hw & HWCAP_FPHP;
  if (f == "asimdhp") return hw & HWCAP_ASIMDHP;
  if (f == "asimddp") return hw & HWCAP_ASIMDDP;
  if (f == "sve") return hw & HWCAP_SVE;
  if (f == "i8mm") return hw2 & HWCAP2_I8MM;
  if (f == "bf16") return hw2 & HWCAP2_BF16;
#else
  (void)f;
#endif
  return false;
}

Availability require_cpu(std::span<const std::string_view> features) {
  // A disabled feature is the reason before a missing one, so that FPCONFORM_DISABLE gives the
  // same answer on every machine (and its tests do not depend on the CPU they run on).
  for (std::string_view f : features)
    if (feature_disabled(f)) return {false, std::string(f) + " disabled by FPCONFORM_DISABLE"};
  for (std::string_view f : features)
    if (!cpu_reports(f)) return {false, "CPU lacks " + std::string(f)};
  return {};
}

}  // namespace fpconform
