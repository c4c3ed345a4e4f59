// The connection worker pool. Idle HTTPS connections hold no thread (they
// wait in the ConnectionParker), so a few dozen threads serve the requests
// that are ready. A worker can still be stuck on a slow client, though: a
// request trickling in byte by byte, or a reader that does not drain its
// response. Such a worker reports itself blocked, and the pool then grows a
// thread, so that `core` threads can always run while any number wait on
// clients (up to the ceiling). Surplus threads retire after a quiet spell.
// Threads get small stacks so that thousands of them fit in little memory.
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
  std::size_t blocked = 0;  // busy threads waiting on a slow client
};

class ElasticPool {
 public:
  // `core`: threads that may run at once without waiting on a client; a
  // job queued while that many run waits for one of them.
  ElasticPool(std::size_t min_threads, std::size_t core_threads, std::size_t max_threads,
              std::size_t stack_bytes, int idle_retire_seconds = 30);
  ~ElasticPool();
  ElasticPool(const ElasticPool &) = delete;
  ElasticPool &operator=(const ElasticPool &) = delete;

  void enqueue(std::function<void()> job);
  // Brackets a wait on a client's socket (see BlockedOnClient).
  void blocked_begin();
  void blocked_end();
  // Runs every queued job, then stops and joins all threads.
  void shutdown();
  PoolStats stats() const;

 private:
  bool spawn_locked();
  bool should_grow_locked() const;
  static void *thread_main(void *arg);
  void run();

  const std::size_t min_, core_, max_, stack_bytes_;
  const int idle_retire_s_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, exit_cv_;
  std::deque<std::function<void()>> jobs_;
  std::size_t threads_ = 0, idle_ = 0, peak_ = 0, blocked_ = 0;
  bool stopping_ = false;
};

// Marks the calling worker as waiting on a client for its lifetime.
class BlockedOnClient {
 public:
  explicit BlockedOnClient(ElasticPool &pool) : pool_(pool) { pool_.blocked_begin(); }
  ~BlockedOnClient() { pool_.blocked_end(); }
  BlockedOnClient(const BlockedOnClient &) = delete;
  BlockedOnClient &operator=(const BlockedOnClient &) = delete;

 private:
  ElasticPool &pool_;
};

}  // namespace trae
