#include "backends/named_registry.hpp"
#include "fpconform/dot_backend.hpp"

namespace fpconform {
namespace {

NamedRegistry<DotBackend>& registry() {
  static NamedRegistry<DotBackend> r;
  return r;
}

}  // namespace

bool register_dot_backend(std::unique_ptr<DotBackend> b) {
  registry().add(std::move(b), "dot backend");
  return true;
}

std::span<const DotBackend* const> dot_backends() { return registry().sorted(); }

const DotBackend* find_dot_backend(std::string_view name) { return registry().find(name); }

}  // namespace fpconform
