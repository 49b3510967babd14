#include "reports/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html.hpp"

namespace fpconform {

std::string exponent_chart(const Format& src, const std::vector<std::uint64_t>& by_exponent) {
  constexpr double kWidth = 760, kHeight = 150, kLeft = 44, kBottom = 30, kTop = 8;
  const std::size_t n = by_exponent.size();
  const std::uint64_t most = n ? *std::max_element(by_exponent.begin(), by_exponent.end()) : 0;
  if (!most) return {};
  const double decades = std::max(1.0, std::ceil(std::log10(static_cast<double>(most) + 1)));
  const double plot_w = kWidth - kLeft - 8, plot_h = kHeight - kBottom - kTop;
  const double bar_w = plot_w / static_cast<double>(n);
  const auto height = [&](std::uint64_t v) {
    return v ? plot_h * std::log10(static_cast<double>(v) + 1) / decades : 0.0;
  };
  const auto y_of = [&](double h) { return kTop + plot_h - h; };

  std::string s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                  std::to_string(static_cast<int>(kWidth)) + "\" height=\"" +
                  std::to_string(static_cast<int>(kHeight)) + "\" role=\"img\" aria-label=\"" +
                  "deviations by input exponent\">\n";
  char buf[256];
  for (int d = 0; d <= static_cast<int>(decades); ++d) {  // 1, 10, 100, ... grid lines
    const double y = y_of(plot_h * d / decades);
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" class=\"grid\"/>"
                  "<text x=\"%.0f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">1e%d</text>\n",
                  kLeft, y, kWidth - 8, y, kLeft - 4, y + 3, d);
    s += buf;
  }
  const int bias = src.bias;
  const std::size_t top = n - 1;
  for (std::size_t e = 0; e < n; ++e) {
    const std::uint64_t v = by_exponent[e];
    if (!v) continue;
    const double h = std::max(height(v), 1.0);
    const std::string binade =
        e == 0 ? "zero and subnormals"
        : e == top && src.specials == Specials::ieee
            ? "infinity and NaN"
            : "2^" + std::to_string(static_cast<int>(e) - bias);
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" class=\"bar\">",
                  kLeft + bar_w * static_cast<double>(e), y_of(h), std::max(bar_w - 0.3, 0.6), h);
    s += buf;
    s += "<title>exponent " + std::to_string(e) + " (" + html::escape(binade) + "): " +
         std::to_string(v) + " deviations</title></rect>\n";
  }
  // Ticks: the ends and every power of two in between that fits.
  const std::size_t step = n >= 128 ? 32 : n >= 16 ? 4 : 1;
  for (std::size_t e = 0; e < n; e += step) {
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">%s</text>\n",
                  kLeft + bar_w * (static_cast<double>(e) + 0.5), kHeight - kBottom + 13,
                  e == 0 ? "sub" : ("2^" + std::to_string(static_cast<int>(e) - bias)).c_str());
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.0f\" class=\"axis\" text-anchor=\"end\">%s</text>\n",
                kWidth - 8, kHeight - kBottom + 26,
                src.specials == Specials::ieee ? "right end: inf/NaN; input exponent (binade) →"
                                               : "input exponent (binade) →");
  s += buf;
  s += "</svg>\n";
  return s;
}

std::string bar_chart(const std::string& label, const std::string& unit,
                      const std::vector<std::string>& groups, const std::vector<BarSeries>& series) {
  constexpr double kWidth = 760, kRight = 90, kBar = 13, kGap = 8, kLegend = 22;
  std::size_t longest = 0;  // labels are 10px text: about 6px a character
  for (const std::string& g : groups) longest = std::max(longest, g.size());
  const double kLeft = std::clamp(6.0 * static_cast<double>(longest) + 12, 120.0, 360.0);
  double most = 0;
  for (const BarSeries& b : series)
    for (double v : b.values)
      if (std::isfinite(v)) most = std::max(most, v);
  if (groups.empty() || series.empty() || most <= 0) return {};
  const double plot_w = kWidth - kLeft - kRight;
  const double group_h = kBar * static_cast<double>(series.size()) + kGap;
  const double height = kLegend + group_h * static_cast<double>(groups.size()) + 4;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                "height=\"%.0f\" role=\"img\" aria-label=\"",
                kWidth, height);
  std::string s = buf + html::escape(label) + "\">\n";
  for (std::size_t k = 0; k < series.size(); ++k) {  // legend
    std::snprintf(buf, sizeof buf, "<rect x=\"%.0f\" y=\"4\" width=\"10\" height=\"10\" class=\"s%zu\"/>"
                  "<text x=\"%.0f\" y=\"13\" class=\"axis\">",
                  kLeft + 120.0 * static_cast<double>(k), k % 6, kLeft + 120.0 * static_cast<double>(k) + 14);
    s += buf + html::escape(series[k].name) + "</text>\n";
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double y0 = kLegend + group_h * static_cast<double>(g);
    std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">",
                  kLeft - 6, y0 + group_h / 2);
    s += buf + html::escape(groups[g]) + "</text>\n";
    for (std::size_t k = 0; k < series.size(); ++k) {
      const double v = g < series[k].values.size() ? series[k].values[g] : NAN;
      if (!std::isfinite(v)) continue;
      const double w = std::max(plot_w * v / most, 1.0);
      const double y = y0 + kBar * static_cast<double>(k);
      char value[64];
      std::snprintf(value, sizeof value, "%.4g", v);
      std::snprintf(buf, sizeof buf,
                    "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" class=\"s%zu\">",
                    kLeft, y, w, kBar - 2, k % 6);
      s += buf + std::string("<title>") + html::escape(groups[g] + ", " + series[k].name + ": " + value + " " + unit) +
           "</title></rect>";
      std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\">", kLeft + w + 4, y + kBar - 4);
      s += buf + html::escape(std::string(value) + " " + unit) + "</text>\n";
    }
  }
  return s + "</svg>\n";
}

}  // namespace fpconform
