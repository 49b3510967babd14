/* A plug-in built for ABI version 1, as one compiled against plugin.h before version 2: its own
 * copy of the version-1 table (which ends at gemm_a_types), abi_version 1, an exact f16_to_f32.
 * fpconform must load it unchanged, read none of the version-2 fields it does not have, and pass
 * it.
 *
 *   binary16  s eeeee ffffffffff   ->   binary32  s eeeeeeee fffffffffffffffffffffff
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef struct v1_conversion {
  uint32_t op;
  uint32_t rounding;
} v1_conversion;

typedef int (*v1_convert_fn)(uint32_t op, uint32_t rounding, const void* in, void* out, size_t n,
                             uint8_t* flags);
typedef int (*v1_gemm_fn)(int a_unsigned, int m, int n, int k, const void* a, const int8_t* b,
                          int32_t* c);

typedef struct v1_plugin {
  uint32_t abi_version;
  uint32_t struct_size;
  const char* name;
  const char* description;
  const v1_conversion* conversions;
  size_t conversion_count;
  v1_convert_fn convert;
  int reports_flags;
  int tininess_before;
  v1_gemm_fn gemm;
  uint32_t gemm_a_types;
} v1_plugin;

enum { V1_F16_TO_F32 = 0, V1_RNE = 0 };

#include "f16_to_f32.h"

static int convert(uint32_t op, uint32_t rounding, const void* in, void* out, size_t n,
                   uint8_t* flags) {
  (void)rounding, (void)flags;
  if (op != V1_F16_TO_F32) return 1;
  for (size_t i = 0; i < n; ++i) {
    uint16_t h;
    memcpy(&h, (const unsigned char*)in + 2 * i, 2);
    const uint32_t f = f16_to_f32(h);
    memcpy((unsigned char*)out + 4 * i, &f, 4);
  }
  return 0;
}

static const v1_conversion kConversions[] = {{V1_F16_TO_F32, V1_RNE}};

static const v1_plugin kPlugin = {
    .abi_version = 1,
    .struct_size = sizeof(v1_plugin),
    .name = "abi-v1",
    .description = "a plug-in built for ABI version 1",
    .conversions = kConversions,
    .conversion_count = 1,
    .convert = convert,
};

EXPORT const v1_plugin* fpconform_plugin_entry(void) { return &kPlugin; }
