# The dependency direction of ../shared/DESIGN.md's layout table, checked on the sources: each
# folder's files may include (#include "folder/...") only the folders it may depend on. The public
# headers (include/fpconform/) are the vocabulary every folder shares. Run at configure time by
# CMakeLists.txt (a violation stops the build) and as the test layout.dependencies, which also
# plants an upward include in a scratch tree and expects it to be refused.
#   cmake -DROOT=<source tree> -P check_layout.cmake
# backends/ may use oracles/ (listed above it): the `oracle` backend is the soft-float oracle.
cmake_policy(SET CMP0057 NEW)
set(fpconform_layout
  # folder     may include
  "oracles     oracles"
  "platform    platform"
  "backends    backends platform oracles"
  "vectors     vectors oracles"
  "reports     reports oracles platform"
  "checks      checks oracles vectors platform reports"
  "plugins     plugins checks reports vectors oracles platform"
  "tools       tools plugins checks reports vectors backends oracles platform"
  "examples    examples")
set(fpconform_layout_folders oracles platform backends vectors reports checks plugins tools suites)

function(fpconform_check_layout root out_violations)
  set(violations "")
  foreach(row IN LISTS fpconform_layout)
    string(REGEX REPLACE " +" ";" row "${row}")
    list(POP_FRONT row folder)
    file(GLOB_RECURSE files LIST_DIRECTORIES false
         "${root}/${folder}/*.cpp" "${root}/${folder}/*.hpp" "${root}/${folder}/*.inc"
         "${root}/${folder}/*.cu" "${root}/${folder}/*.h" "${root}/${folder}/*.c")
    foreach(f IN LISTS files)
      file(STRINGS "${f}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_0-9]+/")
      foreach(line IN LISTS includes)
        string(REGEX MATCH "\"([a-z_0-9]+)/[^\"]*\"" inc "${line}")
        set(target "${CMAKE_MATCH_1}")
        if(target IN_LIST fpconform_layout_folders AND NOT target IN_LIST row)
          file(RELATIVE_PATH rel "${root}" "${f}")
          string(APPEND violations "${rel}: ${inc}: ${folder}/ may not depend on ${target}/ "
                                   "(it may use: ${row}; DESIGN.md \"Layout\")\n")
        endif()
      endforeach()
    endforeach()
  endforeach()
  set(${out_violations} "${violations}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND DEFINED ROOT)
  fpconform_check_layout("${ROOT}" violations)
  if(violations)
    message(FATAL_ERROR "dependencies that point up the layout:\n${violations}")
  endif()
  # The check itself must be able to fail: an upward include planted in a scratch tree.
  if(DEFINED SCRATCH)
    file(REMOVE_RECURSE "${SCRATCH}")
    file(WRITE "${SCRATCH}/reports/upward.cpp" "#include \"checks/sweep.hpp\"\n")
    file(WRITE "${SCRATCH}/oracles/fine.cpp" "#include \"fpconform/format.hpp\"\n#include \"oracles/x.hpp\"\n")
    fpconform_check_layout("${SCRATCH}" planted)
    if(NOT planted MATCHES "^reports/upward.cpp: \"checks/sweep.hpp\": reports/ may not depend on checks/ [^\n]*\n$")
      message(FATAL_ERROR "the layout check missed a planted upward include, or refused a good one:\n${planted}")
    endif()
  endif()
  message(STATUS "layout: every #include points down DESIGN.md's table")
endif()
