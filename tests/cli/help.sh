# Every command in the table has working help that the README mentions.
. "$(dirname "$0")/lib.sh"

commands=$("$CIRT" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
count=$(echo "$commands" | wc -w)
plan $((6 + 2 * count))

begin "cirt --help lists commands and exits 0"
run "$CIRT" --help
expect_status 0
expect_out "usage: cirt COMMAND"
[ "$count" -ge 2 ] || fail "only $count commands listed"
end

for c in $commands; do
	begin "cirt $c --help prints its usage"
	run "$CIRT" "$c" --help
	expect_status 0
	expect_out "usage: cirt $c"
	expect_err_empty
	end

	begin "README.md documents cirt $c"
	grep -q "cirt $c" "$ROOT/README.md" || fail "README.md never shows 'cirt $c'"
	end
done

begin "cirt help CMD equals cirt CMD --help"
"$CIRT" help validate >a.txt
"$CIRT" validate --help >b.txt
cmp -s a.txt b.txt || fail "outputs differ"
end

begin "cirt --version prints the version"
run "$CIRT" --version
expect_status 0
grep -qE '^cirt [0-9]+\.[0-9]+\.[0-9]+$' "$out" || fail "no version line"
end

begin "cirt without a command prints usage and exits 2"
run "$CIRT"
expect_status 2
expect_err "usage: cirt COMMAND"
end

begin "an unknown command exits 2"
run "$CIRT" frobnicate
expect_status 2
expect_err "cirt: unknown command 'frobnicate'"
expect_err "Try 'cirt --help'."
expect_err_lines 2
end

begin "an unknown global option exits 2"
run "$CIRT" --frobnicate
expect_status 2
expect_err "cirt: unknown option '--frobnicate'"
end
