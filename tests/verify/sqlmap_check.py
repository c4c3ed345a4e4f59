#!/usr/bin/env python3
"""sqlmap (Debian's) against the search, filter and auth endpoints of a
running binary. Passes when sqlmap finds no injectable parameter anywhere.

The server trusts 127.0.0.1 as a proxy and sqlmap's `xforwardedfor` tamper
gives every request a random X-Forwarded-For, so the sign-in throttle (10
failures per address) does not turn the auth tests into a wall of 429s. The
password fields are not tested: they are only ever hashed, never put in SQL,
and a fixed email would trip the per-account throttle.
Prints one line per target and a summary line "sqlmap: ok|FAIL ...".
"""
import json
import os
import subprocess
import sys
import tempfile

from appliance import Appliance

TARGETS = [
    ("foods search", "GET", "/api/v1/foods?q=apple&group=0100&page=1&limit=5", None, None, False),
    ("recipes filter", "GET",
     "/api/v1/nutrition-data/recipes?q=oat&diet=vegan&exclude_allergens=dairy&meal_type=lunch&cuisine=italian"
     "&max_kcal=800&min_protein_g=5&max_prep_minutes=30&sort=kcal", None, None, True),
    ("exercises filter", "GET",
     "/api/v1/nutrition-data/exercises?q=press&muscle=chest&equipment=barbell&level=beginner&category=strength",
     None, None, False),
    ("workouts filter", "GET",
     "/api/v1/nutrition-data/workouts?q=full&muscle=chest&level=beginner&goal=strength&min_minutes=10"
     "&max_minutes=60", None, None, False),
    ("login", "POST", "/api/v1/auth/login", {"email": "probe@example.com", "password": "x-password-1"},
     "email", False),
    ("register", "POST", "/api/v1/auth/register",
     {"email": "probe2@example.com", "password": "x-password-123", "name": "Probe"}, "email,name", False),
]


def main(binary):
    data = tempfile.mkdtemp(prefix="trae-sqlmap-")
    out = os.environ.get("VERIFY_OUT", data)
    app = Appliance(binary, data, {"TRUSTED_PROXIES": "127.0.0.1"}).start()
    token = app.sign_up("sqlmap@example.com")
    failures, lines = 0, []
    try:
        for name, method, path, body, params, auth in TARGETS:
            cmd = ["sqlmap", "-u", app.url(path), "--batch", "--level=2", "--risk=1", "--threads=2",
                   "--flush-session", "--disable-coloring", "--output-dir", os.path.join(out, "sqlmap"),
                   "--tamper=xforwardedfor", "--timeout=10", "--retries=1", "-v", "1",
                   "--ignore-code=401,429"]
            if body is not None:
                cmd += ["--data", json.dumps(body), "--method", method, "--headers",
                        "Content-Type: application/json"]
            if params:
                cmd += ["-p", params]
            if auth:
                cmd += ["--headers", "Authorization: Bearer " + token]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
            log = r.stdout + r.stderr
            with open(os.path.join(out, "sqlmap-%s.log" % name.replace(" ", "_")), "w") as f:
                f.write(log)
            injectable = ("is vulnerable" in log or "appears to be injectable" in log
                          or "sqlmap identified the following injection point" in log)
            clean = "do not appear to be injectable" in log or "does not seem to be injectable" in log
            requests = log.count("[PAYLOAD]")
            ok = clean and not injectable
            failures += 0 if ok else 1
            lines.append("  sqlmap %-17s %s" % (name, "no injectable parameter" if ok else
                                                   "INJECTABLE or inconclusive (see log)"))
    finally:
        app.stop()
    print("\n".join(lines))
    print("sqlmap: %s (%d targets, %d with findings or inconclusive)"
          % ("ok" if failures == 0 else "FAIL", len(TARGETS), failures))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
