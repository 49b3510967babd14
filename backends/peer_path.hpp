// A peer library's code path as data: its batch kernels per operation, the CPU features the
// path was built for, and the deviations it declares. The libraries convert by rounding to
// nearest even only, so one class serves every such path; each backend folder keeps its own
// tables and registration lines.
#pragma once

#include <cstring>
#include <span>
#include <string_view>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

namespace fpconform {

using Kernel = void (*)(const void* in, void* out, std::size_t n);

// A batch kernel from a library's per-element function: containers in, containers out (memcpy
// keeps unaligned buffers legal).
template <typename In, typename Out, Out (*Convert)(In)>
void element_batch(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    In a;
    std::memcpy(&a, src + i * sizeof(In), sizeof(In));
    const Out b = Convert(a);
    std::memcpy(dst + i * sizeof(Out), &b, sizeof(Out));
  }
}

struct OpKernel {
  Op op;
  Kernel fn;
};

struct PeerPath {
  std::string_view name;
  std::string_view description;
  std::span<const std::string_view> features;  // empty: baseline x86-64, runs anywhere
  std::span<const OpKernel> kernels;
  std::span<const KnownDeviation> known;
};

class PeerPathBackend final : public Backend {
 public:
  explicit PeerPathBackend(const PeerPath& p) : p_(p) {}
  std::string_view name() const override { return p_.name; }
  std::string_view description() const override { return p_.description; }
  BackendKind kind() const override { return BackendKind::peer; }
  // A peer's arithmetic goes through the host's binary32 unit and inherits its NaN rule: x86's
  // is declared (nan_policy()). On aarch64 the rule is Arm's and the NaNs' payloads differ again
  // after the library's narrowing: not offered there until measured and baselined on that host.
  bool implements(Op op, Rounding r) const override {
#if !(defined(__x86_64__) || defined(__i386__))
    if (is_arithmetic(op)) return false;
#endif
    return kernel(op) != nullptr && (is_widening(op) || r == Rounding::rne);
  }
  Availability available() const override { return require_cpu(p_.features); }
  std::span<const KnownDeviation> known_deviations() const override { return p_.known; }

  void convert(Op op, Rounding, const void* in, void* out, std::size_t n,
               Flags*) const override {
    kernel(op)(in, out, n);
  }

 private:
  Kernel kernel(Op op) const {
    for (const OpKernel& k : p_.kernels)
      if (k.op == op) return k.fn;
    return nullptr;
  }
  const PeerPath& p_;
};

}  // namespace fpconform
