#!/usr/bin/env python3
"""How fast cirt serve answers, on the demo database (make bench).

Makes the demo database (make demo into a folder of its own), serves it
with `cirt serve --port 0`, takes the token's cookie as a browser would,
and times each kind of page over RUNS requests, from sending the request
to the last byte of the response (a new connection each time, as the
worst case of a browser). Standalone: python3 tests/bench/web_pages.py
"""
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUNS = 30


def serve(cirt, db, env):
    p = subprocess.Popen([cirt, "serve", "--db", db, "--port", "0", "--idle", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    line = p.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", line)
    if not m:
        p.kill()
        sys.exit("web bench: cirt serve printed %r" % line)
    return p, int(m.group(1)), m.group(2)


def request(port, cookie, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1:%d" % port, "Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = "http://127.0.0.1:%d" % port
    start = time.perf_counter()
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    took = time.perf_counter() - start
    c.close()
    return r.status, data, took, r


def measure(cirt, work, env=None):
    """Returns [(page, (median, min, max) in ms, note)]."""
    env = dict(env or os.environ)
    env.setdefault("CIRT_ASSESSOR", "bench")
    demo = os.path.join(work, "web-demo")
    subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "demo", "DEMO_DIR=" + demo],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    db = os.path.join(demo, "demo.db")
    p, port, token = serve(cirt, db, env)
    try:
        status, _, _, r = request(port, "", "GET", "/?token=" + token)
        cookie = r.getheader("Set-Cookie").split(";")[0]
        status, page, _, _ = request(port, cookie, "GET", "/")
        csrf = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()
        # the first draft listed (a final one takes no change), and its
        # first question
        href = re.search(rb'href="(/a/[A-Z]{2}/\d{4})">[^<]*</a>[^<]*</td><td>\d{4}</td><td>Draft</td>',
                         page).group(1).decode()
        status, _, _, r = request(port, cookie, "GET", href)
        question = r.getheader("Location")
        qid = question.rsplit("/", 1)[1]
        status, page, _, _ = request(port, cookie, "GET", question)
        choice = re.search(rb'name="value" value="([^"]+)"', page)
        pages = [
            ("assessments", "GET", "/", None),
            ("question", "GET", question, None),
            ("findings", "GET", href + "/findings", None),
            ("conflicts", "GET", href + "/conflicts", None),
            ("score", "GET", href + "/score", None),
            ("history of a question", "GET", question + "/history", None),
            ("note saved (POST)", "POST", question + "/note", None),
        ]
        if choice:
            pages.append(("answer saved (POST)", "POST", question + "/answer",
                          "csrf=%s&value=%s" % (csrf, urllib.parse.quote(choice.group(1).decode()))))
        pages.append(("report PDF download", "GET", href + "/report.pdf", None))
        results = []
        for name, method, path, body in pages:
            times = []
            for k in range(RUNS):
                if name.startswith("note"):
                    body = "csrf=%s&note=bench+%d" % (csrf, k)
                status, data, took, _ = request(port, cookie, method, path, body)
                if status not in (200, 303):
                    sys.exit("web bench: %s %s gave %d" % (method, path, status))
                times.append(took * 1e3)
            results.append((name, (statistics.median(times), min(times), max(times)),
                            "%s, %d bytes" % (path.replace(qid, "QID"), len(data))))
        return results
    finally:
        p.send_signal(signal.SIGINT)
        p.wait(timeout=10)


def main():
    cirt = os.path.join(ROOT, "cirt")
    work = tempfile.mkdtemp(prefix="cirt-webbench-")
    try:
        for name, (med, lo, hi), note in measure(cirt, work):
            print("%-26s %8.2f ms  (min %.2f, max %.2f)  %s" % (name, med, lo, hi, note))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
