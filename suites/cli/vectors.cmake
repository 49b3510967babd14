# fpconform vectors gen | check, end to end: TestFloat-format files generated for f32_to_f16
# (rne, edge inputs) and f16_to_f32 are checked against BACKENDS (exit 0); a changed expected
# result gives exit 1 naming FILE:LINE; a malformed file gives exit 2 naming FILE:LINE and field.
# Usage: cmake -DFPCONFORM=path -DWORK=dir -DBACKENDS=oracle,portable -P vectors.cmake
string(REPLACE "," ";" BACKENDS "${BACKENDS}")
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# run(EXIT REGEX args...): runs fpconform args, expects the exit status and output to match.
function(run exit regex)
  execute_process(COMMAND ${FPCONFORM} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  string(REPLACE ";" " " shown "${ARGN}")
  if(NOT status STREQUAL "${exit}")
    message(FATAL_ERROR "`fpconform ${shown}` exited ${status}, expected ${exit}\n${out}\n${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "`fpconform ${shown}` output does not match '${regex}':\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
endfunction()

set(narrow ${WORK}/f32_to_f16_rne.tf)
set(widen ${WORK}/f16_to_f32.tf)
run(0 "not exhaustive" vectors gen --op f32_to_f16 --rounding rne --inputs edge
    --format testfloat -o ${narrow})
run(0 "" vectors gen --op f16_to_f32 --format testfloat -o ${widen})

# stdout by default, byte for byte the same; TestFloat's exact layout.
run(0 "" vectors gen --op f32_to_f16 --rounding rne --inputs edge --format testfloat)
file(READ ${narrow} written)
if(NOT last_out STREQUAL written)
  message(FATAL_ERROR "vectors gen: standard output differs from -o FILE")
endif()
set(h "[0-9A-F]")
if(NOT written MATCHES "^${h}${h}${h}${h}${h}${h}${h}${h} ${h}${h}${h}${h} ${h}${h}\n" OR
   NOT written MATCHES "\n477FF000 7C00 05\n")
  message(FATAL_ERROR "vectors gen --format testfloat: not TestFloat's layout")
endif()
file(STRINGS ${widen} widen_lines)
list(LENGTH widen_lines n)
if(NOT n EQUAL 65536)
  message(FATAL_ERROR "vectors gen f16_to_f32: ${n} lines, expected all 65536 inputs")
endif()

foreach(backend IN LISTS BACKENDS)
  run(0 "f32_to_f16_rne.tf: [0-9]+ vectors, [0-9]+ checked, 0 mismatches"
      vectors check --backend ${backend} --op f32_to_f16 --rounding rne --format testfloat ${narrow})
  run(0 "f16_to_f32.tf: 65536 vectors, 65536 checked, 0 mismatches"
      vectors check --backend ${backend} --op f16_to_f32 --format testfloat ${widen})
endforeach()

# One expected result changed (65520 must overflow to +inf): exit 1, the example names FILE:LINE.
string(REPLACE "\n477FF000 7C00 05\n" "\n477FF000 7BFF 05\n" changed "${written}")
file(WRITE ${WORK}/changed.tf "${changed}")
string(FIND "${changed}" "477FF000 7BFF" at)
string(SUBSTRING "${changed}" 0 ${at} before)
string(REGEX MATCHALL "\n" newlines "${before}")
list(LENGTH newlines line)
math(EXPR line "${line} + 1")
run(1 "changed.tf:${line}: f32_to_f16 rne.*got +0x7C00.*expected 0x7BFF.*kind overflow"
    vectors check --backend oracle --op f32_to_f16 --rounding rne --format testfloat
    ${WORK}/changed.tf)

# Malformed files: exit 2 with FILE:LINE and the field.
file(WRITE ${WORK}/bad.tf "3F800000 3C00 00\n3F801000 3C00 01\n477FF000 7CZ0 05\n")
run(2 "bad.tf:3: field 'expected'"
    vectors check --backend oracle --op f32_to_f16 --rounding rne --format testfloat ${WORK}/bad.tf)
file(WRITE ${WORK}/truncated.tf "3F800000 3C00 00\n3F801000 3C")
run(2 "truncated.tf:2: field 'flags': missing.*truncated"
    vectors check --backend oracle --op f32_to_f16 --rounding rne --format testfloat
    ${WORK}/truncated.tf)
file(WRITE ${WORK}/bad.vec "# fpconform format\nf32_to_f16 rne 3F800000 3C00 00\nf32_to_f8 rne 3F800000 38 00\n")
run(2 "bad.vec:3: field 'op': unknown op 'f32_to_f8'" vectors check --backend oracle ${WORK}/bad.vec)
file(WRITE ${WORK}/empty.vec "")
run(2 "empty.vec:1: field 'vector': empty file" vectors check --backend oracle ${WORK}/empty.vec)
run(2 "--op is required with --format testfloat"
    vectors check --backend oracle --format testfloat ${narrow})
run(2 "--backend: unknown backend 'nope'" vectors check --backend nope ${narrow})
