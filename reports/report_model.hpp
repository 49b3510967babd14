// The HTML report's content as data, built once from results; html_report.cpp only renders it.
// Sections that later parts of the suite produce (INT8 error and speed) are added as Sections:
// the renderer knows no run or backend by name.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/machine.hpp"
#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform {

// Where a set of runs came from: one results file (or one `check`), its command, date, machine.
struct Source {
  std::string file;  // empty for the run that writes the report itself
  std::string command;
  std::string date;
  Machine machine;
};

enum class Verdict { conforms, deviates, skipped, unimplemented };
std::string_view name(Verdict v);

struct BackendCard {
  std::string backend;
  std::string description;  // from the registry, when the backend is built in here
  Verdict verdict = Verdict::unimplemented;
  std::size_t passed = 0, failed = 0, skipped = 0, unimplemented = 0;
  std::uint64_t untolerated = 0, baselined = 0;
  std::map<DeviationKind, std::uint64_t> kinds;  // every deviation, tolerated or not
  std::vector<std::string> skip_reasons;         // distinct
};

// One cell: the runs of one (backend, op, rounding) over every input set; a widening op's cell
// spans all the backend's rounding rows.
struct MatrixCell {
  std::vector<std::size_t> runs;  // indices into Report::runs
  Status status = Status::unimplemented;  // the worst: failed, passed, skipped, unimplemented
  std::uint64_t mismatches = 0, untolerated = 0, baselined = 0;
  int rowspan = 1;
};

struct MatrixRow {
  std::string backend;
  std::string rounding;  // "" when the backend has no narrowing runs
  bool first_of_backend = false;
  int backend_rows = 1;                         // rows of this backend (on its first row)
  std::vector<std::optional<MatrixCell>> cells;  // per op; nullopt: covered by a rowspan
};

struct Matrix {
  std::vector<std::string> ops;
  std::vector<MatrixRow> rows;
};

// A later section (INT8 error and speed, ...): a title, text, charts and a table of strings.
// Paragraphs and cells are escaped when rendered; figures are inline SVG from svg_chart.hpp,
// which escapes every label it draws.
struct Section {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::string> figures;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Optional, for a table that is a matrix: a CSS class per cell (parallel to rows: "exact",
  // "declared", "failed", "skipped"; a cell's "\n" breaks its line), and a key per row
  // (data-row, for tests and links).
  std::vector<std::vector<std::string>> cell_classes;
  std::vector<std::string> row_keys;
};

struct Report {
  std::string title = "fpconform conformance report";
  Profile profile;
  Verdict verdict = Verdict::conforms;
  std::string verdict_line;  // "DEVIATES: 4 runs of 1 backend fail under profile strict"
  std::vector<Source> sources;
  std::vector<Run> runs;
  std::vector<BackendCard> cards;
  Matrix matrix;
  std::vector<Section> sections;
};

// descriptions: backend name -> description, for the backends the caller knows.
Report report_model(std::vector<Run> runs, std::vector<Source> sources, const Profile& profile,
                    const std::map<std::string, std::string>& descriptions = {});

}  // namespace fpconform
