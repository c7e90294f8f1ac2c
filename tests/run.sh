#!/bin/sh
# Run every test suite and print one summary line "N passed, N failed".
#
# Suites speak TAP ("ok N - name" / "not ok N - name"): the cmocka unit
# tests (CMOCKA_MESSAGE_OUTPUT=TAP) and the end-to-end scripts in tests/cli.
# A suite that exits non-zero without reporting a failure, or reports fewer
# results than its plan, counts one failure more.
#
# Environment: CIRT (the binary), UNIT_DIR (unit test binaries),
# STATIC_CHECKS=1 to add tests/static.sh (cppcheck, clang, format).

cd "$(dirname "$0")/.." || exit 2
: "${CIRT:?set CIRT to the cirt binary}"
: "${UNIT_DIR:?set UNIT_DIR to the unit test folder}"
export CIRT
# Nested builds (tests/static.sh, tests/cli/install.sh) start clean.
unset MAKEFLAGS MFLAGS MAKELEVEL
export CMOCKA_MESSAGE_OUTPUT=TAP
# A sanitizer report must never pass for an ordinary failure exit status.
export ASAN_OPTIONS="exitcode=86:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=86:print_stacktrace=1"

passed=0
failed=0
skipped=0
log=$(mktemp)
# questionnaire models the suites make are kept here, not in the user's cache
CIRT_CACHE_DIR=$(mktemp -d)
export CIRT_CACHE_DIR
trap 'rm -f "$log"; rm -rf "$CIRT_CACHE_DIR"' EXIT

# run_suite NAME COMMAND...
run_suite() {
	name=$1
	shift
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	status=$?
	took=$(($(date +%s) - t0))
	# "ok N # SKIP why", or with the test's name: "ok N - name # SKIP why"
	skip=$(grep -c '^\(not \)\{0,1\}ok [0-9]*[^#]*# *SKIP' "$log")
	ok=$(grep '^ok ' "$log" | grep -vc '# *SKIP')
	bad=$(grep '^not ok ' "$log" | grep -vc '# *SKIP')
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
	extra=0
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		extra=1
	fi
	# a test that did not run counts as failed, and so does a plan that
	# was not kept up with its tests
	if [ -n "$plan" ] && [ $((ok + bad + skip)) -lt "$plan" ]; then
		extra=$((extra + plan - ok - bad - skip))
	elif [ -n "$plan" ] && [ $((ok + bad + skip)) -gt "$plan" ]; then
		echo "plan 1..$plan, but $((ok + bad + skip)) tests ran" >>"$log"
		extra=$((extra + 1))
	fi
	if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
		-e 'runtime error:' "$log"; then
		extra=$((extra + 1))
	fi
	passed=$((passed + ok))
	skipped=$((skipped + skip))
	failed=$((failed + bad + extra))
	if [ $((bad + extra)) -eq 0 ]; then
		if [ "$skip" -gt 0 ]; then
			printf '  PASS  %-28s %d (%d skipped) %ds\n' "$name" "$ok" "$skip" "$took"
		else
			printf '  PASS  %-28s %d %ds\n' "$name" "$ok" "$took"
		fi
	else
		printf '  FAIL  %-28s %d passed, %d failed (exit %d)\n' "$name" "$ok" \
			$((bad + extra)) "$status"
		sed 's/^/        /' "$log"
	fi
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue ;; esac
	run_suite "unit/$(basename "$t")" "$t"
done
for t in tests/cli/*.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	case " ${SKIP_SUITES:-} " in *" cli/$(basename "$t" .sh) "*) continue ;; esac
	run_suite "cli/$(basename "$t" .sh)" sh "$t"
done
if [ "${STATIC_CHECKS:-0}" = 1 ]; then
	run_suite "static" sh tests/static.sh
	run_suite "fuzz smoke" sh tests/fuzz/smoke.sh
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
