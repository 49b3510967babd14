// Test-vector files: Berkeley TestFloat's function-mode lines and fpconform's own
// self-describing lines. Every defect in a file is an InputError naming FILE:LINE and the field.
//
// TestFloat (testfloat_gen output for one function; op and rounding are given outside the file):
//
//   line     := ws* OPERANDS ws+ EXPECTED ws+ FLAGS ws* EOL   blank lines are skipped
//   OPERANDS := INPUT                 a conversion, sqrt (arity 1)
//             | INPUT ws+ INPUT       add, sub, mul, div (arity 2): first operand, then second
//   INPUT    := exactly 8|4|2 hex digits: one operand's container (f32 8, f16/bf16 4, fp8 2)
//   EXPECTED := exactly 8|4|2 hex digits: the op's destination container (tf32: 8)
//   FLAGS    := exactly 2 hex digits, bits 0x01 inexact 0x02 underflow 0x04 overflow
//               0x08 infinite 0x10 invalid (0xE0 must be clear)
//   e.g.        477FF000 7C00 05          f32_to_f16
//               3C00 4000 4200 00         f16_add: 1 + 2 = 3
//
// fpconform (self-describing; one file may mix ops and roundings):
//
//   line     := ws* [OP ws+ MODE ws+ OPERANDS ws+ EXPECTED ws+ FLAGS ws*] ['#' COMMENT] EOL
//   OP       := f32_to_f16 | f16_to_f32 | f16_add | ... (TestFloat's names, operation.hpp)
//   MODE     := rne | rtz | rdn | rup | rna (or TestFloat's near_even, minMag, min, max,
//               near_maxMag) | exact (widening ops only: their result ignores the mode)
//   OPERANDS, EXPECTED, FLAGS as above; the op's arity says how many operands
//   e.g.        f32_to_f16 rne 477FF000 7C00 05  # 65520: ties to even -> overflow to +inf
//               f16_add rne 3C00 4000 4200 00  # 1 + 2 = 3, exact
//
// Vector::input is the op's input word (operation.hpp): the operands side by side, the first in
// the high bits (f16_add 3C00 4000 -> 0x3C004000). Errors name an operand of a binary op
// "operand 1" / "operand 2", the only operand of a unary one "input".
//
// Reading is tolerant of lower-case hex, runs of spaces or tabs and CRLF line ends; writing is
// exact: upper-case hex, one space between fields, '\n' after every line (TestFloat's own
// output), and "  # " before an fpconform comment. Hex fields have exactly the container's
// width: a short field is a truncated one, a longer one a value too wide for the container.
// Bits outside the format's field (tf32's low 13 bits) are an error too. A last line without
// a newline is accepted when complete and reported as truncated when not. A file without any
// vector is an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {

enum class VectorFormat : std::uint8_t { testfloat, fpconform };
std::string_view name(VectorFormat f);
std::optional<VectorFormat> parse_vector_format(std::string_view s);

struct Vector {
  Op op = Op::f32_to_f16;
  Rounding rounding = Rounding::rne;  // widening ops: rne (Backend asks for them with rne)
  bool exact = false;                 // the mode field said "exact" (widening ops)
  Word input = 0;                     // input word: the operands' containers, first one high
  std::uint32_t expected = 0;         // destination container
  Flags flags = 0;
  std::size_t line = 0;  // 1-based line in the file it was read from; 0 when not read
  std::string comment;   // fpconform format: the text after '#', trimmed
};

// The op and rounding that a TestFloat file does not carry. Widening ops ignore the rounding.
struct TestFloatContext {
  Op op;
  Rounding rounding = Rounding::rne;
};

// Reads vectors one at a time, so that files of any size can be streamed. `file` is the name
// used in error messages.
class VectorReader {
 public:
  // The stream must outlive the reader.
  VectorReader(std::istream& in, std::string file, VectorFormat format,
               std::optional<TestFloatContext> context = std::nullopt);
  // Opens path; InputError when it cannot be opened.
  VectorReader(const std::string& path, VectorFormat format,
               std::optional<TestFloatContext> context = std::nullopt);
  ~VectorReader();
  VectorReader(const VectorReader&) = delete;
  VectorReader& operator=(const VectorReader&) = delete;

  // The next vector; nullopt at the end of the file. Throws InputError on a malformed line and
  // at the end of a file that held no vector.
  std::optional<Vector> next();
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }  // the last line read

 private:
  std::unique_ptr<std::istream> owned_;
  std::istream* in_;
  std::string file_;
  VectorFormat format_;
  std::optional<TestFloatContext> context_;
  std::size_t line_ = 0;
  std::size_t count_ = 0;
  std::string buf_;
};

// Whole-file helpers over VectorReader.
std::vector<Vector> read_vectors(std::istream& in, const std::string& file, VectorFormat format,
                                 std::optional<TestFloatContext> context = std::nullopt);
std::vector<Vector> read_vector_file(const std::string& path, VectorFormat format,
                                     std::optional<TestFloatContext> context = std::nullopt);

// Parses one line (without its '\n'); nullopt for a blank or comment-only line.
// `unterminated`: the line is the file's last and had no newline (a missing field then reads
// as truncation).
std::optional<Vector> parse_vector_line(std::string_view text, const std::string& file,
                                        std::size_t line, VectorFormat format,
                                        std::optional<TestFloatContext> context,
                                        bool unterminated = false);

// One line, '\n' included. TestFloat drops op, rounding and comment; fpconform writes
// "exact" for widening ops whose vector says exact. Newlines in a comment become spaces.
std::string format_vector_line(const Vector& v, VectorFormat format);
void write_vector(std::ostream& out, const Vector& v, VectorFormat format);
void write_vectors(std::ostream& out, const std::vector<Vector>& vs, VectorFormat format);

}  // namespace fpconform
