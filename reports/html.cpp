#include "reports/html.hpp"

#include <cstdint>
#include <cstdio>

namespace fpconform::html {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

std::string compact(std::uint64_t n) {
  if (n < 10000) return std::to_string(n);
  const char* units = "kMGT";
  double v = static_cast<double>(n);
  int u = -1;
  while (v >= 999.95 && u < 3) {
    v /= 1000;
    ++u;
  }
  char s[32];
  std::snprintf(s, sizeof s, v < 99.95 ? "%.1f%c" : "%.0f%c", v, units[u]);
  return s;
}

}  // namespace fpconform::html
