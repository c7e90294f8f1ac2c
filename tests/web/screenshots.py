#!/usr/bin/python3
"""Screenshots of `cirt serve` for the documentation (make screenshots).

Makes a small sample database from the fixtures make demo uses
(tests/fixtures/demo: the fictional countries' sessions, answers and
findings; no reports), serves it, and saves what a headless Chromium shows
at 1280x800 of the main pages, in English and Arabic, as
docs/screenshots/web-PAGE-LANG.png. Arabic is left out, saying so, while
cirt's Arabic catalogue is incomplete (cirt then serves English).

Environment: CIRT (the binary, default ./cirt), ROOT (the repository),
OUT (the folder, default ROOT/docs/screenshots). Run with /usr/bin/python3
(Debian's python3-selenium).
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.environ.get("ROOT") or
                       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CIRT = os.path.abspath(os.environ.get("CIRT") or os.path.join(ROOT, "cirt"))
OUT = os.path.abspath(os.environ.get("OUT") or os.path.join(ROOT, "docs", "screenshots"))
QUESTIONNAIRE = os.path.join(ROOT, "questionnaires", "cirt-readiness.xml")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "demo")
# as make demo finalizes them; the others stay drafts
FINAL = ["XA-2025", "XB-2025", "XC-2025", "XE-2025", "XB-2026", "XD-2026", "XF-2026"]
SHOWN = ("XA", 2026)  # a draft, answered with evidence and meetings
REFUSAL = "Forbidden: a change must come from cirt's own pages."


def run(env, *args, stdin=None):
    r = subprocess.run([CIRT] + list(args), stdin=stdin, capture_output=True, env=env,
                       cwd=env["WORK"])
    if r.returncode != 0:
        sys.exit("screenshots: cirt %s: exit %d\n%s" %
                 (" ".join(args[:1]), r.returncode, r.stderr.decode("utf-8", "replace")))


def sample_database(env):
    """demo.db as make demo makes it, without its reports."""
    db = ["--db", "demo.db", "--questionnaire", QUESTIONNAIRE]
    for f in sorted(glob.glob(os.path.join(FIXTURES, "*.session"))):
        cc, year = os.path.basename(f)[:-len(".session")].split("-")
        with open(f, "rb") as inp:
            run(env, "run", "--yes", "--country", cc, "--cycle", year, *db, stdin=inp)
    for f in sorted(glob.glob(os.path.join(FIXTURES, "*.csv"))):
        cc, year = os.path.basename(f)[:-len(".csv")].split("-")
        run(env, "import", "--yes", f, "--country", cc, "--cycle", year, *db)
    for d in sorted(glob.glob(os.path.join(FIXTURES, "*.findings"))):
        cc, year = os.path.basename(d)[:-len(".findings")].split("-")
        for f in sorted(glob.glob(os.path.join(d, "*.txt"))):
            k = os.path.basename(f)[:-len(".txt")]
            pillar = [] if k == "summary" else ["--pillar", k]
            run(env, "findings", "--country", cc, "--cycle", year, *pillar, "--file", f, *db)
    for a in FINAL:
        cc, year = a.split("-")
        run(env, "finalize", "--country", cc, "--cycle", year, *db)


def main():
    work = tempfile.mkdtemp(prefix="cirt-screenshots-")
    env = dict(os.environ, WORK=work, CIRT_ASSESSOR="cirt demo", TMPDIR=work,
               CIRT_KEY_DIR=os.path.join(work, "keys"), LC_ALL="C.UTF-8")
    env.setdefault("CIRT_CACHE_DIR", os.path.join(work, "cache"))
    env.pop("CIRT_DB", None)
    server = None
    driver = None
    saved = []
    try:
        sample_database(env)
        out = open(os.path.join(work, "serve.out"), "wb")
        server = subprocess.Popen([CIRT, "serve", "--db", "demo.db", "--port", "0",
                                   "--idle", "10m", "--questionnaire", QUESTIONNAIRE],
                                  stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=open(os.path.join(work, "serve.err"), "wb"),
                                  env=env, cwd=work)
        url = None
        for _ in range(600):
            with open(os.path.join(work, "serve.out"), encoding="utf-8") as f:
                m = re.search(r"^cirt: serving on (http://127\.0\.0\.1:\d+)/\?token=\w+$",
                              f.read(), re.M)
            if m:
                url = m.group(0)[len("cirt: serving on "):]
                base = m.group(1)
                break
            if server.poll() is not None:
                break
            time.sleep(0.05)
        if url is None:
            sys.exit("screenshots: cirt serve printed no address")

        o = webdriver.ChromeOptions()
        o.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                  "--lang=en-US", "--no-first-run", "--disable-extensions",
                  "--user-data-dir=" + os.path.join(work, "chromium")):
            o.add_argument(a)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver", log_path=os.devnull),
                                  options=o)
        driver.set_page_load_timeout(60)
        # the page itself 1280x800, whatever the window keeps for itself
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1280, "height": 800, "deviceScaleFactor": 1,
                                "mobile": False})

        def loaded():
            WebDriverWait(driver, 20).until(
                lambda d: d.execute_script("return document.readyState") == "complete")
            # the page as it first shows, not the message the script focuses
            driver.execute_script("document.activeElement && document.activeElement.blur();"
                                  "window.scrollTo(0, 0);")

        def go(path):
            driver.get(base + path)
            loaded()

        def shot(name):
            os.makedirs(OUT, exist_ok=True)
            path = os.path.join(OUT, name)
            driver.save_screenshot(path)
            saved.append(path)
            print("  %s (%d KB)" % (os.path.relpath(path, ROOT), (os.path.getsize(path) + 1023) // 1024))

        driver.get(url)
        loaded()
        cc, year = SHOWN
        a = "/a/%s/%d" % (cc, year)
        for lang in ("en", "ar"):
            go("/?lang=" + lang)
            got = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
            if got != lang:
                print("  no %s screenshots: cirt's %s catalogue is incomplete (the pages "
                      "came back in %s)" % (lang, lang, got))
                continue
            shot("web-assessments-%s.png" % lang)
            go(a + "/q/LC1")
            shot("web-question-%s.png" % lang)
            # No on LC1 would hide LC2 to LC4: the warning, not confirmed
            driver.execute_script("window.cirtOld = true;")
            driver.find_element(By.CSS_SELECTOR,
                                "section.focus form.answer button[name=value][value=no]").click()

            def replaced(d):
                try:
                    return d.execute_script("return !window.cirtOld && "
                                            "document.readyState == 'complete'")
                except WebDriverException:  # between two pages
                    return False
            WebDriverWait(driver, 20).until(replaced)
            loaded()
            if driver.find_elements(By.CSS_SELECTOR, "#would-hide"):
                shot("web-skip-warning-%s.png" % lang)
            elif REFUSAL in driver.find_element(By.TAG_NAME, "body").text:
                print("  no skip-logic warning: cirt serve refused the form the page posted")
            else:
                print("  no skip-logic warning: the page shows none")
            go(a + "/findings")
            shot("web-findings-%s.png" % lang)
            go(a + "/score")
            shot("web-score-%s.png" % lang)
            go(a + "/conflicts")
            if driver.find_elements(By.CSS_SELECTOR, "section.conflict"):
                shot("web-conflicts-%s.png" % lang)
        go("/?lang=en")
    finally:
        if driver:
            driver.quit()
        if server and server.poll() is None:
            server.terminate()
            server.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
    print("%d screenshots in %s" % (len(saved), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
