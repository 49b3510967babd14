// FPCR and FPSR around a batch of conversions (aarch64 only): the mode is set for the batch and
// the caller's registers are put back, so no state leaks either way (STYLE.md habit 9).
//
// FPCR (Arm ARM, FPCR):  26 AHP  25 DN  24 FZ  23:22 RMode  19 FZ16  15,12:8 trap enables
//                        2 NEP  1 AH  0 FIZ (FEAT_AFP; RES0 without it, so writing 0 is safe)
// FPSR:                  7 IDC  4 IXC  3 UFC  2 OFC  1 DZC  0 IOC
#pragma once

#include <cstdint>

#include "fpconform/rounding.hpp"

#if defined(__aarch64__)

namespace fpconform::neon {

inline std::uint64_t read_fpcr() {
  std::uint64_t v;
  asm volatile("mrs %0, fpcr" : "=r"(v));
  return v;
}
// "memory": loads and stores of the batch stay on their side of the write, and with them the
// conversions between a load and a store.
inline void write_fpcr(std::uint64_t v) { asm volatile("msr fpcr, %0" : : "r"(v) : "memory"); }
inline std::uint64_t read_fpsr() {
  std::uint64_t v;
  asm volatile("mrs %0, fpsr" : "=r"(v));
  return v;
}
inline void write_fpsr(std::uint64_t v) { asm volatile("msr fpsr, %0" : : "r"(v) : "memory"); }

inline constexpr std::uint64_t kAhp = 1u << 26, kDn = 1u << 25, kFz = 1u << 24, kFz16 = 1u << 19;
inline constexpr int kRModeShift = 22;

// FPCR.RMode: 00 RN (ties to even), 01 RP (toward +inf), 10 RM (toward -inf), 11 RZ.
// Arm has no ties-away mode for FCVT/BFCVT; rna is never asked for (implements() says false).
constexpr std::uint64_t rmode(Rounding r) {
  switch (r) {
    case Rounding::rup: return 1;
    case Rounding::rdn: return 2;
    case Rounding::rtz: return 3;
    default: return 0;
  }
}

// The whole FPCR a batch runs under: IEEE half precision (AHP=0), NaNs propagated (DN=0), traps
// off, FEAT_AFP's alternative behaviour off (AH=FIZ=NEP=0), the rounding mode, and FZ=FZ16=flush.
constexpr std::uint64_t fpcr_for(Rounding r, bool flush) {
  return rmode(r) << kRModeShift | (flush ? kFz | kFz16 : 0);
}

// IEEE flags from FPSR's cumulative bits. IDC (input denormal flushed under FZ) has no IEEE 754
// flag and is not reported; DZC (divide by zero, FDIV only: never a conversion) is kInfinite.
inline Flags flags_from_fpsr(std::uint64_t fpsr) {
  return static_cast<Flags>((fpsr & 1 ? kInvalid : 0) | (fpsr & 2 ? kInfinite : 0) |
                            (fpsr & 4 ? kOverflow : 0) |
                            (fpsr & 8 ? kUnderflow : 0) | (fpsr & 16 ? kInexact : 0));
}

// Sets FPCR for one batch and restores the caller's FPCR and FPSR on every way out.
class FpcrScope {
 public:
  explicit FpcrScope(std::uint64_t fpcr) : fpcr_(read_fpcr()), fpsr_(read_fpsr()) {
    write_fpcr(fpcr);
  }
  ~FpcrScope() {
    write_fpcr(fpcr_);
    write_fpsr(fpsr_);
  }
  FpcrScope(const FpcrScope&) = delete;
  FpcrScope& operator=(const FpcrScope&) = delete;

 private:
  std::uint64_t fpcr_, fpsr_;
};

}  // namespace fpconform::neon

#endif
