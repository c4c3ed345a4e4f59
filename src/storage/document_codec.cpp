#include "storage/document_codec.hpp"

#include <zlib.h>

#include "core/error.hpp"

namespace trae::document_codec {
namespace {

constexpr unsigned char kVersionDeflateV1 = 1;

// Phrases the saved documents repeat: the workout plan's keys first, then the
// meal plan's, with the most frequent last, where deflate reaches them with
// the shortest distances. Frozen: changing one byte breaks every stored v1
// document.
constexpr std::string_view kDictionaryV1 =
    R"({"days_per_week":3,"minutes_per_session":45,"goal":"strength","level":"beginner",)"
    R"("equipment":["body only","dumbbell"],"weight_kg":70.0,"resting_muscles":[],)"
    R"("days":[{"weekday":1,"day":"monday","focus":"full body","muscles":["chest","quadriceps"],)"
    R"("total_minutes":45,"estimated_kcal":300.0,"exercises":[{"exercise_id":1,"name":"",)"
    R"("category":"strength","sets":3,"reps":10,"duration_seconds":null,"rest_seconds":60,)"
    R"("muscles":[],"equipment":"body only"}]}],)"
    R"({"cuisines":[],"days":1,"diet":"omnivore","exclude_allergens":[],"exclude_foods":[],)"
    R"("macros":{"carbs_pct":45.0,"fat_pct":30.0,"protein_pct":25.0},"max_prep_minutes":null,)"
    R"("meals_per_day":3,"seed":1,"targets":{"carbs_g":200.0,"fat_g":70.0,"kcal":2000.0,"protein_g":150.0}})"
    R"("restrictions":{"cuisines":[],"diet":"vegetarian","exclude_allergens":["gluten","dairy","egg","nuts"],)"
    R"( raw, fresh, cooked, dried, canned, drained, whole, plain, with skin, chicken, rice, beans, salad, )"
    R"(soup, bowl, with, and, cheese, sauce, tomato, oil, Greek-style, Family-style, Herby, Quick )"
    R"({"days":[{"day":1,"meals":[{"meal_type":"breakfast","name":"","nutrition":)"
    R"({"carbs_g":50.0,"fat_g":20.0,"kcal":500.0,"protein_g":30.0},"recipe_id":1,"servings":1.0,)"
    R"("slot":"breakfast"},{"meal_type":"snack","name":"","slot":"snack"},)"
    R"({"meal_type":"lunch","name":"","slot":"lunch"},{"meal_type":"dinner","name":"","slot":"dinner"}],)"
    R"("totals":{"carbs_g":200.0,"fat_g":70.0,"kcal":2000.0,"protein_g":150.0}}],"grocery_list":[)"
    R"({"food_id":1,"grams":100.0,"name":""},{"food_id":)";

[[noreturn]] void damaged(const char *why) {
  throw Error(ErrorCode::internal, std::string("a stored document cannot be read: ") + why);
}

void sql_pack(sqlite3_context *ctx, int, sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
  const int n = sqlite3_value_bytes(argv[0]);
  try {
    std::string out = pack(std::string_view(text, static_cast<std::size_t>(n)));
    sqlite3_result_blob(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
  } catch (const std::exception &e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

}  // namespace

std::string pack(std::string_view text) {
  z_stream z{};
  if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) throw Error(ErrorCode::internal, "deflateInit failed");
  deflateSetDictionary(&z, reinterpret_cast<const Bytef *>(kDictionaryV1.data()),
                       static_cast<uInt>(kDictionaryV1.size()));
  std::string out(1 + deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  out[0] = static_cast<char>(kVersionDeflateV1);
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data() + 1);
  z.avail_out = static_cast<uInt>(out.size() - 1);
  const int rc = deflate(&z, Z_FINISH);
  const auto used = z.total_out;
  deflateEnd(&z);
  // deflateBound guarantees room, so anything but a finished stream is a bug.
  if (rc != Z_STREAM_END) throw Error(ErrorCode::internal, "deflate did not finish");
  out.resize(1 + used);
  return out;
}

std::string unpack(std::string_view stored) {
  if (stored.empty()) damaged("it is empty");
  if (static_cast<unsigned char>(stored[0]) != kVersionDeflateV1) damaged("unknown format version");
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw Error(ErrorCode::internal, "inflateInit failed");
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(stored.data() + 1));
  z.avail_in = static_cast<uInt>(stored.size() - 1);
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef *>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_NEED_DICT)
      rc = inflateSetDictionary(&z, reinterpret_cast<const Bytef *>(kDictionaryV1.data()),
                                static_cast<uInt>(kDictionaryV1.size()));
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      damaged(rc == Z_DATA_ERROR ? "the stream is damaged" : "inflate failed");
    }
    out.append(buf, sizeof buf - z.avail_out);
    // Input spent without the end of the stream: the blob is cut short.
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      damaged("the stream is cut short");
    }
  }
  const bool trailing = z.avail_in != 0;
  inflateEnd(&z);
  if (trailing) damaged("bytes follow the end of the stream");
  return out;
}

void register_sql_function(sqlite3 *db) {
  sqlite3_create_function_v2(db, "trae_pack_document", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             sql_pack, nullptr, nullptr, nullptr);
}

}  // namespace trae::document_codec
