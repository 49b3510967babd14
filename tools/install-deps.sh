#!/usr/bin/env bash
# Installs what fpconform needs to build and test, from Debian 12's packages. Idempotent: only
# missing packages are installed, and nothing at all when everything is there.
#   tools/install-deps.sh            the x86-64 (host) build
#   tools/install-deps.sh --aarch64  also the aarch64 cross build: Debian's cross compiler, qemu-user,
#                                    and the target's libraries as arm64 multiarch packages
#   tools/install-deps.sh --slurm    also Slurm and munge, for a one-node Slurm on this machine
#                                    (tools/slurm-local.sh; docs/slurm.md)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libeigen3-dev libmpfr-dev libgmp-dev libcli11-dev nlohmann-json3-dev
  libfp16-dev libimath-dev libhwy-dev libdnnl-dev libgemmlowp-dev
  python3-numpy  # the numpy peer: numpy's own half conversion (libnpymath.a)
  libxnnpack-dev libpthreadpool-dev  # the xnnpack peer (xnnpack.h includes pthreadpool.h)
  python3 chromium fonts-dejavu-core
  clang libclang-rt-dev libomp-dev  # the fuzz preset: clang++, libFuzzer, OpenMP for clang
)
arm64=0
for arg in "$@"; do
  case "$arg" in
    --aarch64) arm64=1 ;;
    --slurm) packages+=(slurm-wlm munge) ;;
    *) echo "install-deps: unknown option '$arg' (--aarch64, --slurm)" >&2; exit 2 ;;
  esac
done
if [ "$arm64" -eq 1 ]; then
  # Header-only libraries (Eigen, CLI11, nlohmann-json, FP16, gemmlowp) serve both targets; oneDNN
  # is left out of the aarch64 build.
  packages+=(g++-aarch64-linux-gnu qemu-user
             libgtest-dev:arm64 libgmock-dev:arm64 librapidcheck-dev:arm64 libbenchmark-dev:arm64
             libmpfr-dev:arm64 libgmp-dev:arm64 libimath-dev:arm64 libhwy-dev:arm64 libgomp1:arm64)
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ "$arm64" -eq 1 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "install-deps: adding the arm64 architecture (multiarch)"
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
