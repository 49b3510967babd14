#!/usr/bin/env bash
# The GPU checks as one prepared script, for a machine with an NVIDIA GPU: the cuda preset's build
# (or, where .gpu/bin holds what tools/gpu-stage.sh built elsewhere, that), the tests that touch the
# GPU, then the device sweeps whose answers no CPU machine can give. Everything lands under
# build/gpu, and, where $OUT is set, in one archive $OUT/gpu-results.tar.gz:
#   gpu.txt            the GPU and driver
#   tests.txt          the test executables (Cuda.DeviceAgreesWithHostOnEveryNumber, INT8 on the GPU)
#   device-*.txt/json  cuda and cuda-host: conversions and arithmetic on edge + random inputs;
#                      every 2^32 input of f32_to_f16/bf16 in every mode; every operand pair of
#                      __hadd ... __hdiv and every hsqrt operand in rne (is __hdiv correctly rounded?)
#   dot-*.txt/json     cuBLAS bf16/f16 GEMMs, its TF32 GEMM (dot-tf32-*) and cuBLASLt's E4M3 GEMM
#                      (dot-fp8-*) as dot-product units: the inferred accumulation model, K blocking
#                      at K = 4096, error against the exact sum as K grows
#   int8-*.txt/json    cuda-dp4a and cublaslt-imma: exact at 4096^3 and ragged shapes, and speed
# A deviation is a finding, not a failure of this script: each check's exit status is recorded.
# Each check has a time limit (STEP_S, default 150 s), so one slow check cannot eat the others'.
# STEPS picks steps (default: tests convert arith fma dot int8).
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/gpu
rm -rf "$out" && mkdir -p "$out"
step_s=${STEP_S:-150}
# Archived after every step, so a run stopped at its limit still brings back what it did.
finish() { [[ -z ${OUT:-} ]] || tar czf "$OUT/gpu-results.tar.gz" -C build gpu; }
trap finish EXIT
{ nvidia-smi -L; nvidia-smi --query-gpu=name,driver_version,compute_cap,clocks.max.sm --format=csv
  nproc; grep -m1 "model name" /proc/cpuinfo; } > "$out/gpu.txt" 2>&1
cat "$out/gpu.txt"
if [[ -x .gpu/bin/fpconform ]]; then
  # Binaries staged from other sources would check code that is not this tree's: refused.
  if [[ "$(cat .gpu/sources.sha256 2>/dev/null)" != "$(tools/source-hash.sh)" ]]; then
    echo "gpu-check: .gpu/bin was staged from other sources than this tree's: run tools/gpu-stage.sh again" | tee -a "$out/gpu.txt"
    exit 1
  fi
  bin=.gpu/bin
  # Only the libraries this machine lacks come from .gpu/lib; CUDA's come from the toolkit or pip.
  mkdir -p .gpu/ld
  for f in .gpu/lib/*; do
    ldconfig -p | grep -q "^\s*$(basename "$f") " || ln -sf "$PWD/$f" .gpu/ld/
  done
  cublas=$(find /usr/local/cuda*/ /usr/lib /opt -name 'libcublas.so.13*' 2>/dev/null | head -n 1)
  export LD_LIBRARY_PATH=$PWD/.gpu/ld${cublas:+:$(dirname "$cublas")}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  echo "prebuilt: $bin; from .gpu/lib: $(ls .gpu/ld | tr '\n' ' '); cuBLAS: ${cublas:-none found}"
  ldd $bin/fpconform | grep "not found" && exit 1
  tests=$(ls $bin | grep _test)
else
  bin=build-cuda
  cmake --preset cuda > "$out/configure.txt" 2>&1 && cmake --build --preset cuda -j"$(nproc)" > "$out/build.txt" 2>&1 ||
    { tail -n 40 "$out/build.txt"; exit 1; }
  tests="cuda_test int8_cuda_test arith_backends_test mul_add_backends_test int8_backends_test
         int8_gemm_robustness_test dot_probe_test"
  bin_tests=build-cuda/suites
fi
$bin/fpconform list > "$out/list.txt" 2>&1; grep -A1 -E "^(cuda|cublas|cuda-dp4a|cublaslt)" "$out/list.txt"
run() {  # name, then fpconform check arguments
  local name=$1; shift
  timeout "$step_s" $bin/fpconform check "$@" --baseline baselines --json "$out/$name.json" > "$out/$name.txt" 2>&1
  echo "$name: exit $? ($*)"; tail -n 4 "$out/$name.txt"; finish
}
step_tests() {
  for t in $tests; do
    timeout "$step_s" "${bin_tests:-$bin}/$t" > "$out/test-$t.txt" 2>&1
    echo "$t: exit $?"; grep -E '^\[  (PASSED|SKIPPED)  \] [0-9]|^\[  FAILED  \]' "$out/test-$t.txt" | head -n 12
  done
  finish
}
step_convert() {
  run device-edge --backend cuda,cuda-host --op all --rounding all --inputs edge,random:1000000
  run device-narrow --backend cuda --op f32_to_f16,f32_to_bf16 --rounding rne,rtz,rdn,rup --inputs exhaustive
  run device-fp8 --backend cuda --op f32_to_e4m3,f32_to_e4m3_sat,f32_to_e5m2,f32_to_e5m2_sat --rounding rne --inputs exhaustive
  run device-fp6 --backend cuda,cuda-host --op f32_to_e3m2,f32_to_e2m3,f32_to_e2m1 --rounding rne,rtz --inputs exhaustive
}
step_arith() {
  run device-arith --backend cuda --op f16_add,f16_sub,f16_mul,f16_div,f16_sqrt,bf16_add,bf16_sub,bf16_mul,bf16_div,bf16_sqrt \
    --rounding rne --inputs exhaustive
}
# __hfma (fma.rn.f16 / fma.rn.bf16): its hard cases and one slice of all (a, b) with c = 2^-24
# (where a binary32 route double-rounds; via-f32 misses 2577048 of them on x86).
step_fma() {
  run device-fma --backend cuda --op f16_mulAdd,bf16_mulAdd --rounding rne --inputs edge,random:1000000,hard:4194304,slice:c=0x0001
}
# The tensor cores through cuBLAS (cublas-bf16, cublas-f16): which accumulation model the probes
# infer (beside the published tensor-core-v100/a100/h100 models), at K from 16 to 4096 (is K
# blocked?), and the error against the exact sum as K grows. Every answer is recorded (dot-*.rec),
# so that models can be fitted to them later on any CPU: fpconform dot --replay dot-k64.rec ...
step_dot() {
  for k in 16 17 32 64 128 256 1000 1024 4096; do
    local cases=4096; [[ $k == 4096 ]] && cases=20000; [[ $k == 64 ]] && cases=1000000
    timeout "$step_s" $bin/fpconform dot --backend cublas-bf16,cublas-f16 --k $k --cases $cases \
      --json "$out/dot-k$k.json" --record "$out/dot-k$k.rec" > "$out/dot-k$k.txt" 2>&1
    echo "dot k=$k: exit $?"; grep -E "^(PASSED|FAILED|SKIPPED)|inferred|differ" "$out/dot-k$k.txt"
  done
  # FP8 (E4M3) through cuBLASLt, with and without FAST_ACCUM (K a multiple of 16 only): written
  # blind, first run here; the probes infer what its steps keep (hopper-fp8-published: 13 bits).
  for k in 16 32 64 256 1024 4096; do
    local cases=4096; [[ $k == 64 ]] && cases=1000000
    timeout "$step_s" $bin/fpconform dot --backend cublaslt-e4m3,cublaslt-e4m3-fastaccum --format e4m3 --k $k \
      --cases $cases --json "$out/dot-fp8-k$k.json" --record "$out/dot-fp8-k$k.rec" > "$out/dot-fp8-k$k.txt" 2>&1
    echo "dot fp8 k=$k: exit $?"; grep -E "^(PASSED|FAILED|SKIPPED)|inferred|differ" "$out/dot-fp8-k$k.txt"
  done
  # TF32 (f32 A and B holding tf32 numbers, CUBLAS_COMPUTE_32F_FAST_TF32): written blind, first
  # run here; the probes infer its steps beside cublas-sm90-tf32-published (steps of 8).
  for k in 16 17 64 256 1024 4096; do
    local cases=4096; [[ $k == 64 ]] && cases=1000000
    timeout "$step_s" $bin/fpconform dot --backend cublas-tf32 --format tf32 --k $k --cases $cases \
      --json "$out/dot-tf32-k$k.json" --record "$out/dot-tf32-k$k.rec" > "$out/dot-tf32-k$k.txt" 2>&1
    echo "dot tf32 k=$k: exit $?"; grep -E "^(PASSED|FAILED|SKIPPED)|inferred|differ" "$out/dot-tf32-k$k.txt"
  done
  timeout "$step_s" $bin/fpconform dot --backend cublas-bf16,cublas-f16,cublas-tf32,twin-tensor-core-h100 --error-k 64,256,1024,4096 \
    --cases 1000 --json "$out/dot-error.json" --record "$out/dot-error.rec" > "$out/dot-error.txt" 2>&1
  echo "dot error vs K: exit $?"; cat "$out/dot-error.txt"; finish
}
step_int8() {
  for shape in 4096x4096:4096x4096 ragged; do
    local name=int8-${shape%%x*}
    timeout "$step_s" $bin/fpconform matmul --backend cuda-dp4a,cublaslt-imma --shape $shape --check exact,speed \
      --json "$out/$name.json" > "$out/$name.txt" 2>&1
    echo "int8 $shape: exit $?"; grep -vE "^SPEED sgemm" "$out/$name.txt" | tail -n 12
  done
  finish
}
# Every step by default; STEPS="fma dot" runs those alone.
for s in ${STEPS:-tests convert arith fma dot int8}; do "step_$s"; done
