// The connection worker pool. cpp-httplib ties one worker to each open
// keep-alive connection, so a fixed pool lets idle connections starve new
// requests. This pool instead grows a thread whenever no worker is idle (up
// to a ceiling) and lets surplus threads retire after a quiet spell. Threads
// get small stacks so that 10,000 connections fit in little memory.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace trae {

struct PoolStats {
  std::size_t threads = 0;
  std::size_t busy = 0;
  std::size_t queued = 0;
  std::size_t peak_threads = 0;
};

class ElasticPool {
 public:
  ElasticPool(std::size_t min_threads, std::size_t max_threads, std::size_t stack_bytes,
              int idle_retire_seconds = 30);
  ~ElasticPool();
  ElasticPool(const ElasticPool &) = delete;
  ElasticPool &operator=(const ElasticPool &) = delete;

  void enqueue(std::function<void()> job);
  // Runs every queued job, then stops and joins all threads.
  void shutdown();
  PoolStats stats() const;

 private:
  bool spawn_locked();
  static void *thread_main(void *arg);
  void run();

  const std::size_t min_, max_, stack_bytes_;
  const int idle_retire_s_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, exit_cv_;
  std::deque<std::function<void()>> jobs_;
  std::size_t threads_ = 0, idle_ = 0, peak_ = 0;
  bool stopping_ = false;
};

}  // namespace trae
