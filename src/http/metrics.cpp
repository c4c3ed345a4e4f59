#include "http/metrics.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace trae {
namespace {

const std::vector<double> kRequestBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5};
const std::vector<double> kDbBuckets = {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};

std::string num(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string escape(const std::string &v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void header(std::string &out, const char *name, const char *type, const char *help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string &out, const std::string &name, const std::string &labels, double v) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(num(v)).append("\n");
}

const char *event_name(BusinessEvent e) {
  switch (e) {
    case BusinessEvent::registration: return "registration";
    case BusinessEvent::sign_in: return "sign_in";
    case BusinessEvent::meal_plan_generated: return "meal_plan_generated";
    case BusinessEvent::workout_recorded: return "workout_recorded";
    case BusinessEvent::health_log_recorded: return "health_log_recorded";
  }
  return "unknown";
}

}  // namespace

const char *connection_close_name(ConnectionClose reason) {
  switch (reason) {
    case ConnectionClose::handshake_timeout: return "handshake_timeout";
    case ConnectionClose::handshake_abandoned: return "handshake_abandoned";
    case ConnectionClose::handshake_failed: return "handshake_failed";
    case ConnectionClose::idle_timeout: return "idle_timeout";
    case ConnectionClose::client_closed: return "client_closed";
    case ConnectionClose::client_asked: return "client_asked";
    case ConnectionClose::request_limit: return "request_limit";
    case ConnectionClose::request_broken: return "request_broken";
    case ConnectionClose::shutdown: return "shutdown";
  }
  return "unknown";
}

namespace {

long long meminfo_kb(const std::string &text, const std::string &key) {
  auto at = text.find(key + ":");
  return at == std::string::npos ? -1 : std::atoll(text.c_str() + at + key.size() + 1);
}

std::string slurp(const char *path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  counts_[i]++;
  sum_ += v;
  count_++;
}

void Histogram::render(std::string &out, const std::string &name, const std::string &labels) const {
  std::string sep = labels.empty() ? "" : labels + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i];
    double le = i < bounds_.size() ? bounds_[i] : INFINITY;
    sample(out, name + "_bucket", sep + "le=\"" + num(le) + "\"", static_cast<double>(cumulative));
  }
  sample(out, name + "_sum", labels, sum_);
  sample(out, name + "_count", labels, static_cast<double>(count_));
}

Metrics::Metrics() : db_wait_(kDbBuckets), db_txn_(kDbBuckets) {}

void Metrics::observe_request(const std::string &method, const std::string &route, int status,
                              double seconds) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = requests_.find({method, route});
  if (it == requests_.end())
    it = requests_.emplace(RequestKey{method, route}, RequestSeries{{}, Histogram(kRequestBuckets)}).first;
  it->second.by_status[status]++;
  it->second.latency.observe(seconds);
}

void Metrics::count(BusinessEvent e) {
  std::lock_guard<std::mutex> l(mu_);
  events_[e]++;
}

void Metrics::saw_user(std::int64_t user_id, long long unix_now) {
  long long day = unix_now / 86400;
  std::lock_guard<std::mutex> l(mu_);
  if (day != dau_day_) {
    dau_day_ = day;
    dau_users_.clear();
  }
  dau_users_.insert(user_id);
}

void Metrics::count_cache(const std::string &cache, bool hit) {
  std::lock_guard<std::mutex> l(mu_);
  cache_[{cache, hit}]++;
}

void Metrics::observe_db_write(double wait_seconds, double transaction_seconds) {
  std::lock_guard<std::mutex> l(mu_);
  db_wait_.observe(wait_seconds);
  db_txn_.observe(transaction_seconds);
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(16384);
  {
    std::lock_guard<std::mutex> l(mu_);
    header(out, "trae_http_requests_total", "counter",
           "HTTPS requests answered, by route pattern and status.");
    for (const auto &[k, s] : requests_)
      for (const auto &[status, n] : s.by_status)
        sample(out, "trae_http_requests_total",
               "method=\"" + k.method + "\",route=\"" + escape(k.route) + "\",status=\"" +
                   std::to_string(status) + "\"",
               static_cast<double>(n));
    header(out, "trae_http_request_errors_total", "counter",
           "Requests answered with 4xx or 5xx, by route pattern and status class.");
    for (const auto &[k, s] : requests_) {
      std::uint64_t c4 = 0, c5 = 0;
      for (const auto &[status, n] : s.by_status) {
        if (status >= 500)
          c5 += n;
        else if (status >= 400)
          c4 += n;
      }
      std::string base = "method=\"" + k.method + "\",route=\"" + escape(k.route) + "\",class=";
      if (c4) sample(out, "trae_http_request_errors_total", base + "\"4xx\"", static_cast<double>(c4));
      if (c5) sample(out, "trae_http_request_errors_total", base + "\"5xx\"", static_cast<double>(c5));
    }
    header(out, "trae_http_request_duration_seconds", "histogram",
           "Time from the request being read to the response being written, by route pattern.");
    for (const auto &[k, s] : requests_)
      s.latency.render(out, "trae_http_request_duration_seconds",
                       "method=\"" + k.method + "\",route=\"" + escape(k.route) + "\"");
    header(
        out, "trae_business_events_total", "counter",
        "Product events: registrations, sign-ins, meal plans generated, workouts and health logs recorded.");
    for (auto e : {BusinessEvent::registration, BusinessEvent::sign_in, BusinessEvent::meal_plan_generated,
                   BusinessEvent::workout_recorded, BusinessEvent::health_log_recorded}) {
      auto it = events_.find(e);
      sample(out, "trae_business_events_total", std::string("event=\"") + event_name(e) + "\"",
             it == events_.end() ? 0.0 : static_cast<double>(it->second));
    }
    header(out, "trae_daily_active_users", "gauge", "Distinct users with a signed-in request this UTC day.");
    sample(out, "trae_daily_active_users", "", static_cast<double>(dau_users_.size()));
    if (!cache_.empty()) {
      header(out, "trae_cache_requests_total", "counter", "In-process cache look-ups by cache and result.");
      for (const auto &[k, n] : cache_)
        sample(out, "trae_cache_requests_total",
               "cache=\"" + escape(k.first) + "\",result=\"" + (k.second ? "hit" : "miss") + "\"",
               static_cast<double>(n));
    }
    header(out, "trae_db_write_lock_wait_seconds", "histogram",
           "Time a write waited for the single SQLite writer connection.");
    db_wait_.render(out, "trae_db_write_lock_wait_seconds", "");
    header(out, "trae_db_write_transaction_seconds", "histogram",
           "Duration of write transactions (BEGIN IMMEDIATE to COMMIT).");
    db_txn_.render(out, "trae_db_write_transaction_seconds", "");
  }
  header(out, "trae_http_connections_closed_total", "counter",
         "HTTPS connections closed, by reason: handshake_timeout, handshake_abandoned, handshake_failed, "
         "idle_timeout, client_closed, client_asked, request_limit, request_broken, shutdown.");
  for (int i = 0; i < kConnectionCloseReasons; ++i)
    sample(out, "trae_http_connections_closed_total",
           std::string("reason=\"") + connection_close_name(static_cast<ConnectionClose>(i)) + "\"",
           static_cast<double>(closes_[i].load(std::memory_order_relaxed)));
  header(out, "trae_http_requests_in_flight", "gauge", "HTTPS requests being handled now.");
  sample(out, "trae_http_requests_in_flight", "", static_cast<double>(in_flight_.load()));
  if (pool) {
    PoolGauges p = pool();
    header(out, "trae_http_open_connections", "gauge",
           "Open HTTPS connections: being served, plus idle between requests.");
    sample(out, "trae_http_open_connections", "", static_cast<double>(p.busy + p.idle_connections));
    header(out, "trae_http_idle_connections", "gauge",
           "HTTPS connections idle between requests, parked without a worker thread.");
    sample(out, "trae_http_idle_connections", "", static_cast<double>(p.idle_connections));
    header(out, "trae_http_workers_busy", "gauge", "Worker threads serving a connection now.");
    sample(out, "trae_http_workers_busy", "", static_cast<double>(p.busy));
    header(out, "trae_http_worker_threads", "gauge", "Worker threads in the connection pool.");
    sample(out, "trae_http_worker_threads", "", static_cast<double>(p.threads));
    header(out, "trae_http_queue_depth", "gauge",
           "Connections waiting for a worker thread: new ones, and parked ones with bytes to read.");
    sample(out, "trae_http_queue_depth", "", static_cast<double>(p.queued));
  }
  if (db_reads) {
    auto [n, secs] = db_reads();
    header(out, "trae_db_reads_total", "counter", "Read transactions on the SQLite reader pool.");
    sample(out, "trae_db_reads_total", "", static_cast<double>(n));
    header(out, "trae_db_read_seconds_total", "counter", "Time spent in read transactions.");
    sample(out, "trae_db_read_seconds_total", "", secs);
  }
  if (!cache_sizes.empty()) {
    std::vector<std::pair<std::string, CacheGauges>> sizes;
    for (const auto &[name, source] : cache_sizes) sizes.emplace_back(name, source());
    header(out, "trae_cache_entries", "gauge", "Entries held by each in-process cache.");
    for (const auto &[name, g] : sizes)
      sample(out, "trae_cache_entries", "cache=\"" + escape(name) + "\"", static_cast<double>(g.entries));
    header(out, "trae_cache_bytes", "gauge",
           "Bytes held by each in-process cache, as it weighs its entries.");
    for (const auto &[name, g] : sizes)
      sample(out, "trae_cache_bytes", "cache=\"" + escape(name) + "\"", static_cast<double>(g.bytes));
  }
  if (wal_bytes) {
    header(out, "trae_db_wal_bytes", "gauge", "Size of the SQLite write-ahead log file.");
    sample(out, "trae_db_wal_bytes", "", static_cast<double>(wal_bytes()));
  }
  if (last_backup) {
    header(out, "trae_backup_last_success_timestamp_seconds", "gauge",
           "Unix time of the newest verified backup in DATA_DIR/backups (0: none).");
    sample(out, "trae_backup_last_success_timestamp_seconds", "", static_cast<double>(last_backup()));
  }
  if (certificate_not_after) {
    header(out, "trae_tls_certificate_expiry_timestamp_seconds", "gauge",
           "Unix time at which the served TLS certificate expires.");
    sample(out, "trae_tls_certificate_expiry_timestamp_seconds", "",
           static_cast<double>(certificate_not_after()));
  }
  ProcessSample ps = sample_process();
  if (ps.ok) {
    header(out, "process_cpu_seconds_total", "counter", "User and system CPU time of the process.");
    sample(out, "process_cpu_seconds_total", "", ps.cpu_seconds);
    header(out, "process_resident_memory_bytes", "gauge", "Resident memory of the process.");
    sample(out, "process_resident_memory_bytes", "", static_cast<double>(ps.rss_bytes));
    header(out, "process_virtual_memory_bytes", "gauge", "Virtual memory of the process.");
    sample(out, "process_virtual_memory_bytes", "", static_cast<double>(ps.virtual_bytes));
    header(out, "process_start_time_seconds", "gauge", "Unix time the process started.");
    sample(out, "process_start_time_seconds", "", ps.start_time);
    if (ps.open_fds >= 0) {
      header(out, "process_open_fds", "gauge", "Open file descriptors (sockets included).");
      sample(out, "process_open_fds", "", static_cast<double>(ps.open_fds));
    }
    if (ps.max_fds >= 0) {
      header(out, "process_max_fds", "gauge", "The process's limit on open file descriptors.");
      sample(out, "process_max_fds", "", static_cast<double>(ps.max_fds));
    }
  }
  std::string mem = slurp("/proc/meminfo");
  long long total = meminfo_kb(mem, "MemTotal"), avail = meminfo_kb(mem, "MemAvailable");
  header(out, "trae_host_cpus", "gauge", "CPUs available to the process (for CPU-share alerts).");
  sample(out, "trae_host_cpus", "", static_cast<double>(sysconf(_SC_NPROCESSORS_ONLN)));
  if (total > 0 && avail >= 0) {
    header(out, "trae_host_memory_bytes", "gauge", "Host memory from /proc/meminfo (total and available).");
    sample(out, "trae_host_memory_bytes", "kind=\"total\"", static_cast<double>(total) * 1024);
    sample(out, "trae_host_memory_bytes", "kind=\"available\"", static_cast<double>(avail) * 1024);
  }
  return out;
}

ProcessSample sample_process() {
  ProcessSample s;
  std::string stat = slurp("/proc/self/stat");
  auto close = stat.rfind(')');
  if (close == std::string::npos) return s;
  // Fields after the command name, starting at field 3 (state).
  std::istringstream in(stat.substr(close + 2));
  std::vector<std::string> f;
  std::string w;
  while (in >> w) f.push_back(w);
  if (f.size() < 22) return s;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  const long long page = sysconf(_SC_PAGESIZE);
  s.cpu_seconds = (std::stod(f[11]) + std::stod(f[12])) / tick;  // utime, stime
  s.virtual_bytes = std::stoll(f[20]);
  s.rss_bytes = std::stoll(f[21]) * page;
  // Boot time plus the start in ticks since boot.
  std::string st = slurp("/proc/stat");
  auto bt = st.find("btime ");
  if (bt != std::string::npos) s.start_time = std::atoll(st.c_str() + bt + 6) + std::stod(f[19]) / tick;
  std::error_code ec;
  long long fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++fds;
  s.open_fds = ec ? -1 : fds;
  std::string limits = slurp("/proc/self/limits");
  auto lim = limits.find("Max open files");
  if (lim != std::string::npos) {
    std::istringstream row(limits.substr(lim + 14));
    long long soft = -1;
    if (row >> soft) s.max_fds = soft;
  }
  s.ok = true;
  return s;
}

}  // namespace trae
