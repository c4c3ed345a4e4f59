// AppFixture on the starter catalog, with the seed foods' ids by key.
#pragma once
#include "app/importers.hpp"
#include "app_fixture.hpp"

namespace testing {

struct CatalogFixture : AppFixture {
  CatalogFixture() { trae::load_starter_set(*tdb.db, trae::embedded_seed_files(), clock, nullptr); }

  long long food_id(const std::string &key) {
    long long id = 0;
    tdb.db->read([&](trae::Connection &c) {
      SQLite::Statement st(c.db(), "SELECT id FROM foods WHERE source = 'seed' AND source_key = ?");
      st.bind(1, key);
      REQUIRE(st.executeStep());
      id = st.getColumn(0).getInt64();
    });
    return id;
  }
};

}  // namespace testing
