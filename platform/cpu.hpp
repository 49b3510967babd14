// The CPU features a backend needs, and FPCONFORM_DISABLE, which forces features off so that a
// machine that has them can still exercise the "skipped: <reason>" path.
#pragma once

#include <initializer_list>
#include <span>
#include <string_view>

#include "fpconform/backend.hpp"

namespace fpconform {

// FPCONFORM_DISABLE=f16c,avx512: a feature counts as disabled when a listed name is a prefix
// of it ("avx512" disables avx512f, avx512bw, avx512bf16, ...).
bool feature_disabled(std::string_view feature, std::string_view disable_list);
bool feature_disabled(std::string_view feature);  // reads FPCONFORM_DISABLE

// What the CPU reports (x86: CPUID with the OS's XSAVE support; aarch64 Linux: the kernel's
// HWCAP bits, named as /proc/cpuinfo names them: asimd fphp asimdhp asimddp sve i8mm bf16);
// false for names it does not know and on other architectures. Ignores FPCONFORM_DISABLE.
bool cpu_reports(std::string_view feature);

// ok when every feature is reported and none is disabled; else the reason: the first disabled
// one ("f16c disabled by FPCONFORM_DISABLE"), whatever the CPU, or else the first one missing
// ("CPU lacks avx512f").
Availability require_cpu(std::span<const std::string_view> features);
inline Availability require_cpu(std::initializer_list<std::string_view> features) {
  return require_cpu(std::span<const std::string_view>(features.begin(), features.size()));
}

}  // namespace fpconform
