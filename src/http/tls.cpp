#include "http/tls.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace trae {
namespace {

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  if (!e) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

struct FileCloser {
  void operator()(std::FILE *f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

std::string fingerprint(X509 *cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  X509_digest(cert, EVP_sha256(), md, &n);
  std::string out;
  char hex[4];
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, i ? ":%02X" : "%02X", md[i]);
    out += hex;
  }
  return out;
}

long long asn1_to_unix(const ASN1_TIME *t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<long long>(timegm(&tm));
}

void add_ext(X509 *cert, int nid, const char *value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) throw std::runtime_error("cannot build certificate extension: " + openssl_error());
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

CertBundle::~CertBundle() {
  if (cert) X509_free(cert);
  if (key) EVP_PKEY_free(key);
  if (chain) sk_X509_pop_free(chain, X509_free);
}

std::shared_ptr<CertBundle> load_cert_bundle(const std::string &cert_path, const std::string &key_path) {
  auto b = std::make_shared<CertBundle>();
  File cf(std::fopen(cert_path.c_str(), "r"));
  if (!cf) throw std::runtime_error("TLS_CERT: cannot read " + cert_path);
  b->cert = PEM_read_X509(cf.get(), nullptr, nullptr, nullptr);
  if (!b->cert) throw std::runtime_error("TLS_CERT: " + cert_path + " holds no PEM certificate");
  b->chain = sk_X509_new_null();
  while (X509 *extra = PEM_read_X509(cf.get(), nullptr, nullptr, nullptr)) sk_X509_push(b->chain, extra);
  ERR_clear_error();  // the loop ends on an expected "no start line"
  File kf(std::fopen(key_path.c_str(), "r"));
  if (!kf) throw std::runtime_error("TLS_KEY: cannot read " + key_path);
  b->key = PEM_read_PrivateKey(kf.get(), nullptr, nullptr, nullptr);
  if (!b->key) throw std::runtime_error("TLS_KEY: " + key_path + " holds no PEM private key");
  if (X509_check_private_key(b->cert, b->key) != 1) {
    ERR_clear_error();
    throw std::runtime_error("TLS_KEY: the key in " + key_path + " does not match the certificate in " +
                             cert_path);
  }
  b->fingerprint_sha256 = fingerprint(b->cert);
  b->not_after = asn1_to_unix(X509_get0_notAfter(b->cert));
  return b;
}

void write_self_signed(const std::string &cert_path, const std::string &key_path) {
  EVP_PKEY *key = EVP_EC_gen("P-256");
  if (!key) throw std::runtime_error("cannot generate a key: " + openssl_error());
  X509 *cert = X509_new();
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_guard(key, EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert_guard(cert, X509_free);

  X509_set_version(cert, 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 365L * 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME *name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char *>("Trae Health (self-signed)"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("localhost"),
                             -1, -1, 0);
  X509_set_issuer_name(cert, name);

  char host[256] = "localhost";
  gethostname(host, sizeof host - 1);
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (std::string(host) != "localhost" && host[0]) san += ",DNS:" + std::string(host);
  add_ext(cert, NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert, NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_ext(cert, NID_ext_key_usage, "serverAuth");
  add_ext(cert, NID_subject_alt_name, san.c_str());
  add_ext(cert, NID_subject_key_identifier, "hash");
  if (!X509_sign(cert, key, EVP_sha256()))
    throw std::runtime_error("cannot sign certificate: " + openssl_error());

  std::filesystem::create_directories(std::filesystem::path(cert_path).parent_path());
  {
    mode_t old = umask(077);
    File kf(std::fopen(key_path.c_str(), "w"));
    umask(old);
    if (!kf || !PEM_write_PrivateKey(kf.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
      throw std::runtime_error("cannot write " + key_path);
  }
  File cf(std::fopen(cert_path.c_str(), "w"));
  if (!cf || !PEM_write_X509(cf.get(), cert)) throw std::runtime_error("cannot write " + cert_path);
}

TlsCertificates::TlsCertificates(std::string cert_path, std::string key_path, const std::string &data_dir,
                                 Logger &log)
    : cert_path_(std::move(cert_path)), key_path_(std::move(key_path)), log_(log) {
  if (cert_path_.empty()) {
    cert_path_ = data_dir + "/tls/cert.pem";
    key_path_ = data_dir + "/tls/key.pem";
    if (!std::filesystem::exists(cert_path_) || !std::filesystem::exists(key_path_)) {
      write_self_signed(cert_path_, key_path_);
      auto b = load_cert_bundle(cert_path_, key_path_);
      log_.warn("created a self-signed TLS certificate; set TLS_CERT and TLS_KEY for a trusted one",
                {{"cert", cert_path_}, {"sha256_fingerprint", b->fingerprint_sha256}});
    }
  }
  current_ = load_cert_bundle(cert_path_, key_path_);
  log_.info("TLS certificate loaded", {{"cert", cert_path_},
                                       {"sha256_fingerprint", current_->fingerprint_sha256},
                                       {"not_after", current_->not_after}});
}

bool TlsCertificates::reload() {
  try {
    auto b = load_cert_bundle(cert_path_, key_path_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      current_ = b;
    }
    log_.info(
        "TLS certificate reloaded",
        {{"cert", cert_path_}, {"sha256_fingerprint", b->fingerprint_sha256}, {"not_after", b->not_after}});
    return true;
  } catch (const std::exception &e) {
    log_.error("TLS certificate reload failed; keeping the current one", {{"detail", e.what()}});
    return false;
  }
}

std::shared_ptr<CertBundle> TlsCertificates::current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

int TlsCertificates::cert_callback(SSL *ssl, void *arg) {
  auto *self = static_cast<TlsCertificates *>(arg);
  auto b = self->current();
  // override=1 replaces what the SSL copied from the context; the SSL takes
  // its own references, so the bundle may be swapped out afterwards.
  return SSL_use_cert_and_key(ssl, b->cert, b->key, b->chain, 1) == 1 ? 1 : 0;
}

bool TlsCertificates::configure(SSL_CTX &ctx) {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  // The server's cipher order wins (testssl.sh rates a missing order HIGH):
  // the list below is ordered on purpose, strongest-and-fastest first.
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION |
                                SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Mozilla "intermediate": ECDHE with AEAD ciphers only for TLS 1.2; the
  // TLS 1.3 suites are all AEAD.
  if (SSL_CTX_set_cipher_list(&ctx,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1)
    return false;
  SSL_CTX_set1_groups_list(&ctx, "X25519:P-256:P-384");
  // An idle keep-alive connection gives back its record buffers (about 34 KB
  // each way) until its next request: at 10,000 mostly idle users that is
  // the difference between holding them all and holding the busy few.
  SSL_CTX_set_mode(&ctx, SSL_MODE_RELEASE_BUFFERS);
  // Resumption saves a full handshake for returning clients.
  static const unsigned char sid_ctx[] = "trae-health";
  SSL_CTX_set_session_id_context(&ctx, sid_ctx, sizeof sid_ctx - 1);
  SSL_CTX_set_session_cache_mode(&ctx, SSL_SESS_CACHE_SERVER);
  SSL_CTX_sess_set_cache_size(&ctx, 20000);
  SSL_CTX_set_timeout(&ctx, 3600);
  auto b = current();
  if (SSL_CTX_use_cert_and_key(&ctx, b->cert, b->key, b->chain, 1) != 1) return false;
  SSL_CTX_set_cert_cb(&ctx, &TlsCertificates::cert_callback, this);
  return true;
}

}  // namespace trae
