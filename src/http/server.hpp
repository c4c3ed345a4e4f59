// The network front: HTTPS for the application and plain HTTP that only
// redirects to HTTPS and serves ACME challenges. The only file that knows
// cpp-httplib.
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "config/config.hpp"
#include "http/api.hpp"
#include "http/thread_pool.hpp"
#include "http/tls.hpp"
#include "log/logger.hpp"

namespace trae {

class Server {
 public:
  // `metrics`, if given, is told about every HTTPS request (route pattern,
  // status, duration, in-flight count).
  Server(const Config &cfg, const Api &api, TlsCertificates &tls, Logger &log, Metrics *metrics = nullptr);
  ~Server();

  // Binds both ports (throws std::runtime_error naming the port on failure)
  // and starts serving in background threads.
  void start();
  // Stops accepting, lets in-flight requests finish, and joins.
  void stop();
  int https_port() const { return https_port_; }
  int http_port() const { return http_port_; }
  PoolStats pool_stats() const;
  // HTTPS connections open between requests (parked, holding no thread).
  std::size_t idle_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int https_port_ = 0;
  int http_port_ = -1;
};

// The HTTP-to-HTTPS redirect target for a Host header and path.
std::string https_redirect_location(const std::string &host_header, const std::string &target,
                                    int https_port);
// True for a safe ACME token (base64url characters only).
bool is_acme_token(const std::string &token);

}  // namespace trae
