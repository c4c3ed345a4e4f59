// GET /api/openapi.yaml: the API description compiled into the binary.
#include "build/embedded.hpp"
#include "http/api.hpp"

namespace trae {

void add_docs_routes(Router &r) {
  r.add("GET", "/api/openapi.yaml", Access::public_route, [](HttpRequest &, HttpResponse &res) {
    for (const auto &f : embedded_docs())
      if (std::string_view(f.name) == "openapi.yaml") {
        res.status = 200;
        res.content_type = "application/yaml";
        res.body.assign(f.text());
        res.set_header("Cache-Control", "no-cache");
        return;
      }
    res.status = 404;
  });
}

}  // namespace trae
