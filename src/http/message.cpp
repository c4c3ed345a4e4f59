#include "http/message.hpp"

namespace trae {

std::string HttpRequest::header(const std::string &name) const {
  for (const auto &[k, v] : headers)
    if (k == name) return v;
  return {};
}

bool HttpRequest::has_header(const std::string &name) const {
  for (const auto &kv : headers)
    if (kv.first == name) return true;
  return false;
}

void HttpResponse::set_header(const std::string &name, const std::string &value) {
  for (auto &kv : headers)
    if (kv.first == name) {
      kv.second = value;
      return;
    }
  headers.emplace_back(name, value);
}

}  // namespace trae
