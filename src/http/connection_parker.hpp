// Holds idle keep-alive connections in one epoll set, so that a connection
// whose user is thinking costs a file descriptor and its TLS state, not a
// worker thread. cpp-httplib serves each connection on one thread for as
// long as it stays open; at 10,000 users that was 10,000 threads, each
// touching fresh stack and allocator pages for every request it served.
// Now a worker serves the requests that are there, parks the connection
// here, and returns to the pool; when bytes arrive, the parker hands the
// connection back to the pool. A connection that stays silent past its
// deadline is closed here, on the parker's thread.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

namespace trae {

// A connection between requests. Destroying it closes it.
class IdleConnection {
 public:
  virtual ~IdleConnection() = default;
  virtual int fd() const = 0;
  // Called on the parker's thread just before the parker drops a connection
  // whose deadline passed, so that it can record why it closes. Not called
  // when the parker hands a connection back, or closes it on stop().
  virtual void expired() {}

 private:
  friend class ConnectionParker;
  bool in_epoll_ = false;  // registered once; re-armed by EPOLL_CTL_MOD
};

class ConnectionParker {
 public:
  // `wake` runs on the parker's thread for each connection that became
  // readable (or was closed by its peer); it should hand the connection to a
  // worker and return at once.
  using Wake = std::function<void(std::shared_ptr<IdleConnection>)>;
  explicit ConnectionParker(Wake wake);
  ~ConnectionParker();
  ConnectionParker(const ConnectionParker &) = delete;
  ConnectionParker &operator=(const ConnectionParker &) = delete;

  // Takes the connection until it is readable, or closes it once `idle` has
  // passed without a byte. After stop() it closes the connection at once.
  void park(std::shared_ptr<IdleConnection> c, std::chrono::milliseconds idle);
  // Closes every parked connection and joins the thread.
  void stop();
  std::size_t parked() const;

 private:
  using Clock = std::chrono::steady_clock;
  void run();
  int next_timeout_ms_locked(Clock::time_point now) const;

  Wake wake_;
  int epoll_fd_ = -1;
  int stop_fd_ = -1;  // eventfd that wakes epoll_wait for stop()
  mutable std::mutex mu_;
  bool stopping_ = false;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, std::shared_ptr<IdleConnection>> parked_;  // by park id
  // Deadlines, earliest first. Entries whose id has since woken are skipped
  // when they reach the top (each park gets a fresh id).
  using Deadline = std::pair<Clock::time_point, std::uint64_t>;
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<Deadline>> deadlines_;
  std::thread thread_;
};

}  // namespace trae
