# Helpers for end-to-end tests: each test runs the real binary in a fresh
# temporary folder and prints one TAP line.
#
#   begin "what it checks"
#   run $CIRT validate file.xml       # sets $status, $out, $err files
#   expect_status 1
#   expect_err "file.xml:9: duplicate id"
#   end
#
# Fixtures are at $FIXTURES; the repository root at $ROOT.

ROOT=$(pwd)
FIXTURES=$ROOT/tests/fixtures
: "${CIRT:?set CIRT to the cirt binary}"
# who records, as a script names it (cirt never guesses it from the login)
export CIRT_ASSESSOR="${CIRT_ASSESSOR:-Test Assessor}"
# output to a file is 80 columns wide unless a test says otherwise
unset COLUMNS
WORK=$(mktemp -d)
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
# this "laptop's" keys, never the user's own
export CIRT_KEY_DIR="$WORK/.keys"
# sign a bundle again after editing it, as an insider could:
# resign IN OUT (with the key in $CIRT_KEY_DIR)
resign() {
	"${CIRT_TOOLS:?set CIRT_TOOLS to the test tools folder}/bundle-sign" "$@"
}
number=0
out=$WORK/.stdout
err=$WORK/.stderr

begin() {
	title=$1
	problems=""
	number=$((number + 1))
	: >"$out"
	: >"$err"
}

fail() {
	problems="$problems
#   $*"
}

end() {
	if [ -z "$problems" ]; then
		echo "ok $number - $title"
	else
		echo "not ok $number - $title$problems"
		echo "#   stdout:"
		head -n 20 "$out" | cut -c1-200 | sed 's/^/#     /'
		echo "#   stderr:"
		head -n 20 "$err" | cut -c1-200 | sed 's/^/#     /'
	fi
}

run() {
	"$@" >"$out" 2>"$err" </dev/null
	status=$?
	if grep -q -e 'Sanitizer' -e 'runtime error:' "$err"; then
		fail "sanitizer report"
	fi
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_out TEXT: stdout contains TEXT (a fixed string)
expect_out() {
	grep -qF -- "$1" "$out" || fail "stdout lacks: $1"
}

expect_err() {
	grep -qF -- "$1" "$err" || fail "stderr lacks: $1"
}

expect_no_out() {
	grep -qF -- "$1" "$out" && fail "stdout has: $1"
	return 0
}

expect_no_err() {
	grep -qF -- "$1" "$err" && fail "stderr has: $1"
	return 0
}

expect_out_empty() {
	[ -s "$out" ] && fail "stdout is not empty"
	return 0
}

expect_err_empty() {
	[ -s "$err" ] && fail "stderr is not empty"
	return 0
}

# expect_err_lines N: stderr has exactly N lines
expect_err_lines() {
	n=$(wc -l <"$err")
	[ "$n" -eq "$1" ] || fail "stderr has $n lines, expected $1"
}

plan() {
	echo "1..$1"
}
