# Runs COMMAND (a ;-list) and checks its exit status is EXIT and its output matches MATCH (and
# does not match NOMATCH). Usage: cmake -DCOMMAND=... -DEXIT=1 -DMATCH=regex -P expect.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE ";" " " shown "${COMMAND}")
if(NOT status STREQUAL "${EXIT}")
  message(FATAL_ERROR "`${shown}` exited ${status}, expected ${EXIT}\n${out}\n${err}")
endif()
if(DEFINED MATCH AND NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "`${shown}` output does not match '${MATCH}':\n${out}\n${err}")
endif()
if(DEFINED NOMATCH AND "${out}${err}" MATCHES "${NOMATCH}")
  message(FATAL_ERROR "`${shown}` output matches '${NOMATCH}':\n${out}\n${err}")
endif()
