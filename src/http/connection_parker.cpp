#include "http/connection_parker.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <stdexcept>

namespace trae {
namespace {
constexpr std::uint64_t kStopToken = 0;  // epoll data of the stop eventfd; park ids start at 1
}

ConnectionParker::ConnectionParker(Wake wake) : wake_(std::move(wake)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || stop_fd_ < 0) {
    if (epoll_fd_ >= 0) close(epoll_fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
    throw std::runtime_error("connection parker: cannot create an epoll set");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kStopToken;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, stop_fd_, &ev);
  thread_ = std::thread([this] { run(); });
}

ConnectionParker::~ConnectionParker() {
  stop();
  close(epoll_fd_);
  close(stop_fd_);
}

void ConnectionParker::park(std::shared_ptr<IdleConnection> c, std::chrono::milliseconds idle) {
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) {
    lock.unlock();
    c.reset();  // closes it, outside the lock
    return;
  }
  const std::uint64_t id = next_id_++;
  // One-shot: the set reports the connection once, then ignores it until it
  // is parked again, so a woken connection is never reported twice while a
  // worker reads from it. Armed under the lock, so that the deadline sweep
  // cannot close the descriptor between registration and arming.
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  ev.data.u64 = id;
  const int op = c->in_epoll_ ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  if (epoll_ctl(epoll_fd_, op, c->fd(), &ev) != 0) {
    lock.unlock();
    c.reset();
    return;
  }
  c->in_epoll_ = true;
  const auto deadline = Clock::now() + idle;
  parked_.emplace(id, std::move(c));
  deadlines_.emplace(deadline, id);
}

std::size_t ConnectionParker::parked() const {
  std::lock_guard<std::mutex> lock(mu_);
  return parked_.size();
}

int ConnectionParker::next_timeout_ms_locked(Clock::time_point now) const {
  if (deadlines_.empty()) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadlines_.top().first - now).count();
  return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

void ConnectionParker::run() {
  std::vector<epoll_event> events(512);
  std::vector<std::shared_ptr<IdleConnection>> ready, expired;
  for (;;) {
    int timeout_ms;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) break;
      timeout_ms = next_timeout_ms_locked(Clock::now());
    }
    const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), timeout_ms);
    if (n < 0 && errno != EINTR) break;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (int i = 0; i < n; ++i) {
        const std::uint64_t id = events[i].data.u64;
        if (id == kStopToken) continue;
        auto it = parked_.find(id);
        if (it == parked_.end()) continue;
        ready.push_back(std::move(it->second));
        parked_.erase(it);
      }
      const auto now = Clock::now();
      while (!deadlines_.empty() && deadlines_.top().first <= now) {
        auto it = parked_.find(deadlines_.top().second);
        deadlines_.pop();
        if (it == parked_.end()) continue;  // woke before its deadline
        expired.push_back(std::move(it->second));
        parked_.erase(it);
      }
    }
    for (auto &c : ready) wake_(std::move(c));
    ready.clear();
    for (auto &c : expired) c->expired();
    expired.clear();  // closes them
  }
  std::unordered_map<std::uint64_t, std::shared_ptr<IdleConnection>> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    left.swap(parked_);
    deadlines_ = {};
  }
  left.clear();  // closes them, outside the lock
}

void ConnectionParker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  const std::uint64_t one = 1;
  if (write(stop_fd_, &one, sizeof one) < 0) {
    // The counter is full only if stop() ran billions of times; the flag
    // above is what the thread checks.
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace trae
