#include "tools/fpconform/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace fpconform::cli {

Progress::Progress(std::string_view task, double total, std::string_view unit)
    : task_(task), unit_(unit), total_(total), start_(Clock::now()) {
  if (!isatty(STDERR_FILENO)) return;
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; }))
      if (Clock::now() - start_ >= std::chrono::seconds(2)) draw();
  });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  clear();
}

void Progress::update(double done, std::string_view what) {
  std::lock_guard lock(mutex_);
  done_ = done;
  if (!what.empty()) what_ = what.substr(0, 40);
}

void Progress::clear() {
  std::lock_guard lock(mutex_);
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void Progress::draw() {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = done_ / elapsed;
  if (total_ > 0)
    std::fprintf(stderr, "\r  %s  %-40s %.1f/%.0f %s  %.2f %s/s  ETA %.0f s\x1b[K", task_.c_str(), what_.c_str(),
                 done_, total_, unit_.c_str(), rate, unit_.c_str(), rate > 0 ? (total_ - done_) / rate : 0.0);
  else
    std::fprintf(stderr, "\r  %s  %-40s %.0f %s done  %.0f s\x1b[K", task_.c_str(), what_.c_str(), done_,
                 unit_.c_str(), elapsed);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace fpconform::cli
