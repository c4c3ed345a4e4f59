// Entity tags (RFC 9110, 8.8.3) and If-None-Match, shared by the web app's
// files (http/static_site.cpp) and the API's GET answers (http/api.cpp).
#pragma once
#include <string>
#include <string_view>

namespace trae {

// A strong validator for these bytes: the first 128 bits of their SHA-256 in
// hex, quoted; the same form the build gives the embedded web files.
std::string strong_etag(std::string_view body);

// Whether an If-None-Match header matches `etag`: "*", or any entity tag of
// the comma-separated list by the weak comparison (RFC 9110, 13.1.2: a W/
// prefix is ignored). A malformed list matches nothing.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The HTTP layer may send an API answer gzip-coded: another representation,
// so another strong tag. coded_etag("\"abc\"", "gzip") is "\"abc-gzip\"".
std::string coded_etag(std::string_view etag, std::string_view coding);

// If-None-Match as seen from the uncoded answer when the answer will go out
// with `coding`: that coding's tags lose their suffix, and every other tag
// (another representation) is dropped; "*" stays. A malformed list becomes
// empty, which matches nothing.
std::string uncoded_if_none_match(std::string_view header, std::string_view coding);

}  // namespace trae
