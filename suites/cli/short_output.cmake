# The default output of a large check is short, and what leaves the terminal is still in the
# results (issue: the README's main command at most 120 lines where only bitfield fails):
#   - at most 120 lines; the matrix; each skip reason once, with the backends it stops
#     ("skipped  eigen-f16c, f16c, ...: f16c disabled ..."), not a row per op; no row of a run
#     that passed, no "unimplemented", no __REPRO of a passing INT8 case;
#   - the JSON holds every run, the passing ones too;
#   - --verbose prints every run's row and every INT8 case, as before (on a small selection).
# cmake -DFPCONFORM=<command;...> -DWORK=<dir> -DBASELINES=<dir> -P short_output.cmake
# (FPCONFORM_DISABLE=f16c in the environment: a backend skipped on every machine.)
file(MAKE_DIRECTORY ${WORK})
set(args check --backend all --op all --rounding all --inputs edge,random:1000000 --baseline ${BASELINES}
    --int8 exact --dot check --json ${WORK}/short.json)
execute_process(COMMAND ${FPCONFORM} ${args} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "exit ${status}, expected 1 (bitfield deviates)\n${out}\n${err}")
endif()
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines lines)
message(STATUS "default output: ${lines} lines")
if(lines GREATER 120)
  message(FATAL_ERROR "${lines} lines, expected at most 120:\n${out}")
endif()
foreach(want "\nmatrix: " "\nskipped  ([^\n]*, )?f16c(, [^\n]*)?: f16c disabled by FPCONFORM_DISABLE \\([0-9]+ runs\\)\n"
             "\nbitfield f32_to_f16 rne \\(edge\\): [0-9]+ mismatches of " "repro:   fpconform check --backend bitfield"
             "INT8 GEMM exactness" "\nreference( +\\.)+\n" "[0-9]+ passed, [1-9][0-9]* failed, [0-9]+ skipped \\(profile")
  if(NOT out MATCHES "${want}")
    message(FATAL_ERROR "default output lacks '${want}':\n${out}")
  endif()
endforeach()
foreach(unwanted "unimplemented" "__REPRO: fpconform matmul --backend reference" "\nportable +f32_to_f16 +rne +edge"
                 "skipped  f16c[^\n]*\n(.*\n)?skipped  f16c")
  if(out MATCHES "${unwanted}")
    message(FATAL_ERROR "default output has '${unwanted}':\n${out}")
  endif()
endforeach()
execute_process(COMMAND python3 -c "import json, sys; runs = json.load(open(sys.argv[1]))['runs']; \
bad = [r['backend'] + ' ' + r['op'] for r in runs if r['status'] == 'unimplemented']; \
ok = any(r['backend'] == 'portable' and r['op'] == 'f32_to_f16' and r['inputs'] == 'edge' and r['status'] == 'passed' for r in runs); \
print(len(runs), 'runs; unimplemented:', bad, '; portable f32_to_f16 edge passed:', ok); sys.exit(bool(bad) or not ok)" ${WORK}/short.json
                RESULT_VARIABLE status OUTPUT_VARIABLE shown ERROR_VARIABLE shown)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${WORK}/short.json: ${shown}")
endif()

# --verbose on a small selection: the rows it must show are a passing and a skipped run's and
# an INT8 case's (check runs every built-in GEMM whatever --backend says), and all of them pass
# or skip; the whole command again took 16 s here and 96 s under ASan.
execute_process(COMMAND ${FPCONFORM} check --backend portable,f16c --op f32_to_f16 --rounding rne
                        --inputs edge --int8 exact --verbose RESULT_VARIABLE status OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "--verbose: exit ${status}, expected 0\n${out}\n${err}")
endif()
foreach(want "\nportable +f32_to_f16 +rne +edge +[0-9]+ +0  passed\n" "\nf16c +f32_to_f16 +rne +edge +0 +0  skipped: f16c disabled"
             "\nPASSED +reference +s8 .*__REPRO: fpconform matmul --backend reference")
  if(NOT out MATCHES "${want}")
    message(FATAL_ERROR "--verbose output lacks '${want}':\n${out}")
  endif()
endforeach()
