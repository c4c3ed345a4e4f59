#include "http/etag.hpp"

#include "security/crypto.hpp"

namespace trae {

std::string strong_etag(std::string_view body) {
  std::string tag = "\"";
  tag.append(hex(sha256(body).substr(0, 16)));
  tag.push_back('"');
  return tag;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  std::size_t i = 0;
  while (i < header.size()) {
    char c = header[i];
    if (c == ' ' || c == '\t' || c == ',') {
      ++i;
    } else if (c == '*') {
      return true;
    } else if (header.compare(i, 2, "W/") == 0) {
      i += 2;
    } else if (c == '"') {
      auto close = header.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      if (header.substr(i, close - i + 1) == etag) return true;
      i = close + 1;
    } else {
      return false;  // not an entity-tag list
    }
  }
  return false;
}

}  // namespace trae
