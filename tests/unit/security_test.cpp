#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "security/crypto.hpp"
#include "security/jwt.hpp"
#include "security/password.hpp"

using namespace trae;

TEST_CASE("base64url round-trips and rejects malformed text") {
  for (std::string s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                std::string("\0\xff\x10", 3)}) {
    std::string back;
    REQUIRE(base64url_decode(base64url_encode(s), back));
    CHECK(back == s);
  }
  CHECK(base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  std::string out;
  CHECK_FALSE(base64url_decode("Zm9v=", out));  // padding
  CHECK_FALSE(base64url_decode("Zm 9v", out));  // whitespace
  CHECK_FALSE(base64url_decode("Z", out));      // impossible length
  CHECK_FALSE(base64url_decode("Zn", out));     // non-zero leftover bits
  CHECK_FALSE(base64url_decode("a+b/", out));   // standard alphabet
}

TEST_CASE("hashes and comparisons") {
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  CHECK(hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(16) != random_bytes(16));
}

namespace {
const std::string kSecret = "0123456789abcdef0123456789abcdef";

std::string forge(const nlohmann::json &header, const nlohmann::json &payload, const std::string &sig) {
  return base64url_encode(header.dump()) + "." + base64url_encode(payload.dump()) + "." + sig;
}
}  // namespace

TEST_CASE("JWT HS256 sign and verify") {
  AccessClaims c{42, 7, 1000, 1900};
  auto token = sign_access_token(c, kSecret);
  auto v = verify_access_token(token, kSecret, 1500);
  REQUIRE(v);
  CHECK(v->user_id == 42);
  CHECK(v->session_id == 7);
  CHECK(v->expires_at == 1900);

  SUBCASE("expired") { CHECK_FALSE(verify_access_token(token, kSecret, 1900)); }
  SUBCASE("wrong secret") { CHECK_FALSE(verify_access_token(token, kSecret + "x", 1500)); }
  SUBCASE("tampered payload") {
    auto d1 = token.find('.'), d2 = token.rfind('.');
    nlohmann::json p = {{"iss", "trae-health"}, {"sub", "1"}, {"sid", 7}, {"iat", 1000}, {"exp", 1900}};
    std::string t2 = token.substr(0, d1) + "." + base64url_encode(p.dump()) + token.substr(d2);
    CHECK_FALSE(verify_access_token(t2, kSecret, 1500));
  }
  SUBCASE("tampered signature") {
    std::string t2 = token;
    t2.back() = t2.back() == 'A' ? 'B' : 'A';
    CHECK_FALSE(verify_access_token(t2, kSecret, 1500));
  }
  SUBCASE("alg none is refused") {
    nlohmann::json p = {{"iss", "trae-health"}, {"sub", "42"}, {"sid", 7}, {"iat", 1000}, {"exp", 1900}};
    CHECK_FALSE(verify_access_token(forge({{"alg", "none"}, {"typ", "JWT"}}, p, ""), kSecret, 1500));
    CHECK_FALSE(verify_access_token(forge({{"alg", "none"}}, p, ""), kSecret, 1500));
  }
  SUBCASE("other algorithms are refused even with a valid HMAC") {
    nlohmann::json p = {{"iss", "trae-health"}, {"sub", "42"}, {"sid", 7}, {"iat", 1000}, {"exp", 1900}};
    nlohmann::json h = {{"alg", "HS512"}, {"typ", "JWT"}};
    std::string input = base64url_encode(h.dump()) + "." + base64url_encode(p.dump());
    CHECK_FALSE(
        verify_access_token(input + "." + base64url_encode(hmac_sha256(kSecret, input)), kSecret, 1500));
  }
  SUBCASE("a validly signed token with bad claims is refused") {
    nlohmann::json h = {{"alg", "HS256"}, {"typ", "JWT"}};
    auto sign = [&](const nlohmann::json &p) {
      std::string input = base64url_encode(h.dump()) + "." + base64url_encode(p.dump());
      return input + "." + base64url_encode(hmac_sha256(kSecret, input));
    };
    CHECK(verify_access_token(
        sign({{"iss", "trae-health"}, {"sub", "5"}, {"sid", 1}, {"iat", 1}, {"exp", 2000}}), kSecret, 1500));
    CHECK_FALSE(verify_access_token(
        sign({{"iss", "other"}, {"sub", "5"}, {"sid", 1}, {"iat", 1}, {"exp", 2000}}), kSecret, 1500));
    CHECK_FALSE(verify_access_token(
        sign({{"iss", "trae-health"}, {"sub", "5x"}, {"sid", 1}, {"iat", 1}, {"exp", 2000}}), kSecret, 1500));
    CHECK_FALSE(verify_access_token(
        sign({{"iss", "trae-health"}, {"sub", "-5"}, {"sid", 1}, {"iat", 1}, {"exp", 2000}}), kSecret, 1500));
    CHECK_FALSE(verify_access_token(
        sign({{"iss", "trae-health"}, {"sub", 5}, {"sid", 1}, {"iat", 1}, {"exp", 2000}}), kSecret, 1500));
    CHECK_FALSE(verify_access_token(
        sign({{"iss", "trae-health"}, {"sub", "5"}, {"sid", 1}, {"iat", 1}, {"exp", "2000"}}), kSecret,
        1500));
    CHECK_FALSE(verify_access_token(sign({{"iss", "trae-health"}, {"sub", "5"}, {"iat", 1}, {"exp", 2000}}),
                                    kSecret, 1500));
    CHECK_FALSE(verify_access_token(sign(nlohmann::json::array()), kSecret, 1500));
  }
  SUBCASE("malformed shapes") {
    CHECK_FALSE(verify_access_token("", kSecret, 1500));
    CHECK_FALSE(verify_access_token("a.b", kSecret, 1500));
    CHECK_FALSE(verify_access_token("a.b.c.d", kSecret, 1500));
    CHECK_FALSE(verify_access_token("!!.b.c", kSecret, 1500));
    CHECK_FALSE(verify_access_token(std::string(5000, 'a'), kSecret, 1500));
    CHECK_FALSE(verify_access_token(forge({{"alg", "HS256"}, {"typ", "JWS"}}, {}, "x"), kSecret, 1500));
    CHECK_FALSE(verify_access_token(base64url_encode("not json") + ".e30.abc", kSecret, 1500));
  }
}

TEST_CASE("argon2id password hashes") {
  PasswordParams fast{1024, 1, 1};
  auto h = hash_password("correct horse battery", fast);
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(verify_password("correct horse battery", h));
  CHECK_FALSE(verify_password("correct horse batterx", h));
  CHECK(hash_password("correct horse battery", fast) != h);  // salted
  CHECK_FALSE(verify_password("x", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA"));
  CHECK_FALSE(verify_password("x", "garbage"));
  CHECK_FALSE(verify_password("x", "$argon2id$garbage"));
}
