#include "vectors/vector_file.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fpconform/error.hpp"

namespace fpconform {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";
constexpr Flags kKnownFlags = kInexact | kUnderflow | kOverflow | kInfinite | kInvalid;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Up to max_fields whitespace-separated tokens; *rest gets what follows them, trimmed.
std::vector<std::string_view> split_fields(std::string_view s, std::size_t max_fields,
                                           std::string_view* rest) {
  std::vector<std::string_view> out;
  s = trim(s);
  while (!s.empty() && out.size() < max_fields) {
    std::size_t end = 0;
    while (end < s.size() && !is_space(s[end])) ++end;
    out.push_back(s.substr(0, end));
    s = trim(s.substr(end));
  }
  *rest = s;
  return out;
}

std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      out += c;
    } else {
      out += "\\x";
      out += kHexDigits[u >> 4];
      out += kHexDigits[u & 15];
    }
  }
  return out;
}

const char* truncation_note(bool unterminated) {
  return unterminated ? " (file truncated? its last line ends without a newline)" : "";
}

class LineParser {
 public:
  LineParser(const std::string& file, std::size_t line, bool unterminated)
      : file_(file), line_(line), unterminated_(unterminated) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw InputError(file_, line_, field, message);
  }

  // Exactly digits hex digits; is_last: the last field on an unterminated line.
  std::uint64_t hex(std::string_view token, int digits, const std::string& field,
                    const std::string& what, bool is_last) const {
    for (std::size_t i = 0; i < token.size(); ++i)
      if (hex_value(token[i]) < 0)
        fail(field, std::string("'").append(printable(token)).append("' is not hexadecimal: '")
                        .append(printable(token.substr(i, 1))).append("' at character ")
                        .append(std::to_string(i + 1)));
    const auto n = static_cast<int>(token.size());
    if (n > digits)
      fail(field, "value too wide: '" + printable(token) + "' has " + std::to_string(n) +
                      " hex digits, " + what + " takes " + std::to_string(digits));
    if (n < digits)
      fail(field, "'" + printable(token) + "' has " + std::to_string(n) + " hex digits, " + what +
                      " takes exactly " + std::to_string(digits) +
                      truncation_note(unterminated_ && is_last));
    std::uint64_t v = 0;
    for (char c : token) v = (v << 4) | static_cast<std::uint64_t>(hex_value(c));
    return v;
  }

  std::uint64_t container(std::string_view token, const Format& f, const std::string& field,
                          bool is_last) const {
    const std::string what = "the " + std::string(f.name) + " container";
    const std::uint64_t v = hex(token, f.container_bits / 4, field, what, is_last);
    const std::uint64_t field_mask = f.value_mask() << f.shift;
    if ((v & ~field_mask) != 0)
      fail(field, "value too wide: " + std::string(token) + " sets bits outside " +
                      std::string(f.name) + "'s " + std::to_string(f.width()) +
                      "-bit field (container bits " + std::to_string(f.shift + f.width() - 1) +
                      ".." + std::to_string(f.shift) + ")");
    return v;
  }

  Flags flags(std::string_view token, bool is_last) const {
    const auto v = static_cast<Flags>(hex(token, 2, "flags", "the flags byte", is_last));
    if ((v & ~kKnownFlags) != 0)
      fail("flags", "bad flags byte " + std::string(token) +
                        ": only 01 inexact, 02 underflow, 04 overflow, 08 infinite, 10 invalid "
                        "are flags");
    return v;
  }

  // fields: the names of the expected fields, in order; got: how many there were.
  [[noreturn]] void missing(const std::vector<std::string>& fields, std::size_t got) const {
    std::string message = "missing: the line has " + std::to_string(got) + " of its " +
                          std::to_string(fields.size()) + " fields (";
    for (std::size_t i = 0; i < fields.size(); ++i) message += (i ? " " : "") + fields[i];
    message += ")";
    fail(fields[got], message + truncation_note(unterminated_));
  }

  void no_extra(std::string_view rest, const std::string& after) const {
    if (!rest.empty())
      fail("end of line", "unexpected text after the " + after + ": '" + printable(rest) + "'");
  }

 private:
  const std::string& file_;
  std::size_t line_;
  bool unterminated_;
};

// The names of a line's fields, by the op's arity: an only operand is "input", two or three
// are "operand 1" ... Made once: the reader may stream files of billions of lines.
const std::vector<std::string>& testfloat_fields(int arity) {
  static const std::vector<std::string> one{"input", "expected", "flags"};
  static const std::vector<std::string> two{"operand 1", "operand 2", "expected", "flags"};
  static const std::vector<std::string> three{"operand 1", "operand 2", "operand 3", "expected",
                                              "flags"};
  return arity == 1 ? one : arity == 2 ? two : three;
}

const std::vector<std::string>& fpconform_fields(int arity) {
  static const std::vector<std::string> one{"op", "rounding", "input", "expected", "flags"};
  static const std::vector<std::string> two{"op",        "rounding", "operand 1",
                                            "operand 2", "expected", "flags"};
  static const std::vector<std::string> three{"op",        "rounding",  "operand 1", "operand 2",
                                              "operand 3", "expected", "flags"};
  return arity == 1 ? one : arity == 2 ? two : three;
}

// The operand fields, fields[first ..], as the op's input word (the first operand high);
// names[first ..] are their names.
Word read_operands(const std::vector<std::string_view>& fields, std::size_t first, Op op,
                   const std::vector<std::string>& names, const LineParser& p) {
  const Format& src = *info(op).src;
  Word word = 0;
  for (int i = 0; i < arity(op); ++i) {
    const std::size_t k = first + static_cast<std::size_t>(i);
    word = (arity(op) == 1 ? 0 : word << src.container_bits) |
           p.container(fields[k], src, names[k], false);
  }
  return word;
}

std::optional<Vector> parse_testfloat(std::string_view text, const LineParser& p,
                                      const TestFloatContext& ctx) {
  const std::vector<std::string>& names = testfloat_fields(arity(ctx.op));
  const std::size_t operands = names.size() - 2;
  std::string_view rest;
  const auto f = split_fields(text, names.size(), &rest);
  if (f.empty()) return std::nullopt;
  if (f.size() < names.size()) p.missing(names, f.size());
  p.no_extra(rest, "flags");
  const OpInfo& oi = info(ctx.op);
  Vector v;
  v.op = ctx.op;
  v.rounding = is_widening(ctx.op) ? Rounding::rne : ctx.rounding;
  v.exact = is_widening(ctx.op);
  v.input = read_operands(f, 0, ctx.op, names, p);
  v.expected = p.container(f[operands], *oi.dst, "expected", false);
  v.flags = p.flags(f[operands + 1], true);
  return v;
}

std::optional<Vector> parse_fpconform(std::string_view text, const LineParser& p) {
  std::string comment;
  if (const std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    comment = std::string(trim(text.substr(hash + 1)));
    text = text.substr(0, hash);
  }
  std::string_view rest;
  auto f = split_fields(text, fpconform_fields(3).size(), &rest);  // the most any op has
  if (f.empty()) return std::nullopt;
  // The op says how many operands follow; an unknown op on a short line reads as a short line.
  const std::optional<Op> op = parse_op(f[0]);
  const std::vector<std::string>& names = fpconform_fields(op ? arity(*op) : 1);
  if (f.size() < names.size()) p.missing(names, f.size());
  if (!op) p.fail("op", "unknown op '" + printable(f[0]) + "'");
  if (f.size() > names.size()) f = split_fields(text, names.size(), &rest);
  p.no_extra(rest, "flags");

  Vector v;
  v.op = *op;
  if (f[1] == "exact") {
    if (!is_widening(v.op))
      p.fail("rounding", "'exact' is only for widening ops; " + std::string(name(v.op)) +
                             " needs a rounding mode (rne, rtz, rdn, rup, rna)");
    v.exact = true;
    v.rounding = Rounding::rne;
  } else {
    const std::optional<Rounding> r = parse_rounding(f[1]);
    if (!r)
      p.fail("rounding", "unknown rounding '" + printable(f[1]) +
                             "' (rne, rtz, rdn, rup, rna, exact, or TestFloat's near_even, "
                             "minMag, min, max, near_maxMag)");
    v.rounding = *r;
  }
  const OpInfo& oi = info(v.op);
  const std::size_t operands = names.size() - 4;
  v.input = read_operands(f, 2, v.op, names, p);
  v.expected = p.container(f[2 + operands], *oi.dst, "expected", false);
  v.flags = p.flags(f[3 + operands], comment.empty());
  v.comment = std::move(comment);
  return v;
}

void append_hex(std::string& out, std::uint64_t v, int digits) {
  for (int i = digits - 1; i >= 0; --i) out += kHexDigits[(v >> (4 * i)) & 15];
}

}  // namespace

std::string_view name(VectorFormat f) {
  return f == VectorFormat::testfloat ? "testfloat" : "fpconform";
}

std::optional<VectorFormat> parse_vector_format(std::string_view s) {
  if (s == "testfloat") return VectorFormat::testfloat;
  if (s == "fpconform") return VectorFormat::fpconform;
  return std::nullopt;
}

std::optional<Vector> parse_vector_line(std::string_view text, const std::string& file,
                                        std::size_t line, VectorFormat format,
                                        std::optional<TestFloatContext> context,
                                        bool unterminated) {
  const LineParser p(file, line, unterminated);
  std::optional<Vector> v;
  if (format == VectorFormat::testfloat) {
    if (!context) throw InputError("reading TestFloat vectors needs the op and rounding mode");
    v = parse_testfloat(text, p, *context);
  } else {
    v = parse_fpconform(text, p);
  }
  if (v) v->line = line;
  return v;
}

VectorReader::VectorReader(std::istream& in, std::string file, VectorFormat format,
                           std::optional<TestFloatContext> context)
    : in_(&in), file_(std::move(file)), format_(format), context_(context) {
  if (format_ == VectorFormat::testfloat && !context_)
    throw InputError(file_ + ": reading TestFloat vectors needs the op and rounding mode");
}

VectorReader::VectorReader(const std::string& path, VectorFormat format,
                           std::optional<TestFloatContext> context)
    : owned_(std::make_unique<std::ifstream>(path, std::ios::binary)),
      in_(owned_.get()),
      file_(path),
      format_(format),
      context_(context) {
  if (std::filesystem::is_directory(path))
    throw InputError(path + ": is a directory, not a vector file");
  if (!*owned_) throw InputError(path + ": cannot open the vector file");
  if (format_ == VectorFormat::testfloat && !context_)
    throw InputError(file_ + ": reading TestFloat vectors needs the op and rounding mode");
}

VectorReader::~VectorReader() = default;

std::optional<Vector> VectorReader::next() {
  while (std::getline(*in_, buf_)) {
    ++line_;
    const bool unterminated = in_->eof();  // getline stopped at the end, not at a '\n'
    if (std::optional<Vector> v =
            parse_vector_line(buf_, file_, line_, format_, context_, unterminated)) {
      ++count_;
      return v;
    }
  }
  if (in_->bad()) throw InputError(file_ + ": read error after line " + std::to_string(line_));
  if (count_ == 0)
    throw InputError(file_, line_ == 0 ? 1 : line_, "vector",
                     line_ == 0 ? "empty file: no test vectors"
                                : "no test vectors: only blank lines and comments");
  return std::nullopt;
}

std::vector<Vector> read_vectors(std::istream& in, const std::string& file, VectorFormat format,
                                 std::optional<TestFloatContext> context) {
  VectorReader r(in, file, format, context);
  std::vector<Vector> out;
  while (std::optional<Vector> v = r.next()) out.push_back(std::move(*v));
  return out;
}

std::vector<Vector> read_vector_file(const std::string& path, VectorFormat format,
                                     std::optional<TestFloatContext> context) {
  VectorReader r(path, format, context);
  std::vector<Vector> out;
  while (std::optional<Vector> v = r.next()) out.push_back(std::move(*v));
  return out;
}

std::string format_vector_line(const Vector& v, VectorFormat format) {
  const OpInfo& oi = info(v.op);
  std::string out;
  out.reserve(64 + v.comment.size());
  if (format == VectorFormat::fpconform) {
    if (v.exact && !is_widening(v.op))
      throw std::invalid_argument("vector marked exact for the narrowing op " +
                                  std::string(oi.name));
    out += oi.name;
    out += ' ';
    out += v.exact ? std::string_view("exact") : name(v.rounding);
    out += ' ';
  }
  for (int i = 0; i < oi.arity; ++i) {
    append_hex(out, operand_container(v.op, v.input, i), oi.src->container_bits / 4);
    out += ' ';
  }
  append_hex(out, v.expected, oi.dst->container_bits / 4);
  out += ' ';
  append_hex(out, v.flags, 2);
  if (format == VectorFormat::fpconform && !v.comment.empty()) {
    out += "  # ";
    for (char c : v.comment) out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  out += '\n';
  return out;
}

void write_vector(std::ostream& out, const Vector& v, VectorFormat format) {
  out << format_vector_line(v, format);
}

void write_vectors(std::ostream& out, const std::vector<Vector>& vs, VectorFormat format) {
  for (const Vector& v : vs) write_vector(out, v, format);
}

}  // namespace fpconform
