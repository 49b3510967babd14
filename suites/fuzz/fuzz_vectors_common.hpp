// Shared by fuzz_testfloat and fuzz_vectors: read a vector file with the streaming reader, then
// write every vector back and read it again: the documented exact writing must read back the same.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "suites/fuzz/fuzz_guard.hpp"
#include "vectors/vector_file.hpp"

namespace fpconform::fuzz {

inline void read_and_round_trip(std::string_view bytes, VectorFormat format,
                                std::optional<TestFloatContext> context) {
  std::istringstream in{std::string(bytes)};
  VectorReader reader(in, "fuzz-input", format, context);
  while (std::optional<Vector> v = reader.next()) {
    const std::string line = format_vector_line(*v, format);
    require(!line.empty() && line.back() == '\n', "format_vector_line: no newline at the end");
    const std::optional<Vector> back = read_back([&] {
      return parse_vector_line(std::string_view(line).substr(0, line.size() - 1), "round-trip", 1,
                               format, context);
    });
    require(back.has_value(), "a written vector line reads back as blank");
    require(back->op == v->op && back->rounding == v->rounding && back->exact == v->exact &&
                back->input == v->input && back->expected == v->expected &&
                back->flags == v->flags,
            "a written vector line reads back as another vector");
    if (format == VectorFormat::fpconform) {
      std::string comment = v->comment;  // newlines in a comment are written as spaces
      for (char& c : comment)
        if (c == '\n' || c == '\r') c = ' ';
      require(back->comment == comment, "a written comment reads back changed");
    }
  }
}

}  // namespace fpconform::fuzz
