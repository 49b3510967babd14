// The messages between fpconform (the judge) and a subject process (a plug-in's computer). Each
// lane is one SOCK_SEQPACKET socket: one fixed-size Request, one fixed-size Reply. Data travel in
// shared memory: per lane an input region (mapped read-only in the subject, sealed against
// writable mappings), an output and a flags region, each between PROT_NONE guard pages there.
// An arithmetic op's operands arrive as the plug-in's arith takes them: one array each, split by
// the judge.
// The judge reads a Reply's fields only to word its messages and to know that a call ended;
// what it judges are the output words, copied out of the output region.
#pragma once

#include <atomic>
#include <cstdint>

namespace fpconform::subject {

enum class Kind : std::uint32_t { map = 1, convert = 2, gemm = 3, arith = 4 };

struct Request {
  Kind kind;
  std::uint32_t op = 0, rounding = 0;
  std::uint32_t with_flags = 0;
  std::uint64_t n = 0;
  // Byte offsets in the lane's regions. convert: in, out, flags. arith: its `operands` arrays
  // a, b, c at in_offset, b_offset, c_offset (the input region), out, flags. gemm: A at
  // in_offset, B at b_offset (both in the input region), C at out_offset.
  std::uint64_t in_offset = 0, b_offset = 0, c_offset = 0, out_offset = 0, flags_offset = 0;
  std::uint32_t operands = 0;
  std::int32_t a_unsigned = 0, m = 0, cols = 0, k = 0;
  // map: the regions' sizes; their memfds come with the message (SCM_RIGHTS: in, out, flags).
  std::uint64_t in_bytes = 0, out_bytes = 0, flags_bytes = 0;
};

enum class Outcome : std::uint32_t { done = 0, returned_error = 1, subject_error = 2 };

struct Reply {
  Outcome outcome = Outcome::done;
  std::int32_t rc = 0;  // the plug-in's return value
  // The floating-point control register (platform/fenv.hpp) around the call.
  std::uint32_t fp_known = 0, fp_before = 0, fp_after = 0;
  // map: where the regions' data start in the subject (for naming a fault's address).
  std::uint64_t in_at = 0, out_at = 0, flags_at = 0;
  char error[200] = {};  // subject_error: what went wrong
};

// The first message of lane 0 once the plug-in is loaded.
struct Hello {
  std::uint32_t fp_known = 0, fp_before_load = 0, fp_after_load = 0;
  char error[200] = {};  // loading failed
};

// One shared page, written by the subject's fault handler before it dies of the signal.
struct CrashNote {
  std::atomic<std::uint32_t> signal{0};
  std::int32_t lane = -1;  // -1: a thread that is not a lane's
  std::int32_t write = -1; // 1 a write, 0 a read, -1 unknown
  std::uint64_t address = 0;
};

}  // namespace fpconform::subject
