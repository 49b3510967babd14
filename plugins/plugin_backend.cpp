#include "plugins/plugin_backend.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace fpconform {

std::string PluginBackend::repro_args() const {
  const std::string path = std::filesystem::absolute(info_.path).lexically_normal().string();
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/._+-").find(c) != std::string_view::npos;
  });
  if (plain) return "--plugin " + path;
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return "--plugin " + quoted + "'";
}

// The ABI numbers operations and modes as fpconform's enumerations do.
static_assert(FPCONFORM_F16_TO_F32 == static_cast<int>(Op::f16_to_f32));
static_assert(FPCONFORM_E5M2_TO_F32 == static_cast<int>(Op::e5m2_to_f32));
static_assert(FPCONFORM_F32_TO_F16 == static_cast<int>(Op::f32_to_f16));
static_assert(FPCONFORM_F32_TO_TF32 == static_cast<int>(Op::f32_to_tf32));
static_assert(FPCONFORM_F32_TO_E5M2_SAT == static_cast<int>(Op::f32_to_e5m2_sat));
static_assert(FPCONFORM_F16_ADD == static_cast<int>(Op::f16_add));
static_assert(FPCONFORM_F16_SUB == static_cast<int>(Op::f16_sub));
static_assert(FPCONFORM_F16_MUL == static_cast<int>(Op::f16_mul));
static_assert(FPCONFORM_F16_DIV == static_cast<int>(Op::f16_div));
static_assert(FPCONFORM_F16_SQRT == static_cast<int>(Op::f16_sqrt));
static_assert(FPCONFORM_BF16_ADD == static_cast<int>(Op::bf16_add));
static_assert(FPCONFORM_BF16_SUB == static_cast<int>(Op::bf16_sub));
static_assert(FPCONFORM_BF16_MUL == static_cast<int>(Op::bf16_mul));
static_assert(FPCONFORM_BF16_DIV == static_cast<int>(Op::bf16_div));
static_assert(FPCONFORM_BF16_SQRT == static_cast<int>(Op::bf16_sqrt));
static_assert(FPCONFORM_F16_MULADD == static_cast<int>(Op::f16_mulAdd));
static_assert(FPCONFORM_BF16_MULADD == static_cast<int>(Op::bf16_mulAdd));
static_assert(FPCONFORM_E4M3FNUZ_TO_F32 == static_cast<int>(Op::e4m3fnuz_to_f32));
static_assert(FPCONFORM_F32_TO_E4M3FNUZ == static_cast<int>(Op::f32_to_e4m3fnuz));
static_assert(FPCONFORM_F64_TO_F32 == static_cast<int>(Op::f64_to_f32));
static_assert(FPCONFORM_F64_TO_E5M2FNUZ == static_cast<int>(Op::f64_to_e5m2fnuz));
static_assert(std::size_t{FPCONFORM_F64_TO_E2M1} + 1 == kOps.size());  // ABI 3: every op fpconform has
static_assert(FPCONFORM_RNE == static_cast<int>(Rounding::rne));
static_assert(FPCONFORM_RTZ == static_cast<int>(Rounding::rtz));
static_assert(FPCONFORM_RDN == static_cast<int>(Rounding::rdn));
static_assert(FPCONFORM_RUP == static_cast<int>(Rounding::rup));
static_assert(FPCONFORM_RNA == static_cast<int>(Rounding::rna));
static_assert(sizeof(Flags) == sizeof(std::uint8_t));
static_assert(FPCONFORM_NAN_X86 == static_cast<int>(NanPolicy::x86));
static_assert(FPCONFORM_NAN_ARM == static_cast<int>(NanPolicy::arm));
static_assert(FPCONFORM_NAN_ARM_DEFAULT_NAN == static_cast<int>(NanPolicy::arm_default_nan));
static_assert(FPCONFORM_NAN_CANONICAL == static_cast<int>(NanPolicy::canonical));

namespace {

std::string described(const PluginInfo& i) {
  return "plug-in " + i.path + (i.description.empty() ? "" : ": " + i.description);
}

class PluginGemmKernel : public GemmKernel {
 public:
  PluginGemmKernel(Subject& subject, GemmShape shape, IntType a_type, const std::int8_t* b)
      : subject_(subject), shape_(shape), a_type_(a_type),
        b_(b, b + std::size_t(shape.k) * std::size_t(shape.n)) {}

  void run(const void* a, std::int32_t* c, int /*threads*/) const override {
    subject_.gemm(a_type_ == IntType::u8, shape_.m, shape_.n, shape_.k, a, b_.data(), c);
  }

 private:
  Subject& subject_;
  GemmShape shape_;
  IntType a_type_;
  std::vector<std::int8_t> b_;
};

}  // namespace

PluginBackend::PluginBackend(PluginInfo info, std::shared_ptr<Subject> subject)
    : info_(std::move(info)), description_(described(info_)), subject_(std::move(subject)) {}

bool PluginBackend::implements(Op op, Rounding r) const {
  const auto& pairs = is_arithmetic(op) ? info_.arithmetic : info_.conversions;
  return std::any_of(pairs.begin(), pairs.end(), [&](const auto& c) {
    return c.first == op && (is_widening(op) || c.second == r);
  });
}

void PluginBackend::convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
                            Flags* flags) const {
  subject_->convert(op, r, in, out, n, info_.reports_flags ? flags : nullptr);
}

PluginInt8Backend::PluginInt8Backend(PluginInfo info, std::shared_ptr<Subject> subject)
    : info_(std::move(info)), description_(described(info_)), subject_(std::move(subject)) {}

bool PluginInt8Backend::multiplies(IntType a_type) const {
  return info_.gemm_a_types & (a_type == IntType::u8 ? FPCONFORM_GEMM_U8_A : FPCONFORM_GEMM_S8_A);
}

std::unique_ptr<GemmKernel> PluginInt8Backend::prepare(GemmShape shape, IntType a_type,
                                                       const std::int8_t* b) const {
  return std::make_unique<PluginGemmKernel>(*subject_, shape, a_type, b);
}

Subject& subject_of(const Backend& b) {
  const auto* p = dynamic_cast<const PluginBackend*>(&b);
  if (!p) throw std::logic_error(std::string(b.name()) + " is not a plug-in");
  return p->subject();
}

Subject& subject_of(const Int8Backend& b) {
  const auto* p = dynamic_cast<const PluginInt8Backend*>(&b);
  if (!p) throw std::logic_error(std::string(b.name()) + " is not a plug-in");
  return p->subject();
}

}  // namespace fpconform
