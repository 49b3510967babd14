#!/usr/bin/env bash
# For a GPU machine that has CUDA but none of the project's Debian libraries and no way to install
# them (this workplace's device machine): build the cuda preset here and stage under .gpu/ what
# runs there, for tools/gpu-check.sh to use instead of building:
#   .gpu/bin/  fpconform and the test executables that touch the GPU
#   .gpu/lib/  the shared libraries they need beyond glibc and CUDA's own (gpu-check.sh puts on the
#              loader's path only those the machine lacks)
# oneDNN is left out (its 40 MB library would not fit what travels with the tree): the onednn
# backends report "skipped" there.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=(cuda_test int8_cuda_test arith_backends_test mul_add_backends_test int8_backends_test
       int8_gemm_robustness_test dot_probe_test)
cmake --preset cuda -DDNNL_LIBRARY=OFF > /dev/null
cmake --build build-cuda --target fpconform "${tests[@]}"
rm -rf .gpu && mkdir -p .gpu/bin .gpu/lib
cp build-cuda/fpconform .gpu/bin/
for t in "${tests[@]}"; do cp "build-cuda/suites/$t" .gpu/bin/; done
strip .gpu/bin/*
ldd .gpu/bin/* | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' | sort -u |
  while read -r name path; do
    case $name in
      libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|ld-linux*|libcublas*|libcudart*) ;;
      *) cp -L "$path" ".gpu/lib/$name" ;;
    esac
  done
tools/source-hash.sh > .gpu/sources.sha256  # gpu-check.sh refuses binaries of other sources
du -sh .gpu/bin .gpu/lib
