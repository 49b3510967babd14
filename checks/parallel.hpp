// The thread pool of compare() and sweep(). Internal to checks/.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fpconform {

// Runs body(t, i) for i in [0, count) on `threads` threads, t the thread's number, and progress
// (if any) now and then on this one. The first exception a body throws (a backend's conversion
// can) stops the other threads at their next i and is rethrown here.
template <class Body>
void parallel(std::uint64_t count, unsigned threads, Body body,
              const std::function<void()>& progress = nullptr) {
  std::atomic<std::uint64_t> next{0};
  std::mutex m;
  std::condition_variable cv;
  unsigned running = threads;
  std::exception_ptr error;
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          for (std::uint64_t i; (i = next.fetch_add(1)) < count;) body(t, i);
        } catch (...) {
          std::lock_guard lock(m);
          if (!error) error = std::current_exception();
          next = count;
        }
        std::lock_guard lock(m);
        --running;
        cv.notify_all();
      });
    if (progress) {
      std::unique_lock lock(m);
      while (!cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return running == 0; }))
        progress();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace fpconform
