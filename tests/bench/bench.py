#!/usr/bin/env python3
"""make bench: time cirt on databases of 10, 194 and 970 assessments, side by
side with the ReportLab peer, and hold it to its budget.

Generates, once, three deterministic databases (seeded answers to the shipped
questionnaire: 10 countries in 2026; the 194 ITU Member States in 2026; the
194 in 2022 to 2026), kept in $BENCH_CACHE (default build/bench, made again
when the questionnaire or the generator changes; generation is not timed).
Each figure is the median of several whole-process runs of the real binary.
When ../shared/peer/peer_reportlab.py and python3-reportlab are present, the
peer writes the same number of country reports in the same run and the
ratios are printed. Writes docs/PERFORMANCE.md; a figure over budget is
marked and the exit status is 1.
"""
import csv
import hashlib
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CIRT = os.path.join(ROOT, "cirt")
QUESTIONNAIRE = os.path.join(ROOT, "questionnaires", "cirt-readiness.xml")
PEER = os.path.join(os.path.dirname(ROOT), "shared", "peer", "peer_reportlab.py")
NS = {"q": "urn:cirt:questionnaire:1"}
SIZES = (10, 194, 970)
CYCLES = (2022, 2023, 2024, 2025, 2026)
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BIG_QUESTIONS = 100000

peak = {}          # size -> largest resident set (KB) of any run on it
last_stderr = ""


def run(args, stdin=None, env=None, size=None):
    """Run cirt, return wall seconds; keep the child's peak resident set."""
    global last_stderr
    with open(stdin) if stdin else open(os.devnull) as f:
        start = time.perf_counter()
        p = subprocess.Popen([CIRT] + args, stdin=f, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=env)
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        took = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    last_stderr = err.decode(errors="replace")
    if p.returncode != 0:
        sys.exit("bench: cirt %s failed (%d): %s" % (" ".join(args), p.returncode, last_stderr[-400:]))
    if size is not None:
        peak[size] = max(peak.get(size, 0), usage.ru_maxrss)
    return took


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



def generate(path, countries, cycles, questions):
    """A database of len(countries) x len(cycles) complete assessments."""
    rnd = random.Random(20261122)
    tmp = path + ".part"
    for f in (tmp, tmp + "-wal", tmp + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    for cc in countries:
        base = rnd.uniform(0.2, 0.8)
        for i, cycle in enumerate(cycles):
            with open("a.csv", "w", newline="") as f:
                csv.writer(f).writerows(answers(rnd, questions, min(0.98, base + 0.05 * i)))
            run(["import", "--yes", "a.csv", "--country", cc, "--cycle", str(cycle), "--db", tmp])
    os.replace(tmp, path)


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "%s, %d cores, %.0f GB, %s %s, Python %s" % (
        model or platform.processor() or "unknown CPU", os.cpu_count(), mem,
        platform.system(), platform.release(), platform.python_version())


def peer_available():
    if not os.path.exists(PEER):
        return False
    return subprocess.run(["/usr/bin/python3", "-c", "import reportlab"],
                          stderr=subprocess.DEVNULL).returncode == 0


def peer(n, runs):
    """Wall seconds of the peer writing n country reports (whole process)."""
    values = []
    for _ in range(runs):
        shutil.rmtree("peer_out", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(["/usr/bin/python3", PEER, "--countries", str(n), "--out", "peer_out",
                        "--seed", "1"], stdout=subprocess.DEVNULL, check=True)
        values.append(time.perf_counter() - start)
    return statistics.median(values), min(values), max(values)


def main():
    if not os.path.exists(CIRT):
        sys.exit("bench: build ./cirt first")
    questions = list(ET.parse(QUESTIONNAIRE).getroot().iter("{urn:cirt:questionnaire:1}question"))
    countries = [line[:2] for line in subprocess.run(
        [CIRT, "countries"], capture_output=True, text=True).stdout.splitlines()
        if len(line) > 10 and "fictional" not in line and line[2] == " "]
    assert len(countries) == 194, len(countries)
    # the 10: Kenya (whose report is timed) and nine others
    ten = ["KE"] + [c for c in countries if c != "KE"][:9]
    cache = os.path.abspath(os.environ.get("BENCH_CACHE") or os.path.join(ROOT, "build", "bench"))
    os.makedirs(cache, exist_ok=True)
    stamp = hashlib.sha256(open(QUESTIONNAIRE, "rb").read() + open(__file__, "rb").read()[:0] +
                           answers.__code__.co_code).hexdigest()[:12]
    work = tempfile.mkdtemp(prefix="cirt-bench-")
    os.chdir(work)
    env = dict(os.environ, CIRT_QUESTIONNAIRE=QUESTIONNAIRE, CIRT_ASSESSOR="bench",
               CIRT_CACHE_DIR=os.path.join(work, "cache"),
               SOURCE_DATE_EPOCH="1767225600", CIRT_KEY_DIR=os.path.join(work, "keys"))
    os.environ.update(env)

    dbs = {}
    for size in SIZES:
        path = os.path.join(cache, "bench-%d-%s.db" % (size, stamp))
        dbs[size] = path
        if os.path.exists(path):
            continue
        started = time.perf_counter()
        print("generating %d assessments in %s ..." % (size, path), flush=True)
        if size == 10:
            generate(path, ten, (2026,), questions)
        elif size == 194:
            generate(path, countries, (2026,), questions)
        else:
            generate(path, countries, CYCLES, questions)
        print("generated in %.1f s" % (time.perf_counter() - started), flush=True)

    rows = {}    # figure -> {size: (median, min, max)}
    units = {}
    notes = {}

    def record(figure, size, value, unit, note=""):
        rows.setdefault(figure, {})[size] = value
        units[figure] = unit
        if note:
            notes[figure] = note
        med, lo, hi = value
        print("%-6s %-34s %10.3f %s  (min %.3f, max %.3f)" % (size, figure, med, unit, lo, hi), flush=True)

    def ms(t):
        return tuple(x * 1e3 for x in t)

    open("none.txt", "w").close()
    with open("answers.txt", "w") as f:
        f.write("\n".join(["dk"] * 40) + "\n")

    for size in SIZES:
        # a database of this cirt's schema, as after its first use (the
        # listing upgrades it and keeps every score), untimed
        db = "db-%d.db" % size
        shutil.copyfile(dbs[size], db)
        run(["assessments", "--db", db])
        shutil.copyfile(db, "base-%d.db" % size)
        dbs[size] = os.path.abspath("base-%d.db" % size)

        # a session on a new assessment (a country not in the database)
        def session(script):
            shutil.copyfile(dbs[size], "s.db")
            for f in ("s.db-wal", "s.db-shm"):
                if os.path.exists(f):
                    os.remove(f)
            return run(["run", "--yes", "--country", "XA", "--cycle", "2026", "--db", "s.db"],
                       stdin=script, size=size)
        def first_prompt():
            """Seconds from starting a session to its first prompt ("ID> ")."""
            shutil.copyfile(dbs[size], "s.db")
            for f in ("s.db-wal", "s.db-shm"):
                if os.path.exists(f):
                    os.remove(f)
            started = time.perf_counter()
            p = subprocess.Popen([CIRT, "run", "--yes", "--country", "XA", "--cycle", "2026",
                                  "--db", "s.db"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL)
            seen = b""
            while not seen.endswith(b"> "):
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    sys.exit("bench: the session ended before its first prompt: %r" % seen[-300:])
                seen += chunk
            took = time.perf_counter() - started
            p.stdin.close()
            p.stdout.read()
            p.wait()
            return took
        record("run start", size, ms(timed(first_prompt)), "ms")
        start = timed(lambda: session("none.txt"))
        full = [session("answers.txt") for _ in range(RUNS)]
        per = [(t - start[0]) / 40 for t in full]
        record("one answer saved", size, ms((statistics.median(per), min(per), max(per))), "ms")

        record("score", size, ms(timed(lambda: run(["score", "--country", "KE", "--db", db], size=size))), "ms")
        whole, layout = [], []
        for _ in range(RUNS):
            whole.append(run(["report", "--country", "KE", "--cycle", "2026", "--db", db, "-o", "ke.pdf"],
                             env=dict(env, CIRT_TIMING="1"), size=size))
            layout.append(timing("lay out and write"))
        record("report", size, ms((statistics.median(whole), min(whole), max(whole))), "ms")
        record("report, lay-out only", size, (statistics.median(layout), min(layout), max(layout)), "ms")
        if size == 194:
            report_size = os.path.getsize("ke.pdf") / 1024

        def all_reports():
            shutil.rmtree("out", ignore_errors=True)
            return run(["report", "--all", "--cycle", "2026", "--db", db, "-o", "out"], size=size)
        record("report --all", size, timed(all_reports), "s")
        if size == 970:
            sizes = [os.path.getsize(os.path.join("out", f)) for f in os.listdir("out")]
            all_sizes = (statistics.mean(sizes) / 1024, min(sizes) / 1024, max(sizes) / 1024)
        record("compare, CSV", size, ms(timed(lambda: run(
            ["compare", "--cycle", "2026", "--format", "csv", "--db", db, "-o", "cmp.csv"], size=size))), "ms")
        record("compare, PDF", size, ms(timed(lambda: run(
            ["compare", "--cycle", "2026", "--db", db, "-o", "cmp.pdf"], size=size))), "ms")
        record("assessments", size, ms(timed(lambda: run(["assessments", "--db", db], size=size))), "ms")
        record("verify", size, ms(timed(lambda: run(["verify", "--db", db], size=size), runs=3)), "ms")
        kb = peak[size] / 1024
        record("peak memory", size, (kb, kb, kb), "MB")
        os.remove(db)

    # the peer, in the same run, on the same numbers of countries
    ratios = []
    if peer_available():
        one = timed(lambda: peer(1, 1)[0], runs=3)
        record("peer: one report", 1, ms(one), "ms")
        one_s = one
        for n in (10, 194):
            p = timed(lambda: peer(n, 1)[0], runs=3 if n < 194 else 2)
            record("peer: %d reports" % n, n, p, "s")
            mine = rows["report --all"][n][0]
            ratios.append(("%d reports (`report --all`)" % n, mine, p[0], mine / p[0]))
        for size in SIZES:
            mine = rows["report"][size][0] / 1e3
            ratios.append(("one report, %d in the database" % size, mine, one[0], mine / one[0]))
    else:
        print("bench: the peer (%s, python3-reportlab) is missing; no ratios" % PEER)

    # once: the questionnaire, the Word report, bundles
    extra = []

    def note_extra(figure, value, unit, note):
        extra.append((figure, value, unit, note))
        print("%-41s %10.3f %s  (min %.3f, max %.3f) %s" % (figure, value[0], unit, value[1], value[2], note), flush=True)

    note_extra("validate the shipped questionnaire", ms(timed(lambda: run(["validate", QUESTIONNAIRE]))), "ms",
               "%.0f KB, six languages, whole process" % (os.path.getsize(QUESTIONNAIRE) / 1024))
    big_gen = os.path.join(ROOT, "tests", "bench", "big_questionnaire.py")
    big = {}
    if os.path.exists(big_gen):
        # in one language: 100,000 questions in six make 116 MB, beyond the
        # 48 MiB guard on questionnaires
        subprocess.run([sys.executable, big_gen, str(BIG_QUESTIONS), "big.xml", "en"], check=True,
                       stdout=subprocess.DEVNULL)
        big["validate"] = timed(lambda: run(["validate", "big.xml"]), runs=3)
        note_extra("validate, 100,000 questions", big["validate"], "s",
                   "%.0f MB, in English, whole process" % (os.path.getsize("big.xml") / 1e6))

        def big_session():
            for f in ("b.db", "b.db-wal", "b.db-shm"):
                if os.path.exists(f):
                    os.remove(f)
            return run(["run", "--yes", "--country", "KE", "--db", "b.db", "--questionnaire", "big.xml"],
                       stdin="none.txt")
        # the first start parses, checks and keeps the model; the next ones read it back
        first = big_session()
        big["session"] = timed(big_session, runs=3)
        note_extra("run start, 100,000 questions", big["session"], "s",
                   "a new assessment, whole process, the model read back from the cache "
                   "(the first start, which parses and keeps it: %.2f s)" % first)
    shutil.copyfile(dbs[194], "db.db")
    docx, docx_whole = [], []
    for _ in range(RUNS):
        docx_whole.append(run(["report", "--country", "KE", "--cycle", "2026", "--db", "db.db",
                               "--format", "docx", "-o", "ke.docx"], env=dict(env, CIRT_TIMING="1")))
        docx.append(timing("lay out and write"))
    note_extra("one report, DOCX, lay-out only", (statistics.median(docx), min(docx), max(docx)), "ms",
               "charts drawn as PNG; whole process %.0f ms, %.0f KB"
               % (statistics.median(docx_whole) * 1e3, os.path.getsize("ke.docx") / 1024))
    note_extra("one report, PDF size", (report_size, report_size, report_size), "KB", "Kenya, 194 in the database")
    note_extra("report --all, PDF size", all_sizes, "KB", "mean of 194 (min, max)")
    os.makedirs("bundles", exist_ok=True)
    some = countries[:20]

    def export():
        return sum(run(["export", "--country", cc, "--cycle", "2026", "--db", "db.db",
                        "-o", "bundles/%s.json" % cc]) for cc in some) / len(some)
    note_extra("export one bundle", ms(timed(export, runs=3)), "ms", "mean of 20 processes")
    for cc in countries[20:]:
        run(["export", "--country", cc, "--cycle", "2026", "--db", "db.db", "-o", "bundles/%s.json" % cc])
    files = sorted("bundles/" + f for f in os.listdir("bundles"))

    def merge():
        for f in ("m.db", "m.db-wal", "m.db-shm"):
            if os.path.exists(f):
                os.remove(f)
        return run(["merge", "--db", "m.db"] + files)
    note_extra("merge of 194 bundles", timed(merge), "s", "into an empty database, one process")
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
    note_extra("check of a bundle at the limits", timed(check("limit.json"), runs=3), "s",
               "50,000 answers and their history, %.0f MB, read, verified and replayed"
               % (os.path.getsize("limit.json") / 1e6))
    note_extra("refusal of 400,000 answers", timed(check("forged.json"), runs=3), "s",
               "%.0f MB, refused by the scan before parsing" % (os.path.getsize("forged.json") / 1e6))

    # cirt serve on the demo database (issue 18)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import web_pages
    web = web_pages.measure(CIRT, work, env)
    for name, value, note in web:
        print("demo   %-34s %10.3f ms  (min %.3f, max %.3f)" % ((name,) + value), flush=True)
    slowest = max((w for w in web if "download" not in w[0]), key=lambda w: w[1][0])

    # the budget of issue 17
    def fig(name, size):
        return rows[name][size][0]
    budget = [
        ("one report, whole process, 970 in the database", fig("report", 970), "ms", 30.0, "≤ 30 ms"),
        ("one report at 970 / at 10", fig("report", 970) / fig("report", 10), "×", 1.2, "≤ 1.2 ×"),
        ("194 reports (`report --all --cycle`), 970 in the database", fig("report --all", 970), "s", 0.8, "≤ 0.8 s"),
        ("run start to first prompt, 970 in the database", fig("run start", 970), "ms", 25.0, "≤ 25 ms"),
        ("one answer saved, 970 in the database", fig("one answer saved", 970), "ms", 1.0, "≤ 1 ms"),
        ("peak memory, `report --all` on 970", fig("peak memory", 970), "MB", 32.0, "≤ 32 MB"),
        ("PDF size, one report", report_size, "KB", 60.0, "≤ 60 KB"),
    ]
    budget.append(("web page response, demo database (slowest page: %s)" % slowest[0],
                   slowest[1][0], "ms", 50.0, "≤ 50 ms"))
    if ratios:
        one_ratio = [r for r in ratios if r[0] == "one report, 970 in the database"][0][3]
        all_ratio = [r for r in ratios if r[0].startswith("194 reports")][0][3]
        budget += [("ratio to the peer, one report (970 in the database)", one_ratio, "", 0.07, "≤ 0.07"),
                   ("ratio to the peer, 194 reports", all_ratio, "", 0.03, "≤ 0.03")]
    if big:
        budget += [("100,000 questions: validate", big["validate"][0], "s", 2.0, "≤ 2 s"),
                   ("100,000 questions: run start", big["session"][0], "s", 1.0, "≤ 1 s")]
    over = [b[0] for b in budget if b[1] > b[3]]

    lines = ["# Performance", "",
             "Measured by `make bench` (tests/bench/bench.py) on %s." % machine(),
             "Each figure is the median of %d whole-process runs of the real binary (min and max"
             % RUNS,
             "in brackets), on generated databases of 10 assessments (10 countries, 2026), 194 (the",
             "ITU Member States, 2026) and 970 (the 194 from 2022 to 2026), complete answers to the",
             "shipped questionnaire. Generation is not timed.", "",
             "## Budget", "", "| figure | measured | budget | |", "| --- | --- | --- | --- |"]
    for name, value, unit, limit, text in budget:
        lines.append("| %s | %.3g %s | %s | %s |" % (name, value, unit, text,
                                                  "**over**" if value > limit else "within"))
    lines += ["", "## By database size", "",
              "| figure | 10 | 194 | 970 |", "| --- | --- | --- | --- |"]
    for name in rows:
        if name.startswith("peer"):
            continue
        cells = []
        for size in SIZES:
            med, lo, hi = rows[name][size]
            cells.append("%.3g %s (%.3g–%.3g)" % (med, units[name], lo, hi))
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    lines += ["", "`run start` is the time from starting `cirt run` on a new assessment (in a copy "
              "of the database) to its first prompt; `one answer saved` is the cost of each of 40 "
              "answers beyond a session that stops at once, whole process (synchronous=FULL, the "
              "next screen included); `report` is Kenya's 2026 report; "
              "`report --all` writes the 194 (or 10) reports of 2026 on every core; peak memory "
              "is the largest resident set of any run on that database."]
    if ratios:
        lines += ["", "## Side by side with the peer", "",
                  "The ReportLab peer (`../shared/peer/peer_reportlab.py`, Python %s) writing the same "
                  "number of country reports in the same run, whole process, wall time."
                  % platform.python_version(), "",
                  "| figure | cirt | peer | ratio |", "| --- | --- | --- | --- |"]
        for name, mine, theirs, ratio in ratios:
            lines.append("| %s | %.3f s | %.3f s | %.3f |" % (name, mine, theirs, ratio))
    lines += ["", "## Web pages", "",
              "`cirt serve` on the demo database (`make demo`), %d requests of each page, each on "
              "a new connection, from sending the request to the last byte of the response "
              "(http.client in the same machine): median (min–max)." % web_pages.RUNS, "",
              "| page | median | min | max | request |", "| --- | --- | --- | --- | --- |"]
    for name, (med, lo, hi), note in web:
        lines.append("| %s | %.2f ms | %.2f | %.2f | %s |" % (name, med, lo, hi, note))
    lines += ["", "## Once", "", "| figure | median | min | max | note |", "| --- | --- | --- | --- | --- |"]
    for name, (med, lo, hi), unit, note in extra:
        lines.append("| %s | %.3f %s | %.3f | %.3f | %s |" % (name, med, unit, lo, hi, note))
    profile = os.path.join(ROOT, "docs", "PROFILE.md")
    if os.path.exists(profile):
        lines += ["", open(profile).read().strip()]
    with open(os.path.join(ROOT, "docs", "PERFORMANCE.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote docs/PERFORMANCE.md")
    os.chdir(ROOT)
    shutil.rmtree(work)
    for line in lines[lines.index("## Budget"):lines.index("## By database size")]:
        print(line)
    if over:
        print("over budget: " + ", ".join(over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
