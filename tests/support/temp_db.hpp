// A fresh, migrated database in a temporary directory, removed afterwards.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "temp_dir.hpp"

namespace testing {

struct TempDb {
  std::string dir = make_temp_dir("db");
  std::string path = dir + "/trae.db";
  std::unique_ptr<trae::Database> db;

  explicit TempDb(bool migrated = true, int readers = 2) {
    db = std::make_unique<trae::Database>(path, readers);
    if (migrated) trae::migrate(*db);
  }
  ~TempDb() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace testing
