# Static checks that are part of `make test`: cppcheck, a warning-free
# clang build, and the committed formatting. Prints TAP.
echo "1..4"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

check() {
	n=$1
	title=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		echo "ok $n - $title"
	else
		echo "not ok $n - $title"
		sed 's/^/#   /' "$log" | head -n 40
	fi
}

check 1 "cppcheck reports nothing" make --no-print-directory lint-cppcheck
check 2 "clang builds everything with -Werror" \
	make --no-print-directory O=build/clang CC=clang WERROR=1 build/clang/cirt unit-tests
check 3 "sources match .clang-format" make --no-print-directory format-check
check 4 "clang-tidy reports nothing (checks in .clang-tidy)" make --no-print-directory lint-clang-tidy
