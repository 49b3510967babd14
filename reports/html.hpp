// Writing HTML by hand, safely: every string that reaches the page goes through escape().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fpconform::html {

// Text and attribute values: & < > " ' become entities; control characters other than tab and
// newline (not allowed in HTML text) become U+FFFD.
std::string escape(std::string_view s);

// 1234 -> "1234", 12345 -> "12.3k", 4.0e9 -> "4.0G": what fits in a matrix cell.
std::string compact(std::uint64_t n);

}  // namespace fpconform::html
