// GoogleTest names allow only [A-Za-z0-9_]: backend names like "mutant-rna" become mutant_rna.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace fpconform {

inline std::string test_name(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return out;
}

}  // namespace fpconform
