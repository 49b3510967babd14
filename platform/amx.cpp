#include "platform/amx.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "platform/cpu.hpp"

#if defined(__x86_64__) && defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace fpconform {
namespace {

Availability tile_permission() {
#if defined(__x86_64__) && defined(__linux__)
  // asm/prctl.h's ARCH_REQ_XCOMP_PERM and the XSAVE component number of XTILEDATA (Linux 5.16).
  constexpr long kReqXcompPerm = 0x1023, kXfeatureXtiledata = 18;
  static const Availability granted = [] {
    if (syscall(SYS_arch_prctl, kReqXcompPerm, kXfeatureXtiledata) == 0) return Availability{};
    return Availability{false, std::string("the kernel refused AMX tile data (arch_prctl: ") +
                                   std::strerror(errno) + ")"};
  }();
  return granted;
#else
  return {false, "not x86-64 Linux"};
#endif
}

}  // namespace

Availability require_amx(std::initializer_list<std::string_view> features) {
  std::vector<std::string_view> all{"amx-tile"};
  all.insert(all.end(), features.begin(), features.end());
  if (Availability cpu = require_cpu(all); !cpu.ok) return cpu;
  return tile_permission();
}

}  // namespace fpconform
