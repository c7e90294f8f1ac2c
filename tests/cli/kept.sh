# Work proportional to what is asked: the scores reports and comparisons
# keep (one summary per assessment, keyed by the head of its history and
# the questionnaire's hash), which must never be stale, never trusted
# when forged, and checked by verify; and the whole-file check, which runs
# where a database is sealed or merged, not on every command.
. "$(dirname "$0")/lib.sh"
plan 9

export CIRT_ASSESSOR="Jean Dupont"
export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
export SOURCE_DATE_EPOCH=1767225600

sql() {
	sqlite3 "$1" "$2"
}

# four countries of one region (AFR) in 2026, Kenya in 2025 too
answers() {
	printf 'question_id,value,evidence,comment\nL1,%s,,\nL2,%s,,\nT1,%s,,\nC1,%s,,\n' "$@"
}
answers yes 3 operational yes >ke.csv
answers no 0 none no >ke25.csv
answers yes 1 planned no >ng.csv
answers no 0 planned yes >gh.csv
answers yes 2 operational no >sn.csv
make_db() {
	"$CIRT" import --yes ke25.csv --country KE --cycle 2025 --db "$1" >/dev/null &&
		"$CIRT" import --yes ke.csv --country KE --cycle 2026 --db "$1" >/dev/null &&
		"$CIRT" import --yes ng.csv --country NG --cycle 2026 --db "$1" >/dev/null &&
		"$CIRT" import --yes gh.csv --country GH --cycle 2026 --db "$1" >/dev/null &&
		"$CIRT" import --yes sn.csv --country SN --cycle 2026 --db "$1" >/dev/null
}
make_db m.db || echo "Bail out! cannot build the database"

begin "a report keeps the scores it compares with, and the next one gives the same bytes"
cp m.db a.db
[ "$(sql a.db "SELECT count(*) FROM score")" = 0 ] || fail "scores kept before any report"
run "$CIRT" report --country KE --cycle 2026 --db a.db -o first.pdf
expect_status 0
# the others of the cycle and Kenya's 2025, not Kenya 2026 itself (scored from its answers)
[ "$(sql a.db "SELECT count(*) FROM score")" = 4 ] || fail "kept: $(sql a.db "SELECT count(*) FROM score")"
[ "$(sql a.db "SELECT count(*) FROM score s JOIN assessment a ON a.id = s.assessment_id
	WHERE s.head <> a.head")" = 0 ] || fail "a score kept with another head"
run "$CIRT" report --country KE --cycle 2026 --db a.db -o second.pdf
expect_status 0
cmp -s first.pdf second.pdf || fail "the report changed once the scores were kept"
end

begin "the kept scores give what scoring the answers gives, in reports and comparisons"
cp m.db fresh.db
"$CIRT" report --country KE --cycle 2026 --db fresh.db -o fresh.pdf >/dev/null || fail "report"
cmp -s first.pdf fresh.pdf || fail "kept and fresh reports differ"
run "$CIRT" compare --cycle 2026 --format csv --db fresh.db
expect_status 0
cp "$out" fresh.csv
"$CIRT" compare --cycle 2026 --format csv --db fresh.db >kept.csv || fail "compare again"
[ "$(sql fresh.db "SELECT count(*) FROM score")" = 5 ] || fail "compare kept $(sql fresh.db "SELECT count(*) FROM score")"
cmp -s fresh.csv kept.csv || fail "the comparison changed once the scores were kept"
grep -q ',KE,' kept.csv || fail "Kenya is not compared: $(cat kept.csv)"
end

begin "a change to an assessment moves its head, so its kept score is never used again"
cp a.db b.db
before=$(sql b.db "SELECT hex(summary) FROM score s JOIN assessment a ON a.id = s.assessment_id
	WHERE a.country = 'NG'")
answers yes 3 operational yes >ng2.csv
"$CIRT" import --yes ng2.csv --country NG --cycle 2026 --db b.db >/dev/null || fail "import"
cp b.db b2.db
sql b2.db "DELETE FROM score"
run "$CIRT" compare --cycle 2026 --format csv --db b.db
expect_status 0
"$CIRT" compare --cycle 2026 --format csv --db b2.db >want.csv || fail "compare"
cmp -s want.csv "$out" || fail "the change was not seen: $(diff want.csv "$out")"
after=$(sql b.db "SELECT hex(summary) FROM score s JOIN assessment a ON a.id = s.assessment_id
	WHERE a.country = 'NG'")
[ "$before" != "$after" ] || fail "NG's kept score was not replaced"
[ "$(sql b.db "SELECT count(*) FROM score s JOIN assessment a ON a.id = s.assessment_id
	WHERE s.head <> a.head")" = 0 ] || fail "a stale score is kept"
end

begin "a forged kept score is found by verify, and one of another head is ignored"
cp a.db f.db
run "$CIRT" verify --db f.db
expect_status 0
expect_out "kept scores: ok, 4 checked"
# an insider gives Nigeria the kept score of Ghana
sql f.db "UPDATE score SET summary = (SELECT summary FROM score
	WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'GH'))
	WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'NG')"
run "$CIRT" verify --db f.db
expect_status 1
expect_out "kept scores: BROKEN: the score kept for NG 2026 is not that of its answers"
# the same forgery under a head that is not the assessment's is never used
sql f.db "UPDATE score SET head = 'x' || head
	WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'NG')"
run "$CIRT" verify --db f.db
expect_status 0
run "$CIRT" report --country KE --cycle 2026 --db f.db -o ignored.pdf
expect_status 0
cmp -s first.pdf ignored.pdf || fail "a score of another head was used"
end

begin "kept scores that are not summaries are scored again, never trusted"
# empty; the magic alone; cut short; another number of pillars; an overall
# score that is not a number; more answered than shown; a pillar counted twice
for junk in "X''" "CAST('CS1' AS BLOB)" "substr(summary, 1, 40)" \
	"X'4353310000000009' || substr(summary, 9)" \
	"substr(summary, 1, 8) || X'7FF8000000000000' || substr(summary, 17)" \
	"substr(summary, 1, 20) || X'7FFFFFFF' || substr(summary, 25)" \
	"substr(summary, 1, 36) || X'00000002' || substr(summary, 41)"; do
	cp a.db j.db
	sql j.db "UPDATE score SET summary = CAST(($junk) AS BLOB)"
	[ "$(sql j.db "SELECT count(*) FROM score s JOIN assessment a ON a.id = s.assessment_id
		WHERE s.head = a.head")" = 4 ] || fail "$junk: not kept as forged"
	run "$CIRT" report --country KE --cycle 2026 --db j.db -o junk.pdf
	expect_status 0
	cmp -s first.pdf junk.pdf || fail "summary $junk changed the report"
	"$CIRT" verify --db j.db >verify.out || fail "$junk: not replaced by the right scores"
	grep -q "kept scores: ok, 4 checked" verify.out || fail "$junk: $(cat verify.out)"
done
end

begin "other weights score from the answers, never from kept scores"
cp a.db w.db
sql w.db "UPDATE score SET summary = (SELECT summary FROM score
	WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'GH'))"
# the forgery shows where kept scores are used...
"$CIRT" compare --cycle 2026 --format csv --db w.db >forged.csv || fail "forged"
cmp -s fresh.csv forged.csv && fail "the forgery does not show"
# ...and not where the answers are scored again
"$CIRT" compare --cycle 2026 --format csv --db fresh.db --sensitivity >want.csv || fail "fresh"
run "$CIRT" compare --cycle 2026 --format csv --db w.db --sensitivity
expect_status 0
cmp -s want.csv "$out" || fail "--sensitivity used kept scores"
end

begin "a report on a database it cannot keep scores in still works"
cp m.db busy.db
# another cirt holds the write lock for the whole report: nothing is kept, nothing waits
sqlite3 busy.db "PRAGMA journal_mode=WAL" >/dev/null
(printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 3; printf 'COMMIT;\n') | sqlite3 busy.db >/dev/null &
holder=$!
sleep 0.5
start=$(date +%s)
run "$CIRT" report --country KE --cycle 2026 --db busy.db -o busy.pdf
took=$(($(date +%s) - start))
expect_status 0
expect_err_empty
cmp -s first.pdf busy.pdf || fail "the report differs"
[ "$took" -lt 3 ] || fail "waited ${took}s for the lock"
wait "$holder"
[ "$(sql busy.db "SELECT count(*) FROM score")" = 0 ] || fail "kept under another's lock"
end

begin "everyday commands do not read the whole file; finalize and merge check it"
cp m.db d.db
# damage a page that only a whole-file check reads: the discarding table's
page=$(sql d.db "SELECT pageno FROM dbstat WHERE name = 'discarding'")
[ -n "$page" ] || fail "no page for the table"
printf '\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of=d.db bs=1 seek=$(((page - 1) * 4096)) conv=notrunc 2>/dev/null
run "$CIRT" answers --country KE --cycle 2026 --db d.db
expect_status 0
run "$CIRT" finalize --country KE --cycle 2026 --db d.db
expect_status 3
expect_err "database 'd.db' is damaged"
run "$CIRT" merge --db d.db ke.csv
expect_status 3
expect_err "database 'd.db' is damaged"
run "$CIRT" verify --db d.db
expect_status 1
expect_out "DAMAGED"
end

begin "a database from elsewhere is checked whole before it is merged"
cp m.db other.db
page=$(sql other.db "SELECT pageno FROM dbstat WHERE name = 'discarding'")
printf '\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of=other.db bs=1 seek=$(((page - 1) * 4096)) conv=notrunc 2>/dev/null
cp m.db here.db
before=$(md5sum <here.db)
run "$CIRT" merge --db here.db other.db
[ "$status" -ne 0 ] || fail "a damaged database was merged"
expect_err "database 'other.db' is damaged"
[ "$(md5sum <here.db)" = "$before" ] || fail "the database merged into changed"
end
