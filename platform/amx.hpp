// AMX for a process: the CPU's tile features, and the kernel's permission to use the tile data
// (Linux asks each process to request it: arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)).
#pragma once

#include <initializer_list>
#include <string_view>

#include "fpconform/backend.hpp"

namespace fpconform {

// ok when the CPU reports amx-tile and every feature named ("amx-bf16", "amx-int8"), none is
// disabled by FPCONFORM_DISABLE, and the kernel granted the tile data to this process (asked
// once); else the reason.
Availability require_amx(std::initializer_list<std::string_view> features);

}  // namespace fpconform
