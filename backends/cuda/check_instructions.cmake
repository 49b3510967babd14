# Usage: cmake -DPTX=cuda_kernels.ptx -P check_instructions.cmake
# The device path must be the instruction, not a software routine: each rounding's cvt must be
# in the kernels' PTX.
file(READ ${PTX} ptx)
foreach(insn cvt.rn.f16.f32 cvt.rz.f16.f32 cvt.rm.f16.f32 cvt.rp.f16.f32
             cvt.rn.bf16.f32 cvt.rz.bf16.f32 cvt.rm.bf16.f32 cvt.rp.bf16.f32
             cvt.rn.satfinite.e4m3x2.f32 cvt.rn.satfinite.e5m2x2.f32)
  string(FIND "${ptx}" "${insn}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${insn} not found in ${PTX}")
  endif()
  message(STATUS "found ${insn}")
endforeach()
