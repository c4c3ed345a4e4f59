// The clock is passed in explicitly so that rules depending on time (token
// expiry, throttling windows, ages) are testable with a fixed time.
#pragma once
#include <chrono>
#include <cstdint>

namespace trae {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to; for tests and deterministic tools.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t t) : t_(t) {}
  std::int64_t now() const override { return t_; }
  void set(std::int64_t t) { t_ = t; }
  void advance(std::int64_t s) { t_ += s; }

 private:
  std::int64_t t_;
};

}  // namespace trae
