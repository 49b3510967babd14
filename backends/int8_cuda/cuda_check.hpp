// CUDA and cuBLAS statuses to exceptions, and device memory owned by RAII, for the INT8 GEMMs on
// the GPU.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include <cublasLt.h>
#include <cuda_runtime_api.h>

namespace fpconform::int8_cuda {

inline void check(cudaError_t e, const char* call) {
  if (e != cudaSuccess)
    throw std::runtime_error(std::string(call) + ": " + cudaGetErrorName(e) + ": " + cudaGetErrorString(e));
}

inline void check(cublasStatus_t s, const char* call) {
  if (s != CUBLAS_STATUS_SUCCESS)
    throw std::runtime_error(std::string(call) + ": " + cublasLtGetStatusName(s) + ": " +
                             cublasLtGetStatusString(s));
}

// n elements of T on device 0, zero-filled. cudaMalloc's pointers are 256-byte aligned, more than
// the 16 bytes cuBLASLt's int8 kernels want.
template <typename T>
class DeviceArray {
 public:
  explicit DeviceArray(std::size_t n) : n_(n) {
    void* p = nullptr;
    check(cudaMalloc(&p, bytes() ? bytes() : 1), "cudaMalloc");
    p_ = static_cast<T*>(p);
    check(cudaMemset(p_, 0, bytes()), "cudaMemset");
    // The memset runs on the default stream, asynchronously; the GEMMs use streams of their own.
    check(cudaStreamSynchronize(nullptr), "cudaStreamSynchronize");
  }
  ~DeviceArray() { cudaFree(p_); }  // errors ignored: the context may be going away
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;

  T* get() const { return p_; }
  std::size_t bytes() const { return n_ * sizeof(T); }
  void upload(const T* host) { check(cudaMemcpy(p_, host, bytes(), cudaMemcpyHostToDevice), "cudaMemcpy"); }

 private:
  T* p_ = nullptr;
  std::size_t n_;
};

class Stream {
 public:
  Stream() { check(cudaStreamCreateWithFlags(&s_, cudaStreamNonBlocking), "cudaStreamCreateWithFlags"); }
  ~Stream() { cudaStreamDestroy(s_); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  cudaStream_t get() const { return s_; }
  void sync() const { check(cudaStreamSynchronize(s_), "cudaStreamSynchronize"); }

 private:
  cudaStream_t s_ = nullptr;
};

}  // namespace fpconform::int8_cuda
