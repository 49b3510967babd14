// oneDNN's matmul as an INT8 peer: s8:s8:s32 and u8:s8:s32, B's memory in the layout the primitive
// asks for (format_tag::any), reordered once in prepare() as an inference engine does.
//
// Threads: Debian's oneDNN runs on OpenMP. A primitive may fix its thread partition when it is
// created (dnnl_get_max_threads() is read then), so each thread count gets its own primitive,
// created and executed under omp_set_num_threads(t); the caller's setting is put back after.
#include <omp.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <oneapi/dnnl/dnnl.hpp>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Dt = memory::data_type;

std::string library_version() {
  const dnnl_version_t* v = dnnl_version();
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + " (" + v->hash + ")";
}

// omp_set_num_threads for one scope, then the caller's value again.
class OmpThreads {
 public:
  explicit OmpThreads(int t) : saved_(omp_get_max_threads()) { omp_set_num_threads(t); }
  ~OmpThreads() { omp_set_num_threads(saved_); }
  OmpThreads(const OmpThreads&) = delete;
  OmpThreads& operator=(const OmpThreads&) = delete;

 private:
  int saved_;
};

struct Problem {
  memory::desc a, b_any, c;
  Problem(GemmShape s, IntType a_type)
      : a({s.m, s.k}, a_type == IntType::s8 ? Dt::s8 : Dt::u8, Tag::ab),
        b_any({s.k, s.n}, Dt::s8, Tag::any),
        c({s.m, s.n}, Dt::s32, Tag::ab) {}
  // The scratchpad is the caller's, one per run(): with the library's own, one primitive cannot
  // be executed by two threads at once (oneDNN's scratchpad_mode: "the same primitive cannot be
  // run concurrently from two different threads"), and run() may be; u8 A on VNNI wrote wrong
  // sums then (found by the GEMM robustness probes' two-threads probe).
  dnnl::matmul::primitive_desc primitive_desc(const dnnl::engine& e) const {
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b_any, c), attr, e);
  }
};

class OnednnKernel final : public GemmKernel {
 public:
  OnednnKernel(GemmShape shape, IntType a_type, const std::int8_t* b)
      : problem_(shape, a_type), engine_(dnnl::engine::kind::cpu, 0) {
    // The one-time weights reorder runs on the calling thread alone, so that the only threads a
    // kernel ever uses are the ones run() is given (suites/int8_peers_test.cpp counts them).
    const OmpThreads one(1);
    const auto pd = problem_.primitive_desc(engine_);
    dnnl::stream s(engine_);
    memory plain({{shape.k, shape.n}, Dt::s8, Tag::ab}, engine_, const_cast<std::int8_t*>(b));
    b_ = memory(pd.weights_desc(), engine_);
    dnnl::reorder(plain, b_).execute(s, plain, b_);
    s.wait();
  }

  void run(const void* a, std::int32_t* c, int threads) const override {
    const OmpThreads scope(threads);
    const Primitive& p = primitive(threads);
    dnnl::stream s(engine_);
    memory a_mem(problem_.a, engine_, const_cast<void*>(a));
    memory c_mem(problem_.c, engine_, c);
    memory scratchpad(p.scratchpad, engine_);
    p.matmul.execute(s, {{DNNL_ARG_SRC, a_mem}, {DNNL_ARG_WEIGHTS, b_}, {DNNL_ARG_DST, c_mem},
                         {DNNL_ARG_SCRATCHPAD, scratchpad}});
    s.wait();
  }

 private:
  struct Primitive {
    dnnl::matmul matmul;
    memory::desc scratchpad;
  };

  // Created under the thread count it runs with (the caller holds OmpThreads).
  const Primitive& primitive(int threads) const {
    const std::lock_guard lock(mutex_);
    auto it = primitives_.find(threads);
    if (it == primitives_.end()) {
      const auto pd = problem_.primitive_desc(engine_);
      if (pd.weights_desc() != b_.get_desc())
        throw std::logic_error("onednn: the weights layout depends on the thread count");
      it = primitives_.emplace(threads, Primitive{dnnl::matmul(pd), pd.scratchpad_desc()}).first;
    }
    return it->second;
  }

  Problem problem_;
  dnnl::engine engine_;
  memory b_;
  mutable std::mutex mutex_;
  mutable std::map<int, Primitive> primitives_;
};

std::string effective_isa() {
  switch (static_cast<dnnl_cpu_isa_t>(dnnl::get_effective_cpu_isa())) {
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    default: return "dnnl_cpu_isa_t " + std::to_string(static_cast<unsigned>(dnnl::get_effective_cpu_isa()));
  }
}

class OnednnBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "onednn"; }
  // The ISA oneDNN dispatches to here (ONEDNN_MAX_CPU_ISA caps it): AMX outruns any VNNI peak.
  std::string_view description() const override {
    static const std::string d = "oneDNN matmul s8:s8:s32 and u8:s8:s32, weights reordered once "
                                 "(format_tag::any); kernels for ISA " + effective_isa();
    return d;
  }
  BackendKind kind() const override { return BackendKind::peer; }

  // oneDNN picks its kernels at run time; available when it can build both matmuls here.
  Availability available() const override {
    static const Availability a = [] {
      try {
        const dnnl::engine e(dnnl::engine::kind::cpu, 0);
        for (IntType t : {IntType::s8, IntType::u8}) Problem({4, 4, 4}, t).primitive_desc(e);
        return Availability{};
      } catch (const dnnl::error& err) {
        return Availability{false, std::string("oneDNN cannot build an int8 matmul: ") + err.what()};
      }
    }();
    return a;
  }

  bool multiplies(IntType) const override { return true; }
  // Without VNNI oneDNN 2.6 multiplies with vpmaddubsw, whose int16 pair sums saturate (oneDNN's
  // documented int8 "computation nuances"). Observed on AVX2: every result equals that model bit
  // for bit (GemmModel::maddubs_shift). Decided from the ISA oneDNN dispatches to (which
  // ONEDNN_MAX_CPU_ISA can cap), not from the CPU: with VNNI (vpdpbusd) it is exact.
  static bool dispatches_vnni() {
    return static_cast<unsigned>(dnnl::get_effective_cpu_isa()) >=
           static_cast<unsigned>(dnnl_cpu_isa_avx512_core_vnni);  // avx2_vnni, amx: larger still
  }
  GemmModel gemm_model() const override {
    return dispatches_vnni() ? GemmModel::exact : GemmModel::maddubs_shift;
  }
  std::string_view gemm_deviation() const override {
    if (dispatches_vnni()) return {};
    return "no VNNI: oneDNN sums u8 x s8 pairs with vpmaddubsw, which saturates to int16 "
           "(255*127*2 = 64770 > 32767; s8 A is shifted to u8 and saturates the same way)";
  }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
    return std::make_unique<OnednnKernel>(shape, a_type, b);
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(OnednnBackend);
FPCONFORM_REGISTER_LIBRARY("oneDNN", library_version());

}  // namespace fpconform
