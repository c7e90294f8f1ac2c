# The demo's sample data and the manual page.
. "$(dirname "$0")/lib.sh"
plan 3

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/cirt-readiness.xml"

begin "every demo file imports, for fictional countries only, over two cycles"
for f in "$FIXTURES"/demo/*.csv; do
	b=$(basename "$f" .csv)
	"$CIRT" import --yes "$f" --country "${b%-*}" --cycle "${b#*-}" --db demo.db >/dev/null 2>imp.err ||
		fail "$b: $(cat imp.err)"
	"$CIRT" countries "${b%-*}" | grep -q "fictional, for demonstrations" || fail "$b is a real country"
done
[ "$(sqlite3 demo.db 'SELECT count(DISTINCT cycle) FROM assessment')" = 2 ] || fail "not two cycles"
end

begin "the demo's comparison and reports say Sample data"
run "$CIRT" compare --db demo.db -o cmp.pdf
expect_status 0
pdftotext cmp.pdf - 2>/dev/null | grep -q "Sample data" || fail "comparison not marked"
run "$CIRT" report --country XF --db demo.db -o xf.pdf
expect_status 0
n=$(pdftotext xf.pdf - 2>/dev/null | grep -c "Sample data")
pages=$(pdfinfo xf.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
[ "$n" -ge "$pages" ] || fail "$n marks on $pages pages"
end

begin "the manual page names every command"
for c in $("$CIRT" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }'); do
	grep -q "^\.B $c\b" "$ROOT/cirt.1" || fail "cirt.1 lacks $c"
done
end
