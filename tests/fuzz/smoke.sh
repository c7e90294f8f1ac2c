# Part of `make test`: build the libFuzzer targets, replay the seed corpus
# and every past crash, then fuzz each target briefly (FUZZ_SMOKE_SECONDS,
# 10 by default). Prints TAP.
seconds=${FUZZ_SMOKE_SECONDS:-10}
targets="questionnaire condition csv bundle answer database model html"
echo "1..$((1 + 2 * 8))"
log=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$log" "$work"' EXIT

if make --no-print-directory fuzz-build >"$log" 2>&1; then
	echo "ok 1 - the fuzz targets build with clang and libFuzzer"
else
	echo "not ok 1 - the fuzz targets build with clang and libFuzzer"
	sed 's/^/#   /' "$log" | tail -n 20
	exit 1
fi
n=1
for t in $targets; do
	n=$((n + 1))
	files=$(find tests/fuzz/corpus/$t tests/fuzz/regressions/$t -type f ! -name README 2>/dev/null)
	# without files, libFuzzer would fuzz for ever: that is a failure here
	# shellcheck disable=SC2086
	if [ -n "$files" ] && build/fuzz/fuzz_$t $files >"$log" 2>&1; then
		echo "ok $n - $t: the corpus and past crashes run clean"
	else
		echo "not ok $n - $t: the corpus and past crashes run clean"
		tail -n 30 "$log" | sed 's/^/#   /'
	fi
	n=$((n + 1))
	mkdir -p "$work/$t"
	if build/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"$work/$t" tests/fuzz/corpus/$t >"$log" 2>&1; then
		echo "ok $n - $t: $seconds s of fuzzing find nothing ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?") runs)"
	else
		echo "not ok $n - $t: $seconds s of fuzzing find nothing"
		grep -A 30 -m 1 "ERROR\|==ERROR\|runtime error\|deadly signal" "$log" | sed 's/^/#   /'
		ls "$work/$t" >/dev/null
		for crash in crash-* leak-* timeout-* oom-*; do
			[ -e "$crash" ] && echo "#   input kept as $crash" && mv "$crash" "$work/"
		done
	fi
done
