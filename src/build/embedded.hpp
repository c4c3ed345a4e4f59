// Files compiled into the binary by the build-time tool trae-embed.
#pragma once
#include <cstddef>
#include <span>
#include <string_view>

namespace trae {

struct EmbeddedFile {
  const char *name;  // path relative to the embedded folder, '/'-separated
  const unsigned char *data;
  std::size_t size;

  std::string_view text() const { return {reinterpret_cast<const char *>(data), size}; }
};

// The SQL migrations in src/storage/migrations, sorted by name.
std::span<const EmbeddedFile> embedded_migrations();
// docs/openapi.yaml.
std::span<const EmbeddedFile> embedded_docs();

// One encoding of a web file: its bytes and the strong ETag (quoted) that
// names exactly these bytes. Empty when that encoding does not pay.
struct WebBody {
  std::string_view bytes;
  std::string_view etag;
};

// A file of the web app's static export (web/out), with the facts its
// responses need, worked out at build time by trae-embed-web.
struct WebAsset {
  std::string_view path;          // relative to web/out, '/'-separated
  std::string_view content_type;  // from the file extension
  bool immutable;                 // content-hashed name under _next/static/
  // HTML only: the CSP sources ('sha256-...') of the page's inline scripts
  // and of its inline <style> elements (the stylesheet, inlined at build time).
  std::string_view script_hashes;
  std::string_view style_hashes;
  WebBody identity, gzip, brotli;
};

// The web export, sorted by path.
std::span<const WebAsset> embedded_web();
// The curated starter set in seed/ (foods.csv, exercises.json, workouts.json, recipes.json).
std::span<const EmbeddedFile> embedded_seed();

}  // namespace trae
