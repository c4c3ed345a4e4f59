// Prometheus metrics for GET /metrics, in the text exposition format.
//
// Requests are labelled by the router's pattern ("/api/v1/recipes/{id}"),
// never the raw path, so the number of series stays bounded. Values that
// live elsewhere (pool occupancy, WAL size, certificate expiry, last backup)
// are read through sources set at wiring time, when the scrape happens.
//
// Hooks for code that lands later:
// - count(BusinessEvent::...) where a meal plan is generated or a workout or
//   health log is recorded;
// - count_cache(name, hit) from an in-process cache (the response cache
//   reports as "response"): the trae_cache_requests_total family appears
//   once a cache reports; cache_sizes gives its entries and bytes.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace trae {

enum class BusinessEvent {
  registration,
  sign_in,
  meal_plan_generated,
  workout_recorded,
  health_log_recorded
};

// Why an HTTPS connection closed. Each close is counted once, under the
// first of these that applies.
enum class ConnectionClose {
  handshake_timeout,    // the TLS handshake did not finish within the read timeout
  handshake_abandoned,  // the client closed or reset the connection during the handshake
  handshake_failed,     // a TLS protocol error: no shared version or cipher, not TLS
  idle_timeout,         // no request within the keep-alive timeout
  client_closed,        // the client closed between requests
  client_asked,         // the request said "Connection: close" (or was HTTP/1.0)
  request_limit,        // the connection served its keep-alive maximum of requests
  request_broken,       // a request cut off: read timeout, reset, or a failed write
  shutdown              // the server stopped
};
constexpr int kConnectionCloseReasons = static_cast<int>(ConnectionClose::shutdown) + 1;
const char *connection_close_name(ConnectionClose reason);

struct CacheGauges {
  long long entries = 0, bytes = 0;
};

struct PoolGauges {
  long long threads = 0, busy = 0, queued = 0, idle_connections = 0;
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), counts_(bounds_.size() + 1) {}
  void observe(double v);
  // Appends NAME_bucket/_sum/_count lines; `labels` is "" or `a="b",c="d"`.
  void render(std::string &out, const std::string &name, const std::string &labels) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

class Metrics {
 public:
  Metrics();

  // One finished HTTP request. `route` is the router pattern, or a fixed
  // word ("static", "unmatched") for requests the router did not answer.
  void observe_request(const std::string &method, const std::string &route, int status, double seconds);
  void request_started() { in_flight_++; }
  void request_finished() { in_flight_--; }

  void count(BusinessEvent e);
  // A signed-in request by `user_id` on the UTC day containing `unix_now`.
  void saw_user(std::int64_t user_id, long long unix_now);
  void count_cache(const std::string &cache, bool hit);
  void observe_db_write(double wait_seconds, double transaction_seconds);
  // Called from any thread as each HTTPS connection closes (no lock).
  void count_close(ConnectionClose reason) {
    closes_[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed);
  }

  // Client addresses or CIDR blocks that may scrape (METRICS_ALLOW); empty: all.
  std::vector<std::string> allow;

  // Sources read at scrape time.
  std::function<PoolGauges()> pool;
  std::function<long long()> wal_bytes;
  std::function<std::pair<std::uint64_t, double>()> db_reads;       // count, seconds
  std::function<long long()> certificate_not_after;                 // Unix time
  std::function<long long()> last_backup;                           // Unix time, 0 if none
  std::map<std::string, std::function<CacheGauges()>> cache_sizes;  // by cache name

  // The whole exposition, ending in a newline.
  std::string render() const;

 private:
  struct RequestKey {
    std::string method, route;
    bool operator<(const RequestKey &o) const {
      return std::tie(method, route) < std::tie(o.method, o.route);
    }
  };
  struct RequestSeries {
    std::map<int, std::uint64_t> by_status;
    Histogram latency;
  };

  mutable std::mutex mu_;
  std::map<RequestKey, RequestSeries> requests_;
  std::map<BusinessEvent, std::uint64_t> events_;
  std::map<std::pair<std::string, bool>, std::uint64_t> cache_;
  long long dau_day_ = -1;
  std::set<std::int64_t> dau_users_;
  Histogram db_wait_, db_txn_;
  std::atomic<long long> in_flight_{0};
  std::atomic<std::uint64_t> closes_[kConnectionCloseReasons] = {};
};

// Reads of /proc for the process and host families (absent in a chroot
// without /proc: then those lines are left out).
struct ProcessSample {
  bool ok = false;
  double cpu_seconds = 0;
  long long rss_bytes = 0, virtual_bytes = 0, open_fds = -1, max_fds = -1;
  double start_time = 0;  // Unix time
};
ProcessSample sample_process();

}  // namespace trae
