// A raw TLS handshake with chosen protocol versions and ciphers, to check
// the server's TLS policy and which certificate it presents.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace testing {

struct Handshake {
  bool ok = false;
  std::string version;      // e.g. "TLSv1.3"
  std::string fingerprint;  // SHA-256 of the server certificate, "AB:CD:..."
};

inline Handshake tls_handshake(int port, int min_version, int max_version, const char *ciphers = nullptr) {
  Handshake h;
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_security_level(ctx, 0);  // let the client offer old things on purpose
  SSL_CTX_set_min_proto_version(ctx, min_version);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  if (ciphers) SSL_CTX_set_cipher_list(ctx, ciphers);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0) {
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (SSL_connect(ssl) == 1) {
      h.ok = true;
      h.version = SSL_get_version(ssl);
      if (X509 *cert = SSL_get1_peer_certificate(ssl)) {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        X509_digest(cert, EVP_sha256(), md, &n);
        char hex[4];
        for (unsigned i = 0; i < n; ++i) {
          std::snprintf(hex, sizeof hex, i ? ":%02X" : "%02X", md[i]);
          h.fingerprint += hex;
        }
        X509_free(cert);
      }
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
  }
  ERR_clear_error();
  close(fd);
  SSL_CTX_free(ctx);
  return h;
}

}  // namespace testing
