// TLS material and policy for the built-in HTTPS server.
//
// The certificate lives behind a pointer that SIGHUP swaps: every handshake
// picks up the current one through OpenSSL's certificate callback, so a
// renewed certificate is served without dropping a connection. A bad pair of
// files is refused and the old certificate stays.
#pragma once
#include <openssl/ssl.h>

#include <memory>
#include <mutex>
#include <string>

#include "log/logger.hpp"

namespace trae {

struct CertBundle {
  X509 *cert = nullptr;
  EVP_PKEY *key = nullptr;
  STACK_OF(X509) *chain = nullptr;  // intermediates after the leaf
  std::string fingerprint_sha256;   // of the leaf, "AB:CD:..."
  long long not_after = 0;          // Unix time
  ~CertBundle();
};

// Loads a PEM chain and key; throws std::runtime_error with a clear message
// if either cannot be read or the key does not match the certificate.
std::shared_ptr<CertBundle> load_cert_bundle(const std::string &cert_path, const std::string &key_path);

// Writes a new self-signed certificate (EC P-256, one year, SAN localhost,
// 127.0.0.1, ::1 and the host name) and its key (mode 0600).
void write_self_signed(const std::string &cert_path, const std::string &key_path);

class TlsCertificates {
 public:
  // Uses cert/key if given; otherwise DATA_DIR/tls/{cert,key}.pem, created on first run.
  TlsCertificates(std::string cert_path, std::string key_path, const std::string &data_dir, Logger &log);

  // Re-reads the files; keeps the current certificate if they are bad.
  bool reload();
  std::shared_ptr<CertBundle> current() const;
  const std::string &cert_path() const { return cert_path_; }

  // Applies the TLS policy (TLS 1.2+, modern AEAD ciphers, session cache and
  // tickets) and installs the certificate callback. Returns false on failure.
  bool configure(SSL_CTX &ctx);

 private:
  static int cert_callback(SSL *ssl, void *arg);

  std::string cert_path_, key_path_;
  Logger &log_;
  mutable std::mutex mu_;
  std::shared_ptr<CertBundle> current_;
};

}  // namespace trae
