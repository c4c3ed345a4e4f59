// API validators over HTTPS: the real server gzips JSON for clients that
// accept it, so each coding has its own strong ETag, and a 304 carries no
// body. The cache and the privacy rules are tested without the network in
// tests/unit/response_cache_test.cpp.
#include <doctest/doctest.h>

#include "../support/server_process.hpp"
#include "http/etag.hpp"

using testing::ServerProcess;

TEST_CASE("API ETags over HTTPS: one per content coding, 304 without a body") {
  ServerProcess server;
  auto c = server.client();
  const std::string path = "/api/v1/foods?q=milk&limit=3";
  auto plain = c->Get(path, {{"Accept-Encoding", "identity"}});
  REQUIRE(plain);
  REQUIRE(plain->status == 200);
  const std::string tag = plain->get_header_value("ETag");
  CHECK(tag == trae::strong_etag(plain->body));
  CHECK(plain->get_header_value("Cache-Control") == "private, no-cache");
  CHECK(plain->get_header_value("Vary").find("Accept-Encoding") != std::string::npos);
  CHECK(plain->get_header_value("Content-Encoding").empty());

  auto gz = c->Get(path, {{"Accept-Encoding", "gzip"}});
  REQUIRE(gz);
  REQUIRE(gz->status == 200);
  CHECK(gz->get_header_value("Content-Encoding") == "gzip");
  const std::string gz_tag = gz->get_header_value("ETag");
  CHECK(gz_tag == trae::coded_etag(tag, "gzip"));
  CHECK(gz_tag != tag);
  CHECK(gz->body == plain->body);  // the client decompressed it

  auto same = c->Get(path, {{"Accept-Encoding", "identity"}, {"If-None-Match", tag}});
  REQUIRE(same);
  CHECK(same->status == 304);
  CHECK(same->body.empty());
  CHECK(same->get_header_value("ETag") == tag);
  CHECK_FALSE(same->has_header("Content-Type"));
  auto same_gz = c->Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"x\", W/" + gz_tag}});
  REQUIRE(same_gz);
  CHECK(same_gz->status == 304);
  CHECK(same_gz->get_header_value("ETag") == gz_tag);
  // A tag names one coding: the other coding's tag gets the full answer.
  auto crossed = c->Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
  REQUIRE(crossed);
  CHECK(crossed->status == 200);
  auto crossed_back = c->Get(path, {{"Accept-Encoding", "identity"}, {"If-None-Match", gz_tag}});
  REQUIRE(crossed_back);
  CHECK(crossed_back->status == 200);
  CHECK(crossed_back->body == plain->body);
}
