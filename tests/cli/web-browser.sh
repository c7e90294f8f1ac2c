# cirt serve in a real browser: tests/web/browser.py drives a headless
# Chromium through ChromeDriver (Debian's chromium, chromium-driver and
# python3-selenium), and is skipped where they are not installed.
if [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ] ||
	! /usr/bin/python3 -c 'import selenium.webdriver' >/dev/null 2>&1; then
	echo "1..0 # SKIP no chromium"
	exit 0
fi
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
export ROOT
: "${CIRT:=$ROOT/cirt}"
export CIRT
exec /usr/bin/python3 "$ROOT/tests/web/browser.py"
