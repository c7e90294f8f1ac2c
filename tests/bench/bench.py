#!/usr/bin/env python3
"""make bench: time cirt on 194 countries x 3 cycles and hold it to its budget.

Generates, in a temporary folder, a deterministic database (seeded answers to
the shipped questionnaire for every ITU Member State in 2024, 2025 and 2026;
fictional answers for real country codes, never kept), runs each operation
at least five times through the real binary, and writes the table to
docs/PERFORMANCE.md. A figure over budget is marked and the exit status is 1.
"""
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CIRT = os.path.join(ROOT, "cirt")
QUESTIONNAIRE = os.path.join(ROOT, "questionnaires", "cirt-readiness.xml")
NS = {"q": "urn:cirt:questionnaire:1"}
CYCLES = (2024, 2025, 2026)
RUNS = 5

# name: (budget, unit); None means measured without a budget
BUDGET = {
    "answer commit": (5.0, "ms"),
    "session start": (30.0, "ms"),
    "one report": (20.0, "ms"),
    "194 reports": (2.0, "s"),
    "compare, PDF": (0.5, "s"),
    "compare, CSV": (0.5, "s"),
    "merge of 194 bundles": (3.0, "s"),
    "check of a bundle at the limits": (3.0, "s"),
    "refusal of 400,000 answers": (2.0, "s"),
    "peak memory": (32.0, "MB"),
    "mean report size": (100.0, "KB"),
}

peak_kb = 0


def run(args, stdin=None, env=None):
    """Run cirt, return seconds; keep the peak resident memory of children."""
    global peak_kb
    start = time.perf_counter()
    p = subprocess.run([CIRT] + args, stdin=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("bench: cirt %s failed: %s" % (" ".join(args), p.stderr.decode()[-400:]))
    peak_kb = max(peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    global last_stderr
    last_stderr = p.stderr.decode()
    return took


last_stderr = ""


def timing(phase):
    """A phase's milliseconds from the last run's CIRT_TIMING lines."""
    for line in last_stderr.splitlines():
        if line.startswith("cirt: timing: %s " % phase):
            return float(line.split()[-2])
    sys.exit("bench: no timing of '%s' in: %s" % (phase, last_stderr))


def timed(fn, runs=RUNS):
    values = [fn() for _ in range(runs)]
    return statistics.median(values), min(values), max(values)


def answers(rnd, questions, level):
    """One assessment's answers as CSV rows, better with a higher level."""
    rows = [["question_id", "value", "evidence", "comment"]]
    for q in questions:
        t, qid = q.get("type"), q.get("id")
        good = rnd.random() < level
        if t == "yesno":
            v = "yes" if good else "no"
        elif t == "single":
            c = [x.get("value") for x in q.findall("q:choice", NS)]
            v = c[-1] if good else rnd.choice(c[:-1])
        elif t == "scale":
            n = len(q.findall("q:level", NS))
            v = str(n - 1 if good else rnd.randrange(n - 1))
        elif t == "multi":
            c = [x.get("value") for x in q.findall("q:choice", NS)]
            v = " ".join(rnd.sample(c, max(1, round(len(c) * level))))
        elif t == "number":
            v = str(rnd.randint(3, 30) if good else rnd.randint(0, 2))
        elif t == "date":
            v = "%d-%02d-01" % (rnd.randint(2010, 2023), rnd.randint(1, 12))
        else:
            v = "Ministry of Digital Affairs"
        ev = "Official gazette, text %d" % rnd.randint(1, 999) if q.get("evidence") and good else ""
        rows.append([qid, v, ev, ""])
    return rows


def main():
    if not os.path.exists(CIRT):
        sys.exit("bench: build ./cirt first")
    questions = list(ET.parse(QUESTIONNAIRE).getroot().iter("{urn:cirt:questionnaire:1}question"))
    countries = [line[:2] for line in subprocess.run(
        [CIRT, "countries"], capture_output=True, text=True).stdout.splitlines()
        if len(line) > 10 and "fictional" not in line and line[2] == " "]
    assert len(countries) == 194, len(countries)
    keep = os.path.abspath(os.environ["BENCH_DB"]) if os.environ.get("BENCH_DB") else None
    work = tempfile.mkdtemp(prefix="cirt-bench-")
    os.chdir(work)
    env = dict(os.environ, CIRT_QUESTIONNAIRE=QUESTIONNAIRE, CIRT_ASSESSOR="bench",
               SOURCE_DATE_EPOCH="1767225600", CIRT_KEY_DIR=os.path.join(work, "keys"))
    os.environ.update(env)
    # BENCH_DB names a database kept from an earlier run (made if missing),
    # to profile or to rerun without generating again
    if keep and os.path.exists(keep):
        subprocess.run(["cp", keep, "bench.db"], check=True)
        countries_to_make = []
    else:
        countries_to_make = countries
    print("generating 194 countries x 3 cycles in %s ..." % work, flush=True)
    rnd = random.Random(20261122)
    started = time.perf_counter()
    for cc in countries_to_make:
        base = rnd.uniform(0.2, 0.8)
        for i, cycle in enumerate(CYCLES):
            path = "a.csv"
            with open(path, "w", newline="") as f:
                csv.writer(f).writerows(answers(rnd, questions, min(0.98, base + 0.07 * i)))
            run(["import", "--yes", path, "--country", cc, "--cycle", str(cycle), "--db", "bench.db"])
    print("generated in %.1f s" % (time.perf_counter() - started), flush=True)
    if keep and countries_to_make:
        subprocess.run(["cp", "bench.db", keep], check=True)

    results = []

    def record(name, value, lo, hi, unit, note=""):
        results.append((name, value, lo, hi, unit, note))
        print("%-24s %9.3f %s  (min %.3f, max %.3f) %s" % (name, value, unit, lo, hi, note), flush=True)

    med, lo, hi = timed(lambda: run(["validate", QUESTIONNAIRE]))
    record("load and validate", med * 1e3, lo * 1e3, hi * 1e3, "ms", "the shipped questionnaire, whole process")

    # a session: start alone, then with 40 answers; the difference per answer
    open("none.txt", "w").close()
    script = "\n".join(["dk"] * 40) + "\n"
    open("answers.txt", "w").write(script)

    def session(path, db):
        if os.path.exists(db):
            os.remove(db)
        with open(path) as f:
            return run(["run", "--yes", "--country", "KE", "--db", db], stdin=f)
    start, slo, shi = timed(lambda: session("none.txt", "s.db"))
    record("session start", start * 1e3, slo * 1e3, shi * 1e3, "ms", "process start, questionnaire, database, first screen")
    full = [session("answers.txt", "s.db") for _ in range(RUNS)]
    per = [(t - start) / 40 for t in full]
    record("answer commit", statistics.median(per) * 1e3, min(per) * 1e3, max(per) * 1e3, "ms",
           "each of 40 answers, synchronous=FULL, with the next screen")

    med, lo, hi = timed(lambda: run(["score", "--country", "KE", "--db", "bench.db"]))
    record("score one", med * 1e3, lo * 1e3, hi * 1e3, "ms", "whole process")
    def score_all():
        return sum(run(["compare", "--cycle", str(c), "--format", "csv", "--db", "bench.db"]) for c in CYCLES)
    med, lo, hi = timed(score_all)
    record("score all", med, lo, hi, "s", "582 assessments: compare CSV of each cycle, three processes")
    med, lo, hi = timed(lambda: run(["compare", "--cycle", "2026", "--format", "csv", "--db", "bench.db"]))
    record("compare, CSV", med, lo, hi, "s", "194 countries and their previous cycles read and scored")
    med, lo, hi = timed(lambda: run(["compare", "--cycle", "2026", "--db", "bench.db", "-o", "cmp.pdf"]))
    record("compare, PDF", med, lo, hi, "s", "194 countries")

    one, whole, peers = [], [], []
    for _ in range(RUNS):
        whole.append(run(["report", "--country", "KE", "--cycle", "2026", "--db", "bench.db", "-o", "ke.pdf"],
                         env=dict(env, CIRT_TIMING="1")))
        one.append(timing("lay out and write"))
        peers.append(timing("read and score"))
    record("one report", statistics.median(one), min(one), max(one), "ms",
           "lay out and write the PDF (CIRT_TIMING); whole process %.0f ms, of which %.0f ms read "
           "and score the assessments it compares with" % (statistics.median(whole) * 1e3,
                                                                   statistics.median(peers)))

    docx, docx_whole = [], []
    for _ in range(RUNS):
        docx_whole.append(run(["report", "--country", "KE", "--cycle", "2026", "--db", "bench.db",
                               "--format", "docx", "-o", "ke.docx"], env=dict(env, CIRT_TIMING="1")))
        docx.append(timing("lay out and write"))
    record("one report, DOCX", statistics.median(docx), min(docx), max(docx), "ms",
           "the same report as a Word file, charts drawn as PNG; whole process %.0f ms, %.0f KB"
           % (statistics.median(docx_whole) * 1e3, os.path.getsize("ke.docx") / 1024))

    def all_reports():
        if os.path.isdir("out"):
            for f in os.listdir("out"):
                os.remove(os.path.join("out", f))
        return run(["report", "--all", "--cycle", "2026", "--db", "bench.db", "-o", "out"])
    med, lo, hi = timed(all_reports)
    sizes = [os.path.getsize(os.path.join("out", f)) for f in os.listdir("out")]
    pages = 0
    for f in os.listdir("out"):
        info = subprocess.run(["pdfinfo", os.path.join("out", f)], capture_output=True, text=True).stdout
        pages += int([line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")][0])
    record("194 reports", med, lo, hi, "s", "%d files, %d pages" % (len(sizes), pages))
    record("mean report size", statistics.mean(sizes) / 1024, min(sizes) / 1024, max(sizes) / 1024, "KB", "max %.0f KB" % (max(sizes) / 1024))

    os.makedirs("bundles", exist_ok=True)
    def export():
        return sum(run(["export", "--country", cc, "--cycle", "2026", "--db", "bench.db",
                        "-o", "bundles/%s.json" % cc]) for cc in countries)
    med, lo, hi = timed(export)
    record("export of 194 bundles", med, lo, hi, "s", "194 processes, one each")
    files = sorted("bundles/" + f for f in os.listdir("bundles"))

    def merge():
        for f in ("m.db", "m.db-wal", "m.db-shm"):
            if os.path.exists(f):
                os.remove(f)
        return run(["merge", "--db", "m.db"] + files)
    med, lo, hi = timed(merge)
    record("merge of 194 bundles", med, lo, hi, "s", "into an empty database, one process")
    # large bundles: checked whole, in time linear in their size; one at
    # the limits, and one far beyond them
    sign = os.path.join(ROOT, "build", "tools", "bundle-sign")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "big_bundle.py"),
                    "50000", "limit.json"], check=True)
    subprocess.run([sign, "limit.json", "limit.json"], check=True)
    subprocess.run([sys.executable, "-c", """
import json
a = [{"question_id": "Q%d" % i, "state": "value", "value": "yes", "evidence": "", "comment": "",
      "flagged": False, "answered_by": "B", "answered_at": "2026-11-30T10:00:00.000Z"}
     for i in range(400000)]
json.dump({"format": "cirt-bundle", "format_version": 2, "answers": a}, open("forged.json", "w"),
          separators=(",", ":"))
"""], check=True)

    def check(path):
        def go():
            start = time.perf_counter()
            p = subprocess.run([CIRT, "merge", path, "--db", "big.db"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            took = time.perf_counter() - start
            # refused, as it must be: made for another questionnaire, or too big
            if p.returncode != 3:
                sys.exit("bench: merge %s: %s" % (path, p.stderr.decode()[-300:]))
            return took
        return go
    med, lo, hi = timed(check("limit.json"))
    record("check of a bundle at the limits", med, lo, hi, "s",
           "50,000 answers and their history, %.0f MB, read, verified and replayed"
           % (os.path.getsize("limit.json") / 1e6))
    med, lo, hi = timed(check("forged.json"))
    record("refusal of 400,000 answers", med, lo, hi, "s",
           "%.0f MB, refused by the scan before parsing" % (os.path.getsize("forged.json") / 1e6))
    record("peak memory", peak_kb / 1024, peak_kb / 1024, peak_kb / 1024, "MB", "largest resident set of any run")

    over = []
    lines = ["# Performance", "",
             "Measured by `make bench` (tests/bench/bench.py) on %d cores; each figure is the median" % os.cpu_count(),
             "of %d runs of the real binary (min and max beside it), on a generated database of" % RUNS,
             "194 countries x 3 cycles with complete answers to the shipped questionnaire.", "",
             "| operation | median | min | max | budget | note |", "| --- | --- | --- | --- | --- | --- |"]
    for name, value, lo, hi, unit, note in results:
        budget = BUDGET.get(name)
        mark = ""
        if budget:
            if value > budget[0]:
                over.append(name)
                mark = " **over**"
            btext = "%g %s%s" % (budget[0], budget[1], mark)
        else:
            btext = "–"
        lines.append("| %s | %.3f %s | %.3f | %.3f | %s | %s |" % (name, value, unit, lo, hi, btext, note))
    profile = os.path.join(ROOT, "docs", "PROFILE.md")
    if os.path.exists(profile):
        lines += ["", open(profile).read().strip()]
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    with open(os.path.join(ROOT, "docs", "PERFORMANCE.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote docs/PERFORMANCE.md")
    subprocess.run(["rm", "-rf", work])
    if over:
        print("over budget: " + ", ".join(over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
