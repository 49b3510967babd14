#!/usr/bin/env bash
# One hash of the sources a build is made from (what gpu-stage.sh built, what gpu-check.sh runs
# against), without git: the device machine gets a copy of the tree, perhaps without .git.
set -euo pipefail
cd "$(dirname "$0")/.."
find backends checks oracles platform plugins reports suites tools vectors include cmake examples \
     CMakeLists.txt CMakePresets.json -type f \
     \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cu' -o -name '*.cuh' -o -name '*.c' \
        -o -name '*.cmake' -o -name 'CMakeLists.txt' -o -name 'CMakePresets.json' \) 2>/dev/null |
  LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
