// Errors in what the user gave us: arguments, vector files. The command line turns them into
// exit status 2 with the message, which names the file, line and field where there is one.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace fpconform {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
  // "FILE:LINE: field 'FIELD': MESSAGE"
  InputError(const std::string& file, std::size_t line, const std::string& field,
             const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": field '" + field + "': " +
                           message) {}
};

}  // namespace fpconform
