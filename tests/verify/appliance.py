"""Starts a trae-health binary on free ports and talks to it over HTTPS.

Shared by the `make verify` checks (crash safety, disk full, sqlmap and
testssl.sh targets). Only loopback addresses are used.
"""
import json
import os
import signal
import ssl
import subprocess
import time
import urllib.error
import urllib.request


class Appliance:
    def __init__(self, binary, data_dir, extra_env=None, cafile=None):
        self.binary = binary
        self.cafile = cafile or os.path.join(data_dir, "tls", "cert.pem")
        self.data_dir = data_dir
        self.extra_env = extra_env or {}
        self.proc = None
        self.port = None
        self.log_path = os.path.join(data_dir, "server.log")

    def start(self, timeout=60):
        env = dict(os.environ)
        env.update({"DATA_DIR": self.data_dir, "HTTPS_PORT": "0", "HTTP_PORT": "off",
                    "BIND_ADDRESS": "127.0.0.1", "DEPLOY_ENV": "test", "API_RATE_LIMIT": "0"})
        env.update(self.extra_env)
        log = open(self.log_path, "ab")
        start_size = os.path.getsize(self.log_path)
        self.proc = subprocess.Popen([self.binary, "serve"], env=env, stdout=log, stderr=log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(start_size)
                for line in f.read().decode("utf-8", "replace").splitlines():
                    try:
                        j = json.loads(line)
                    except ValueError:
                        continue
                    if j.get("msg") == "listening":
                        self.port = j["https_port"]
                        self.ctx = ssl.create_default_context(cafile=self.cafile)
                        self.ctx.check_hostname = False
                        return self
            if self.proc.poll() is not None:
                raise RuntimeError("server exited during start-up; see " + self.log_path)
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def url(self, path):
        return "https://127.0.0.1:%d%s" % (self.port, path)

    def request(self, method, path, body=None, token=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url(path), data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, context=self.ctx, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, None

    def sign_up(self, email, password="verify-password-1"):
        self.request("POST", "/api/v1/auth/register", {"email": email, "password": password, "name": "V"})
        status, body = self.request("POST", "/api/v1/auth/login", {"email": email, "password": password})
        if status != 200:
            raise RuntimeError("sign-in failed: %s %s" % (status, body))
        return body["access_token"]

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)

    def stop(self):
        self.kill(signal.SIGTERM)


def recipe(food_id, name):
    return {"name": name, "cuisine": "british", "meal_type": "lunch", "servings": 1, "prep_minutes": 5,
            "cook_minutes": 0, "steps": ["Mix."],
            "ingredients": [{"food_id": food_id, "grams": 100}]}


def first_food_id(app):
    status, body = app.request("GET", "/api/v1/foods?limit=1")
    if status != 200 or not body["items"]:
        raise RuntimeError("no foods: %s" % status)
    return body["items"][0]["id"]
