// Starts the real trae-health binary on ephemeral ports in a temporary data
// directory, and talks to it over HTTPS, trusting its self-signed certificate.
#pragma once
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.hpp"

namespace testing {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs the binary to completion with extra environment variables.
inline RunResult run_binary(const std::vector<std::string> &args,
                            const std::map<std::string, std::string> &env = {}, const std::string &cwd = {}) {
  std::string out_path = make_temp_dir("run") + "/out.txt";
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    for (const auto &[k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    FILE *f = freopen(out_path.c_str(), "w", stdout);
    (void)f;
    dup2(fileno(stdout), 2);
    std::vector<char *> argv;
    std::string bin = TRAE_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto &a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  // Bounded: a command that should exit but hangs fails the test instead.
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  std::filesystem::remove_all(std::filesystem::path(out_path).parent_path());
  return r;
}

class ServerProcess {
 public:
  // Starts `trae-health serve` with DATA_DIR in a fresh temp dir (unless
  // env names one) and waits until it logs "listening".
  explicit ServerProcess(std::map<std::string, std::string> env = {}) {
    data_dir_ = env.count("DATA_DIR") ? env["DATA_DIR"] : make_temp_dir("data");
    own_dir_ = !env.count("DATA_DIR");
    env.emplace("DATA_DIR", data_dir_);
    env.emplace("HTTPS_PORT", "0");
    env.emplace("HTTP_PORT", "0");
    env.emplace("BIND_ADDRESS", "127.0.0.1");
    env.emplace("DEPLOY_ENV", "test");
    // Ordinary tests must not be throttled; the rate-limit tests set their own.
    env.emplace("API_RATE_LIMIT", "1000000");
    log_path_ = data_dir_ + "/server.log";
    start(env, {});
  }

  ~ServerProcess() {
    stop();
    if (own_dir_) std::filesystem::remove_all(data_dir_);
  }

  void start(const std::map<std::string, std::string> &env, const std::vector<std::string> &extra_args) {
    env_ = env;
    std::fflush(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      for (const auto &[k, v] : env) setenv(k.c_str(), v.c_str(), 1);
      FILE *f = freopen(log_path_.c_str(), "a", stderr);
      (void)f;
      std::string bin = TRAE_BINARY;
      std::vector<std::string> args = {bin, "serve"};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char *> argv;
      for (auto &a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::istringstream lines(read_file(log_path_));
      std::string line;
      while (std::getline(lines, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object() && j.value("msg", "") == "listening" && j.value("https_port", 0) > 0 &&
            j.value("ts", "") > last_listen_ts_) {
          https_port_ = j["https_port"];
          http_port_ = j["http_port"];
          last_listen_ts_ = j["ts"];
          return;
        }
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("server exited during start-up:\n" + read_file(log_path_));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("server did not start:\n" + read_file(log_path_));
  }

  // Sends a signal and, for SIGTERM, waits for exit; returns the exit code.
  int stop(int sig = SIGTERM, int timeout_s = 20) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, sig);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = -1;
    return exit_code_;
  }

  void restart(const std::map<std::string, std::string> &env_overrides = {}) {
    stop();
    auto env = env_;
    for (const auto &[k, v] : env_overrides) env[k] = v;
    start(env, {});
  }

  void signal(int sig) { kill(pid_, sig); }
  pid_t pid() const { return pid_; }
  int https_port() const { return https_port_; }
  int http_port() const { return http_port_; }
  const std::string &data_dir() const { return data_dir_; }
  std::string log() const { return read_file(log_path_); }
  std::string ca_path() const {
    return env_.count("TLS_CERT") ? env_.at("TLS_CERT") : data_dir_ + "/tls/cert.pem";
  }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", https_port_);
    c->set_ca_cert_path(ca_path().c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(10);
    c->set_read_timeout(30);
    c->set_keep_alive(true);
    return c;
  }

 private:
  std::map<std::string, std::string> env_;
  std::string data_dir_, log_path_, last_listen_ts_;
  bool own_dir_ = true;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  int https_port_ = 0, http_port_ = 0;
};

// A tiny JSON API client over one keep-alive connection.
class Api {
 public:
  explicit Api(const ServerProcess &s) : c_(s.client()) {}

  struct Reply {
    int status = 0;
    nlohmann::json json;
    std::string body;
    httplib::Headers headers;
    std::string header(const std::string &k) const {
      auto it = headers.find(k);
      return it == headers.end() ? std::string() : it->second;
    }
    std::string error_code() const {
      return json.is_object() && json.contains("error") ? json["error"].value("code", "") : "";
    }
    std::string error_field() const {
      if (!json.is_object() || !json.contains("error") || json["error"]["field"].is_null()) return "";
      return json["error"]["field"];
    }
  };

  Reply request(const std::string &method, const std::string &path, const std::string &body = {},
                const std::string &token = {}, const std::string &content_type = "application/json") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    httplib::Result r(nullptr, httplib::Error::Unknown);
    if (method == "GET")
      r = c_->Get(path, h);
    else if (method == "DELETE")
      r = body.empty() ? c_->Delete(path, h) : c_->Delete(path, h, body, content_type.c_str());
    else if (method == "POST")
      r = c_->Post(path, h, body, content_type.c_str());
    else if (method == "PUT")
      r = c_->Put(path, h, body, content_type.c_str());
    else if (method == "PATCH")
      r = c_->Patch(path, h, body, content_type.c_str());
    else if (method == "OPTIONS")
      r = c_->Options(path, h);
    else if (method == "HEAD")
      r = c_->Head(path, h);
    Reply out;
    if (!r) throw std::runtime_error(method + " " + path + " failed: " + httplib::to_string(r.error()));
    out.status = r->status;
    out.body = r->body;
    out.headers = r->headers;
    out.json = nlohmann::json::parse(r->body, nullptr, false);
    return out;
  }
  Reply get(const std::string &p, const std::string &t = {}) { return request("GET", p, {}, t); }
  Reply post(const std::string &p, const nlohmann::json &b, const std::string &t = {}) {
    return request("POST", p, b.dump(), t);
  }
  Reply put(const std::string &p, const nlohmann::json &b, const std::string &t = {}) {
    return request("PUT", p, b.dump(), t);
  }
  Reply del(const std::string &p, const std::string &t = {}) { return request("DELETE", p, {}, t); }

  // Registers (202, whether or not the address was taken) and signs in;
  // returns the access token, or an empty string if either step failed.
  std::string sign_up(const std::string &email, const std::string &password,
                      const std::string &name = "Tester") {
    auto reg = post("/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", name}});
    if (reg.status != 202) return {};
    auto login = post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    if (login.status != 200 || !login.json.contains("access_token")) return {};
    return login.json["access_token"].get<std::string>();
  }

  httplib::SSLClient &raw() { return *c_; }

 private:
  std::unique_ptr<httplib::SSLClient> c_;
};

}  // namespace testing
