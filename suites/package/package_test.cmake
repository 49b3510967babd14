# The installed package end to end, one step at a time; a failure names its step and shows the
# step's output.
#   cmake -DBUILD_DIR=<fpconform build> -DWORK=<scratch dir> -DCONSUMER=<suites/package/consumer>
#         -DGENERATOR=<generator> [-DTOOLCHAIN=<file>] [-DBUILD_TYPE=<type>] -P package_test.cmake
foreach(var IN ITEMS BUILD_DIR WORK CONSUMER GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "package_test.cmake: -D${var}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(prefix ${WORK}/prefix)
set(consumer_build ${WORK}/consumer-build)

function(step number name)
  message(STATUS "step ${number} (${name}): ${ARGN}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package test FAILED at step ${number} (${name}), exit status ${rc}:\n"
                        "  command: ${ARGN}\n${out}")
  endif()
  message(STATUS "step ${number} (${name}): ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step(1 "install into ${prefix}" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file IN ITEMS bin/fpconform include/fpconform/plugin.h
                      lib/cmake/fpconform/fpconformConfig.cmake
                      lib/cmake/fpconform/fpconformConfigVersion.cmake
                      lib/cmake/fpconform/fpconform-functions.cmake)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "package test FAILED at step 1 (install): ${prefix}/${file} missing")
  endif()
endforeach()
# The installed command starts from the prefix: its RUNPATH finds every library it needs.
if(NOT TOOLCHAIN)
  step(2 "installed fpconform runs" ${prefix}/bin/fpconform list)
  if(NOT step_output MATCHES "portable")
    message(FATAL_ERROR "package test FAILED at step 2: `fpconform list` does not list portable:\n"
                        "${step_output}")
  endif()
endif()

set(configure ${CMAKE_COMMAND} -S ${CONSUMER} -B ${consumer_build} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix})
if(TOOLCHAIN)
  list(APPEND configure -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN})
endif()
if(BUILD_TYPE)
  list(APPEND configure -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
endif()
step(3 "configure the consumer (find_package(fpconform))" ${configure})
step(4 "build the consumer's plug-in" ${CMAKE_COMMAND} --build ${consumer_build})
# The gate's command line, to see what ran; then the gate itself.
step(5 "list the consumer's tests" ${CMAKE_CTEST_COMMAND} --test-dir ${consumer_build} -N -V)
if(NOT step_output MATCHES "fpconform_gate.tiny_plugin")
  message(FATAL_ERROR "package test FAILED at step 5: no test fpconform_gate.tiny_plugin:\n${step_output}")
endif()
step(6 "run the consumer's gate (ctest)" ${CMAKE_CTEST_COMMAND} --test-dir ${consumer_build}
     --output-on-failure)
foreach(file IN ITEMS fpconform_gate.tiny_plugin.junit.xml fpconform_gate.tiny_plugin.html)
  if(NOT EXISTS ${consumer_build}/${file})
    message(FATAL_ERROR "package test FAILED at step 6: the gate wrote no ${consumer_build}/${file}")
  endif()
endforeach()
message(STATUS "package test passed: installed, consumer built, its gate passed")
