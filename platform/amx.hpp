// AMX for a process: the CPU's tile features, and the kernel's permission to use the tile data
// (Linux asks each process to request it: arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)).
#pragma once

#include <initializer_list>
#include <string_view>

#include "fpconform/backend.hpp"

namespace fpconform {

// LDTILECFG's 64 bytes (Intel SDM vol. 1, "Tile Architecture"): palette 1, bytes per row of
// tmm0-15 as uint16 from byte 16, rows from byte 48.
struct alignas(64) AmxTileConfig {
  unsigned char palette, start_row, reserved[14];
  unsigned short bytes_per_row[16];
  unsigned char rows[16];
};
static_assert(sizeof(AmxTileConfig) == 64);
// tmm0-7 each 16 rows x 64 bytes: the configuration fpconform's AMX code loads. A constant in
// memory, not a local: GCC 12's _tile_loadconfig names only the first 8 bytes as read, so stores
// to a local's other bytes could be dropped.
inline constexpr AmxTileConfig kAmxTiles16x64{
    1, 0, {}, {64, 64, 64, 64, 64, 64, 64, 64}, {16, 16, 16, 16, 16, 16, 16, 16}};

// ok when the CPU reports amx-tile and every feature named ("amx-bf16", "amx-int8"), none is
// disabled by FPCONFORM_DISABLE, and the kernel granted the tile data to this process (asked
// once); else the reason.
Availability require_amx(std::initializer_list<std::string_view> features);

}  // namespace fpconform
