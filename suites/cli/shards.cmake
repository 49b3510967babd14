# A sweep split with --shard I/N into N processes, merged with `fpconform merge`: the merged run
# must be whole ("exhaustive", all 2^32 inputs, no shard) and a missing shard an input error.
# Usage: cmake -DFPCONFORM=path -DWORK=dir -DBACKENDS=a,b -DOP=op -DSHARDS=N -P shards.cmake
file(MAKE_DIRECTORY ${WORK})
math(EXPR last "${SHARDS} - 1")
set(files)
foreach(i RANGE ${last})
  execute_process(COMMAND ${FPCONFORM} check --backend ${BACKENDS} --op ${OP} --rounding rne
                          --inputs exhaustive --shard ${i}/${SHARDS} --json ${WORK}/shard${i}.json
                  RESULT_VARIABLE status OUTPUT_VARIABLE out)
  if(NOT status EQUAL 0 OR NOT out MATCHES "shard ${i}/${SHARDS}.*not exhaustive on its own")
    message(FATAL_ERROR "shard ${i}/${SHARDS}: exit ${status}\n${out}")
  endif()
  list(APPEND files ${WORK}/shard${i}.json)
endforeach()

execute_process(COMMAND ${FPCONFORM} merge ${files} --json ${WORK}/merged.json
                RESULT_VARIABLE status OUTPUT_VARIABLE out)
string(REPLACE "," ";" backends "${BACKENDS}")
foreach(b IN LISTS backends)
  if(NOT out MATCHES "\n${b} +${OP} +rne +exhaustive +4294967296 +0  passed\n")
    message(FATAL_ERROR "merge: no whole passed run of ${b}:\n${out}")
  endif()
endforeach()
if(NOT status EQUAL 0)
  message(FATAL_ERROR "merge exited ${status}\n${out}")
endif()

list(REMOVE_AT files 0)
execute_process(COMMAND ${FPCONFORM} merge ${files} RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 2 OR NOT err MATCHES "shards missing: 0/${SHARDS}")
  message(FATAL_ERROR "merge without shard 0: exit ${status}, expected 2 and 'shards missing'\n${err}")
endif()
