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
  const std::size_t step = n >= 1024 ? 256 : n >= 128 ? 32 : n >= 16 ? 4 : 1;
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

std::string line_chart(const std::string& label, const std::string& unit, const std::string& x_title,
                       const std::vector<std::string>& x_labels, const std::vector<LineSeries>& series) {
  constexpr double kWidth = 760, kLeft = 56, kRight = 16, kTop = 24, kPlot = 220, kAxis = 36, kEntry = 225,
                   kRow = 16;
  double lo = INFINITY, hi = 0;
  for (const LineSeries& l : series)
    for (double v : l.values)
      if (std::isfinite(v) && v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
  if (x_labels.empty() || hi <= 0) return {};
  const int bottom = static_cast<int>(std::floor(std::log10(lo)));
  const int top = std::max(static_cast<int>(std::ceil(std::log10(hi))), bottom + 1);
  const double plot_w = kWidth - kLeft - kRight;
  const std::size_t per_row = static_cast<std::size_t>(plot_w / kEntry);
  const std::size_t legend_rows = (series.size() + per_row - 1) / per_row;
  const double height = kTop + kPlot + kAxis + kRow * static_cast<double>(legend_rows) + 4;
  const auto x_of = [&](std::size_t i) {
    return kLeft + plot_w * (static_cast<double>(i) + 0.5) / static_cast<double>(x_labels.size());
  };
  const auto y_of = [&](double v) {
    const double d = v > 0 ? std::clamp(std::log10(v), double(bottom), double(top)) : double(bottom);
    return kTop + kPlot * (top - d) / (top - bottom);
  };
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                "role=\"img\" aria-label=\"",
                kWidth, height);
  std::string s = buf + html::escape(label) + "\">\n";
  for (int d = bottom; d <= top; ++d) {  // a grid line per decade: 0.1 1 10 ... 10000, then 1e5
    const double y = y_of(std::pow(10.0, d));
    char tick[16];
    if (d >= -1 && d <= 4) std::snprintf(tick, sizeof tick, "%g", std::pow(10.0, d));
    else std::snprintf(tick, sizeof tick, "1e%d", d);
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" class=\"grid\"/>"
                  "<text x=\"%.0f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>\n",
                  kLeft, y, kWidth - kRight, y, kLeft - 4, y + 3, tick);
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"12\" class=\"axis\">", kLeft - 40);
  s += buf + html::escape(unit) + ", log scale</text>\n";
  for (std::size_t i = 0; i < x_labels.size(); ++i) {
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.0f\" class=\"axis\" text-anchor=\"middle\">", x_of(i),
                  kTop + kPlot + 14);
    s += buf + html::escape(x_labels[i]) + "</text>\n";
  }
  std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"%.0f\" class=\"axis\" text-anchor=\"end\">", kWidth - kRight,
                kTop + kPlot + 28);
  s += buf + html::escape(x_title) + " →</text>\n";
  for (const LineSeries& l : series) {
    std::string cls = "k";  // built in steps: GCC 12 warns (-Wrestrict) on "k" + to_string(...)
    cls += std::to_string(l.colour % 6);
    if (l.dashed) cls += " dashed";
    std::string points, dots;
    for (std::size_t i = 0; i < x_labels.size() && i < l.values.size(); ++i) {
      const double v = l.values[i];
      if (!std::isfinite(v)) continue;
      std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", points.empty() ? "" : " ", x_of(i), y_of(v));
      points += buf;
      char value[64];
      std::snprintf(value, sizeof value, "%.4g", v);
      std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"s%zu\">", x_of(i), y_of(v),
                    l.colour % 6);
      dots += buf + std::string("<title>") +
              html::escape(l.name + ", " + x_labels[i] + ": " + value + " " + unit) + "</title></circle>";
    }
    s += "<polyline class=\"line " + cls + "\" points=\"" + points + "\"/>" + dots + "\n";
  }
  for (std::size_t k = 0; k < series.size(); ++k) {  // legend
    const double x = kLeft + kEntry * static_cast<double>(k % per_row);
    const double y = kTop + kPlot + kAxis + kRow * static_cast<double>(k / per_row);
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"line k%zu%s\"/>"
                  "<text x=\"%.0f\" y=\"%.0f\" class=\"axis\">",
                  x, y + 5, x + 22, y + 5, series[k].colour % 6, series[k].dashed ? " dashed" : "", x + 28, y + 9);
    s += buf + html::escape(series[k].name) + "</text>\n";
  }
  return s + "</svg>\n";
}

}  // namespace fpconform
