# Cross-compiles for aarch64 with Debian's g++-aarch64-linux-gnu and runs every program the build
# or CTest starts through Debian's qemu-aarch64. The target's libraries come from Debian's arm64
# multiarch packages (tools/install-deps.sh --aarch64), in /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Programs from the host, libraries and headers only from the target's multiarch directories.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

# Every program runs through tools/qemu-aarch64 (qemu-aarch64 -cpu max, and FPCONFORM_EMULATOR
# set so that results and reports say they were emulated).
find_program(FPCONFORM_QEMU qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../tools/qemu-aarch64)
