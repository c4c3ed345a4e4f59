#include "http/server.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include "build/embedded.hpp"
#include "core/error.hpp"
#include "core/ip_network.hpp"
#include "http/connection_parker.hpp"
#include "http/error_mapping.hpp"
#include "http/etag.hpp"
#include "http/metrics.hpp"
#include "http/static_site.hpp"
#include "security/crypto.hpp"

namespace trae {
namespace {

constexpr std::size_t kMaxBodyBytes = 1024 * 1024;  // 1 MiB
// HTTPS worker threads that may run at once (others only while workers wait
// on slow clients). Requests are short and mostly CPU on two cores; 32 leaves
// room for threads waiting on the SQLite writer or hashing a password.
constexpr std::size_t kCoreWorkers = 32;
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kWorkerStack = 4 * 1024 * 1024;  // ASan's redzones need room
#else
constexpr std::size_t kWorkerStack = 512 * 1024;
#endif

// Per-request scratch of the worker thread that serves it.
thread_local std::chrono::steady_clock::time_point t_request_start{};
thread_local bool t_request_started = false;
thread_local std::string t_route;  // router pattern of the request, for metrics

// httplib's task queue, backed by an ElasticPool. The HTTPS listener's queue
// runs its jobs on the caller instead (Run::on_caller): its only job per
// accepted socket is ParkingSslServer::process_and_close_socket, which
// creates the TLS state and parks the socket (microseconds, no I/O), and
// handing that to a worker would cost a thread wakeup per new connection for
// nothing. Either way the pool serves what follows and is shut down with the
// listener.
class PoolQueue final : public httplib::TaskQueue {
 public:
  enum class Run { on_pool, on_caller };
  explicit PoolQueue(std::shared_ptr<ElasticPool> pool, Run run = Run::on_pool)
      : pool_(std::move(pool)), run_(run) {}
  void enqueue(std::function<void()> fn) override {
    if (run_ == Run::on_caller)
      fn();
    else
      pool_->enqueue(std::move(fn));
  }
  void shutdown() override { pool_->shutdown(); }

 private:
  std::shared_ptr<ElasticPool> pool_;
  Run run_;
};

// OpenSSL reports why a call failed on a queue of errors per thread, and
// SSL_get_error() looks at that queue first: an error an earlier call left
// there turns the next call's harmless "wants to read" into a fatal
// SSL_ERROR_SSL. Our workers serve many connections in turn, and a client
// that drops its connection without close_notify leaves such an error on
// the thread that read it. OpenSSL's SSL_get_error page asks for an empty
// queue before each call, and nginx clears it the same way. ClientWaitStream
// is non-blocking, so "wants to read" happens whenever a request
// arrives in parts.
void clear_tls_errors() { ERR_clear_error(); }

// A TLS connection between requests, parked in the ConnectionParker. Its
// socket is non-blocking from accept to close. Until its handshake completes
// `handshaking` is set, and the handshake advances only as the client's
// bytes arrive: a client that connects and says nothing, or sends its hello
// slowly, holds a descriptor, not a worker thread. Whoever decides to close
// it sets `reason`; the close is counted in /metrics when it is destroyed.
class TlsConnection final : public IdleConnection {
 public:
  TlsConnection(socket_t sock, std::size_t requests, std::chrono::steady_clock::time_point handshake_by,
                Metrics *metrics)
      : requests_left(requests), handshake_deadline(handshake_by), sock_(sock), metrics_(metrics) {}
  ~TlsConnection() override {
    if (ssl) {
      // close_notify only when the connection ended in good order; a peer
      // that already went away would answer it with a reset.
      if (graceful && !handshaking) SSL_shutdown(ssl);
      SSL_free(ssl);
      // A close_notify to a peer that is gone leaves an error on this
      // thread's OpenSSL queue.
      clear_tls_errors();
    }
    httplib::detail::shutdown_socket(sock_);
    httplib::detail::close_socket(sock_);
    if (metrics_) metrics_->count_close(reason);
  }
  int fd() const override { return sock_; }
  socket_t sock() const { return sock_; }
  void expired() override {
    reason = handshaking ? ConnectionClose::handshake_timeout : ConnectionClose::idle_timeout;
  }

  SSL *ssl = nullptr;
  bool handshaking = true;
  std::size_t requests_left;  // keep-alive requests this connection may still make
  std::chrono::steady_clock::time_point handshake_deadline;
  bool graceful = true;
  // The peer's and our own address, looked up on the first request:
  // httplib asks for both on every request, and they never change.
  std::string remote_ip, local_ip;
  int remote_port = -1, local_port = -1;
  // Unless something else is recorded, a connection closes because the
  // server is stopping (the parker closing what it holds).
  ConnectionClose reason = ConnectionClose::shutdown;

 private:
  socket_t sock_;
  Metrics *metrics_;
};

// The TLS stream a request is served through. The socket stays
// non-blocking after the handshake, so reads and writes go straight to
// OpenSSL, and only when OpenSSL must wait for the client does the stream
// poll, up to the read or write timeout. httplib's own SSLSocketStream
// polls before every read and write (and once more, for liveness, before
// each write): three of the four polls per request it made were answered
// "ready" at once.
//
// A wait is marked BlockedOnClient: a request that trickles in, or a reader
// that does not drain its response, lets the pool run another thread (see
// ElasticPool), so slow clients cannot take every worker.
//
// The stream also coalesces a response's writes. httplib writes the status
// line and headers, then the body, in separate calls; through TLS each call
// is its own record and its own send(), and the client wakes for each. Up
// to kCoalesceBytes are held and sent in one SSL_write when the request is
// done (flush()), before the stream reads again (a "100 Continue" must reach
// the client before its body can arrive), or when the next write would not
// fit; a larger body is then written straight through.
class ClientWaitStream final : public httplib::Stream {
 public:
  static constexpr std::size_t kCoalesceBytes = 64 * 1024;
  // What a worker keeps between requests: most API answers fit, and with
  // thousands of threads (slow clients) the kept buffers stay small.
  static constexpr std::size_t kKeptBytes = 16 * 1024;

  ClientWaitStream(TlsConnection &c, ElasticPool &pool, std::chrono::milliseconds read_timeout,
                   std::chrono::milliseconds write_timeout)
      : conn_(c),
        ssl_(c.ssl),
        sock_(c.sock()),
        pool_(pool),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout) {
    pending_.clear();  // the buffer is the thread's: never send one client's bytes to another
  }
  bool is_readable() const override { return SSL_pending(ssl_) > 0 || wait_for(POLLIN, read_timeout_); }
  bool is_writable() const override { return wait_for(POLLOUT, write_timeout_); }
  ssize_t read(char *ptr, size_t size) override {
    if (!pending_.empty() && !flush()) return -1;
    const int len = static_cast<int>(std::min<size_t>(size, INT_MAX));
    for (;;) {
      clear_tls_errors();
      const int n = SSL_read(ssl_, ptr, len);
      if (n > 0) {
        bytes_read_ += static_cast<std::size_t>(n);
        return n;
      }
      const int err = SSL_get_error(ssl_, n);
      if (err == SSL_ERROR_WANT_READ && wait_for(POLLIN, read_timeout_)) continue;
      if (err == SSL_ERROR_WANT_WRITE && wait_for(POLLOUT, write_timeout_)) continue;
      read_failed_ = true;
      return err == SSL_ERROR_ZERO_RETURN ? 0 : -1;  // 0: the client's close_notify
    }
  }
  // Application bytes read so far: 0 when no part of a request arrived.
  std::size_t bytes_read() const { return bytes_read_; }
  // True once a read found the client gone, or silent past the read timeout.
  // httplib then still answers "400 Bad Request" to a request cut off in
  // its headers; the caller drops that answer with discard().
  bool read_failed() const { return read_failed_; }
  // Drops what write() held back, keeping at most kKeptBytes of buffer.
  void discard() {
    pending_.clear();
    if (pending_.capacity() > kKeptBytes) std::string().swap(pending_);
  }
  ssize_t write(const char *ptr, size_t size) override {
    if (pending_.size() + size <= kCoalesceBytes) {
      pending_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    if (!flush()) return -1;
    return write_through(ptr, size);
  }
  // Sends what write() held back. False if the client is gone.
  bool flush() {
    std::size_t off = 0;
    while (off < pending_.size()) {
      const ssize_t n = write_through(pending_.data() + off, pending_.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    const bool ok = off == pending_.size();
    discard();
    return ok;
  }
  // Looked up on the connection's first request and kept: httplib asks for
  // both addresses on every request, a system call each.
  void get_remote_ip_and_port(std::string &ip, int &port) const override {
    if (conn_.remote_port < 0)
      httplib::detail::get_remote_ip_and_port(sock_, conn_.remote_ip, conn_.remote_port);
    ip = conn_.remote_ip;
    port = conn_.remote_port;
  }
  void get_local_ip_and_port(std::string &ip, int &port) const override {
    if (conn_.local_port < 0) httplib::detail::get_local_ip_and_port(sock_, conn_.local_ip, conn_.local_port);
    ip = conn_.local_ip;
    port = conn_.local_port;
  }
  socket_t socket() const override { return sock_; }

 private:
  // Waits until the socket is ready for `events`, as a wait on the client.
  bool wait_for(short events, std::chrono::milliseconds timeout) const {
    BlockedOnClient waiting(pool_);
    pollfd p{sock_, events, 0};
    for (;;) {
      const int r = poll(&p, 1, static_cast<int>(timeout.count()));
      if (r >= 0 || errno != EINTR) return r > 0;
    }
  }
  // One SSL_write of up to INT_MAX bytes; -1 if the client is gone or too
  // slow. After WANT_WRITE OpenSSL must be called again with the same
  // arguments, which the loop does. A peer that has gone fails the write
  // (EPIPE: SIGPIPE is ignored).
  ssize_t write_through(const char *ptr, size_t size) {
    const int len = static_cast<int>(std::min<size_t>(size, INT_MAX));
    for (;;) {
      clear_tls_errors();
      const int n = SSL_write(ssl_, ptr, len);
      if (n > 0) return n;
      const int err = SSL_get_error(ssl_, n);
      if (err == SSL_ERROR_WANT_WRITE) {
        if (!wait_for(POLLOUT, write_timeout_)) return -1;
      } else if (err == SSL_ERROR_WANT_READ) {
        if (!wait_for(POLLIN, read_timeout_)) return -1;
      } else {
        return -1;  // httplib's writers loop until a write fails, so a 0 must not reach them
      }
    }
  }

  TlsConnection &conn_;
  SSL *ssl_;
  socket_t sock_;
  ElasticPool &pool_;
  std::chrono::milliseconds read_timeout_, write_timeout_;
  std::size_t bytes_read_ = 0;
  bool read_failed_ = false;
  // One buffer per worker thread, reused by the requests it serves, so
  // coalescing answers of up to kKeptBytes allocates nothing once it has grown.
  static thread_local std::string pending_;
};

thread_local std::string ClientWaitStream::pending_;

// httplib's SSLServer serves a connection on one worker thread from accept
// to close, waiting out the handshake and each keep-alive pause on that
// thread. This one does the handshake a step at a time as the client's
// bytes arrive, serves the requests that have arrived, then parks the
// connection and frees the thread; the parker hands it back to the pool when
// the next bytes arrive. Requests themselves go through httplib's
// process_request.
class ParkingSslServer final : public httplib::SSLServer {
 public:
  ParkingSslServer(const std::function<bool(SSL_CTX &)> &setup, std::shared_ptr<ElasticPool> pool,
                   Metrics *metrics)
      : httplib::SSLServer(setup),
        pool_(std::move(pool)),
        metrics_(metrics),
        parker_([this](std::shared_ptr<IdleConnection> c) {
          auto tls = std::static_pointer_cast<TlsConnection>(std::move(c));
          pool_->enqueue([this, tls] { serve(tls); });
        }) {}

  // Closes the parked connections; connections still being served close
  // when their request ends. Call before stop().
  void stop_parking() { parker_.stop(); }
  std::size_t parked() const { return parker_.parked(); }

 private:
  bool process_and_close_socket(socket_t sock) override {
    const auto handshake_by = std::chrono::steady_clock::now() + std::chrono::seconds(read_timeout_sec_);
    auto c = std::make_shared<TlsConnection>(sock, keep_alive_max_count_, handshake_by, metrics_);
    // OpenSSL 3 makes SSL_new and SSL_free on a shared context thread-safe;
    // httplib's extra lock around them is not needed.
    c->ssl = SSL_new(ssl_context());
    if (!c->ssl) {
      clear_tls_errors();
      c->reason = ConnectionClose::handshake_failed;
      return false;
    }
    httplib::detail::set_nonblocking(sock, true);
    BIO *bio = BIO_new_socket(static_cast<int>(sock), BIO_NOCLOSE);
    BIO_set_nbio(bio, 1);
    SSL_set_bio(c->ssl, bio, bio);
    parker_.park(std::move(c), std::chrono::seconds(read_timeout_sec_));
    return true;
  }

  // One step of the handshake. True when it is done; false when the
  // connection was parked to wait for more of it, or failed (and closes).
  bool handshake(const std::shared_ptr<TlsConnection> &c) {
    for (;;) {
      clear_tls_errors();
      const int r = SSL_accept(c->ssl);
      if (r == 1) break;
      const int err = SSL_get_error(c->ssl, r);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          c->handshake_deadline - std::chrono::steady_clock::now());
      if (err == SSL_ERROR_WANT_READ && left.count() > 0) {
        parker_.park(c, left);
        return false;
      }
      // Our own flight does not fit the send buffer: rare, and short.
      if (err == SSL_ERROR_WANT_WRITE && left.count() > 0 &&
          httplib::detail::select_write(c->sock(), read_timeout_sec_, 0) > 0)
        continue;
      c->reason = handshake_failure(err);
      clear_tls_errors();
      return false;  // closing `c` sends no close_notify: the handshake never finished
    }
    c->handshaking = false;  // the socket stays non-blocking: see ClientWaitStream
    return true;
  }

  // Why a handshake step that returned `err` ended the connection.
  static ConnectionClose handshake_failure(int err) {
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return ConnectionClose::handshake_timeout;
    if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_ZERO_RETURN) return ConnectionClose::handshake_abandoned;
    // OpenSSL 3 reports a peer that closes without close_notify as a
    // protocol error with this reason.
    if (err == SSL_ERROR_SSL && ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
      return ConnectionClose::handshake_abandoned;
    return ConnectionClose::handshake_failed;
  }

  void serve(const std::shared_ptr<TlsConnection> &c) {
    if (c->handshaking) {
      if (!handshake(c)) return;
      // Most clients send their first request with the end of the
      // handshake; serve it now rather than after a trip through the parker.
      if (SSL_pending(c->ssl) <= 0 && httplib::detail::select_read(c->sock(), 0, 0) <= 0) {
        parker_.park(c, std::chrono::seconds(keep_alive_timeout_sec_));
        return;
      }
    }
    // Serve what is there: one request, and more only if their bytes are
    // already buffered in the TLS layer (a pipelining client).
    do {
      if (svr_sock_ == INVALID_SOCKET) return;  // shutting down: `reason` stays "shutdown"
      ClientWaitStream strm(*c, *pool_, to_ms(read_timeout_sec_, read_timeout_usec_),
                            to_ms(write_timeout_sec_, write_timeout_usec_));
      const bool close_connection = c->requests_left <= 1;
      bool connection_closed = false;
      bool ok = process_request(strm, close_connection, connection_closed,
                                [&](httplib::Request &req) { req.ssl = c->ssl; });
      if (strm.read_failed()) {
        // The client went, or stalled, in the middle of a request (or before
        // one): there is no one to answer. A blocking socket found this out
        // when the answer failed to send; this one can still send it into a
        // socket whose peer has closed.
        strm.discard();
        ok = false;
      }
      ok = ok && strm.flush();
      if (!ok || connection_closed || close_connection) {
        c->graceful = ok;
        if (!ok)
          c->reason =
              strm.bytes_read() == 0 ? ConnectionClose::client_closed : ConnectionClose::request_broken;
        else
          c->reason = connection_closed ? ConnectionClose::client_asked : ConnectionClose::request_limit;
        return;
      }
      --c->requests_left;
    } while (SSL_pending(c->ssl) > 0);
    parker_.park(c, std::chrono::seconds(keep_alive_timeout_sec_));
  }

  static std::chrono::milliseconds to_ms(time_t sec, time_t usec) {
    return std::chrono::seconds(sec) +
           std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::microseconds(usec));
  }

  std::shared_ptr<ElasticPool> pool_;
  Metrics *metrics_;
  ConnectionParker parker_;
};

std::string new_request_id() {
  thread_local std::uint64_t counter = 0;
  thread_local std::string prefix = hex(random_bytes(6));
  std::ostringstream os;
  os << prefix << std::hex << ++counter;
  return os.str();
}

bool is_safe_request_id(const std::string &id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// Headers every HTTPS response carries.
void add_security_headers(httplib::Response &res) {
  res.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (!res.has_header("Content-Security-Policy"))
    res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

// Every X-Forwarded-For line, in order, as one list.
std::string forwarded_for(const httplib::Request &req) {
  std::string out;
  std::size_t n = req.get_header_value_count("X-Forwarded-For");
  for (std::size_t i = 0; i < n; ++i) {
    if (!out.empty()) out += ',';
    out += req.get_header_value("X-Forwarded-For", i);
  }
  return out;
}

HttpRequest to_request(const httplib::Request &req, bool tls, const std::vector<IpNetwork> &trusted_proxies) {
  HttpRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto &[k, v] : req.params) r.query.emplace_back(k, v);
  for (const auto &[k, v] : req.headers) {
    std::string name = k;
    for (auto &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // httplib adds these pseudo-headers itself; they are not the client's.
    if (name == "remote_addr" || name == "remote_port" || name == "local_addr" || name == "local_port")
      continue;
    r.headers.emplace_back(std::move(name), v);
  }
  r.body = req.body;
  r.remote_ip = client_address(req.remote_addr, forwarded_for(req), trusted_proxies);
  r.tls = tls;
  std::string incoming = req.get_header_value("X-Request-Id");
  r.request_id = is_safe_request_id(incoming) ? incoming : new_request_id();
  return r;
}

void from_response(const HttpResponse &in, httplib::Response &out) {
  out.status = in.status;
  for (const auto &[k, v] : in.headers) out.set_header(k.c_str(), v);
  // A 304 has no body (RFC 9110, 15.4.5), so no content type or length either.
  if (in.status != 304 && (!in.body.empty() || in.status != 204))
    out.set_content(in.body, in.content_type.c_str());
}

// httplib gzips every JSON body for a client whose Accept-Encoding names
// gzip (its encoding_type()), and API answers are JSON.
bool api_answer_gzipped(const HttpRequest &r) {
  return r.header("accept-encoding").find("gzip") != std::string::npos;
}

// A gzip-coded answer is another representation: its strong ETag gets the
// coding's suffix (the Api only ever sees and makes uncoded tags), and every
// tagged answer tells caches that it varies with Accept-Encoding.
void code_validator(HttpResponse &out, bool gzip) {
  bool tagged = false;
  for (auto &[name, value] : out.headers)
    if (name == "ETag") {
      if (gzip) value = coded_etag(value, "gzip");
      tagged = true;
    }
  if (!tagged) return;
  for (auto &[name, value] : out.headers)
    if (name == "Vary") {
      value.append(", Accept-Encoding");
      return;
    }
  out.headers.emplace_back("Vary", "Accept-Encoding");
}

// The web app. A 200 goes out straight from the embedded bytes through a
// fixed-length content provider, because httplib gzips string bodies itself
// when the client accepts gzip and these bytes may be compressed already.
// The other answers (304, 308, the 404 page) are small string bodies; httplib
// may gzip the 404 page, which therefore carries Vary. A Range request also
// gets a string body: there httplib cuts the range with bounds checks (it
// does not bound the ranges it asks a content provider for) and, with the
// status left unset, answers 206.
void serve_static(const StaticSite &site, const httplib::Request &req, httplib::Response &res) {
  std::string_view target = req.target;
  auto q = target.find('?');
  std::string accept = req.get_header_value("Accept-Encoding");
  std::string if_none_match = req.get_header_value("If-None-Match");
  StaticRequest in{req.path, q == std::string_view::npos ? std::string_view() : target.substr(q + 1), accept,
                   if_none_match, !req.ranges.empty()};
  StaticResponse out = site.serve(in);
  for (const auto &[k, v] : out.headers) res.set_header(k, v);
  std::string incoming = req.get_header_value("X-Request-Id");
  res.set_header("X-Request-Id", is_safe_request_id(incoming) ? incoming : new_request_id());
  if (out.status == 200 && !in.range && !out.body.empty()) {
    res.status = 200;
    std::string_view body = out.body;
    res.set_content_provider(body.size(), std::string(out.content_type),
                             [body](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                               if (offset >= body.size()) return false;
                               return sink.write(body.data() + offset,
                                                 std::min(length, body.size() - offset));
                             });
    return;
  }
  if (out.status != 200 || !in.range) res.status = out.status;  // unset: httplib's 206 for a range
  if (!out.body.empty() || out.status == 200)
    res.set_content(std::string(out.body), std::string(out.content_type));
}

// SO_REUSEADDR only: a restart can rebind while old sockets sit in
// TIME_WAIT, but a second instance cannot silently share the port, as
// httplib's default SO_REUSEPORT would allow.
void listen_socket_options(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace

std::string https_redirect_location(const std::string &host_header, const std::string &target,
                                    int https_port) {
  std::string host = host_header;
  // Strip a port, keeping IPv6 literals in brackets intact.
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    host = close == std::string::npos ? std::string() : host.substr(0, close + 1);
  } else if (auto colon = host.find(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  bool ok = !host.empty() && host.size() < 256;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '[' || c == ']' ||
          c == ':'))
      ok = false;
  if (!ok) host = "localhost";
  std::string loc = "https://" + host;
  if (https_port != 443) loc += ":" + std::to_string(https_port);
  loc += target.empty() || target[0] != '/' ? "/" + target : target;
  return loc;
}

bool is_acme_token(const std::string &t) {
  if (t.empty() || t.size() > 256) return false;
  for (char c : t)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

struct Server::Impl {
  const Config &cfg;
  const Api &api;
  TlsCertificates &tls;
  Logger &log;
  Metrics *metrics = nullptr;
  std::shared_ptr<ElasticPool> pool;       // HTTPS connections
  std::shared_ptr<ElasticPool> http_pool;  // redirects and ACME only
  StaticSite site{embedded_web()};
  std::vector<IpNetwork> trusted_proxies;
  std::unique_ptr<ParkingSslServer> https;
  std::unique_ptr<httplib::Server> http;
  std::thread https_thread, http_thread;

  Impl(const Config &c, const Api &a, TlsCertificates &t, Logger &l) : cfg(c), api(a), tls(t), log(l) {
    for (const auto &p : cfg.trusted_proxies)
      if (auto n = parse_ip_network(p)) trusted_proxies.push_back(*n);
  }

  void access_log(const httplib::Request &req, const httplib::Response &res, bool tls_side) {
    double ms = 0;
    if (t_request_started)
      ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start)
               .count();
    if (t_request_started && tls_side && metrics) {
      metrics->request_finished();
      metrics->observe_request(req.method, t_route.empty() ? "unmatched" : t_route, res.status, ms / 1000);
    }
    t_request_started = false;
    if (!log.enabled(LogLevel::info)) return;  // the fields below cost a dozen allocations
    log.info("request", {{"request_id", res.get_header_value("X-Request-Id")},
                         {"method", req.method},
                         {"path", req.path},
                         {"route", tls_side && !t_route.empty() ? t_route : "unmatched"},
                         {"status", res.status},
                         {"duration_ms", std::round(ms * 1000) / 1000},
                         {"bytes", res.body.size()},
                         {"ip", req.remote_addr},
                         {"tls", tls_side}});
  }

  void setup_https() {
    https = std::make_unique<ParkingSslServer>([this](SSL_CTX &ctx) { return tls.configure(ctx); }, pool,
                                               metrics);
    if (!https->is_valid()) throw std::runtime_error("HTTPS: the TLS context could not be set up");
    https->new_task_queue = [this] { return new PoolQueue(pool, PoolQueue::Run::on_caller); };
    https->set_socket_options(listen_socket_options);
    https->set_keep_alive_timeout(cfg.keepalive_timeout_s);
    https->set_keep_alive_max_count(1000);
    https->set_read_timeout(10, 0);
    https->set_write_timeout(10, 0);
    https->set_payload_max_length(kMaxBodyBytes);
    auto dispatch = [this](const httplib::Request &req, httplib::Response &res) {
      if ((req.method == "GET" || req.method == "HEAD") && StaticSite::serves(req.path)) {
        t_route = "static";
        serve_static(site, req, res);
        return;
      }
      HttpRequest r = to_request(req, true, trusted_proxies);
      HttpResponse out;
      const bool gzip = api_answer_gzipped(r);
      if (gzip)
        for (auto &[name, value] : r.headers)
          if (name == "if-none-match") value = uncoded_if_none_match(value, "gzip");
      api.handle(r, out);
      code_validator(out, gzip);
      t_route = out.route;
      from_response(out, res);
      res.set_header("X-Request-Id", r.request_id);
    };
    // Methods that carry no body (httplib reads none for them) are answered
    // here, before httplib's own routing, which regex-matches the path
    // against each registered pattern: std::regex's recursive matcher cost
    // about 1 % of the server's CPU at 10,000 users, and its deep stack one
    // in seven of the page faults. Bodies are read after pre-routing, so
    // POST, PUT, PATCH and DELETE still go through the routes below, and
    // only they need one.
    https->set_pre_routing_handler([this, dispatch](const httplib::Request &req, httplib::Response &res) {
      t_request_start = std::chrono::steady_clock::now();
      t_request_started = true;
      t_route.clear();
      if (metrics) metrics->request_started();
      if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") {
        dispatch(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    https->Post(".*", dispatch);
    https->Put(".*", dispatch);
    https->Patch(".*", dispatch);
    https->Delete(".*", dispatch);
    // Errors httplib produces itself (413, 400, 414...) get the same JSON body.
    https->set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request &, httplib::Response &res) {
          if (res.body.empty()) {
            ErrorCode code = code_for_status(res.status);
            std::string msg =
                res.status == 413 ? "request body is larger than 1 MiB" : "the request could not be handled";
            res.set_content(error_body(code, msg), "application/json");
          }
          if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", new_request_id());
          return httplib::Server::HandlerResponse::Handled;
        }));
    https->set_exception_handler(
        [this](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception &e) {
            log.error("unhandled exception", {{"detail", e.what()}});
          } catch (...) {
            log.error("unhandled exception");
          }
          res.status = 500;
          res.set_content(error_body(ErrorCode::internal, "internal error"), "application/json");
        });
    https->set_post_routing_handler(
        [](const httplib::Request &, httplib::Response &res) { add_security_headers(res); });
    https->set_logger(
        [this](const httplib::Request &req, const httplib::Response &res) { access_log(req, res, true); });
  }

  void setup_http() {
    http = std::make_unique<httplib::Server>();
    http->new_task_queue = [this] { return new PoolQueue(http_pool); };
    http->set_socket_options(listen_socket_options);
    http->set_keep_alive_timeout(cfg.keepalive_timeout_s);
    http->set_read_timeout(10, 0);
    http->set_payload_max_length(kMaxBodyBytes);
    http->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
      t_request_start = std::chrono::steady_clock::now();
      t_request_started = true;
      res.set_header("X-Request-Id", new_request_id());
      const std::string prefix = "/.well-known/acme-challenge/";
      if (req.path.rfind(prefix, 0) == 0) {
        std::string token = req.path.substr(prefix.size());
        std::ifstream f;
        if ((req.method == "GET" || req.method == "HEAD") && is_acme_token(token))
          f.open(cfg.acme_webroot + prefix + token, std::ios::binary);
        if (f.is_open()) {
          std::ostringstream ss;
          ss << f.rdbuf();
          res.set_content(ss.str(), "text/plain");
        } else {
          res.status = 404;
          res.set_content("not found\n", "text/plain");
        }
        return httplib::Server::HandlerResponse::Handled;
      }
      std::string target = req.target.empty() ? req.path : req.target;
      res.status = 301;
      res.set_header("Location",
                     https_redirect_location(req.get_header_value("Host"), target, https_port_()));
      return httplib::Server::HandlerResponse::Handled;
    });
    http->set_logger(
        [this](const httplib::Request &req, const httplib::Response &res) { access_log(req, res, false); });
  }

  std::function<int()> https_port_;
};

Server::Server(const Config &cfg, const Api &api, TlsCertificates &tls, Logger &log, Metrics *metrics)
    : impl_(std::make_unique<Impl>(cfg, api, tls, log)) {
  impl_->metrics = metrics;
  impl_->pool =
      std::make_shared<ElasticPool>(8, kCoreWorkers, static_cast<std::size_t>(cfg.max_threads), kWorkerStack);
  // Plain HTTP keeps httplib's thread per connection (it only redirects), so
  // every one of its threads may wait on a client: core equals the ceiling.
  impl_->http_pool = std::make_shared<ElasticPool>(1, 256, 256, kWorkerStack);
  impl_->https_port_ = [this] { return https_port_; };
}

Server::~Server() { stop(); }

void Server::start() {
  const Config &cfg = impl_->cfg;
  impl_->setup_https();
  if (cfg.https_port == 0) {
    https_port_ = impl_->https->bind_to_any_port(cfg.bind_address);
    if (https_port_ < 0)
      throw std::runtime_error("HTTPS_PORT: cannot bind a free port on " + cfg.bind_address);
  } else {
    if (!impl_->https->bind_to_port(cfg.bind_address, cfg.https_port))
      throw std::runtime_error("HTTPS_PORT: cannot listen on " + cfg.bind_address + ":" +
                               std::to_string(cfg.https_port) + " (in use, or not permitted)");
    https_port_ = cfg.https_port;
  }
  if (cfg.http_port >= 0) {
    impl_->setup_http();
    if (cfg.http_port == 0) {
      http_port_ = impl_->http->bind_to_any_port(cfg.bind_address);
      if (http_port_ < 0)
        throw std::runtime_error("HTTP_PORT: cannot bind a free port on " + cfg.bind_address);
    } else {
      if (!impl_->http->bind_to_port(cfg.bind_address, cfg.http_port))
        throw std::runtime_error("HTTP_PORT: cannot listen on " + cfg.bind_address + ":" +
                                 std::to_string(cfg.http_port) + " (in use, or not permitted)");
      http_port_ = cfg.http_port;
    }
    impl_->http_thread = std::thread([this] { impl_->http->listen_after_bind(); });
  }
  impl_->https_thread = std::thread([this] { impl_->https->listen_after_bind(); });
}

void Server::stop() {
  if (!impl_) return;
  // Idle connections first: the parker must not hand one back to the pool
  // while the pool drains the in-flight requests.
  if (impl_->https) impl_->https->stop_parking();
  if (impl_->https) impl_->https->stop();
  if (impl_->http) impl_->http->stop();
  if (impl_->https_thread.joinable()) impl_->https_thread.join();
  if (impl_->http_thread.joinable()) impl_->http_thread.join();
}

PoolStats Server::pool_stats() const { return impl_->pool->stats(); }

std::size_t Server::idle_connections() const { return impl_->https ? impl_->https->parked() : 0; }

}  // namespace trae
