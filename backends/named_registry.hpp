// The one registry behind backends() and int8_backends(): owned instances kept sorted by name,
// a name registered twice refused.
#pragma once

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fpconform {

template <typename T>
class NamedRegistry {
 public:
  void add(std::unique_ptr<T> item, std::string_view what) {
    if (find(item->name()) != nullptr)
      throw std::logic_error(std::string(what) + " registered twice: " + std::string(item->name()));
    sorted_.push_back(item.get());
    owned_.push_back(std::move(item));
    std::sort(sorted_.begin(), sorted_.end(), [](const T* x, const T* y) { return x->name() < y->name(); });
  }
  const std::vector<const T*>& sorted() const { return sorted_; }
  const T* find(std::string_view name) const {
    for (const T* t : sorted_)
      if (t->name() == name) return t;
    return nullptr;
  }

 private:
  std::vector<std::unique_ptr<T>> owned_;
  std::vector<const T*> sorted_;
};

}  // namespace fpconform
