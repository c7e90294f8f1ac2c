#!/usr/bin/python3
"""End-to-end tests of `cirt serve` in a real browser.

Starts `cirt serve` on a fresh database, drives a headless Chromium through
ChromeDriver as an assessor would (choose a country, answer questions of
every type by clicking and typing, skip logic and its warning, evidence, an
attachment, a flag, a note, a meeting, findings, the score, the report),
kills the server with SIGKILL and starts it again on the same database, and
checks what each page says against the database (sqlite3) and against
`cirt answers`, which reads the same store.

Prints TAP: the plan first, then one line per test, with `#` lines saying
why a test failed. Environment: CIRT (the binary, default ./cirt), ROOT (the
repository, default the one this file is in). Run with /usr/bin/python3
(Debian's python3-selenium).
"""

import datetime
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.environ.get("ROOT") or
                       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CIRT = os.path.abspath(os.environ.get("CIRT") or os.path.join(ROOT, "cirt"))
QUESTIONNAIRE = os.path.join(ROOT, "questionnaires", "cirt-readiness.xml")
CHROMEDRIVER = "/usr/bin/chromedriver"
ASSESSOR = "Ana Diaz"
TERMINAL_ASSESSOR = "Kofi Mensah"
YEAR = datetime.datetime.now(datetime.timezone.utc).year
CC = "KE"
HELD_CC = "GH"
WAIT = 20  # seconds for an element or a page (an ASan build is slower)
TEST_SECONDS = 120  # a test that takes longer is stopped and fails


class Skip(Exception):
    pass


class PostRefused(Exception):
    """cirt serve refused a form the browser posted from one of its pages."""


# Chromium sends "Origin: null" with a form posted from a page served with
# "Referrer-Policy: no-referrer", which cirt serve would refuse: then no change
# could be made from the pages at all, and every test that makes one fails.
POSTS_REFUSED = ("cirt serve refuses the forms Chromium posts from its pages "
                 "(is the Origin null, under Referrer-Policy: no-referrer?)")
REFUSAL = "Forbidden: a change must come from cirt's own pages."


class TestTimeout(Exception):
    pass


class Suite:
    """Tests in order, each printed as one TAP line when it has run."""

    def __init__(self):
        self.tests = []
        self.failed = 0
        self.posts_refused = False

    def test(self, title, posts=True, todo=None):
        """A test; posts=False if it changes nothing through the pages, todo
        (why) if a known bug in cirt serve keeps it from passing."""
        def add(fn):
            self.tests.append((title, fn, posts, todo))
            return fn
        return add

    def run(self, fatal):
        print("1..%d" % len(self.tests), flush=True)
        for n, (title, fn, posts, todo) in enumerate(self.tests, 1):
            if fatal[0]:
                print("not ok %d - %s\n#   not run: %s" % (n, title, fatal[0]), flush=True)
                self.failed += 1
                continue
            if posts and self.posts_refused:
                self.failed += 1
                print("not ok %d - %s\n#   not run: %s, so no change can be made from the "
                      "pages" % (n, title, POSTS_REFUSED), flush=True)
                continue
            t0 = time.monotonic()
            signal.alarm(TEST_SECONDS)
            try:
                fn()
            except Skip as e:
                print("ok %d - %s # SKIP %s" % (n, title, e), flush=True)
                continue
            except PostRefused as e:
                self.posts_refused = True
                self.failed += 1
                print("not ok %d - %s\n#   %s" % (n, title, POSTS_REFUSED), flush=True)
                print("#   %s\n#   (%.1f s)" % (e, time.monotonic() - t0), flush=True)
                continue
            except Exception as e:  # an assertion, a timeout, the driver
                took = time.monotonic() - t0
                if isinstance(e, WebDriverException):
                    why = "%s: %s" % (type(e).__name__, e.msg)  # without the driver's stack
                elif isinstance(e, AssertionError):
                    why = str(e)
                else:
                    why = "%s: %s" % (type(e).__name__, e)
                if todo:
                    print("not ok %d - %s # TODO %s" % (n, title, todo), flush=True)
                else:
                    self.failed += 1
                    print("not ok %d - %s" % (n, title), flush=True)
                for w in why.strip().splitlines()[:30]:
                    print("#   " + w[:300])
                if not isinstance(e, (AssertionError, WebDriverException)):
                    for w in traceback.format_exc().splitlines()[-6:]:
                        print("#   " + w[:300])
                where = env.page_summary()
                if where:
                    print("#   page: " + where[:600])
                print("#   (%.1f s)" % took, flush=True)
                continue
            finally:
                signal.alarm(0)
            print("ok %d - %s%s" % (n, title, " # TODO " + todo if todo else ""), flush=True)


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def equal(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))


# ---- the environment: a folder, the server, the browser -------------------


class Env:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="cirt-web-")
        self.db = os.path.join(self.tmp, "web.db")
        self.server = None
        self.server_out = None
        self.server_err_path = None
        self.server_log = []  # every server's stderr, to look for sanitizer reports
        self.base = None
        self.url = None
        self.driver = None
        self.terminal = None  # a `cirt run` holding another assessment
        self.env = dict(os.environ)
        self.env.update({
            "CIRT_ASSESSOR": ASSESSOR,
            "CIRT_QUESTIONNAIRE": QUESTIONNAIRE,
            "CIRT_KEY_DIR": os.path.join(self.tmp, "keys"),
            "TMPDIR": self.tmp,
            "LC_ALL": "C.UTF-8",
        })
        self.env.setdefault("CIRT_CACHE_DIR", os.path.join(self.tmp, "cache"))
        self.env.pop("CIRT_DB", None)
        self.env.pop("LANGUAGE", None)

    # -- the server

    def start_server(self):
        k = len(self.server_log)
        out_path = os.path.join(self.tmp, "serve-%d.out" % k)
        self.server_err_path = os.path.join(self.tmp, "serve-%d.err" % k)
        self.server_log.append(self.server_err_path)
        with open(out_path, "wb") as out, open(self.server_err_path, "wb") as err:
            self.server = subprocess.Popen(
                [CIRT, "serve", "--db", self.db, "--port", "0", "--idle", "10m",
                 "--questionnaire", QUESTIONNAIRE],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=self.env,
                cwd=self.tmp)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(out_path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"^cirt: serving on (http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+))$",
                              f.read(), re.M)
            if m:
                self.url = m.group(1)
                self.port = int(m.group(2))
                self.token = m.group(3)
                self.base = "http://127.0.0.1:%d" % self.port
                return
            if self.server.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("cirt serve printed no address (exit %s): %s" %
                           (self.server.poll(), self.server_stderr()[-500:]))

    def server_stderr(self):
        try:
            with open(self.server_err_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except (OSError, TypeError):
            return ""

    def kill_server(self, sig=signal.SIGKILL):
        if self.server and self.server.poll() is None:
            self.server.send_signal(sig)
        if self.server:
            try:
                # reaped, so that no zombie keeps its claim on an assessment alive
                return self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
                return None

    # -- the browser

    def start_browser(self):
        o = webdriver.ChromeOptions()
        o.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                  "--disable-dev-shm-usage", "--lang=en-US", "--no-first-run",
                  "--disable-extensions", "--disable-background-networking",
                  "--user-data-dir=" + os.path.join(self.tmp, "chromium")):
            o.add_argument(a)
        o.add_experimental_option("prefs", {
            "download.default_directory": os.path.join(self.tmp, "downloads"),
            "download.prompt_for_download": False,
        })
        service = Service(CHROMEDRIVER, log_path=os.devnull)
        self.driver = webdriver.Chrome(service=service, options=o)
        self.driver.set_page_load_timeout(60)

    def page_summary(self):
        """Where the browser is and what the page says, for a failure."""
        try:
            d = self.driver
            if d is None:
                return ""
            text = d.execute_script(
                "var m = document.querySelector('main'); "
                "return (m || document.body || document.documentElement).innerText;")
            return "%s | %s" % (d.current_url, " ".join((text or "").split()))
        except Exception:  # the browser is gone
            return ""

    def close(self):
        if self.driver:
            try:
                self.driver.quit()
            except Exception:
                pass
        if self.terminal and self.terminal.poll() is None:
            self.terminal.kill()
            self.terminal.wait()
        self.kill_server()
        shutil.rmtree(self.tmp, ignore_errors=True)


env = Env()
suite = Suite()


# ---- helpers ----------------------------------------------------------------


def d():
    return env.driver


def wait_for(cond, timeout=WAIT, what="the page"):
    return WebDriverWait(d(), timeout).until(cond, "waiting for " + what)


def css(selector, timeout=WAIT):
    return wait_for(EC.presence_of_element_located((By.CSS_SELECTOR, selector)), timeout,
                    selector)


def all_css(selector):
    return d().find_elements(By.CSS_SELECTOR, selector)


def loaded():
    wait_for(lambda dr: dr.execute_script("return document.readyState") == "complete",
             what="the page to load")


def go(path):
    d().get(env.base + path)
    loaded()


def new_page(dr):
    """Whether the page marked by click_and_load has been replaced and loaded."""
    try:
        return dr.execute_script("return !window.cirtTestOld && document.readyState == 'complete'")
    except WebDriverException:  # between two pages
        return False


def click_and_load(element):
    """Click something that submits a form, and wait for the next page."""
    d().execute_script("window.cirtTestOld = true;")
    element.click()
    wait_for(new_page, what="the next page")
    if d().execute_script("return document.body ? document.body.innerText : ''").strip() == REFUSAL:
        raise PostRefused("the page after the click at %s says: %s" % (path(), REFUSAL))


def path():
    u = d().current_url
    return u[len(env.base):] if u.startswith(env.base) else u


def text(selector):
    return css(selector).text


def message_ok():
    el = all_css("p.msg.ok")
    return el[0].text if el else ""


def message_error():
    el = all_css(".msg.error")
    return el[0].text if el else ""


def lang_attr():
    return d().find_element(By.TAG_NAME, "html").get_attribute("lang")


def glance():
    """The pillar's questions as the page shows them: {qid: (status, answer)}."""
    rows = d().execute_script("""
        return Array.from(document.querySelectorAll('section.glance li[data-status]')).map(
            function (li) {
                var a = li.querySelector('.given');
                return [li.querySelector('.qid').textContent, li.dataset.status,
                        a ? a.textContent : null];
            });""")
    return {qid: (status, ans) for qid, status, ans in rows}


def focus_button(name, value):
    return css("section.focus form.answer button[name=%s][value='%s']" % (name, value))


def answer_choice(qid, value):
    """Open question qid and click the choice with this value."""
    go("/a/%s/%d/q/%s" % (CC, YEAR, qid))
    click_and_load(focus_button("value", value))


def answer_typed(qid, typed):
    go("/a/%s/%d/q/%s" % (CC, YEAR, qid))
    field = css("#typed")
    field.clear()
    field.send_keys(typed)
    click_and_load(field.find_element(By.XPATH, "ancestor::form//button[@type='submit' and not(@name)]"))


def expect_saved(qid):
    said = message_ok()
    check(("\u2713 %s:" % qid) in said and "Saved." in said,
          "no '\u2713 %s: … Saved.' message; the page says %r" % (qid, said))
    return said


def db_rows(cc=CC, year=YEAR):
    con = sqlite3.connect(env.db, timeout=10)
    try:
        con.row_factory = sqlite3.Row
        rows = con.execute(
            "SELECT a.question_id, a.state, a.value, a.evidence, a.comment, a.flagged, a.source "
            "FROM answer a JOIN assessment s ON s.id = a.assessment_id "
            "WHERE s.country = ? AND s.cycle = ?", (cc, year)).fetchall()
        return {r["question_id"]: dict(r) for r in rows}
    finally:
        con.close()


def db_one(sql, *args):
    con = sqlite3.connect(env.db, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def sanitizer_report(text_):
    return "Sanitizer" in text_ or "runtime error:" in text_


def cirt(*args, stdin=None, timeout=60):
    r = subprocess.run([CIRT] + list(args), input=stdin, capture_output=True, text=True,
                       env=env.env, cwd=env.tmp, timeout=timeout)
    check(not sanitizer_report(r.stderr), "cirt %s: sanitizer report:\n%s" % (args[0], r.stderr))
    return r


def cirt_answers(cc=CC, year=YEAR):
    r = cirt("answers", "--country", cc, "--cycle", str(year), "--db", env.db,
             "--format", "json")
    check(r.returncode == 0, "cirt answers: exit %d: %s" % (r.returncode, r.stderr))
    return {a["question_id"]: a for a in json.loads(r.stdout)["answers"]}


def expect_stored(qid, state, value):
    """The answer is in the database, and cirt answers says the same."""
    row = db_rows().get(qid)
    check(row is not None, "%s: no row in table answer" % qid)
    equal((row["state"], row["value"]), (state, value), "%s in table answer" % qid)
    a = cirt_answers().get(qid)
    check(a is not None, "%s: not listed by cirt answers" % qid)
    equal((a["state"], a.get("value")), (state, value), "%s in cirt answers" % qid)


def http_get(path_, cookie=True, token=None):
    """GET with the browser's cookie (or the one given, or none)."""
    c = http.client.HTTPConnection("127.0.0.1", env.port, timeout=60)
    headers = {}
    if token is not None:
        headers["Cookie"] = "cirt_token=" + token
    elif cookie:
        headers["Cookie"] = "cirt_token=" + d().get_cookie("cirt_token")["value"]
    try:
        c.request("GET", path_, headers=headers)
        r = c.getresponse()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
    finally:
        c.close()


# What the assessor confirmed, checked again after the server is killed:
# question -> (state, value, words the page shows for it).
confirmed = {}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" \
      b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"


# ---- the tests ----------------------------------------------------------------


@suite.test("the printed address sets the token cookie and opens the assessments; "
            "requests without it are refused", posts=False)
def _():
    d().get(env.url)
    loaded()
    equal(path(), "/", "the address after the token is kept in a cookie")
    equal(text("main h1"), "Assessments", "the heading")
    cookie = d().get_cookie("cirt_token")
    check(cookie and cookie["value"] == env.token, "no cirt_token cookie: %r" % cookie)
    check(cookie.get("httpOnly"), "the cookie is not HttpOnly: %r" % cookie)
    equal(cookie.get("sameSite"), "Strict", "the cookie's SameSite")
    status, _, body = http_get("/", cookie=False)
    equal(status, 403, "GET / without the cookie")
    status, _, _ = http_get("/a/%s/%d" % (CC, YEAR), token="0" * len(env.token))
    equal(status, 403, "GET with a wrong token")


@suite.test("start an assessment: choose the country, the confirmation names it in full")
def _():
    Select(css("select#country")).select_by_value(CC)
    cycle = css("input#cycle")
    cycle.clear()
    cycle.send_keys(str(YEAR))
    click_and_load(css("form.new button[type=submit]"))
    said = text("p.confirm")
    check("Kenya (KE)" in said and str(YEAR) in said,
          "the confirmation does not name Kenya (KE) and %d: %r" % (YEAR, said))
    equal(db_one("SELECT count(*) FROM assessment WHERE country = ?", CC)[0][0], 0,
          "assessments recorded before the confirmation")
    click_and_load(css("button#confirm"))
    equal(path(), "/a/%s/%d/q/LC1" % (CC, YEAR), "the page after confirming")
    check(text("main h1").startswith("Kenya (KE) \u00b7 %d" % YEAR),
          "heading %r" % text("main h1"))
    check(glance()["LC1"][0] == "unanswered", "LC1 is not unanswered: %r" % (glance()["LC1"],))
    check(glance()["LC2"][0] == "hidden", "LC2 (shown if LC1 = yes) is not hidden")


@suite.test("yes/no: clicking Yes saves it, says so and moves to the next question shown")
def _():
    click_and_load(focus_button("value", "yes"))
    expect_saved("LC1")
    equal(path().split("?")[0], "/a/%s/%d/q/LC2" % (CC, YEAR), "the next question")
    equal(glance()["LC1"][0], "answered", "LC1's status in the list")
    equal(glance()["LC2"][0], "unanswered", "LC2's status once LC1 = yes")
    expect_stored("LC1", "value", "yes")
    confirmed["LC1"] = ("value", "yes", "yes")


@suite.test("a terminal cirt run on the assessment the browser holds is refused, naming who")
def _():
    r = cirt("run", "--country", CC, "--cycle", str(YEAR), "--db", env.db,
             stdin="yes\n")
    check(r.returncode != 0, "cirt run was not refused (exit 0): %s" % r.stdout[-300:])
    check(ASSESSOR in r.stderr and "serve" in r.stderr,
          "the refusal does not name %s and cirt serve: %r" % (ASSESSOR, r.stderr))
    equal(len(db_rows()), 1, "answers after the refused session")


@suite.test("scale: a level is clicked and stored")
def _():
    answer_choice("LC2", "2")
    said = expect_saved("LC2")
    check("fraud and forgery" in said, "the message does not describe level 2: %r" % said)
    expect_stored("LC2", "value", "2")
    confirmed["LC2"] = ("value", "2", "fraud and forgery")
    click_and_load(focus_button("value", "yes"))  # LC3, the next one
    expect_saved("LC3")
    expect_stored("LC3", "value", "yes")
    confirmed["LC3"] = ("value", "yes", "yes")


@suite.test("date: typed into the date field and stored as YYYY-MM-DD")
def _():
    equal(path().split("?")[0], "/a/%s/%d/q/LC4" % (CC, YEAR), "the question after LC3")
    field = css("#typed")
    equal(field.get_attribute("type"), "date", "the field's type")
    field.send_keys("06012015")  # as typed into a date field, month first in en-US
    click_and_load(field.find_element(By.XPATH, "ancestor::form//button[@type='submit' and not(@name)]"))
    expect_saved("LC4")
    expect_stored("LC4", "value", "2015-06-01")
    confirmed["LC4"] = ("value", "2015-06-01", "2015")


@suite.test("number: a bad number is explained, kept in the field and not stored")
def _():
    answer_typed("LE3", "12 cases")
    said = message_error()
    check(said, "no error message for '12 cases'")
    equal(css("#typed").get_attribute("value"), "12 cases", "the field after the error")
    check("LE3" not in db_rows(), "LE3 was stored: %r" % db_rows().get("LE3"))
    check("LE3" not in cirt_answers(), "cirt answers lists LE3")
    equal(glance()["LE3"][0], "unanswered", "LE3's status after the error")
    answer_typed("LE3", "2000000")
    check(message_error(), "no error message for a number above the maximum")
    check("LE3" not in db_rows(), "LE3 was stored above its maximum")


@suite.test("number: a good number is stored")
def _():
    answer_typed("LE3", "42")
    expect_saved("LE3")
    expect_stored("LE3", "value", "42")
    confirmed["LE3"] = ("value", "42", "42")


@suite.test("don't know: the state button records it")
def _():
    go("/a/%s/%d/q/LE4" % (CC, YEAR))
    click_and_load(focus_button("state", "dont_know"))
    expect_saved("LE4")
    expect_stored("LE4", "dont_know", None)
    confirmed["LE4"] = ("dont_know", None, "know")


@suite.test("single choice: Operational shows the questions that depend on it")
def _():
    go("/a/%s/%d/q/TN1" % (CC, YEAR))
    equal(glance()["TN2"][0], "hidden", "TN2 before TN1 = operational")
    click_and_load(focus_button("value", "operational"))
    expect_saved("TN1")
    equal(path().split("?")[0], "/a/%s/%d/q/TN2" % (CC, YEAR), "the next question")
    g = glance()
    for q in ("TN2", "TN3", "TS1", "TS2"):
        equal(g[q][0], "unanswered", q + " once TN1 = operational")
    expect_stored("TN1", "value", "operational")
    confirmed["TN1"] = ("value", "operational", "perational")


@suite.test("multiple choice: ticked boxes are stored together")
def _():
    go("/a/%s/%d/q/TS1" % (CC, YEAR))
    equal(glance()["TS3"][0], "hidden", "TS3 (shown if TS1 has vulnerability) before")
    for v in ("incident", "vulnerability"):
        box = css("section.focus input[type=checkbox][name=choice][value='%s']" % v)
        box.click()
        check(box.is_selected(), v + " is not ticked")
    click_and_load(css("section.focus button[name=multi]"))
    expect_saved("TS1")
    expect_stored("TS1", "value", "incident vulnerability")
    equal(glance()["TS3"][0], "unanswered", "TS3 once TS1 has vulnerability")
    go("/a/%s/%d/q/TS1" % (CC, YEAR))
    ticked = [b.get_attribute("value") for b in all_css("section.focus input[name=choice]")
              if b.is_selected()]
    equal(ticked, ["incident", "vulnerability"], "boxes ticked when the page is opened again")
    confirmed["TS1"] = ("value", "incident vulnerability", "ncident")


@suite.test("text: typed into the text area and stored")
def _():
    answer_choice("OG1", "yes")
    expect_saved("OG1")
    confirmed["OG1"] = ("value", "yes", "yes")
    equal(path().split("?")[0], "/a/%s/%d/q/OG2" % (CC, YEAR), "the question after OG1")
    area = css("textarea#typed")
    area.send_keys("National Cybersecurity Council, chaired by the ICT ministry")
    click_and_load(area.find_element(By.XPATH, "ancestor::form//button[@type='submit' and not(@name)]"))
    expect_saved("OG2")
    expect_stored("OG2", "value", "National Cybersecurity Council, chaired by the ICT ministry")
    confirmed["OG2"] = ("value", "National Cybersecurity Council, chaired by the ICT ministry",
                        "Cybersecurity Council")


@suite.test("skip logic: No on LC1 names the answers it would hide and changes nothing")
def _():
    go("/a/%s/%d/q/LC1" % (CC, YEAR))
    reason = css("#reason")
    reason.send_keys("The law was repealed")
    click_and_load(focus_button("value", "no"))
    warn = css("#would-hide")
    equal(warn.get_attribute("role"), "alert", "the warning's role")
    check(warn.is_displayed(), "the warning is not shown")
    listed = [e.text for e in warn.find_elements(By.CSS_SELECTOR, "li .qid")]
    equal(listed, ["LC2", "LC3", "LC4"], "the answers the warning names")
    check("fraud and forgery" in warn.text, "the warning does not show LC2's answer")
    expect_stored("LC1", "value", "yes")
    equal(glance()["LC2"][0], "answered", "LC2 before the change is confirmed")


@suite.test("skip logic: Record it confirms the change; the hidden answers are kept, not counted")
def _():
    click_and_load(css("#confirm-hide"))
    said = expect_saved("LC1")
    check(": no" in said, "the message does not say no: %r" % said)
    g = glance()
    for q in ("LC2", "LC3", "LC4"):
        equal(g[q][0], "hidden", q + " after LC1 = no")
    expect_stored("LC1", "value", "no")
    expect_stored("LC2", "value", "2")
    a = cirt_answers()
    check(a["LC2"]["hidden"] and a["LC4"]["hidden"] and not a["LC1"]["hidden"],
          "cirt answers does not mark LC2 and LC4 hidden: %r" %
          {q: a[q]["hidden"] for q in ("LC1", "LC2", "LC4")})
    reasons = db_one("SELECT h.reason FROM history h JOIN assessment s ON s.id = h.assessment_id "
                     "WHERE s.country = ? AND h.question_id = 'LC1' AND h.field = 'answer' "
                     "ORDER BY h.seq DESC LIMIT 1", CC)
    equal(reasons, [("The law was repealed",)], "the reason in the history")
    confirmed["LC1"] = ("value", "no", "no")


@suite.test("evidence: items are added and removed")
def _():
    go("/a/%s/%d/q/LE3" % (CC, YEAR))
    for item in ("Annual report of the prosecution service 2025",
                 "https://example.org/statistics"):
        box = css("#add-evidence")
        box.send_keys(item)
        click_and_load(box.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
    items = [e.text for e in all_css("ol.items li span")]
    equal(items, ["Annual report of the prosecution service 2025",
                  "https://example.org/statistics"], "the evidence listed")
    equal(db_rows()["LE3"]["evidence"],
          "Annual report of the prosecution service 2025\nhttps://example.org/statistics",
          "evidence in table answer")
    click_and_load(css("ol.items li:first-child button[name=remove]"))
    equal([e.text for e in all_css("ol.items li span")], ["https://example.org/statistics"],
          "the evidence after removing the first")
    equal(db_rows()["LE3"]["evidence"], "https://example.org/statistics",
          "evidence in table answer after removing")
    equal(cirt_answers()["LE3"]["evidence"], "https://example.org/statistics",
          "evidence in cirt answers")


@suite.test("attachment: a small PDF is attached, listed and downloaded as it was")
def _():
    pdf = os.path.join(env.tmp, "prosecutions-2025.pdf")
    with open(pdf, "wb") as f:
        f.write(PDF)
    css("input#file").send_keys(pdf)
    click_and_load(css("input#file").find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
    check(not message_error(), "error: " + message_error())
    links = all_css("section.attachments a[download]")
    equal([a.text for a in links], ["prosecutions-2025.pdf"], "the attachments listed")
    rows = db_one("SELECT t.question_id, t.name, t.size, t.data FROM attachment t "
                  "JOIN assessment s ON s.id = t.assessment_id WHERE s.country = ?", CC)
    equal([(r[0], r[1], r[2], bytes(r[3])) for r in rows],
          [("LE3", "prosecutions-2025.pdf", len(PDF), PDF)], "table attachment")
    status, headers, body = http_get(links[0].get_attribute("href")[len(env.base):])
    equal(status, 200, "downloading the attachment")
    equal(body, PDF, "the downloaded attachment")
    check("attachment" in headers.get("content-disposition", ""),
          "not sent as a download: %r" % headers.get("content-disposition"))


@suite.test("flag and note: the question is flagged for review and its note saved")
def _():
    click_and_load(css("form.flag button"))
    equal(glance()["LE3"][0], "flagged", "LE3's status")
    equal(css("form.flag button").get_attribute("aria-pressed"), "true", "the flag button")
    note = css("#note")
    note.send_keys("Ask for the figures per region")
    click_and_load(note.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
    row = db_rows()["LE3"]
    equal((row["flagged"], row["comment"]), (1, "Ask for the figures per region"),
          "flag and note in table answer")
    a = cirt_answers()["LE3"]
    equal((a["flagged"], a["comment"]), (True, "Ask for the figures per region"),
          "flag and note in cirt answers")
    equal(css("#note").get_attribute("value"), "Ask for the figures per region",
          "the note shown again")


@suite.test("meeting: named on a question's page, it is shown as the meeting in progress")
def _():
    go("/a/%s/%d/q/LE2" % (CC, YEAR))
    box = css("#with")
    box.send_keys("Ministry of ICT, Director of cybersecurity (Jane Wanjiru); Legal adviser, "
                  "%d-01-15" % YEAR)
    click_and_load(box.find_element(By.XPATH, "ancestor::form//button[@type='submit' and not(@name)]"))
    check("Meeting set" in message_ok(), "no 'Meeting set' message: %r" % message_ok())
    now = text("#meeting-now")
    check("Ministry of ICT" in now and "Jane Wanjiru" in now and "%d-01-15" % YEAR in now,
          "the meeting in progress reads %r" % now)


@suite.test("meeting: the page after Set still shows the question it was set from")
def _():
    equal(text("section.focus .qid"), "LE2", "the question in focus after Set")


@suite.test("meeting: the answers given during it record it as their source")
def _():
    go("/a/%s/%d/q/LE2" % (CC, YEAR))
    check("Ministry of ICT" in text("#meeting-now"), "the meeting is not shown on LE2")
    click_and_load(focus_button("value", "yes"))  # LE2
    expect_saved("LE2")
    check("Ministry of ICT" in text("#meeting-now"), "the meeting is no longer shown after an answer")
    go("/a/%s/%d/q/LD1" % (CC, YEAR))
    click_and_load(focus_button("value", "no"))
    said = expect_saved("LD1")
    check("no" in said, said)
    # the meeting is recorded with the first answer given during it
    meetings = db_one("SELECT m.id, m.organisation, m.people, m.met_on FROM meeting m "
                      "JOIN assessment s ON s.id = m.assessment_id WHERE s.country = ?", CC)
    equal([m[1:] for m in meetings],
          [("Ministry of ICT", "Director of cybersecurity (Jane Wanjiru); Legal adviser",
            "%d-01-15" % YEAR)], "table meeting")
    rows = db_rows()
    for q in ("LE2", "LD1"):
        equal(rows[q]["source"], meetings[0][0], q + "'s source")
    equal(rows["TN1"]["source"], None, "TN1's source (answered before the meeting)")
    history = db_one("SELECT h.source FROM history h JOIN assessment s ON s.id = h.assessment_id "
                     "WHERE s.country = ? AND h.question_id = 'LE2'", CC)
    equal(history, [(meetings[0][0],)], "LE2's history source")
    confirmed["LE2"] = ("value", "yes", "yes")
    confirmed["LD1"] = ("value", "no", "no")


@suite.test("findings: the executive summary and a pillar's findings are saved")
def _():
    go("/a/%s/%d/findings" % (CC, YEAR))
    summary = css("#finding-0")
    summary.send_keys("Kenya has a cybercrime law and an operational national CIRT.")
    click_and_load(css("#save-finding-0"))
    check("Saved" in message_ok(), "no saved message: %r" % message_ok())
    legal = css("#finding-1")
    legal.send_keys("The legal framework lacks a data protection law.")
    click_and_load(css("#save-finding-1"))
    rows = dict(db_one("SELECT f.pillar, f.text FROM finding f JOIN assessment s "
                       "ON s.id = f.assessment_id WHERE s.country = ?", CC))
    equal(rows, {"": "Kenya has a cybercrime law and an operational national CIRT.",
                 "legal": "The legal framework lacks a data protection law."}, "table finding")
    equal(css("#finding-0").get_attribute("value"),
          "Kenya has a cybercrime law and an operational national CIRT.",
          "the summary shown again")


@suite.test("score: overall score, tier and radar chart")
def _():
    go("/a/%s/%d/score" % (CC, YEAR))
    overall = text("#overall")
    check(re.fullmatch(r"\d+(\.\d)?", overall), "the overall score reads %r" % overall)
    check(0 < float(overall) <= 100, "overall score %s" % overall)
    check(text("#tier").strip(), "no tier")
    check(all_css("svg.radar polygon.area"), "no radar chart")
    r = cirt("score", "--country", CC, "--cycle", str(YEAR), "--db", env.db)
    check(r.returncode == 0, "cirt score: exit %d: %s" % (r.returncode, r.stderr))
    check(overall in r.stdout, "cirt score does not give %s: %s" % (overall, r.stdout[:400]))


@suite.test("report: the PDF downloads with the browser's cookie and names the country")
def _():
    go("/a/%s/%d/q/LC1" % (CC, YEAR))
    link = css("nav.tabs a[href$='/report.pdf']")
    status, headers, body = http_get(link.get_attribute("href")[len(env.base):])
    equal(status, 200, "GET report.pdf")
    equal(headers.get("content-type"), "application/pdf", "its Content-Type")
    check(body.startswith(b"%PDF"), "not a PDF: %r" % body[:40])
    pdf = os.path.join(env.tmp, "report.pdf")
    with open(pdf, "wb") as f:
        f.write(body)
    r = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, "pdftotext: %s" % r.stderr)
    check("Kenya" in r.stdout, "the report does not name Kenya")


@suite.test("an assessment a terminal session holds is read-only, saying who holds it", posts=False)
def _():
    env.terminal = subprocess.Popen(
        [CIRT, "run", "--yes", "--country", HELD_CC, "--cycle", str(YEAR), "--db", env.db],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=dict(env.env, CIRT_ASSESSOR=TERMINAL_ASSESSOR), cwd=env.tmp)
    env.terminal.stdin.write(b"yes\n")  # LC1; then it waits for LC2
    env.terminal.stdin.flush()
    deadline = time.monotonic() + 30
    while "LC1" not in db_rows(HELD_CC) and time.monotonic() < deadline:
        if env.terminal.poll() is not None:
            raise AssertionError("cirt run ended: %r" % env.terminal.stderr.read())
        time.sleep(0.1)
    check("LC1" in db_rows(HELD_CC), "the terminal session recorded nothing")
    go("/")
    click_and_load(css("table.list a[href='/a/%s/%d']" % (HELD_CC, YEAR)))
    held = text("p.msg.held")
    check(TERMINAL_ASSESSOR in held and "run" in held,
          "the held message does not name %s and cirt run: %r" % (TERMINAL_ASSESSOR, held))
    buttons = all_css("section.focus form.answer button")
    check(buttons, "no answer buttons")
    enabled = [b.text for b in buttons if b.is_enabled()]
    equal(enabled, [], "answer buttons enabled")
    check(not all_css("form.flag") and not all_css("#add-evidence") and not all_css("input#file")
          and not all_css("#with"), "a flag, evidence, attachment or meeting form is offered")
    check(not css("#note").is_enabled(), "the note can be typed")
    check(not all_css("#reason") or not css("#reason").is_enabled(), "the reason can be typed")


@suite.test("a change forced on a held page is refused by the server, and nothing is stored")
def _():
    go("/a/%s/%d/q/LC1" % (HELD_CC, YEAR))
    no = focus_button("value", "no")
    check(not no.is_enabled(), "the No button is enabled")
    d().execute_script("arguments[0].disabled = false;", no)
    click_and_load(no)
    said = " ".join(e.text for e in all_css(".msg"))
    check(TERMINAL_ASSESSOR in said, "no refusal naming the holder: %r" % said)
    equal(db_rows(HELD_CC)["LC1"]["value"], "yes", "GH LC1 after the forced change")


@suite.test("once the terminal session ends, the page can change the assessment")
def _():
    env.terminal.stdin.close()
    try:
        rc = env.terminal.wait(timeout=30)
    finally:
        err = env.terminal.stderr.read().decode("utf-8", "replace")
        env.terminal.stderr.close()
    check(rc == 0 and not sanitizer_report(err), "cirt run exit %s: %s" % (rc, err[-2000:]))
    go("/a/%s/%d/q/LC1" % (HELD_CC, YEAR))
    held = all_css("p.msg.held")
    check(not held, "still held: %r" % (held[0].text if held else ""))
    click_and_load(focus_button("value", "no"))
    expect_saved("LC1")
    equal(db_rows(HELD_CC)["LC1"]["value"], "no", "GH LC1 after the change")


@suite.test("after SIGKILL and a restart (new port, new token) every confirmed answer is shown")
def _():
    old_port, old_token = env.port, env.token
    env.kill_server(signal.SIGKILL)
    env.start_server()
    check(env.port != old_port or env.token != old_token, "the same address again")
    check(env.token != old_token, "the same token again")
    status, _, _ = http_get("/", token=old_token)
    equal(status, 403, "the old token on the new server")
    d().get(env.url)
    loaded()
    equal(path(), "/", "the page after the new address")
    row = css("table.list a[href='/a/%s/%d']" % (CC, YEAR)).find_element(By.XPATH, "ancestor::tr")
    check("Kenya" in row.text, row.text)
    stored = db_rows()
    shown = {}
    for first in ("LC1", "TN1", "OS1"):  # the pillars answered in
        go("/a/%s/%d/q/%s" % (CC, YEAR, first))
        shown.update(glance())
    problems = []
    for q, (state, value, words) in sorted(confirmed.items()):
        if q not in stored or (stored[q]["state"], stored[q]["value"]) != (state, value):
            problems.append("%s stored as %r, confirmed as %r" % (q, stored.get(q), (state, value)))
        ans = shown.get(q, (None, None))[1] or ""
        if words.lower() not in ans.lower():
            problems.append("%s: the page shows %r, expected %r in it" % (q, shown.get(q), words))
    check(not problems, "\n".join(problems))
    equal(shown["LE3"][0], "flagged", "LE3's flag after the restart")
    go("/a/%s/%d/q/LE3" % (CC, YEAR))
    equal([e.text for e in all_css("ol.items li span")], ["https://example.org/statistics"],
          "LE3's evidence after the restart")
    equal([a.text for a in all_css("section.attachments a[download]")],
          ["prosecutions-2025.pdf"], "LE3's attachment after the restart")
    equal(css("#note").get_attribute("value"), "Ask for the figures per region", "LE3's note")
    check(not all_css("p.msg.held"),
          "the killed server still holds the assessment: %r" % " ".join(e.text for e in all_css("p.msg.held")))


@suite.test("after the restart the assessment takes new answers, without the old meeting")
def _():
    go("/a/%s/%d/q/LT1" % (CC, YEAR))
    click_and_load(focus_button("value", "yes"))
    expect_saved("LT1")
    expect_stored("LT1", "value", "yes")
    equal(db_rows()["LT1"]["source"], None, "LT1's source (the meeting ended with the server)")
    check("No meeting" in text("#meeting-now"), "meeting: %r" % text("#meeting-now"))


@suite.test("Arabic: the pages come back with lang=ar and dir=rtl", posts=False)
def _():
    go("/?lang=ar")
    got = lang_attr()
    if got != "ar":
        raise Skip("Arabic is incomplete in this build (the page came back in %s)" % got)
    check(css("html[lang=ar][dir=rtl] nav.langs a[lang=ar][aria-current]"),
          "Arabic is not the current language")
    first = css("table.list a[href^='/a/']").get_attribute("href")[len(env.base):]
    go(first + "/q/LC1")  # the language is kept in a cookie
    check(css("html[lang=ar][dir=rtl] section.focus"), "the question page is not in Arabic")
    check("\u0647\u0644" in text("section.focus h2"),  # the questionnaire's own Arabic
          "the question is not in Arabic: %r" % text("section.focus h2"))
    go(first + "/score")
    check(css("html[lang=ar][dir=rtl] #overall"), "the score page is not in Arabic")
    go("/?lang=en")
    equal(lang_attr(), "en", "back to English")


@suite.test("the server stops on SIGTERM, with nothing on stderr from a sanitizer", posts=False)
def _():
    rc = env.kill_server(signal.SIGTERM)
    equal(rc, 0, "exit status on SIGTERM")
    problems = []
    for p in env.server_log:
        with open(p, encoding="utf-8", errors="replace") as f:
            log = f.read()
        if sanitizer_report(log):
            problems.append("%s:\n%s" % (os.path.basename(p), log[:3000]))
    check(not problems, "\n".join(problems))


def main():
    fatal = [None]
    t0 = time.monotonic()
    try:
        try:
            if not os.access(CIRT, os.X_OK):
                raise RuntimeError("no cirt binary at %s" % CIRT)
            env.start_server()
            env.start_browser()
        except (RuntimeError, OSError, WebDriverException) as e:
            fatal[0] = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")
        suite.run(fatal)
    finally:
        env.close()
    print("# %d tests in %.1f s" % (len(suite.tests), time.monotonic() - t0))
    return 1 if suite.failed else 0


def on_alarm(*_):
    raise TestTimeout("the test took more than %d s" % TEST_SECONDS)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    signal.signal(signal.SIGALRM, on_alarm)
    sys.exit(main())
