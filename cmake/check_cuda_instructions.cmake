# Usage: cmake -DLIBRARY=lib.a "-DPTX_FORMS=a;b" ["-DSASS_FORMS=c;d"] [-DCUOBJDUMP=path]
#              -P check_cuda_instructions.cmake
# A device backend must be the instructions it is named after, not a software routine: each of
# PTX_FORMS must be in the PTX embedded in LIBRARY (compute_90, what later GPUs JIT), and with
# cuobjdump each of SASS_FORMS in its sm_90 SASS. Without cuobjdump (this toolkit has none) the
# PTX is read from the library itself, which is built with --no-compress for this, and the SASS
# is not checked, which is said.
if(CUOBJDUMP AND EXISTS "${CUOBJDUMP}")
  execute_process(COMMAND ${CUOBJDUMP} -ptx ${LIBRARY} OUTPUT_VARIABLE ptx RESULT_VARIABLE rc
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CUOBJDUMP} -ptx ${LIBRARY} failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND ${CUOBJDUMP} -sass ${LIBRARY} OUTPUT_VARIABLE sass RESULT_VARIABLE rc
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CUOBJDUMP} -sass ${LIBRARY} failed (${rc}): ${err}")
  endif()
  foreach(insn IN LISTS SASS_FORMS)
    string(FIND "${sass}" "${insn}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${insn} not found in the SASS of ${LIBRARY}")
    endif()
    message(STATUS "found ${insn} in the SASS")
  endforeach()
else()
  file(STRINGS ${LIBRARY} lines REGEX "^[ \t{]*(cvt|dp4a|dp2a|mma|wgmma)")
  string(JOIN "\n" ptx ${lines})
  message(STATUS "NOTE: no cuobjdump: the SASS is not checked, only the PTX embedded in ${LIBRARY}")
endif()
foreach(insn IN LISTS PTX_FORMS)
  string(FIND "${ptx}" "${insn}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${insn} not found in the PTX of ${LIBRARY}")
  endif()
  message(STATUS "found ${insn} in the PTX")
endforeach()
