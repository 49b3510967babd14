// The emulator a test runs under: the cross build's runner (tools/qemu-aarch64) names it in
// FPCONFORM_EMULATOR ("qemu-aarch64 -cpu max"); nullptr natively. Tests that do less there say so.
#pragma once

#include <cstdlib>

namespace fpconform {

inline const char* emulator() {
  const char* e = std::getenv("FPCONFORM_EMULATOR");
  return e != nullptr && *e != '\0' ? e : nullptr;
}

}  // namespace fpconform
