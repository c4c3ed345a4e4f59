#include "http/thread_pool.hpp"

#include <pthread.h>

#include <chrono>

namespace trae {

ElasticPool::ElasticPool(std::size_t min_threads, std::size_t core_threads, std::size_t max_threads,
                         std::size_t stack_bytes, int idle_retire_seconds)
    : min_(min_threads),
      core_(core_threads < min_threads ? min_threads : core_threads),
      max_(max_threads < core_ ? core_ : max_threads),
      stack_bytes_(stack_bytes),
      idle_retire_s_(idle_retire_seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::size_t i = 0; i < min_; ++i) spawn_locked();
}

ElasticPool::~ElasticPool() { shutdown(); }

bool ElasticPool::spawn_locked() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes_);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t t;
  int rc = pthread_create(&t, &attr, &ElasticPool::thread_main, this);
  pthread_attr_destroy(&attr);
  if (rc != 0) return false;
  ++threads_;
  ++idle_;  // counted idle until it picks up work
  if (threads_ > peak_) peak_ = threads_;
  return true;
}

void *ElasticPool::thread_main(void *arg) {
  static_cast<ElasticPool *>(arg)->run();
  return nullptr;
}

// Grow when queued jobs outnumber idle threads and fewer than `core`
// threads can run: a queued job never waits behind workers that are only
// waiting on slow clients, while the ceiling allows another thread. Busy
// threads that are running count against `core`, so a burst of ready work
// (10,000 handshakes at once) queues instead of spawning thousands of
// threads that would only compete for the same two cores.
bool ElasticPool::should_grow_locked() const {
  return idle_ < jobs_.size() && threads_ < max_ && threads_ - blocked_ < core_;
}

void ElasticPool::enqueue(std::function<void()> job) {
  std::lock_guard<std::mutex> lock(mu_);
  jobs_.push_back(std::move(job));
  if (should_grow_locked()) spawn_locked();
  work_cv_.notify_one();
}

void ElasticPool::blocked_begin() {
  std::lock_guard<std::mutex> lock(mu_);
  ++blocked_;
  if (should_grow_locked()) spawn_locked();
}

void ElasticPool::blocked_end() {
  std::lock_guard<std::mutex> lock(mu_);
  --blocked_;
}

void ElasticPool::run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    bool timed_out = !work_cv_.wait_for(lock, std::chrono::seconds(idle_retire_s_),
                                        [&] { return !jobs_.empty() || stopping_; });
    if (jobs_.empty()) {
      if (stopping_ || (timed_out && threads_ > min_)) break;
      continue;
    }
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    --idle_;
    lock.unlock();
    job();
    job = nullptr;  // destroy captures outside the lock
    lock.lock();
    ++idle_;
  }
  --idle_;
  --threads_;
  exit_cv_.notify_all();
}

void ElasticPool::shutdown() {
  std::unique_lock<std::mutex> lock(mu_);
  stopping_ = true;
  work_cv_.notify_all();
  exit_cv_.wait(lock, [&] { return threads_ == 0; });
}

PoolStats ElasticPool::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return PoolStats{threads_, threads_ - idle_, jobs_.size(), peak_, blocked_};
}

}  // namespace trae
