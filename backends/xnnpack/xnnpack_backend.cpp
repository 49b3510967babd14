// Peer: XNNPACK's convert operators (xnn_create_convert_nc_f32_f16 and _f16_f32), as TensorFlow
// Lite and PyTorch call them; XNNPACK picks its micro-kernel for the CPU when it initializes
// (F16C, AVX-512, or SSE/scalar integer code). One operator per thread and direction, set up
// per batch: an operator is not shared between threads. Inputs get the padding XNNPACK asks for.
#include <xnnpack.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

xnn_status initialized() {
  static const xnn_status s = xnn_initialize(nullptr);
  return s;
}

void check(xnn_status s, const char* what) {
  if (s != xnn_status_success)
    throw std::runtime_error(std::string("xnnpack: ") + what + " failed, status " + std::to_string(s));
}

struct Operators {
  xnn_operator_t to_half = nullptr, to_float = nullptr;
  ~Operators() {
    if (to_half) xnn_delete_operator(to_half);
    if (to_float) xnn_delete_operator(to_float);
  }
};
thread_local Operators ops;

void run_f32_to_f16(const void* in, void* out, std::size_t n) {
  if (!ops.to_half) check(xnn_create_convert_nc_f32_f16(1, 1, 1, 0, &ops.to_half), "create f32->f16");
  check(xnn_setup_convert_nc_f32_f16(ops.to_half, n, static_cast<const float*>(in), out, nullptr),
        "setup f32->f16");
  check(xnn_run_operator(ops.to_half, nullptr), "run f32->f16");
}

void run_f16_to_f32(const void* in, void* out, std::size_t n) {
  if (!ops.to_float) check(xnn_create_convert_nc_f16_f32(1, 1, 1, 0, &ops.to_float), "create f16->f32");
  check(xnn_setup_convert_nc_f16_f32(ops.to_float, n, in, static_cast<float*>(out), nullptr),
        "setup f16->f32");
  check(xnn_run_operator(ops.to_float, nullptr), "run f16->f32");
}

// XNNPACK may read XNN_EXTRA_BYTES past an input's end (xnnpack.h): all but the last few
// elements are converted where they lie, those through a copy with that much room after it.
template <std::size_t InBytes, std::size_t OutBytes, void (*Run)(const void*, void*, std::size_t)>
void padded(const void* in, void* out, std::size_t n) {
  constexpr std::size_t kTail = XNN_EXTRA_BYTES / InBytes + 1;
  const std::size_t head = n > kTail ? n - kTail : 0;
  if (head) Run(in, out, head);
  if (n == head) return;
  unsigned char src[kTail * InBytes + XNN_EXTRA_BYTES] = {}, dst[kTail * OutBytes];
  std::memcpy(src, static_cast<const unsigned char*>(in) + head * InBytes, (n - head) * InBytes);
  Run(src, dst, n - head);
  std::memcpy(static_cast<unsigned char*>(out) + head * OutBytes, dst, (n - head) * OutBytes);
}

class XnnpackBackend final : public Backend {
 public:
  std::string_view name() const override { return "xnnpack"; }
  std::string_view description() const override {
    return "XNNPACK's convert operators (TensorFlow Lite, PyTorch mobile): f32->f16 and f16->f32, "
           "the micro-kernel XNNPACK picks for this CPU";
  }
  BackendKind kind() const override { return BackendKind::peer; }
  bool implements(Op op, Rounding r) const override {
    return op == Op::f16_to_f32 || (op == Op::f32_to_f16 && r == Rounding::rne);
  }
  Availability available() const override {
    if (initialized() != xnn_status_success)
      return {false, "xnn_initialize failed (status " + std::to_string(initialized()) +
                         "): XNNPACK does not support this CPU"};
    return {true, ""};
  }
  std::span<const KnownDeviation> known_deviations() const override { return kKnown; }
  void convert(Op op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    if (op == Op::f32_to_f16) padded<4, 2, run_f32_to_f16>(in, out, n);
    else padded<2, 4, run_f16_to_f32>(in, out, n);
  }

 private:
  static constexpr std::array<KnownDeviation, 0> kKnown{};
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(XnnpackBackend);

}  // namespace fpconform
