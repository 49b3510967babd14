# fpconform_add_gate(): a CTest test that gates a vendor's plug-in with `fpconform check`.
#
#   fpconform_add_gate(TARGET mykernel_plugin OPS f32_to_f16 ROUNDING all PROFILE ieee
#                      [BASELINE file-or-dir] [INPUTS edge,random:1000000] [NAME testname]
#                      [TIMEOUT seconds] [NO_ROBUSTNESS])
#
# TARGET is the plug-in (a MODULE or SHARED library built against fpconform::plugin). OPS,
# ROUNDING and INPUTS take fpconform's comma lists (a CMake list is joined with commas). The test
# (default name fpconform_gate.<TARGET>) runs the plug-in through every backend loaded with
# --plugin (`--backend plugins`: its name is known only once it is loaded) and fails on exit
# status 1 (deviations beyond profile and baseline) and 2 (a refused plug-in, a bad baseline).
# The robustness probes (--robustness: SIMD tails against guard pages, misaligned buffers, input
# unchanged, determinism, two threads) run too, unless NO_ROBUSTNESS.
# It writes <NAME>.junit.xml and <NAME>.html in the current binary directory, for CI to collect.
#
# Works installed (find_package(fpconform)) and in fpconform's own build tree: either way the
# command is the executable target fpconform::fpconform, resolved when the build is generated (so
# in the source tree the ALIAS may be defined after the call).
include_guard(GLOBAL)

function(fpconform_add_gate)
  cmake_parse_arguments(PARSE_ARGV 0 G "NO_ROBUSTNESS" "TARGET;PROFILE;BASELINE;NAME;TIMEOUT" "OPS;ROUNDING;INPUTS")
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "fpconform_add_gate: unknown arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required IN ITEMS TARGET OPS ROUNDING PROFILE)
    if(NOT G_${required})
      message(FATAL_ERROR "fpconform_add_gate: ${required} is required")
    endif()
  endforeach()
  if(NOT TARGET ${G_TARGET})
    message(FATAL_ERROR "fpconform_add_gate: TARGET '${G_TARGET}' is not a target of this project")
  endif()
  if(NOT G_INPUTS)
    set(G_INPUTS edge random:1000000)
  endif()
  if(NOT G_NAME)
    set(G_NAME fpconform_gate.${G_TARGET})
  endif()
  list(JOIN G_OPS "," ops)
  list(JOIN G_ROUNDING "," rounding)
  list(JOIN G_INPUTS "," inputs)

  set(command ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:fpconform::fpconform> check
      --plugin $<TARGET_FILE:${G_TARGET}> --backend plugins
      --op ${ops} --rounding ${rounding} --profile ${G_PROFILE} --inputs ${inputs})
  if(NOT G_NO_ROBUSTNESS)
    list(APPEND command --robustness)
  endif()
  if(G_BASELINE)
    # Relative to the calling CMakeLists.txt, as CMake reads other paths.
    get_filename_component(baseline "${G_BASELINE}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND command --baseline ${baseline})
  endif()
  list(APPEND command --junit ${CMAKE_CURRENT_BINARY_DIR}/${G_NAME}.junit.xml
                      --html ${CMAKE_CURRENT_BINARY_DIR}/${G_NAME}.html)
  add_test(NAME ${G_NAME} COMMAND ${command})
  set_tests_properties(${G_NAME} PROPERTIES LABELS fpconform_gate)
  if(G_TIMEOUT)
    set_tests_properties(${G_NAME} PROPERTIES TIMEOUT ${G_TIMEOUT})
  endif()
endfunction()
