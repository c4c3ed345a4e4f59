// How saved plan documents (JSON) are stored: deflated with a preset
// dictionary of the documents' own keys and phrases.
//
// Why: a meal plan is about 3 KB of JSON, and SQLite gave nearly every such
// row a 4 KB page of its own, so a million seeded plans took 4.2 GB, two
// thirds of the database, and backups copied and checked all of it. Packed,
// a plan is about 0.9 KB and four share a page (see docs/performance.md).
//
// Format: one version byte, then a zlib stream. Version 1 is deflate with
// kDictionaryV1; the dictionary is part of the format and never changes. A
// new dictionary takes a new version byte, and unpack keeps reading the old.
#pragma once
#include <sqlite3.h>

#include <string>
#include <string_view>

namespace trae::document_codec {

// Packs one JSON document (any text) into the stored form.
std::string pack(std::string_view text);

// The text back. Throws Error(internal) on an unknown version or a damaged
// stream: a row that does not unpack is a storage fault, never user input.
std::string unpack(std::string_view stored);

// Registers trae_pack_document(text) -> blob on a connection, so that a
// migration written in SQL can repack existing rows.
void register_sql_function(sqlite3 *db);

}  // namespace trae::document_codec
