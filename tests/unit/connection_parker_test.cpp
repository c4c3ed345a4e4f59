// The connection parker on socket pairs: a parked connection is handed back
// once when bytes arrive, closed at its deadline if none do, and closed by
// stop(); a connection parked after stop() is closed at once.
#include "http/connection_parker.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace trae;
using namespace std::chrono_literals;

namespace {

// One end of a socket pair; counts how many were destroyed (closed), and
// how many of those the parker reported as expired.
class PairEnd final : public IdleConnection {
 public:
  PairEnd(int fd, std::atomic<int> &closed, std::atomic<int> *expired = nullptr)
      : fd_(fd), closed_(closed), expired_(expired) {}
  ~PairEnd() override {
    // Counted before the close: a test that sees EOF on the other end must
    // also see the count (the other order raced under ASan).
    ++closed_;
    close(fd_);
  }
  int fd() const override { return fd_; }
  void expired() override {
    if (expired_) ++*expired_;
  }

 private:
  int fd_;
  std::atomic<int> &closed_;
  std::atomic<int> *expired_;
};

// Collects the connections a parker hands back.
struct Woken {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::shared_ptr<IdleConnection>> conns;
  ConnectionParker::Wake sink() {
    return [this](std::shared_ptr<IdleConnection> c) {
      std::lock_guard<std::mutex> lock(mu);
      conns.push_back(std::move(c));
      cv.notify_all();
    };
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, limit, [&] { return conns.size() >= n; });
  }
};

// A parker that collects what it hands back, with one end of a socket pair
// parked in it.
struct ParkedPair {
  std::atomic<int> closed{0};
  Woken woken;
  ConnectionParker parker{woken.sink()};
  int sv[2] = {-1, -1};
  explicit ParkedPair(std::chrono::milliseconds idle) {
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    parker.park(std::make_shared<PairEnd>(sv[0], closed), idle);
  }
  ~ParkedPair() {
    parker.stop();
    woken.conns.clear();
    if (sv[1] >= 0) close(sv[1]);
  }
};

}  // namespace

TEST_CASE("a parked connection is handed back once when bytes arrive, and can be parked again") {
  ParkedPair p(5s);
  auto &[closed, woken, parker, sv] = p;
  CHECK(parker.parked() == 1);
  std::this_thread::sleep_for(50ms);
  CHECK(woken.conns.empty());  // nothing sent yet

  REQUIRE(write(sv[1], "x", 1) == 1);
  REQUIRE(woken.wait_for(1, 2s));
  CHECK(parker.parked() == 0);
  // The byte is still unread: a one-shot registration must not report the
  // connection a second time while it is out of the parker.
  std::this_thread::sleep_for(100ms);
  CHECK(woken.conns.size() == 1);

  char byte;
  REQUIRE(read(sv[0], &byte, 1) == 1);
  auto again = woken.conns.front();
  parker.park(again, 5s);  // re-armed with EPOLL_CTL_MOD
  again.reset();
  REQUIRE(write(sv[1], "y", 1) == 1);
  REQUIRE(woken.wait_for(2, 2s));
  CHECK(closed == 0);
  parker.stop();
  woken.conns.clear();
  CHECK(closed == 1);
}

TEST_CASE("a silent connection is closed at its deadline; stop() closes the rest") {
  std::atomic<int> closed{0};
  std::atomic<int> expired{0};
  std::atomic<int> wakes{0};
  ConnectionParker parker([&](std::shared_ptr<IdleConnection>) { ++wakes; });
  int a[2], b[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0);
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, b) == 0);
  parker.park(std::make_shared<PairEnd>(a[0], closed, &expired), 200ms);
  parker.park(std::make_shared<PairEnd>(b[0], closed, &expired), 60s);
  CHECK(parker.parked() == 2);

  const auto t0 = std::chrono::steady_clock::now();
  char byte;
  CHECK(read(a[1], &byte, 1) == 0);  // EOF: the parker closed its end
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(waited >= 150ms);
  CHECK(waited < 5s);
  CHECK(closed == 1);
  CHECK(expired == 1);  // told why, before it closed
  CHECK(parker.parked() == 1);

  parker.stop();
  CHECK(closed == 2);
  CHECK(expired == 1);  // closed by stop(), not by its deadline
  CHECK(parker.parked() == 0);
  CHECK(read(b[1], &byte, 1) == 0);

  int c[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, c) == 0);
  parker.park(std::make_shared<PairEnd>(c[0], closed), 60s);
  CHECK(closed == 3);  // parked after stop(): closed at once
  CHECK(wakes == 0);
  close(a[1]);
  close(b[1]);
  close(c[1]);
}

TEST_CASE("a peer that hangs up wakes its connection, so the server can close it") {
  ParkedPair p(60s);
  close(p.sv[1]);
  p.sv[1] = -1;
  CHECK(p.woken.wait_for(1, 2s));
}
