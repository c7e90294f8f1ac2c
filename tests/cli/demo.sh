# The demo's sample data, make demo's folder, and the manual page.
. "$(dirname "$0")/lib.sh"
plan 6

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

# make demo runs on a copy of the tree (built in its own folder), with a
# user's files in reports/ as a user keeps them
tree=$WORK/tree
mkdir -p "$tree/tests/fixtures" "$tree/reports"
cp -R "$ROOT/Makefile" "$ROOT/src" "$ROOT/questionnaires" "$ROOT/po" "$tree/"
cp -R "$ROOT/tests/fixtures/demo" "$tree/tests/fixtures/"
echo "the user's own comparison" >"$tree/reports/comparison.pdf"
echo "the user's own database" >"$tree/reports/demo.db"
touch stamp

begin "make demo writes everything into demo/ and leaves reports/ alone"
run make --no-print-directory -C "$tree" O="$WORK/build" demo
expect_status 0
[ "$(cat "$tree/reports/comparison.pdf")" = "the user's own comparison" ] ||
	fail "reports/comparison.pdf was overwritten"
[ "$(cat "$tree/reports/demo.db")" = "the user's own database" ] || fail "reports/demo.db was overwritten"
[ "$(ls -A "$tree/reports" | tr '\n' ' ')" = "comparison.pdf demo.db " ] ||
	fail "reports/ now holds: $(ls -A "$tree/reports")"
for f in .made-by-make-demo demo.db comparison.pdf XA-2025.pdf XF-2026.pdf; do
	[ -f "$tree/demo/$f" ] || fail "no demo/$f"
done
n=$(ls "$tree"/tests/fixtures/demo/*.csv | wc -l)
# the reports, the comparison, and five reports in their region's language
[ "$(ls "$tree/demo"/*.pdf | wc -l)" = $((n + 6)) ] || fail "$(ls "$tree/demo")"
for r in XA-2026.fr:Synthèse XB-2026.es:Resumen XC-2026.ar:الملخص XD-2026.zh:摘要 XE-2026.ru:Резюме; do
	pdftotext "$tree/demo/${r%%:*}.pdf" - 2>/dev/null | grep -qF "${r#*:}" ||
		fail "${r%%:*}.pdf lacks '${r#*:}'"
done
expect_out "demo/comparison.pdf"
expect_out "demo/XA-2025.pdf"
expect_no_out "reports/"
new=$(find "$tree" -newer stamp ! -path "$tree" ! -path "$tree/demo" ! -path "$tree/demo/*")
[ -z "$new" ] || fail "written outside demo/: $new"
pdftotext "$tree/demo/comparison.pdf" - 2>/dev/null | grep -q "Sample data" || fail "not sample data"
end

# CC-YEAR.session: the meetings of a piped interview and the answers given
# in them; CC-YEAR.findings/: the team's summary and its findings by pillar
begin "make demo's 2026 reports carry the team's words, the roadmap and the meetings"
db=$tree/demo/demo.db
sessions=0
for s in "$tree"/tests/fixtures/demo/*.session; do
	b=$(basename "$s" .session)
	sessions=$((sessions + 1))
	"$CIRT" interviews --country "${b%-*}" --cycle "${b#*-}" --db "$db" --format csv >iv.csv 2>iv.err ||
		fail "$b: $(cat iv.err)"
	meetings=$(($(wc -l <iv.csv) - 1))
	[ "$meetings" -ge 3 ] || fail "$b: $meetings meetings"
	# the CSV imported after the session leaves every answer given in a
	# meeting with that meeting as its source
	given=$(grep -c '^:goto ' "$s")
	sourced=$(awk -F, 'NR > 1 { n += $(NF - 1) } END { print n + 0 }' iv.csv)
	[ "$sourced" = "$given" ] || fail "$b: $sourced answers come from meetings, the session gives $given"
	[ -d "$tree/tests/fixtures/demo/$b.findings" ] || fail "$b has meetings but no findings"
done
[ "$sessions" -ge 6 ] || fail "$sessions sessions"
for d in "$tree"/tests/fixtures/demo/*.findings; do
	b=$(basename "$d" .findings)
	texts=$(ls "$d"/*.txt | wc -l)
	[ "$texts" = 6 ] || fail "$b: $texts texts, expected the summary and 5 pillars"
	n=$("$CIRT" findings --list --country "${b%-*}" --cycle "${b#*-}" --db "$db" |
		grep -cE '^(Executive summary|Pillar [0-9]+) · ')
	[ "$n" = "$texts" ] || fail "$b: $n findings recorded of $texts"
	pdftotext -layout "$tree/demo/$b.pdf" "$b.txt" 2>/dev/null || fail "$b.pdf: pdftotext failed"
	for h in "The assessment team's summary" "Roadmap" "Stakeholders consulted" "Institutions consulted"; do
		grep -qF "$h" "$b.txt" || fail "$b.pdf lacks '$h'"
	done
	# the summary's first words, in whatever language the team wrote it
	words=$(python3 -c 'import sys; print(" ".join(open(sys.argv[1], encoding="utf-8").readline().split()[:3])[:12])' "$d/summary.txt")
	grep -qF "$words" "$b.txt" || fail "$b.pdf lacks the summary's '$words'"
	n=$(grep -cF "Findings of the assessment team" "$b.txt")
	[ "$n" = 5 ] || fail "$b.pdf has findings for $n pillars"
	rows=$(sed -n '/^ *Meetings$/,$p' "$b.txt" | grep -cE '^ +[0-9]+ +2026-[0-9]{2}-[0-9]{2} ')
	[ "$rows" -ge 3 ] || fail "$b.pdf lists $rows meetings"
	grep -qE 'Source: \[[0-9]+\] ' "$b.txt" || fail "$b.pdf names no answer's source"
done
end

begin "make demo remakes its own folder, and refuses one that holds a user's files"
cp "$tree/demo/comparison.pdf" first.pdf
run make --no-print-directory -C "$tree" O="$WORK/build" demo
expect_status 0
expect_out "demo/comparison.pdf"
echo "notes" >"$tree/demo/my notes.txt"
cp "$tree/demo/comparison.pdf" second.pdf
run make --no-print-directory -C "$tree" O="$WORK/build" demo
[ "$status" -ne 0 ] || fail "exit status 0"
expect_err "make demo: 'demo' holds files make demo did not make: 'my notes.txt';"
expect_err "another folder with DEMO_DIR="
[ "$(cat "$tree/demo/my notes.txt")" = notes ] || fail "the user's file changed"
cmp -s second.pdf "$tree/demo/comparison.pdf" || fail "demo/comparison.pdf was rewritten"
# a folder make demo did not make is never its own, even with its names
mkdir "$tree/mine"
echo "the user's own" >"$tree/mine/comparison.pdf"
run make --no-print-directory -C "$tree" O="$WORK/build" DEMO_DIR=mine demo
[ "$status" -ne 0 ] || fail "exit status 0"
expect_err "make demo: 'mine' holds files make demo did not make: 'comparison.pdf';"
[ "$(cat "$tree/mine/comparison.pdf")" = "the user's own" ] || fail "mine/comparison.pdf was overwritten"
[ "$(ls -A "$tree/mine")" = comparison.pdf ] || fail "mine/ now holds: $(ls -A "$tree/mine")"
end

begin "the manual page names every command"
for c in $("$CIRT" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }'); do
	grep -q "^\.B $c\b" "$ROOT/cirt.1" || fail "cirt.1 lacks $c"
done
end
