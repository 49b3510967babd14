// A plug-in as a Backend and, when it has a GEMM, as an Int8Backend: both compute in the
// plug-in's subject process (subject.hpp), which they share; this process never loads it.
// Calls throw SubjectFailure; bracket each run with the subject's begin_run and end_run
// (plugin_run.hpp does).
#pragma once

#include <memory>
#include <string>

#include "plugins/plugin_loader.hpp"
#include "plugins/subject.hpp"
#include "fpconform/plugin.h"
#include "fpconform/backend.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform {

class PluginBackend : public Backend {
 public:
  PluginBackend(PluginInfo info, std::shared_ptr<Subject> subject);

  std::string_view name() const override { return info_.name; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::plugin; }
  // "--plugin /abs/path.so": absolute, so the command works from any directory; quoted for the
  // shell where the path needs it.
  std::string repro_args() const override;
  bool implements(Op op, Rounding r) const override;
  Subject& subject() const { return *subject_; }
  bool reports_flags() const override { return info_.reports_flags; }
  Tininess tininess() const override {
    return info_.tininess_before ? Tininess::before : Tininess::after;
  }
  NanPolicy nan_policy() const override { return info_.nan_policy; }
  // Conversions go to the plug-in's convert, arithmetic to its arith. Throws SubjectFailure ("plug-in failed: plug-in NAME: convert returned 5", a crash, ...).
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags* flags) const override;

 private:
  PluginInfo info_;
  std::string description_;
  std::shared_ptr<Subject> subject_;
};

class PluginInt8Backend : public Int8Backend {
 public:
  PluginInt8Backend(PluginInfo info, std::shared_ptr<Subject> subject);

  std::string_view name() const override { return info_.name; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::plugin; }
  bool multiplies(IntType a_type) const override;
  Subject& subject() const { return *subject_; }
  // The kernel keeps a copy of B and calls the plug-in's gemm on every run() (threads: the
  // plug-in's own business); a failure throws SubjectFailure.
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override;

 private:
  PluginInfo info_;
  std::string description_;
  std::shared_ptr<Subject> subject_;
};

// The subject process of a plug-in backend (Backend or Int8Backend of kind plugin).
Subject& subject_of(const Backend& b);
Subject& subject_of(const Int8Backend& b);

}  // namespace fpconform
