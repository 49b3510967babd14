// oneDNN's matmul with bf16 (or f16) A and B into an f32 C, as a dot-product unit: a batch of
// dot products is one GEMM whose row j of A and column j of B are product j's vectors, and C's
// diagonal is its c, added by the post-op sum (C = A B + C). Only the diagonal is read; the GEMM
// is as large as a real one (4096 x 4096 x k per batch), so oneDNN picks its real kernel. Its f32
// matmul takes tf32 operands (their products are exact in binary32): how an FP32 GEMM, the
// reference a TF32 GEMM is usually compared with, accumulates.
#include <cstring>
#include <string>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "backends/dot_operands.hpp"
#include "fpconform/dot_backend.hpp"

namespace fpconform {
namespace {

using dnnl::memory;
using Dt = memory::data_type;
using Tag = memory::format_tag;

dnnl::matmul::primitive_desc describe(const dnnl::engine& e, Dt in, memory::dim n, memory::dim k) {
  const memory::desc a({n, k}, in, Tag::ab);
  const memory::desc b({k, n}, in, Tag::ba);  // column j is product j's b, contiguous
  const memory::desc c({n, n}, Dt::f32, Tag::ab);
  dnnl::post_ops ops;
  ops.append_sum(1.0f);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  return dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b, c), attr, e);
}

class OneDnnDot final : public DotBackend {
 public:
  OneDnnDot(const Format& f, Dt dt, std::string name) : format_(f), dt_(dt), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override {
    return dt_ == Dt::f32 ? "oneDNN f32 matmul fed tf32 numbers, f32 C with the sum post-op; the kernel is oneDNN's choice"
                          : "oneDNN matmul, 16-bit A and B into f32 C with the sum post-op; the kernel is oneDNN's choice";
  }
  BackendKind kind() const override { return BackendKind::peer; }
  Availability available() const override {
    try {
      const dnnl::engine e(dnnl::engine::kind::cpu, 0);
      describe(e, dt_, 64, 64);
      return {};
    } catch (const dnnl::error& err) {
      return {false, "oneDNN builds no " + std::string(format_.name) + " matmul here: " + err.what()};
    }
  }
  bool takes(const Format& in) const override { return &in == &format_; }

  void dot(const Format&, int k, const std::uint32_t* a, const std::uint32_t* b,
           const std::uint32_t* c, std::uint32_t* d, std::size_t count) const override {
    const dnnl::engine e(dnnl::engine::kind::cpu, 0);
    const auto n = static_cast<memory::dim>(count);
    const auto pd = describe(e, dt_, n, k);
    std::vector<float> out(count * count, 0.0f);
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&out[j * count + j], &c[j], 4);
    dnnl::stream s(e);
    const std::size_t used = count * static_cast<std::size_t>(k);
    std::vector<std::uint16_t> pa, pb;
    void* ap = const_cast<std::uint32_t*>(a);
    void* bp = const_cast<std::uint32_t*>(b);
    if (dt_ != Dt::f32) {
      pa = packed_operands<std::uint16_t>(a, used);
      pb = packed_operands<std::uint16_t>(b, used);
      ap = pa.data();
      bp = pb.data();
    }
    memory am(pd.src_desc(), e, ap);
    memory bm(pd.weights_desc(), e, bp);
    memory cm(pd.dst_desc(), e, out.data());
    dnnl::matmul(pd).execute(s, {{DNNL_ARG_SRC, am}, {DNNL_ARG_WEIGHTS, bm}, {DNNL_ARG_DST, cm}});
    s.wait();
    for (std::size_t j = 0; j < count; ++j) std::memcpy(&d[j], &out[j * count + j], 4);
  }

 private:
  const Format& format_;
  Dt dt_;
  std::string name_;
};

FPCONFORM_REGISTER_DOT_BACKEND(OneDnnDot, kBfloat16, Dt::bf16, "onednn-bf16");
FPCONFORM_REGISTER_DOT_BACKEND(OneDnnDot, kBinary16, Dt::f16, "onednn-f16");
FPCONFORM_REGISTER_DOT_BACKEND(OneDnnDot, kTf32, Dt::f32, "onednn-f32");

}  // namespace
}  // namespace fpconform
