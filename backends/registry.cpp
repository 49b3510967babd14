#include <algorithm>
#include <stdexcept>
#include <string>

#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

struct Registry {
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<const Backend*> sorted;
};

Registry& registry() {
  static Registry r;
  return r;
}

std::map<std::string, std::string>& library_versions() {
  static std::map<std::string, std::string> m;
  return m;
}

}  // namespace

bool register_backend(std::unique_ptr<Backend> b) {
  Registry& r = registry();
  if (find_backend(b->name()) != nullptr)
    throw std::logic_error("backend registered twice: " + std::string(b->name()));
  r.sorted.push_back(b.get());
  r.owned.push_back(std::move(b));
  std::sort(r.sorted.begin(), r.sorted.end(),
            [](const Backend* x, const Backend* y) { return x->name() < y->name(); });
  return true;
}

std::span<const Backend* const> backends() { return registry().sorted; }

const std::map<std::string, std::string>& libraries() { return library_versions(); }

bool register_library(std::string name, std::string version) {
  library_versions()[std::move(name)] = std::move(version);
  return true;
}

const Backend* find_backend(std::string_view name) {
  for (const Backend* b : registry().sorted)
    if (b->name() == name) return b;
  return nullptr;
}

}  // namespace fpconform
