#!/usr/bin/env python3
"""The data directory on a small tmpfs that fills up.

The server runs with DATA_DIR on a fresh tmpfs (mount -t tmpfs, which needs
root; without it a loop-mounted ext4 image is tried, and failing both the
check is reported as skipped). A filler file takes all but ~1 MiB, then
recipes are written until the server refuses. Required:
  - writes get 507 (or 503), never a 5xx without the error envelope;
  - reads (a catalog search, a signed-in profile read, /health) keep working;
  - after the filler is removed, writes work again;
  - PRAGMA integrity_check is ok after shutdown.
Prints one line: "disk-full: ok|FAIL|SKIPPED ...".
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

from appliance import Appliance, first_food_id, recipe


def mount_small(size_mb):
    mnt = tempfile.mkdtemp(prefix="trae-full-")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm" % size_mb, "tmpfs", mnt],
                      capture_output=True).returncode == 0:
        return mnt, "tmpfs"
    img = mnt + ".img"
    if (subprocess.run(["truncate", "-s", "%dM" % size_mb, img]).returncode == 0
            and subprocess.run(["mkfs.ext4", "-q", "-F", img], capture_output=True).returncode == 0
            and subprocess.run(["mount", "-o", "loop", img, mnt], capture_output=True).returncode == 0):
        return mnt, "loop ext4"
    return None, "neither tmpfs nor a loop mount is permitted here"


def fill(path, leave_bytes):
    with open(path, "wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 20))
                f.flush()
        except OSError:
            pass
    st = os.statvfs(os.path.dirname(path))
    size = os.path.getsize(path)
    os.truncate(path, max(0, size - max(0, leave_bytes - st.f_bavail * st.f_frsize)))


def main(binary):
    mnt, how = mount_small(48)
    if not mnt:
        print("disk-full: SKIPPED (%s)" % how)
        return 0
    try:
        data = os.path.join(mnt, "data")
        os.makedirs(data)
        app = Appliance(binary, data).start()
        token = app.sign_up("full@example.com")
        food = first_food_id(app)
        fill(os.path.join(mnt, "filler"), 1024 * 1024)
        statuses = {}
        refused = None
        for i in range(5000):
            status, body = app.request("POST", "/api/v1/nutrition-data/recipes",
                                       recipe(food, "full-%d" % i), token)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 300:
                refused = (status, body)
                break
        search, _ = app.request("GET", "/api/v1/foods?q=apple")
        profile, _ = app.request("GET", "/api/v1/profile", token=token)
        health, _ = app.request("GET", "/health")
        os.remove(os.path.join(mnt, "filler"))
        after, _ = app.request("POST", "/api/v1/nutrition-data/recipes", recipe(food, "after-space"), token)
        app.stop()
        db = sqlite3.connect(os.path.join(data, "trae.db"))
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        code = refused[0] if refused else None
        envelope = bool(refused and isinstance(refused[1], dict) and "error" in refused[1])
        ok = (code in (503, 507) and envelope and search == 200 and profile == 200 and health == 200
              and after == 201 and integrity == "ok")
        print("disk-full: %s (%s; %d writes accepted, then %s %s; reads: search %d, profile %d, health %d; "
              "write after freeing space %d; integrity_check=%s)"
              % ("ok" if ok else "FAIL", how, statuses.get(201, 0), code,
                 refused[1]["error"]["code"] if envelope else "(no envelope)", search, profile, health,
                 after, integrity))
        return 0 if ok else 1
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
