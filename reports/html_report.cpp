#include "reports/html_report.hpp"

#include <cstdio>

#include "fpconform/operation.hpp"
#include "reports/repro.hpp"
#include "reports/fields.hpp"
#include "reports/html.hpp"
#include "reports/svg_chart.hpp"

namespace fpconform {
namespace {

using html::compact;
using html::escape;

constexpr const char* kStyle = R"css(
body { font: 14px/1.4 "DejaVu Sans", Arial, sans-serif; margin: 0 24px 40px; color: #222; }
h1 { font-size: 22px; margin: 16px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; }
h3 { font-size: 15px; margin: 18px 0 6px; }
code, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
header { padding: 8px 16px 12px; border-left: 8px solid #999; background: #f6f6f6; }
header.deviates { border-color: #c62828; } header.conforms { border-color: #2e7d32; }
.verdict { font-size: 18px; font-weight: bold; margin: 4px 0 8px; }
header.deviates .verdict { color: #b71c1c; } header.conforms .verdict { color: #1b5e20; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { font-weight: bold; color: #555; } dd { margin: 0; }
nav a { margin-right: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 8px; }
.card { border: 1px solid #ccc; border-top: 6px solid #999; padding: 6px 10px; background: #fff; }
.card h3 { margin: 2px 0; font-size: 14px; word-break: break-all; }
.card p { margin: 2px 0; font-size: 12px; }
.card .word { font-weight: bold; text-transform: uppercase; font-size: 12px; }
.card.conforms { border-top-color: #2e7d32; } .card.conforms .word { color: #1b5e20; }
.card.deviates { border-top-color: #c62828; } .card.deviates .word { color: #b71c1c; }
.card.skipped { border-top-color: #9e9e9e; } .card.skipped .word { color: #616161; }
.card.unimplemented { border-top-color: #e0e0e0; } .card.unimplemented .word { color: #9e9e9e; }
table { border-collapse: collapse; } th, td { padding: 2px 6px; border: 1px solid #ddd; text-align: left; }
th { background: #f2f2f2; font-weight: 600; }
#matrix { font-size: 12px; } #matrix th.op { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
#matrix tbody { border-top: 2px solid #999; }
td.cell { text-align: center; min-width: 44px; }
td.cell a { color: inherit; text-decoration: none; display: block; }
.passed { background: #c8e6c9; color: #1b5e20; } .failed { background: #ffcdd2; color: #b71c1c; font-weight: bold; }
.baselined { background: #fff59d; color: #6d4c00; } .skipped { background: #eeeeee; color: #757575; }
.unimplemented { background: #fff; color: #c8c8c8; }
.exact { background: #c8e6c9; color: #1b5e20; } .declared { background: #fff59d; color: #6d4c00; }
td.matrixcell { white-space: pre; font-size: 12px; vertical-align: top; }
td.matrixcell.backend { font-weight: 600; }
th { white-space: pre-line; vertical-align: bottom; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid #ddd; font-size: 12px; }
#runs-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
section.run { border-left: 4px solid #c62828; padding: 0 12px 8px; margin: 16px 0; background: #fffafa; }
section.run.accepted { border-left-color: #f9a825; background: #fffdf2; }
.small { font-size: 12px; color: #555; }
svg.chart .bar { fill: #c62828; } svg.chart .grid { stroke: #e0e0e0; } svg.chart .axis { font-size: 10px; fill: #555; }
svg.chart .s0 { fill: #1565c0; } svg.chart .s1 { fill: #ef6c00; } svg.chart .s2 { fill: #2e7d32; }
svg.chart .s3 { fill: #6a1b9a; } svg.chart .s4 { fill: #00838f; } svg.chart .s5 { fill: #9e9d24; }
svg.chart .line { fill: none; stroke-width: 2; } svg.chart .dashed { stroke-dasharray: 5 3; }
svg.chart .k0 { stroke: #1565c0; } svg.chart .k1 { stroke: #ef6c00; } svg.chart .k2 { stroke: #2e7d32; }
svg.chart .k3 { stroke: #6a1b9a; } svg.chart .k4 { stroke: #00838f; } svg.chart .k5 { stroke: #9e9d24; }
.examples td { vertical-align: top; }
footer { margin-top: 32px; font-size: 12px; color: #777; }
)css";

std::string tag(const char* name, const std::string& attrs, const std::string& body) {
  return std::string("<") + name + (attrs.empty() ? "" : " " + attrs) + ">" + body + "</" + name + ">";
}

std::string status_class(Status s, std::uint64_t baselined) {
  if (s == Status::passed && baselined) return "baselined";
  return std::string(name(s));
}

std::string cell_text(const MatrixCell& c) {
  switch (c.status) {
    case Status::failed: return compact(c.untolerated);
    case Status::passed: return c.baselined ? "≈" + compact(c.baselined) : compact(c.mismatches);
    case Status::skipped: return "skip";
    case Status::unimplemented: return "·";
  }
  return "";
}

std::string machine_line(const Machine& m) {
  std::string s = m.cpu_model.empty() ? "unknown CPU" : m.cpu_model;
  if (m.cores) s += ", " + std::to_string(m.cores) + " threads";
  if (!m.cpu_flags.empty()) s += "; flags: " + m.cpu_flags;
  return s;
}

std::string header(const Report& r) {
  std::string dl;
  const auto item = [&](const std::string& term, const std::string& html_value) {
    dl += "<dt>" + escape(term) + "</dt><dd>" + html_value + "</dd>";
  };
  item("profile", escape(std::string(r.profile.name)) + " — " + escape(std::string(r.profile.description)));
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    const Source& s = r.sources[i];
    const std::string n = r.sources.size() > 1 ? " " + std::to_string(i + 1) : "";
    if (!s.file.empty()) item("results" + n, "<code>" + escape(s.file) + "</code>");
    item("command" + n, "<code>" + escape(s.command) + "</code>");
    item("date" + n, escape(s.date.empty() ? "not recorded" : s.date));
    item("machine" + n, escape(machine_line(s.machine)));
    item("compiler" + n, escape(s.machine.compiler) + (s.machine.os.empty() ? "" : " on " + escape(s.machine.os)));
    std::string libs;
    for (const auto& [lib, version] : s.machine.libraries)
      libs += (libs.empty() ? "" : ", ") + escape(lib) + " " + escape(version);
    item("libraries" + n, libs.empty() ? "not recorded" : libs);
    item("GPU" + n, escape(s.machine.gpu.empty() ? "none seen" : s.machine.gpu));
  }
  return "<header id=\"summary\" class=\"" + std::string(name(r.verdict)) + "\">" +
         tag("h1", "", escape(r.title)) + tag("p", "class=\"verdict\" id=\"verdict\"", escape(r.verdict_line)) +
         tag("dl", "", dl) + "</header>\n";
}

std::string cards(const Report& r) {
  std::string s = "<section id=\"verdicts\"><h2>Backends</h2><div class=\"cards\">\n";
  for (const BackendCard& c : r.cards) {
    const std::string v(name(c.verdict));
    const bool accepted = c.verdict == Verdict::conforms && c.baselined;
    std::string body = tag("h3", "", escape(c.backend)) +
                       tag("p", "class=\"word\"", escape(v) + (accepted ? " under baseline" : ""));
    if (!c.description.empty()) body += tag("p", "class=\"small\"", escape(c.description));
    // Unimplemented pairs are no runs; only results files written before that may hold some.
    body += tag("p", "", std::to_string(c.passed) + " passed, " + std::to_string(c.failed) + " failed, " +
                             std::to_string(c.skipped) + " skipped" +
                             (c.unimplemented ? ", " + std::to_string(c.unimplemented) + " unimplemented" : ""));
    if (c.baselined) body += tag("p", "", compact(c.baselined) + " deviations accepted by the baseline");
    if (!c.kinds.empty()) {
      std::string kinds;
      for (const auto& [k, n] : c.kinds)
        kinds += (kinds.empty() ? "" : ", ") + escape(std::string(name(k))) + " " + compact(n);
      body += tag("p", "", "kinds: " + kinds);
    }
    for (const std::string& why : c.skip_reasons) body += tag("p", "class=\"small\"", "skipped: " + escape(why));
    s += "<div class=\"card " + v + "\" data-backend=\"" + escape(c.backend) + "\" data-verdict=\"" + v +
         "\">" + body + "</div>\n";
  }
  return s + "</div></section>\n";
}

// A run has a detail section when it has deviations, or failed without any (a plug-in that
// crashed, a stale baseline entry), or left problems or output: that is where its reasons are.
bool has_detail(const Run& run) {
  return run.mismatches || run.status == Status::failed || !run.problems.empty() || !run.output.empty();
}

// Where a run's link goes: its detail section if it has one, else its row.
std::string anchor(const Run& run, std::size_t i) {
  return (has_detail(run) ? "detail-" : "run-") + std::to_string(i);
}

std::string matrix(const Report& r) {
  std::string s = "<section id=\"matrix-section\"><h2>Backend × operation × rounding</h2>\n"
                  "<p class=\"legend\"><span class=\"passed\">conforms (count: deviations the "
                  "profile tolerates)</span><span class=\"baselined\">≈ accepted by baseline</span>"
                  "<span class=\"failed\">deviates (count beyond profile and baseline)</span>"
                  "<span class=\"skipped\">skipped</span><span class=\"unimplemented\">· no run "
                  "(not implemented, or not asked for)</span></p>\n<table id=\"matrix\"><thead><tr><th>backend</th><th>rounding</th>";
  for (const std::string& op : r.matrix.ops) s += "<th class=\"op\">" + escape(op) + "</th>";
  s += "</tr></thead>\n";
  for (std::size_t i = 0; i < r.matrix.rows.size(); ++i) {
    const MatrixRow& row = r.matrix.rows[i];
    if (row.first_of_backend) s += "<tbody data-backend=\"" + escape(row.backend) + "\">";
    s += "<tr>";
    if (row.first_of_backend)
      s += "<th rowspan=\"" + std::to_string(row.backend_rows) + "\">" + escape(row.backend) + "</th>";
    s += "<td class=\"mono\">" + escape(row.rounding.empty() ? "—" : row.rounding) + "</td>";
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (!row.cells[c]) continue;
      const MatrixCell& cell = *row.cells[c];
      std::string text = escape(cell_text(cell));
      std::string title = row.backend + " " + r.matrix.ops[c] + " " + row.rounding + ": " + std::string(name(cell.status));
      if (!cell.runs.empty()) {
        std::size_t target = cell.runs.front();
        for (std::size_t k : cell.runs)
          if (r.runs[k].status == Status::failed) { target = k; break; }
        title += ", " + std::to_string(cell.mismatches) + " deviations over " +
                 std::to_string(cell.runs.size()) + " input set(s)";
        if (cell.status != Status::unimplemented)
          text = "<a href=\"#" + anchor(r.runs[target], target) + "\">" + text + "</a>";
      }
      s += "<td class=\"cell " + status_class(cell.status, cell.baselined) + "\"" +
           (cell.rowspan > 1 ? " rowspan=\"" + std::to_string(cell.rowspan) + "\"" : "") +
           " data-op=\"" + escape(r.matrix.ops[c]) + "\" data-rounding=\"" + escape(row.rounding) +
           "\" title=\"" + escape(title) + "\">" + text + "</td>";
    }
    s += "</tr>";
    if (i + 1 == r.matrix.rows.size() || r.matrix.rows[i + 1].first_of_backend) s += "</tbody>\n";
  }
  return s + "</table></section>\n";
}

std::string runs_table(const Report& r) {
  std::string s = "<section id=\"runs\"><h2>All runs</h2><p class=\"small\">A (backend, op, "
                  "rounding) the backend does not implement is no run (<code>fpconform list</code> shows "
                  "what each implements); the matrix shows it as ·.</p>\n"
                  "<table id=\"runs-table\"><thead><tr><th>backend</th><th>op</th><th>rounding</th>"
                  "<th>inputs</th><th>status</th><th>inputs checked</th><th>deviations</th>"
                  "<th>untolerated</th><th>seconds</th><th>note</th></tr></thead><tbody>\n";
  char secs[32];
  for (std::size_t i = 0; i < r.runs.size(); ++i) {
    const Run& run = r.runs[i];
    if (run.status == Status::unimplemented) continue;
    std::snprintf(secs, sizeof secs, "%.2f", run.seconds);
    std::string note = escape(run.reason);
    if (has_detail(run)) note = "<a href=\"#detail-" + std::to_string(i) + "\">details</a> " + note;
    s += "<tr id=\"run-" + std::to_string(i) + "\"><td>" + escape(run.backend) + "</td><td>" +
         escape(run.op) + "</td><td>" + escape(run.rounding) + "</td><td>" + escape(run.inputs) +
         (run.shard.empty() ? "" : " shard " + escape(run.shard)) + "</td><td class=\"" +
         status_class(run.status, run.baselined) + "\">" + escape(std::string(name(run.status))) +
         "</td><td class=\"num\">" + std::to_string(run.total) + "</td><td class=\"num\">" +
         std::to_string(run.mismatches) + "</td><td class=\"num\">" + std::to_string(run.untolerated) +
         "</td><td class=\"num\">" + secs + "</td><td>" + note + "</td></tr>\n";
  }
  return s + "</tbody></table></section>\n";
}

std::string value_cell(const Format& f, std::uint32_t v) {
  return "<td><code>" + escape(describe(f, v)) + "</code></td>";
}

std::string detail(const Report& r, std::size_t i) {
  const Run& run = r.runs[i];
  const auto op = parse_op(run.op);
  std::string s = "<section class=\"run" + std::string(run.status == Status::failed ? "" : " accepted") +
                  "\" id=\"detail-" + std::to_string(i) + "\">" +
                  tag("h3", "", escape(run.backend + " · " + run.op + " · " + run.rounding + " · " + run.inputs +
                                       (run.shard.empty() ? "" : " shard " + run.shard))) +
                  tag("p", "", escape(std::string(name(run.status))) + ": " + std::to_string(run.mismatches) +
                                   " of " + std::to_string(run.total) + " inputs deviate, " +
                                   std::to_string(run.untolerated) + " beyond profile " +
                                   escape(run.profile) +
                                   (run.baselined ? ", " + std::to_string(run.baselined) + " accepted by the baseline" : "") +
                                   (run.reason.empty() ? "" : " — " + escape(run.reason)));
  for (const std::string& g : run.gate) s += tag("p", "class=\"small\"", "baseline: " + escape(g));
  for (const std::string& p : run.problems) s += tag("p", "class=\"small\"", "problem: " + escape(p));
  if (!run.output.empty())
    s += tag("p", "class=\"small\"", "its subject process wrote:") + tag("pre", "", escape(run.output));
  std::string kinds = "<table class=\"kinds\"><thead><tr><th>kind</th><th>count</th><th>profile " +
                      escape(run.profile) + "</th></tr></thead><tbody>";
  for (int k = 0; k < kDeviationKindCount; ++k) {
    if (!run.by_kind[k]) continue;
    const auto kind = static_cast<DeviationKind>(k);
    kinds += "<tr><td>" + escape(std::string(name(kind))) + "</td><td class=\"num\">" +
             std::to_string(run.by_kind[k]) + "</td><td>" +
             (r.profile.tolerates(kind) ? "tolerated" : "not tolerated") + "</td></tr>";
  }
  std::string classes = "<table class=\"classes\"><thead><tr><th>class of case</th><th>count</th></tr></thead><tbody>";
  for (int c = 0; c < kCaseClassCount; ++c)
    if (run.by_class[c])
      classes += "<tr><td>" + escape(std::string(name(static_cast<CaseClass>(c)))) + "</td><td class=\"num\">" +
                 std::to_string(run.by_class[c]) + "</td></tr>";
  s += "<div style=\"display:flex;gap:24px;align-items:flex-start\">" + kinds + "</tbody></table>" +
       classes + "</tbody></table></div>\n";
  if (op && !run.by_exponent.empty())
    s += tag("p", "class=\"small\"", "Where the deviations fall, by the input's exponent (log scale):") +
         exponent_chart(*info(*op).src, run.by_exponent);
  if (op && !run.examples.empty()) {
    const OpInfo& oi = info(*op);
    s += "<table class=\"examples\"><thead><tr><th>input</th><th>got</th><th>expected</th><th>kind</th>"
         "<th>class</th><th>reproduce</th></tr></thead><tbody>";
    for (const Example& e : run.examples)
      s += "<tr><td><code>" + escape(describe_input(*op, e.input)) + "</code></td>" + value_cell(*oi.dst, e.got) + value_cell(*oi.dst, e.expected) +
           "<td>" + escape(std::string(name(e.kind))) + "</td><td>" + escape(std::string(name(e.case_class))) +
           "</td><td><code>" + escape(repro_command(run.backend, *op, run.rounding, e.input, run.seed, run.backend_args)) + "</code></td></tr>";
    s += "</tbody></table>";
  }
  return s + "</section>\n";
}

std::string details(const Report& r) {
  std::string s = "<section id=\"details\"><h2>Deviations in detail</h2>\n";
  bool any = false;
  for (std::size_t i = 0; i < r.runs.size(); ++i)
    if (has_detail(r.runs[i])) {
      s += detail(r, i);
      any = true;
    }
  if (!any) s += "<p>No run found a deviation.</p>";
  return s + "</section>\n";
}

std::string extra(const Section& sec) {
  std::string s = "<section id=\"" + escape(sec.id) + "\">" + tag("h2", "", escape(sec.title));
  for (const std::string& p : sec.paragraphs) s += tag("p", "", escape(p));
  for (const std::string& svg : sec.figures) s += "<figure>" + svg + "</figure>";
  if (!sec.header.empty() || !sec.rows.empty()) {
    s += "<table><thead><tr>";
    for (const std::string& h : sec.header) s += "<th>" + escape(h) + "</th>";
    s += "</tr></thead><tbody>";
    for (std::size_t r = 0; r < sec.rows.size(); ++r) {
      s += r < sec.row_keys.size() ? "<tr data-row=\"" + escape(sec.row_keys[r]) + "\">" : "<tr>";
      for (std::size_t c = 0; c < sec.rows[r].size(); ++c) {
        const std::string* cls = r < sec.cell_classes.size() && c < sec.cell_classes[r].size() &&
                                         !sec.cell_classes[r][c].empty()
                                     ? &sec.cell_classes[r][c]
                                     : nullptr;
        s += (cls ? "<td class=\"matrixcell " + escape(*cls) + "\">" : "<td>") + escape(sec.rows[r][c]) + "</td>";
      }
      s += "</tr>";
    }
    s += "</tbody></table>";
  }
  return s + "</section>\n";
}

}  // namespace

std::string html_report(const Report& r) {
  // A report of INT8 results alone has no conversion runs: no cards, matrix or details then.
  const bool conversions = !r.runs.empty();
  std::string nav = conversions ? "<nav><a href=\"#verdicts\">Backends</a><a href=\"#matrix-section\">Matrix</a>"
                                  "<a href=\"#details\">Details</a><a href=\"#runs\">All runs</a>"
                                : "<nav>";
  for (const Section& sec : r.sections)
    nav += "<a href=\"#" + escape(sec.id) + "\">" + escape(sec.title) + "</a>";
  nav += "</nav>\n";
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" "
      "content=\"width=device-width\">\n<title>" +
      escape(r.title + " — " + r.verdict_line) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  s += header(r) + nav;
  if (conversions) s += cards(r) + matrix(r);
  for (const Section& sec : r.sections) s += extra(sec);
  if (conversions) s += details(r) + runs_table(r);
  s += "<footer>Written by fpconform. Every count is exact; a run that did not execute is shown "
       "as skipped with its reason, never as passed.</footer>\n</body></html>\n";
  return s;
}

}  // namespace fpconform
