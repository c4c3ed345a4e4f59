#!/usr/bin/env python3
"""testssl.sh (Debian's) against the built-in TLS. Passes with no HIGH or
CRITICAL finding.

The server gets a certificate for 127.0.0.1 signed by a throwaway CA that
testssl.sh is told to trust (--add-ca), as a real deployment would have a
publicly trusted one; the self-signed default would only be reported as an
untrusted chain, which says nothing about the TLS set-up itself. Like a
public CA's certificate, it is valid for a year and names CRL and OCSP
locations (testssl.sh rates a certificate without them HIGH); those are
properties of the certificate an operator installs, not of the server.
Prints the HIGH/CRITICAL findings if any and "testssl: ok|FAIL ...".
"""
import json
import os
import subprocess
import sys
import tempfile

from appliance import Appliance


def make_ca_and_cert(d):
    def run(*args):
        subprocess.run(list(args), check=True, capture_output=True)
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "400", "-subj", "/CN=trae verify CA")
    run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", d + "/key.pem", "-out", d + "/req.csr", "-subj", "/CN=127.0.0.1")
    with open(d + "/ext.cnf", "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                "keyUsage=digitalSignature\nbasicConstraints=CA:FALSE\n"
                "crlDistributionPoints=URI:http://127.0.0.1/verify-ca.crl\n"
                "authorityInfoAccess=OCSP;URI:http://127.0.0.1/ocsp\n")
    run("openssl", "x509", "-req", "-in", d + "/req.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
        "-CAcreateserial", "-out", d + "/cert.pem", "-days", "365", "-extfile", d + "/ext.cnf")


def main(binary):
    data = tempfile.mkdtemp(prefix="trae-testssl-")
    out = os.environ.get("VERIFY_OUT", data)
    make_ca_and_cert(data)
    app = Appliance(binary, data, {"TLS_CERT": data + "/cert.pem", "TLS_KEY": data + "/key.pem"},
                    cafile=data + "/ca.pem")
    app.start()
    report = os.path.join(out, "testssl.json")
    if os.path.exists(report):
        os.remove(report)
    try:
        r = subprocess.run(["testssl", "--quiet", "--color", "0", "--warnings", "batch", "--add-ca",
                            data + "/ca.pem", "--jsonfile", report, "127.0.0.1:%d" % app.port],
                           capture_output=True, text=True, timeout=1500)
        with open(os.path.join(out, "testssl.log"), "w") as f:
            f.write(r.stdout + r.stderr)
    finally:
        app.stop()
    findings = json.load(open(report))
    bad = [f for f in findings if f.get("severity") in ("HIGH", "CRITICAL")]
    for f in bad:
        print("  testssl %s %s: %s" % (f["severity"], f["id"], f.get("finding", "")))
    counts = {}
    for f in findings:
        counts[f.get("severity")] = counts.get(f.get("severity"), 0) + 1
    print("testssl: %s (%d checks; %s)" % ("ok" if not bad else "FAIL", len(findings),
                                           ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
