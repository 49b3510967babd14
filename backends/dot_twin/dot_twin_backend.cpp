// Software twins: each named accumulation model computed by the oracle itself, so that the
// probes and the bit-exact check are tested on every CPU against units whose model is known.
#include <string>

#include "fpconform/dot_backend.hpp"
#include "oracles/dot/dot_model.hpp"

namespace fpconform {
namespace {

class DotTwin final : public DotBackend {
 public:
  explicit DotTwin(const oracle::NamedDotModel& m)
      : model_(m), name_("twin-" + std::string(m.name)),
        description_("software twin of " + std::string(m.name) + ": " + oracle::describe(m.model)) {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::reference; }
  bool takes(const Format& in) const override { return model_.takes(in); }
  std::string_view declared_model() const override { return model_.name; }

  void dot(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b,
           const std::uint32_t* c, std::uint32_t* d, std::size_t count) const override {
    const auto n = static_cast<std::size_t>(k);
    for (std::size_t j = 0; j < count; ++j)
      d[j] = oracle::dot(model_.model, in, {a + j * n, n}, {b + j * n, n}, c[j]);
  }

 private:
  const oracle::NamedDotModel& model_;
  std::string name_, description_;
};

bool register_twins() {
  for (const oracle::NamedDotModel& m : oracle::named_dot_models())
    register_dot_backend(std::make_unique<DotTwin>(m));
  return true;
}

[[maybe_unused]] const bool registered = register_twins();

}  // namespace
}  // namespace fpconform
