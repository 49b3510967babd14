// A progress line on stderr for work that outlasts two seconds, on a terminal only:
//   "  check  highway-sse4 f32_to_f16 rne      123.4/600 runs  45.2 runs/s  ETA 11 s"
// A thread redraws it four times a second, so one long step (an exhaustive case) still shows
// time passing. Nothing is drawn before two seconds have passed or when stderr is not a
// terminal, so logs and pipes see none of it; the line is erased when the Progress ends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace fpconform::cli {

class Progress {
 public:
  // total 0: not known ahead; the line shows the time elapsed instead of an ETA.
  Progress(std::string_view task, double total, std::string_view unit);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // done: units finished so far (fractions allowed: part of a run); what: the current item.
  void update(double done, std::string_view what = {});
  // Erases the line, before something is printed to stdout, so that the two do not mix.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  void draw();  // with mutex_ held
  std::string task_, unit_, what_;
  double total_, done_ = 0;
  Clock::time_point start_;
  bool shown_ = false, stop_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread ticker_;
};

}  // namespace fpconform::cli
