// The one function of fpconform_backends that fpconform_reports calls (machine.cpp describes the
// GPU). The fuzz build links the readers without fpconform_backends: backends/cpu.cpp does not
// compile with clang 14 (__builtin_cpu_supports("f16c")), and the readers never probe a GPU.
#include "fpconform/gpu.hpp"

namespace fpconform {

std::string gpu_summary() { return "none: fuzz build (no GPU probe)"; }

}  // namespace fpconform
