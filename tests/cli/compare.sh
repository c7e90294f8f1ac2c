# End-to-end tests of `cirt compare` against hand-computed figures on the
# example questionnaire (pillars of 25, 25 and 50 points):
#   GH  39.375  (the case of tests/unit/test_score.c), previous cycle 6.25
#   NG  62.5    legal 0.5, technical 0, cooperation 1
#   DE  62.5    the same answers as NG: a tie
#   KE   6.25   legal 0, technical 0.25, cooperation 0; C2 unanswered
. "$(dirname "$0")/lib.sh"
plan 10

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,2,,\nT1,operational,,\nT2,incident forensics,,\nT3,3,,\nC1,no,,\nC2,dk,,\n' >gh.csv
printf 'question_id,value,evidence,comment\nL1,no,,\nT1,planned,,\nC1,no,,\n' >low.csv
printf 'question_id,value,evidence,comment\nL1,yes,,\nT1,none,,\nC1,yes,,\n' >ng.csv
"$CIRT" import --yes gh.csv --country GH --cycle 2026 --db c.db >/dev/null
"$CIRT" import --yes low.csv --country GH --cycle 2025 --db c.db >/dev/null
"$CIRT" import --yes ng.csv --country NG --cycle 2026 --db c.db >/dev/null
"$CIRT" import --yes ng.csv --country DE --cycle 2026 --db c.db >/dev/null
"$CIRT" import --yes low.csv --country KE --cycle 2026 --db c.db >/dev/null

begin "the CSV ranks the latest cycles, with ties, incomplete entries and changes"
run "$CIRT" compare --db c.db --format csv
expect_status 0
python3 - "$out" <<'PY' || fail "CSV: $(cat "$out")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
got = [(r["rank"], r["tied"], r["country"], r["overall"]) for r in rows]
assert got == [("1", "1", "DE", "62.50"), ("1", "1", "NG", "62.50"),
               ("3", "0", "GH", "39.38"), ("4", "0", "KE", "6.25")], got
by = {r["country"]: r for r in rows}
assert by["GH"]["previous_cycle"] == "2025" and by["GH"]["change"] == "+33.12"
assert by["KE"]["incomplete"] == "1" and by["KE"]["completeness"] == "0.7500"
assert by["NG"]["technical"] == "0.00" and by["NG"]["cooperation"] == "50.00"
assert by["DE"]["region"] == "EUR" and by["GH"]["tier"] == "Evolving"
PY
end

begin "JSON carries the same figures, the regional means and the distribution"
run "$CIRT" compare --db c.db --format json
expect_status 0
python3 - "$out" <<'PY' || fail "JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["count"] == 4 and d["weights"] is None
e = {x["country"]: x for x in d["entries"]}
assert e["GH"]["overall"] == 39.375 and e["GH"]["previous"]["change"] == 33.125
assert e["DE"]["tied"] and e["NG"]["rank"] == 1
assert abs(d["regional_pillar_means"]["AFR"]["legal"] - 0.45) < 1e-9
assert d["regional_pillar_means"]["EUR"]["cooperation"] == 1
assert d["histogram"] == [1, 0, 0, 1, 0, 0, 2, 0, 0, 0]
PY
end

begin "--region, --countries and --cycle select assessments"
run "$CIRT" compare --db c.db --format csv --region eur
expect_status 0
[ "$(tail -n +2 "$out" | cut -d, -f3 | tr -d '\r' | tr '\n' ' ')" = "DE " ] || fail "region: $(cat "$out")"
run "$CIRT" compare --db c.db --format csv --countries gha,ke
[ "$(tail -n +2 "$out" | cut -d, -f3 | tr '\n' ' ')" = "GH KE " ] || fail "countries: $(cat "$out")"
run "$CIRT" compare --db c.db --format csv --cycle 2025
[ "$(tail -n +2 "$out" | cut -d, -f3,6,10 | tr -d '\r')" = "GH,2025,6.25" ] || fail "cycle: $(cat "$out")"
end

begin "the PDF has the ranking, heat map, regional means, distribution and changes"
run "$CIRT" compare --db c.db -o cmp.pdf
expect_status 0
expect_out "cmp.pdf"
qpdf --check cmp.pdf >qpdf.txt 2>&1 || fail "qpdf: $(tail -n 2 qpdf.txt)"
pdftotext -layout cmp.pdf - 2>poppler.err >cmp.txt
[ -s poppler.err ] && fail "poppler: $(head -n 3 poppler.err)"
for s in "Comparison" "4 assessments" "Germany (DE) 2026" "Heat map of pillar scores" \
	"Regional means by pillar" "AFR · Africa (3)" "Distribution of overall scores" \
	"Change since the previous cycle" "2025 → 2026" "+33.1" "= tied" "* incomplete"; do
	grep -qF -- "$s" cmp.txt || fail "missing: $s"
done
grep -q "^ *=1 *Germany (DE)" cmp.txt || fail "no tie mark: $(grep Germany cmp.txt)"
grep -q "75% \*" cmp.txt || fail "no incomplete mark"
SOURCE_DATE_EPOCH=1 "$CIRT" compare --db c.db -o a.pdf >/dev/null
SOURCE_DATE_EPOCH=1 "$CIRT" compare --db c.db -o b.pdf >/dev/null
cmp -s a.pdf b.pdf || fail "not reproducible"
end

begin "--weights recomputes every score under other weights"
cat >w.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<weights xmlns="urn:cirt:weights:1">
  <pillar id="cooperation" weight="1"/>
</weights>
XML
run "$CIRT" compare --db c.db --format csv --weights w.xml
expect_status 0
python3 - "$out" <<'PY' || fail "weights: $(cat "$out")"
import csv, sys
by = {r["country"]: r for r in csv.DictReader(open(sys.argv[1], newline=''))}
# three pillars of 33.33 points: GH (0.85 + 0.725 + 0) / 3, NG (0.5 + 0 + 1) / 3
assert by["GH"]["overall"] == "52.50" and by["GH"]["rank"] == "1", by["GH"]
assert by["NG"]["overall"] == "50.00"
PY
end

begin "a bad weights file is refused with its line"
cat >bad.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<weights xmlns="urn:cirt:weights:1">
  <pillar id="cooperation" weight="-1"/>
  <pillar id="economy" weight="2"/>
  <indicator id="national-cirt"/>
</weights>
XML
run "$CIRT" compare --db c.db --format csv --weights bad.xml
expect_status 3
expect_err "bad.xml:3: pillar 'cooperation': weight must be a positive number"
expect_err "bad.xml:4: questionnaire 'example' has no pillar 'economy'"
expect_err "bad.xml:5: indicator 'national-cirt': weight must be a positive number"
expect_out_empty
printf '<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<weights xmlns="urn:cirt:weights:1">&x;</weights>\n' >xxe.xml
run "$CIRT" compare --db c.db --format csv --weights xxe.xml
expect_status 3
expect_err "xxe.xml:2: document type declarations (<!DOCTYPE>) are not allowed"
expect_no_err "root:"
end

begin "--sensitivity gives each country its range of ranks"
run "$CIRT" compare --db c.db --format csv --sensitivity
expect_status 0
python3 - "$out" <<'PY' || fail "sensitivity: $(cat "$out")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
for r in rows:
    assert int(r["best_rank"]) <= int(r["rank"]) <= int(r["worst_rank"]), r
by = {r["country"]: r for r in rows}
# GH stays third: with cooperation at 1.5 NG still has 57.1 to GH's 45.0
assert (by["GH"]["best_rank"], by["GH"]["worst_rank"]) == ("3", "3"), by["GH"]
assert (by["NG"]["best_rank"], by["NG"]["worst_rank"]) == ("1", "1"), by["NG"]
assert (by["KE"]["best_rank"], by["KE"]["worst_rank"]) == ("4", "4")
PY
end

begin "-o naming a folder writes comparison.pdf into it; without -o, into reports/"
mkdir fresh && cd fresh || exit 2
run "$CIRT" compare --db ../c.db
expect_status 0
expect_out "reports/comparison.pdf"
[ "$(ls -A reports)" = comparison.pdf ] || fail "reports/ holds: $(ls -A reports)"
cd "$WORK" || exit 2
mkdir out
run "$CIRT" compare --db c.db -o out
expect_status 0
expect_out "out/comparison.pdf"
[ "$(ls -A out)" = comparison.pdf ] || fail "out/ holds: $(ls -A out)"
[ "$(stat -c %a out/comparison.pdf)" = 600 ] || fail "mode $(stat -c %a out/comparison.pdf)"
qpdf --check out/comparison.pdf >/dev/null 2>&1 || fail "qpdf"
run "$CIRT" compare --db c.db -o new/
expect_status 0
expect_out "new/comparison.pdf"
expect_no_out "//"
[ -f new/comparison.pdf ] || fail "no new/comparison.pdf"
run "$CIRT" compare --db c.db -o missing/deeper/
expect_status 4
expect_err "cannot create folder 'missing/deeper/': No such file or directory"
[ -e missing ] && fail "something was created"
end

begin "--marking is on every page of the comparison; a bad marking is refused"
run "$CIRT" compare --db c.db --marking "RESTRICTED – ANALYSTS ONLY" -o marked.pdf
expect_status 0
pdftotext marked.pdf marked.txt 2>/dev/null || fail "pdftotext"
pages=$(pdfinfo marked.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
n=$(grep -c "RESTRICTED – ANALYSTS ONLY" marked.txt)
run "$CIRT" compare --db c.db --marking "$(printf 'SECRET\033[2J')" -o bad.pdf
expect_status 2
expect_err "the marking must be plain text of at most 200 bytes"
run "$CIRT" compare --db c.db --marking "$(printf '%201s' | tr ' ' x)" -o bad.pdf
expect_status 2
expect_err "the marking must be plain text of at most 200 bytes"
run "$CIRT" compare --db c.db --format csv --marking SECRET
expect_status 2
expect_err "--marking goes on the PDF only; drop it or use --format pdf"
expect_out_empty
[ -e bad.pdf ] && fail "a PDF was written for a bad marking"
[ "$n" -ge "$pages" ] || fail "the marking is on $n lines for $pages pages"
end

begin "nothing to compare and bad options are refused"
run "$CIRT" compare --db c.db --format csv --region CIS
expect_status 3
expect_err "no assessment in 'c.db' matches"
run "$CIRT" compare --db c.db --format xls
expect_status 2
expect_err "unknown format 'xls'; use pdf, table, csv or json"
run "$CIRT" compare --db c.db --countries GH,QQ
expect_status 2
expect_err "unknown country 'QQ'"
SOURCE_DATE_EPOCH=soon run "$CIRT" compare --db c.db -o bad-date.pdf
expect_status 2
expect_err "SOURCE_DATE_EPOCH 'soon' is not a number of seconds"
[ -e bad-date.pdf ] && fail "a PDF was written"
end
