// The real binary over HTTPS: connections between requests are parked in
// one epoll set instead of holding a worker thread each. Idle keep-alive
// connections and clients that connect and say nothing must cost no thread,
// must be closed after their timeout or when the peer goes, and pipelined
// requests already buffered in TLS must still be answered.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../support/server_process.hpp"

using testing::Api;
using testing::ServerProcess;

namespace {

int connect_tcp(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// One gauge from /metrics, read on a fresh connection of its own.
double gauge(const ServerProcess &s, const std::string &name) {
  Api probe(s);
  const std::string body = probe.get("/metrics").body;
  const auto at = body.find("\n" + name + " ");
  REQUIRE(at != std::string::npos);
  return std::stod(body.substr(at + name.size() + 2));
}

// Polls until `want(gauge)` holds or 10 s pass; returns the last value.
template <typename Want>
double wait_for_gauge(const ServerProcess &s, const std::string &name, Want want) {
  double v = gauge(s, name);
  for (int i = 0; i < 200 && !want(v); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    v = gauge(s, name);
  }
  return v;
}

// How many HTTPS connections /metrics says closed for `reason`.
double closes(const ServerProcess &s, const std::string &reason) {
  return gauge(s, "trae_http_connections_closed_total{reason=\"" + reason + "\"}");
}

// Polls until at least `n` closes for `reason` are counted, or 10 s pass.
double wait_for_closes(const ServerProcess &s, const std::string &reason, double n) {
  return wait_for_gauge(s, "trae_http_connections_closed_total{reason=\"" + reason + "\"}",
                        [n](double v) { return v >= n; });
}

// A TLS client on a raw socket, for tests that look at what arrives when.
struct RawTls {
  explicit RawTls(int port)
      : fd(connect_tcp(port)), ctx(SSL_CTX_new(TLS_client_method())), ssl(SSL_new(ctx)) {
    SSL_set_fd(ssl, fd);
    REQUIRE(SSL_connect(ssl) == 1);
  }
  ~RawTls() {
    if (fd >= 0) SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (fd >= 0) close(fd);
  }
  // Closes the socket without a TLS close_notify first. OpenSSL 3 reports
  // the server's next read of it as a protocol error ("unexpected eof").
  void drop() {
    close(fd);
    fd = -1;
  }
  void send(const std::string &s) {
    REQUIRE(SSL_write(ssl, s.data(), static_cast<int>(s.size())) == static_cast<int>(s.size()));
  }
  // From here on SSL_write only encrypts, into `out`, and the test sends
  // the records itself, whole or in parts.
  void write_to_memory() {
    out = BIO_new(BIO_s_mem());
    SSL_set0_wbio(ssl, out);
  }
  std::string record_of(const std::string &s) {
    send(s);
    std::string bytes(static_cast<std::size_t>(BIO_pending(out)), '\0');
    REQUIRE(BIO_read(out, bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size()));
    return bytes;
  }
  void send_raw(const std::string &bytes) {
    REQUIRE(::send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
  }
  // One SSL_read: the payload of a single TLS record at most.
  std::string read_record() {
    std::string buf(64 * 1024, '\0');
    const int n = SSL_read(ssl, buf.data(), static_cast<int>(buf.size()));
    buf.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return buf;
  }
  int fd;
  SSL_CTX *ctx;
  SSL *ssl;
  BIO *out = nullptr;
};

}  // namespace

TEST_CASE("idle keep-alive connections and silent clients are parked without a worker thread") {
  ServerProcess server(std::map<std::string, std::string>{{"KEEPALIVE_TIMEOUT", "2"}});
  std::vector<std::unique_ptr<Api>> users;
  for (int i = 0; i < 40; ++i) {
    users.push_back(std::make_unique<Api>(server));
    REQUIRE(users.back()->get("/health").status == 200);
  }
  std::vector<int> silent;
  for (int i = 0; i < 40; ++i) silent.push_back(connect_tcp(server.https_port()));

  // 80 connections open, none of them sending: all parked. The probe that
  // reads the gauges is the only connection a worker serves.
  CHECK(wait_for_gauge(server, "trae_http_idle_connections", [](double v) { return v >= 80; }) >= 80);
  CHECK(gauge(server, "trae_http_workers_busy") <= 2);
  CHECK(gauge(server, "trae_http_open_connections") >= 81);

  // Each parked keep-alive connection is woken by its next request.
  for (auto &u : users) CHECK(u->get("/health").status == 200);

  // Past the 2 s keep-alive timeout the server closes the idle keep-alive
  // connections; the silent ones wait out the 10 s handshake timeout.
  std::this_thread::sleep_for(std::chrono::milliseconds(2600));
  const double idle = wait_for_gauge(server, "trae_http_idle_connections", [](double v) { return v <= 41; });
  CHECK(idle >= 40);
  CHECK(idle <= 41);  // the silent 40, and perhaps a probe's connection not yet closed
  // New connections are served as before.
  CHECK(Api(server).get("/health").status == 200);

  // A silent client is cut off after the read timeout: its read sees EOF.
  char byte;
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(recv(silent.front(), &byte, 1, 0) == 0);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  // /metrics says why they closed (before they hang up themselves).
  CHECK(wait_for_closes(server, "handshake_timeout", 40) == 40);
  for (int fd : silent) close(fd);
  // Clients that hang up while parked are closed on the server's side too.
  users.clear();
  CHECK(wait_for_gauge(server, "trae_http_idle_connections", [](double v) { return v <= 1; }) <= 1);
  CHECK(closes(server, "idle_timeout") >= 40);
  CHECK(closes(server, "handshake_failed") == 0);
  CHECK(closes(server, "request_broken") == 0);
}

TEST_CASE("each closed connection is counted under why it closed") {
  ServerProcess server;
  // Nothing after connecting: the client gives up during the handshake.
  close(connect_tcp(server.https_port()));
  CHECK(wait_for_closes(server, "handshake_abandoned", 1) == 1);

  // Plain HTTP on the TLS port is not a TLS handshake at all.
  {
    const int fd = connect_tcp(server.https_port());
    const std::string plain = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    REQUIRE(write(fd, plain.data(), plain.size()) == static_cast<ssize_t>(plain.size()));
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
  }
  CHECK(wait_for_closes(server, "handshake_failed", 1) == 1);

  // A request that asks for the connection to close.
  {
    RawTls tls(server.https_port());
    tls.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    CHECK(tls.read_record().starts_with("HTTP/1.1 200"));
  }
  CHECK(wait_for_closes(server, "client_asked", 1) == 1);

  // Half a request, then the client goes.
  {
    RawTls tls(server.https_port());
    tls.send("GET /health HTTP/1.1\r\nHost: loc");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(wait_for_closes(server, "request_broken", 1) == 1);

  // A whole request, then the client closes in good order.
  const double closed_before = closes(server, "client_closed");
  {
    RawTls tls(server.https_port());
    tls.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    CHECK(tls.read_record().starts_with("HTTP/1.1 200"));
  }
  // The /metrics probes close their connections the same way; at least ours.
  CHECK(wait_for_closes(server, "client_closed", closed_before + 1) >= closed_before + 1);

  // The 1,000th request on one connection is its last.
  {
    RawTls tls(server.https_port());
    std::string last;
    for (int i = 0; i < 1000; ++i) {
      tls.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      last = tls.read_record();
      REQUIRE(last.starts_with("HTTP/1.1 200"));
    }
    CHECK(last.find("Connection: close") != std::string::npos);
  }
  CHECK(wait_for_closes(server, "request_limit", 1) == 1);
  CHECK(closes(server, "handshake_timeout") == 0);
  CHECK(closes(server, "idle_timeout") == 0);
  CHECK(closes(server, "handshake_abandoned") == 1);
  CHECK(closes(server, "handshake_failed") == 1);
  CHECK(closes(server, "request_broken") == 1);
}

// Opens `n` connections, has each served one request, then drops them all
// without close_notify; returns once the workers have had time to read the
// drops.
static void drop_served_connections(const ServerProcess &server, int n) {
  std::vector<std::unique_ptr<RawTls>> gone;
  for (int i = 0; i < n; ++i) {
    gone.push_back(std::make_unique<RawTls>(server.https_port()));
    gone.back()->send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(gone.back()->read_record().starts_with("HTTP/1.1 200"));
  }
  for (auto &c : gone) c->drop();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

TEST_CASE("clients that drop connections without close_notify do not break other clients") {
  // OpenSSL reports such a drop as an error and leaves it on the error queue
  // of the worker thread that read it; SSL_get_error() consults that queue
  // first, so a later call on the same thread could take someone else's
  // harmless "wants more bytes" for a fatal error. The server clears the
  // queue before each TLS call. Here every worker has read drops before it
  // runs fresh handshakes, and requests whose record arrives in two parts
  // (so that reading it first "wants more bytes"). With the clearing taken
  // out this test still passed here (OpenSSL 3.0.x), so it guards the
  // behaviour, not the mechanism.
  ServerProcess server;
  const double closed_before = closes(server, "client_closed");
  int served = 0, failed = 0;
  for (int round = 0; round < 4; ++round) {
    drop_served_connections(server, 48);
    for (int i = 0; i < 48; ++i) {
      const int fd = connect_tcp(server.https_port());
      SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
      SSL *ssl = SSL_new(ctx);
      SSL_set_fd(ssl, fd);
      const std::string req = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
      char buf[512];
      const bool ok = SSL_connect(ssl) == 1 && SSL_write(ssl, req.data(), static_cast<int>(req.size())) > 0 &&
                      SSL_read(ssl, buf, sizeof buf) > 12 && std::string(buf, 12) == "HTTP/1.1 200";
      ok ? ++served : ++failed;
      SSL_shutdown(ssl);
      SSL_free(ssl);
      SSL_CTX_free(ctx);
      close(fd);
    }
    drop_served_connections(server, 48);
    std::vector<std::unique_ptr<RawTls>> split;
    std::vector<std::string> records;
    for (int i = 0; i < 48; ++i) {
      split.push_back(std::make_unique<RawTls>(server.https_port()));
      split.back()->write_to_memory();
      records.push_back(split.back()->record_of("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
      split.back()->send_raw(records.back().substr(0, 9));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (int i = 0; i < 48; ++i) {
      split[i]->send_raw(records[i].substr(9));
      split[i]->read_record().starts_with("HTTP/1.1 200") ? ++served : ++failed;
    }
  }
  CHECK(served == 4 * 2 * 48);
  CHECK(failed == 0);
  // Each drop is a client closing between requests, not a broken request.
  CHECK(wait_for_closes(server, "client_closed", closed_before + 4 * 4 * 48) >= closed_before + 4 * 4 * 48);
  CHECK(closes(server, "request_broken") == 0);
  CHECK(closes(server, "handshake_failed") == 0);
  CHECK(closes(server, "handshake_abandoned") == 0);
}

TEST_CASE("pipelined requests in one TLS write are all answered, in order") {
  ServerProcess server;
  RawTls tls(server.https_port());
  const std::string one = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
  tls.send(one + "GET /api/v1/no/such/thing HTTP/1.1\r\nHost: localhost\r\n\r\n" + one);
  std::string got;
  auto answers = [&got] {
    std::size_t n = 0;
    for (auto at = got.find("HTTP/1.1 "); at != std::string::npos; at = got.find("HTTP/1.1 ", at + 1)) ++n;
    return n;
  };
  while (answers() < 3) {
    const std::string record = tls.read_record();
    if (record.empty()) break;
    got += record;
  }
  REQUIRE(answers() == 3);
  const auto first = got.find("HTTP/1.1 200");
  const auto second = got.find("HTTP/1.1 404");
  const auto third = got.find("HTTP/1.1 200", first + 1);
  CHECK(first < second);
  CHECK(second < third);
  CHECK(third != std::string::npos);
}

TEST_CASE("requests in separate TLS records that arrive together, or in parts, are all answered") {
  // The socket is non-blocking while a request is read: a record that has
  // only partly arrived must be waited for, and a second record that came
  // with the first must not be left unread.
  ServerProcess server;
  RawTls tls(server.https_port());
  tls.write_to_memory();
  // Records carry sequence numbers: each is made once, and sent in order.
  const std::string get = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
  const std::string first = tls.record_of(get);
  const std::string second = tls.record_of("GET /api/v1/no/such/thing HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const std::string third = tls.record_of(get);
  const std::string fourth = tls.record_of(get);

  tls.send_raw(first + second);  // two whole records in one segment
  CHECK(tls.read_record().starts_with("HTTP/1.1 200"));
  CHECK(tls.read_record().starts_with("HTTP/1.1 404"));

  tls.send_raw(third + fourth.substr(0, 9));  // a record, and 9 bytes of the next
  CHECK(tls.read_record().starts_with("HTTP/1.1 200"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  tls.send_raw(fourth.substr(9));
  CHECK(tls.read_record().starts_with("HTTP/1.1 200"));
}

TEST_CASE("a response's status line, headers and body come in one TLS record") {
  // httplib writes the headers and the body in two calls; sent as they are,
  // they would be two records, two send()s and two wakeups of the client.
  ServerProcess server;
  RawTls tls(server.https_port());
  tls.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const std::string first = tls.read_record();
  const auto end_of_headers = first.find("\r\n\r\n");
  REQUIRE(end_of_headers != std::string::npos);
  CHECK(first.starts_with("HTTP/1.1 200"));
  const auto at = first.find("Content-Length: ");
  REQUIRE(at != std::string::npos);
  const std::size_t length = std::stoul(first.substr(at + 16));
  CHECK(length > 0);
  CHECK(first.size() - (end_of_headers + 4) == length);

  // The same for a page larger than one record: the headers travel with the
  // start of the body.
  tls.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const std::string page = tls.read_record();
  const auto page_headers_end = page.find("\r\n\r\n");
  REQUIRE(page_headers_end != std::string::npos);
  CHECK(page.size() > page_headers_end + 4);
}

TEST_CASE("a client that expects 100 Continue gets it before it sends the body") {
  // The interim answer is written while the request is still being read;
  // held back with the rest of the response, it would never leave and the
  // client would wait before sending its body.
  ServerProcess server;
  RawTls tls(server.https_port());
  const std::string body =
      R"({"sex":"female","age_years":30,"height_cm":165,"weight_kg":60,"activity":"moderate"})";
  tls.send(
      "POST /api/v1/calculator HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  const std::string interim = tls.read_record();  // SO_RCVTIMEO: fails after 10 s
  CHECK(interim.starts_with("HTTP/1.1 100 Continue\r\n"));
  tls.send(body);
  const std::string answer = tls.read_record();
  CHECK(answer.starts_with("HTTP/1.1 "));
  CHECK_FALSE(answer.starts_with("HTTP/1.1 100"));
}
