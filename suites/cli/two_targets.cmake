# The same results as if produced on a second target (the machine's architecture in "os" changed to
# OTHER), both given to `fpconform report`: every backend must appear once per target, named
# "name @ target". Usage: cmake -DFPCONFORM=cmd -DRESULTS=f.json -DOTHER=aarch64 -DWORK=dir -P two_targets.cmake
file(READ "${RESULTS}" text)
string(REGEX REPLACE "(\"os\": \"[^\"]*) [^ \"]+\"" "\\1 ${OTHER}\"" other "${text}")
if(other STREQUAL text)
  message(FATAL_ERROR "${RESULTS}: no machine \"os\" to change")
endif()
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/other_target.json" "${other}")
execute_process(COMMAND ${FPCONFORM} report ${RESULTS} ${WORK}/other_target.json -o ${WORK}/two_targets.html
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT out MATCHES "results of 2 targets")
  message(FATAL_ERROR "report exited ${status}:\n${out}\n${err}")
endif()
file(READ "${WORK}/two_targets.html" html)
foreach(target IN ITEMS "${OTHER}" "${HERE}")
  if(NOT html MATCHES "portable @ ${target}")
    message(FATAL_ERROR "${WORK}/two_targets.html has no row 'portable @ ${target}'")
  endif()
endforeach()
