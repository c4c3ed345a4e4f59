#!/usr/bin/env python3
"""kill -9 during heavy writes, restart, and check that nothing acknowledged
was lost and the database is intact.

Four writer threads create recipes as fast as the server takes them and note
every one answered 2xx. After WRITE_SECONDS the server is killed with SIGKILL
mid-stream, restarted on the same data directory, and then:
  - PRAGMA integrity_check must say ok;
  - every recipe that got a 2xx must be in the database.
Prints one line: "crash-safety: ok|FAIL ...".
"""
import os
import sqlite3
import sys
import tempfile
import threading
import time

from appliance import Appliance, first_food_id, recipe

WRITE_SECONDS = float(os.environ.get("CRASH_WRITE_SECONDS", "4"))


def main(binary):
    data = tempfile.mkdtemp(prefix="trae-crash-")
    app = Appliance(binary, data).start()
    token = app.sign_up("crash@example.com")
    food = first_food_id(app)
    acked, lock, stop = [], threading.Lock(), threading.Event()

    def writer(n):
        i = 0
        while not stop.is_set():
            name = "crash-%d-%d" % (n, i)
            i += 1
            try:
                status, body = app.request("POST", "/api/v1/nutrition-data/recipes", recipe(food, name),
                                           token, timeout=5)
            except Exception:
                return  # the server is gone
            if 200 <= status < 300:
                with lock:
                    acked.append(name)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(WRITE_SECONDS)
    app.kill()  # SIGKILL while the writers are still going
    stop.set()
    for t in threads:
        t.join()

    app2 = Appliance(binary, data).start()
    status, _ = app2.request("GET", "/health")
    app2.stop()
    db = sqlite3.connect(os.path.join(data, "trae.db"))
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    present = {r[0] for r in db.execute("SELECT name FROM recipes WHERE name LIKE 'crash-%'")}
    db.close()
    missing = [n for n in acked if n not in present]
    ok = integrity == "ok" and not missing and status == 200 and len(acked) > 0
    print("crash-safety: %s (%d writes acknowledged before kill -9, %d missing after restart, "
          "integrity_check=%s, health after restart=%d)"
          % ("ok" if ok else "FAIL", len(acked), len(missing), integrity, status))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
