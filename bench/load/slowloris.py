#!/usr/bin/env python3
"""Hostile slow clients, to run beside a load test.

Usage: slowloris.py HOST PORT --conns N --seconds S [--mode silent|headers|body]

  silent   open TCP connections and send nothing (not even a TLS hello);
  headers  finish the TLS handshake, then send request headers one byte at a
           time, one byte per second per connection;
  body     send complete headers with Content-Length: 100000, then the body
           one byte per second.

Whenever the server closes one, it opens another, so N stay open for the
whole run. It prints one JSON line: opened, closed by the server, still
open at the end. Uses one thread and non-blocking sockets so that 2,000
connections cost the load generator almost nothing.
"""
import argparse
import json
import socket
import ssl
import time

CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE


class Slow:
    def __init__(self, host, port, mode):
        self.mode = mode
        self.sock = socket.create_connection((host, port), timeout=10)
        if mode != "silent":
            self.sock = CTX.wrap_socket(self.sock, server_hostname=host)
        self.sock.setblocking(False)
        if mode == "headers":
            self.pending = (b"GET /api/v1/nutrition-data/recipes HTTP/1.1\r\nHost: x\r\n"
                            b"X-Slow: " + b"a" * 4000 + b"\r\n\r\n")
        elif mode == "body":
            head = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            self.sock.setblocking(True)
            self.sock.sendall(head)
            self.sock.setblocking(False)
            self.pending = b"{" + b" " * 99999
        else:
            self.pending = b""

    def drip(self):
        """Sends one byte; returns False once the server has closed it."""
        try:
            if self.mode != "silent":
                if self.pending:
                    self.sock.send(self.pending[:1])
                    self.pending = self.pending[1:]
            # Detect a close by the server without consuming a response.
            data = self.sock.recv(1, socket.MSG_PEEK) if self.mode == "silent" else self.sock.recv(4096)
            if data == b"":
                return False
        except (BlockingIOError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
            pass
        except OSError:
            return False
        return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--conns", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--mode", choices=["silent", "headers", "body"], default="silent")
    a = ap.parse_args()

    opened = closed = failed = 0
    conns = []
    deadline = time.monotonic() + a.seconds
    while time.monotonic() < deadline:
        while len(conns) < a.conns and time.monotonic() < deadline:
            try:
                conns.append(Slow(a.host, a.port, a.mode))
                opened += 1
            except OSError:
                failed += 1
                break
        alive = []
        for c in conns:
            if c.drip():
                alive.append(c)
            else:
                closed += 1
                c.sock.close()
        conns = alive
        time.sleep(1)
    print("SLOWRESULT " + json.dumps({"mode": a.mode, "target": a.conns, "opened": opened,
                                      "closed_by_server": closed, "open_at_end": len(conns),
                                      "connect_failures": failed}), flush=True)


if __name__ == "__main__":
    main()
