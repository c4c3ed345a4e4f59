#!/usr/bin/env python3
"""Signs in seeded users and writes the Lua data file the wrk journeys read.

Usage: signin.py BASE_URL DB_PATH OUT.lua --users N --email-format FMT --password PW [--register]

Signing in runs argon2id on the server (deliberately slow), so it signs in N
users (default 1,000) over 8 connections and wrk connections share them:
each request carries one picked at random. With --register it first creates
accounts that do not exist yet (for databases without seeded users). It also
writes the ids of catalog recipes and workouts, so detail pages exist.
"""
import argparse
import concurrent.futures
import json
import sqlite3
import ssl
import sys
import urllib.error
import urllib.request

CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE


def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, context=CTX, timeout=60) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}


def sign_in(base, email, password, register):
    # Register first: failed sign-ins count towards the per-IP lockout.
    if register:
        post(base, "/api/v1/auth/register", {"email": email, "password": password, "name": "Load"})
    status, body = post(base, "/api/v1/auth/login", {"email": email, "password": password})
    return body.get("access_token") if status == 200 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("db")
    ap.add_argument("out")
    ap.add_argument("--users", type=int, default=1000)
    ap.add_argument("--email-format", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--register", action="store_true")
    a = ap.parse_args()

    emails = [a.email_format % (i + 1) for i in range(a.users)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        tokens = [t for t in pool.map(lambda e: sign_in(a.base, e, a.password, a.register), emails) if t]
    if len(tokens) < max(1, a.users // 2):
        sys.exit(f"signin.py: only {len(tokens)} of {a.users} users signed in; "
                 "is the database seeded (trae-health seed) and the password right?")

    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    recipes = [r[0] for r in db.execute(
        "SELECT id FROM recipes WHERE owner_id IS NULL ORDER BY random() LIMIT 5000")]
    workouts = [r[0] for r in db.execute("SELECT id FROM workouts ORDER BY random() LIMIT 5000")]
    with open(a.out, "w") as f:
        f.write("return {\n")
        f.write("  tokens = {" + ",".join(f'"{t}"' for t in tokens) + "},\n")
        f.write("  recipes = {" + ",".join(map(str, recipes)) + "},\n")
        f.write("  workouts = {" + ",".join(map(str, workouts)) + "},\n")
        f.write("}\n")
    print(f"signed in {len(tokens)} users; {len(recipes)} recipe and {len(workouts)} workout ids")


if __name__ == "__main__":
    main()
