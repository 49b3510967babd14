#include <stdexcept>
#include <string>

#include "backends/named_registry.hpp"
#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

NamedRegistry<Backend>& registry() {
  static NamedRegistry<Backend> r;
  return r;
}

std::map<std::string, std::string>& library_versions() {
  static std::map<std::string, std::string> m;
  return m;
}

}  // namespace

bool register_backend(std::unique_ptr<Backend> b) {
  registry().add(std::move(b), "backend");
  return true;
}

std::span<const Backend* const> backends() { return registry().sorted(); }

const std::map<std::string, std::string>& libraries() { return library_versions(); }

bool register_library(std::string name, std::string version) {
  library_versions()[std::move(name)] = std::move(version);
  return true;
}

const Backend* find_backend(std::string_view name) { return registry().find(name); }

}  // namespace fpconform
