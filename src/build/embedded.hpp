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

}  // namespace trae
