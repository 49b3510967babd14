# Usage: cmake -DCUOBJDUMP=... -DLIBRARY=libfpconform_cuda_kernels.a -P check_instructions.cmake
# The PTX embedded in the kernels' library must hold each rounding's cvt instruction: the device
# path is the instruction, not a software routine.
execute_process(COMMAND ${CUOBJDUMP} -ptx ${LIBRARY} OUTPUT_VARIABLE ptx RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${CUOBJDUMP} -ptx ${LIBRARY} failed (${rc}): ${err}")
endif()
foreach(insn cvt.rn.f16.f32 cvt.rz.f16.f32 cvt.rm.f16.f32 cvt.rp.f16.f32
             cvt.rn.bf16.f32 cvt.rz.bf16.f32 cvt.rm.bf16.f32 cvt.rp.bf16.f32
             cvt.rn.satfinite.e4m3x2.f32 cvt.rn.satfinite.e5m2x2.f32)
  string(FIND "${ptx}" "${insn}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${insn} not found in the PTX of ${LIBRARY}")
  endif()
  message(STATUS "found ${insn}")
endforeach()
