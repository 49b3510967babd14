// What a fuzz target accepts from a reader: its documented error, InputError (a malformed file is
// expected and fine). Any other exception is a bug: it is printed with its type and the target
// aborts, which libFuzzer reports as a crash with the input saved.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "fpconform/error.hpp"

namespace fpconform::fuzz {

template <typename F>
int guarded(F&& read) {
  try {
    read();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: the reader threw %s, not InputError: %s\n", typeid(e).name(),
                 e.what());
    std::abort();
  }
  return 0;
}

// A property of what was read that must hold (a round trip): abort with the message otherwise.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: %s\n", what);
    std::abort();
  }
}

// Reading back what was just written: here InputError is the bug a round trip looks for (the
// writer made a line its own reader refuses), so it aborts instead of passing as malformed input.
template <typename F>
auto read_back(F&& read) {
  try {
    return read();
  } catch (const InputError& e) {
    std::fprintf(stderr, "fuzz: a written line does not read back: %s\n", e.what());
    std::abort();
  }
}

}  // namespace fpconform::fuzz
