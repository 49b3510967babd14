// The floating-point control register of the calling thread: MXCSR on x86-64, FPCR on aarch64.
// A library that changes it (a -ffast-math constructor setting FTZ and DAZ) changes the
// arithmetic of everything else in the process; fpconform reads it around loading and calls.
#pragma once

#include <cstdint>
#include <string>

namespace fpconform {

struct FpControl {
  bool known = false;       // false on a target without a reader: nothing is compared
  std::uint32_t value = 0;  // the control bits only (sticky exception flags masked off)
};

FpControl read_fp_control();
void write_fp_control(FpControl c);  // no-op when !c.known

// For one batch of a kernel whose rounding is embedded in its instructions: x86's MXCSR = 0x1F80
// (no DAZ, no FTZ, which would apply despite embedded rounding; exceptions masked), the caller's
// put back at the end. Header-only, so the kernels' translation units inline it.
#if defined(__x86_64__) || defined(__i386__)
class PlainMxcsr {
 public:
  PlainMxcsr() : saved_(__builtin_ia32_stmxcsr()) { __builtin_ia32_ldmxcsr(0x1F80); }
  ~PlainMxcsr() { __builtin_ia32_ldmxcsr(saved_); }
  PlainMxcsr(const PlainMxcsr&) = delete;
  PlainMxcsr& operator=(const PlainMxcsr&) = delete;

 private:
  unsigned saved_;
};
#endif

// "MXCSR" or "FPCR" (or "" where unknown).
std::string fp_control_name();

// The bits that differ, in words: "MXCSR 0x1F80 -> 0x9FC0: FTZ (bit 15) set, DAZ (bit 6) set";
// "" when they are equal.
std::string describe_fp_control_change(FpControl before, FpControl after);

}  // namespace fpconform
