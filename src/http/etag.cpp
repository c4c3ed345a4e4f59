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

std::string coded_etag(std::string_view etag, std::string_view coding) {
  if (etag.size() < 2 || etag.back() != '"') return std::string(etag);
  std::string out(etag.substr(0, etag.size() - 1));
  out.append("-").append(coding).append("\"");
  return out;
}

std::string uncoded_if_none_match(std::string_view header, std::string_view coding) {
  std::string suffix = "-";
  suffix.append(coding).append("\"");
  std::string out;
  std::size_t i = 0;
  while (i < header.size()) {
    char c = header[i];
    if (c == ' ' || c == '\t' || c == ',' || header.compare(i, 2, "W/") == 0) {
      i += c == 'W' ? 2 : 1;
      continue;
    }
    std::string_view tag;
    if (c == '*') {
      tag = "*";
      i += 1;
    } else if (c == '"') {
      auto close = header.find('"', i + 1);
      if (close == std::string_view::npos) return {};
      std::string_view quoted = header.substr(i, close - i + 1);
      i = close + 1;
      if (quoted.size() < suffix.size() + 1 || !quoted.ends_with(suffix)) continue;
      tag = quoted.substr(0, quoted.size() - suffix.size());
    } else {
      return {};  // not an entity-tag list
    }
    if (!out.empty()) out.append(", ");
    out.append(tag);
    if (tag != "*") out.push_back('"');
  }
  return out;
}

}  // namespace trae
