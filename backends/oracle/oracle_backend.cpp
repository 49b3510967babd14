// The oracle as a backend: the one that reports flags from the start, and the yardstick that
// proves the comparison machinery itself agrees with the reference.
#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/arith.hpp"

namespace fpconform {
namespace {

class OracleBackend final : public Backend {
 public:
  std::string_view name() const override { return "oracle"; }
  std::string_view description() const override {
    return "fpconform's integer-only soft-float reference";
  }
  BackendKind kind() const override { return BackendKind::reference; }
  bool implements(Op, Rounding) const override { return true; }
  bool reports_flags() const override { return true; }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags* flags) const override {
    const OpInfo& i = info(op);
    // The input word: the source container, or an arithmetic op's operands side by side.
    for (std::size_t k = 0; k < n; ++k) {
      const oracle::Result res =
          oracle::evaluate(op, load_word(input_bits(op), in, k), r, tininess(), nan_policy());
      store_container(*i.dst, out, k, res.bits);
      if (flags) flags[k] = res.flags;
    }
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(OracleBackend);

}  // namespace fpconform
