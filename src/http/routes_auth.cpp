// /api/v1/auth/*: register, login, refresh, logout, me.
#include "app/views.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"

namespace trae {
namespace {

ClientInfo client_of(const HttpRequest &req) { return ClientInfo{req.remote_ip, req.header("user-agent")}; }

nlohmann::json token_json(const TokenPair &t) {
  return {{"user", {{"id", t.user.id}, {"email", t.user.email}, {"name", t.user.name}}},
          {"access_token", t.access_token},
          {"refresh_token", t.refresh_token},
          {"token_type", "Bearer"},
          {"expires_in", t.expires_in}};
}

}  // namespace

void add_auth_routes(Router &r, Services &s) {
  r.add("POST", "/api/v1/auth/register", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    auto body = json_body(req);
    FieldReader f(body);
    auto email = f.required_string("email", 320);
    auto password = f.required_string("password", 4096);
    auto name = f.required_string("name", 400);
    f.finish();
    // One answer whether the address was free or taken, so registration
    // cannot be used to find out who has an account; the client signs in next.
    const bool created = s.auth.register_account(email, password, name);
    if (created && s.metrics) s.metrics->count(BusinessEvent::registration);
    res.set_header("Cache-Control", "no-store");
    write_json(res, 202,
               {{"status", "accepted"},
                {"message",
                 "If this email address was not registered yet, its account now exists: sign in "
                 "with it."}});
  });

  r.add("POST", "/api/v1/auth/login", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    auto body = json_body(req);
    FieldReader f(body);
    auto email = f.required_string("email", 320);
    auto password = f.required_string("password", 4096);
    f.finish();
    res.set_header("Cache-Control", "no-store");
    write_json(res, 200, token_json(s.auth.login(email, password, client_of(req))));
    if (s.metrics) s.metrics->count(BusinessEvent::sign_in);
  });

  r.add("POST", "/api/v1/auth/refresh", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    auto body = json_body(req);
    FieldReader f(body);
    auto token = f.required_string("refresh_token", 4096);
    f.finish();
    res.set_header("Cache-Control", "no-store");
    write_json(res, 200, token_json(s.auth.refresh(token, client_of(req))));
  });

  // Ends the session named by the bearer token. Clients whose access token
  // has lapsed may instead send their refresh token to end its session.
  r.add("POST", "/api/v1/auth/logout", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    std::optional<std::string> refresh;
    if (!req.body.empty()) {
      auto body = json_body(req);
      FieldReader f(body);
      refresh = f.optional_string("refresh_token", 4096);
      f.finish();
    }
    std::string auth = req.header("authorization");
    bool done = false;
    if (auth.size() > 7 && auth.compare(0, 7, "Bearer ") == 0) {
      s.auth.logout(s.auth.authenticate(auth.substr(7)));
      done = true;
    }
    if (refresh) done = s.auth.revoke_refresh_session(*refresh) || done;
    if (!done) throw Error(ErrorCode::unauthorized, "send a bearer token or a refresh_token to sign out");
    res.status = 204;
    res.body.clear();
  });

  r.add("GET", "/api/v1/auth/me", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    write_json(res, 200, to_json(s.auth.me(req.user->id)));
  });
}

}  // namespace trae
