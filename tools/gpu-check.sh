#!/usr/bin/env bash
# The GPU checks as one prepared script, for a machine with an NVIDIA GPU and the project's
# dependencies (tools/install-deps.sh): the cuda preset (build-cuda, CUDA required), its tests,
# then the device sweeps whose answers no CPU machine can give. Everything lands under $OUT (default build/gpu):
#   gpu.txt            the GPU and driver
#   ctest-cuda.txt     ctest --preset cuda (Cuda.DeviceAgreesWithHostOnEveryNumber, INT8 on the GPU)
#   device-*.txt/json  cuda and cuda-host: conversions and arithmetic on edge + random inputs;
#                      every 2^32 input of f32_to_f16/bf16 in every mode; every operand pair of
#                      __hadd ... __hdiv and every hsqrt operand in rne (is __hdiv correctly rounded?)
#   dot-*.txt/json     cuBLAS bf16/f16 GEMMs as dot-product units: the inferred accumulation model,
#                      K blocking at K = 4096, error against the exact sum as K grows
# A deviation is a finding, not a failure of this script: each check's exit status is recorded.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-build/gpu}
mkdir -p "$out"
{ nvidia-smi -L; nvidia-smi --query-gpu=name,driver_version,compute_cap --format=csv; } > "$out/gpu.txt" 2>&1
cat "$out/gpu.txt"
cmake --preset cuda > "$out/configure.txt" 2>&1 && cmake --build --preset cuda -j"$(nproc)" > "$out/build.txt" 2>&1 ||
  { tail -n 40 "$out/build.txt"; exit 1; }
ctest --preset cuda -j"$(nproc)" --output-on-failure > "$out/ctest-cuda.txt" 2>&1
echo "ctest --preset cuda: exit $?"; tail -n 15 "$out/ctest-cuda.txt"
run() {  # name, then fpconform check arguments
  local name=$1; shift
  build-cuda/fpconform check "$@" --json "$out/$name.json" > "$out/$name.txt" 2>&1
  echo "$name: exit $? ($*)"; tail -n 4 "$out/$name.txt"
}
run device-edge --backend cuda,cuda-host --op all --rounding all --inputs edge,random:1000000
run device-narrow --backend cuda --op f32_to_f16,f32_to_bf16 --rounding rne,rtz,rdn,rup --inputs exhaustive
run device-arith --backend cuda --op f16_add,f16_sub,f16_mul,f16_div,f16_sqrt,bf16_add,bf16_sub,bf16_mul,bf16_div,bf16_sqrt \
  --rounding rne --inputs exhaustive
# __hfma (fma.rn.f16 / fma.rn.bf16): its hard cases and one slice of all (a, b) with c = 2^-24
# (where a binary32 route double-rounds; via-f32 misses 2577048 of them on x86).
run device-fma --backend cuda --op f16_mulAdd,bf16_mulAdd --rounding rne --inputs edge,hard:4194304,slice:c=0x0001
# The tensor cores through cuBLAS (cublas-bf16, cublas-f16): which accumulation model the probes
# infer (beside the published tensor-core-v100/a100/h100 models), at K = 64 and K = 4096 (is K
# blocked?), and the error against the exact sum as K grows.
for k in 64 4096; do
  build-cuda/fpconform dot --backend cublas-bf16,cublas-f16 --k $k --cases 20000 \
    --json "$out/dot-k$k.json" > "$out/dot-k$k.txt" 2>&1
  echo "dot k=$k: exit $?"; grep -E "^(PASSED|FAILED|SKIPPED)|inferred|differ" "$out/dot-k$k.txt"
done
build-cuda/fpconform dot --backend cublas-bf16,cublas-f16,twin-tensor-core-h100 --error-k 64,256,1024,4096 \
  --cases 1000 --json "$out/dot-error.json" > "$out/dot-error.txt" 2>&1
echo "dot error vs K: exit $?"; cat "$out/dot-error.txt"
