// A backend against the expected results of vectors (one file's, or any sequence): run in
// batches, compared bit-exact (flags too where the backend reports them), mismatches classified.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "reports/result.hpp"
#include "vectors/vector_file.hpp"

namespace fpconform {

struct VectorTally {
  std::uint64_t vectors = 0;  // every vector given, selected or not
  std::uint64_t checked = 0;
  std::uint64_t mismatches = 0;
  std::uint64_t not_selected = 0;
  std::map<std::string, std::uint64_t> unimplemented;  // "op rounding" -> vectors skipped
  std::map<std::string, std::uint64_t> by_kind;        // kind name -> mismatches
  std::size_t examples = 0;                            // mismatches given to on_example
};

// How an arithmetic op's NaN result is compared with the file's. TestFloat's verifier takes any
// NaN for any NaN unless asked to check NaNs exactly (testfloat -checkNaNs): which NaN an
// operation returns is the implementation's choice (IEEE 754-2019 6.2.3), and a file holds one
// policy's. Conversions' NaNs are always compared bit for bit (7.2, 6.2.3: a conversion keeps the
// payload). Flags are compared either way.
enum class NanMatch : std::uint8_t {
  any,    // an expected NaN is matched by any NaN, of any sign and payload, quiet or not
  exact,  // bit for bit, as every other result
};

class VectorChecker {
 public:
  // Called with each of the first max_examples mismatches, in the vectors' order, as they are
  // found: before a later malformed line stops the reading.
  using OnExample = std::function<void(const Vector& v, const Example& e)>;

  // file_tininess: the rule the vectors' underflow flags assume. Where it is not the backend's,
  // the backend's flags are expected (IEEE 754-2019 7.5 leaves the rule to the implementation).
  // file_nans: the NaN policy the vectors' flags assume, for the one flag that depends on it (0 x
  // inf + qNaN: invalid or not, 7.2 (c)); the backend's policy's flag is expected instead.
  // Each batch goes to the backend in an order keyed by (seed, the batch's number), as
  // compare() hands over its blocks (checks/shuffle.hpp).
  VectorChecker(const Backend& b, Tininess file_tininess, std::size_t max_examples,
                OnExample on_example, std::uint64_t seed = 0, NanMatch nans = NanMatch::any,
                NanPolicy file_nans = NanPolicy::x86);

  // A vector of an op and mode the backend does not implement is counted, not run.
  void add(Vector v);
  void skip_unselected();
  const VectorTally& finish();

 private:
  void flush();

  const Backend& b_;
  Tininess file_tininess_;
  NanPolicy file_nans_;
  std::size_t max_examples_;
  OnExample on_example_;
  VectorTally tally_;
  std::vector<Vector> batch_;
  Rounding batch_run_as_ = Rounding::rne;
  std::uint64_t seed_;
  NanMatch nans_;
  std::uint64_t batches_ = 0;
};

}  // namespace fpconform
