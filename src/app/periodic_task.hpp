// A background thread that runs a job, waits as long as the job asks, and
// runs it again, until destroyed (the destructor wakes the wait and joins).
#pragma once
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace trae {

class PeriodicTask {
 public:
  // `job` returns the seconds to wait before its next run. The first run
  // happens after `first_delay_s`.
  PeriodicTask(long long first_delay_s, std::function<long long()> job) : job_(std::move(job)) {
    thread_ = std::thread([this, first_delay_s] { loop(first_delay_s); });
  }
  ~PeriodicTask() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  PeriodicTask(const PeriodicTask &) = delete;
  PeriodicTask &operator=(const PeriodicTask &) = delete;

 private:
  void loop(long long wait_s) {
    std::unique_lock<std::mutex> l(mu_);
    while (!cv_.wait_for(l, std::chrono::seconds(std::max(wait_s, 0LL)), [&] { return stop_; })) {
      l.unlock();
      wait_s = std::max(job_(), 1LL);
      l.lock();
    }
  }

  std::function<long long()> job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace trae
