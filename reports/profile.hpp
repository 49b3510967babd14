// Profiles: which deviation kinds are tolerated, each with the clause that allows it.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "fpconform/deviation.hpp"

namespace fpconform {

struct Tolerance {
  DeviationKind kind;
  std::string_view clause;  // why it is allowed
};

struct Profile {
  std::string_view name;
  std::string_view description;
  std::span<const Tolerance> tolerated;

  bool tolerates(DeviationKind k) const;
};

std::span<const Profile> profiles();  // strict, ieee, ftz, any-nan
std::optional<Profile> parse_profile(std::string_view name);

}  // namespace fpconform
