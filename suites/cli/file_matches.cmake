# Checks that FILE's contents match the regex MATCH. Usage: cmake -DFILE=f -DMATCH=regex -P file_matches.cmake
file(READ "${FILE}" text)
if(NOT text MATCHES "${MATCH}")
  message(FATAL_ERROR "${FILE} does not match '${MATCH}'")
endif()
