# The commands around sessions: import, answers, assessments, finalize,
# reopen and verify; upgrades, read-only and foreign databases.
. "$(dirname "$0")/lib.sh"
plan 17

EXAMPLE=$ROOT/questionnaires/example.xml
export CIRT_ASSESSOR="Jean Dupont"
export CIRT_QUESTIONNAIRE="$EXAMPLE"

sql() {
	sqlite3 "$1" "$2"
}

# A database's whole content, to show that a refused command changed nothing.
dump() {
	sqlite3 "$1" .dump | md5sum
}

cat >good.csv <<'CSV'
question_id,value,evidence,comment
L1,yes,"Penal Code, art. 12",
L2,2,,"prosecutions rose in 2025"
T1,operational,,
T2,incident forensics,,
T3,dk,,
C1,na,,
CSV

begin "import loads every row in one go and records who did it"
run "$CIRT" import --yes good.csv --country FR --cycle 2026 --db r.db
expect_status 0
expect_out "good.csv: 6 rows read, 6 questions changed in the assessment of FR 2026"
[ "$(sql r.db "SELECT count(*) FROM answer")" = 6 ] || fail "answers"
[ "$(sql r.db "SELECT count(DISTINCT changed_by) || changed_by FROM history")" = "1Jean Dupont" ] || fail "who"
[ "$(sql r.db "SELECT reason FROM history WHERE question_id = 'L1' AND field = 'answer'")" = imported ] || fail "reason"
end

begin "answers lists evidence and notes; CSV imports again to the same answers"
run "$CIRT" answers --country fra --db r.db
expect_status 0
expect_out "FR 2026, draft, 6 answers (r.db)"
expect_out "L2       Regularly (2)"
expect_out "         note: prosecutions rose in 2025"
expect_out "T2       Incident handling; Forensics"
expect_out "T3       don't know"
run "$CIRT" answers --country FR --db r.db --lang fr
expect_status 0
expect_out "FR 2026, projet, 6 réponses (r.db)"
expect_out "L2       Régulièrement (2)"
expect_out "         note$(printf '\342\200\257'): prosecutions rose in 2025"
expect_out "T3       ne sait pas"
run "$CIRT" answers --country FR --db r.db --format csv
expect_status 0
head -n 1 "$out" | grep -q '^question_id,value,evidence,comment,state,flagged,answered_by,answered_at,question' || fail "header"
grep -q '^L1,yes,"Penal Code, art. 12",,value,0,Jean Dupont,' "$out" || fail "L1 row"
grep -q '^T3,dk,,,dont_know,0,' "$out" || fail "T3 row"
cp "$out" export.csv
"$CIRT" import --yes export.csv --country FR --cycle 2027 --db r.db >/dev/null || fail "reimport"
a=$(sql r.db "SELECT group_concat(question_id || state || ifnull(value, '') || evidence || comment) FROM (SELECT * FROM answer WHERE assessment_id = 1 ORDER BY question_id)")
b=$(sql r.db "SELECT group_concat(question_id || state || ifnull(value, '') || evidence || comment) FROM (SELECT * FROM answer WHERE assessment_id = 2 ORDER BY question_id)")
[ "$a" = "$b" ] || fail "round trip differs: $a / $b"
end

begin "answers as JSON, written by a JSON library"
run "$CIRT" answers --country FR --cycle 2026 --db r.db --format json --lang fr
expect_status 0
python3 - "$out" <<'PY' || fail "JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["country"] == "FR" and d["cycle"] == 2026 and d["status"] == "draft"
assert d["questionnaire"]["id"] == "example"
a = {x["question_id"]: x for x in d["answers"]}
assert a["L1"]["evidence"] == "Penal Code, art. 12"
assert a["T2"]["value"] == "incident forensics"
assert a["T2"]["answer"] == "Traitement des incidents; Analyse forensique"
assert a["C1"]["state"] == "not_applicable"
PY
end

begin "an unknown question id, a duplicate and a bad value are all named by row; nothing changes"
before=$(dump r.db)
cat >bad.csv <<'CSV'
question_id,value,evidence,comment
L1,no,,
X9,yes,,
L1,yes,,
T3,many,,
L3,2019-02-30,,
CSV
run "$CIRT" import --yes bad.csv --country FR --cycle 2026 --db r.db
expect_status 3
expect_err "bad.csv: row 3 (line 3): unknown question id 'X9'"
expect_err "bad.csv: row 4 (line 4): question 'L1' appears again (first on row 2)"
expect_err "bad.csv: row 5 (line 5): question 'T3': 'many' is not a number"
expect_err "bad.csv: row 6 (line 6): question 'L3': '2019-02-30' is not a valid date"
expect_err "cirt: bad.csv: nothing was imported"
[ "$(dump r.db)" = "$before" ] || fail "the database changed"
end

begin "wrong column counts, bad quoting and a bad header are refused; nothing changes"
before=$(dump r.db)
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,1\n' >columns.csv
run "$CIRT" import --yes columns.csv --country FR --cycle 2026 --db r.db
expect_status 3
expect_err "columns.csv: row 3 (line 3): 2 fields, but the header has 4"
printf 'question_id,value,evidence,comment\nL1,"yes,,\n' >quote.csv
run "$CIRT" import --yes quote.csv --country FR --cycle 2026 --db r.db
expect_status 3
expect_err "quote.csv: line 2: a quoted field is never closed"
printf 'id,answer\nL1,yes\n' >header.csv
run "$CIRT" import --yes header.csv --country FR --cycle 2026 --db r.db
expect_status 3
expect_err "header.csv: line 1: the first row must name the columns question_id,value,evidence,comment"
run "$CIRT" import --yes nosuch.csv --country FR --db r.db
expect_status 4
expect_err "nosuch.csv: cannot open: No such file or directory"
[ "$(dump r.db)" = "$before" ] || fail "the database changed"
end

begin "a refused import into a new assessment creates nothing"
run "$CIRT" import --yes bad.csv --country DE --db r.db
expect_status 3
[ "$(sql r.db "SELECT count(*) FROM assessment WHERE country = 'DE'")" = 0 ] || fail "assessment created"
run "$CIRT" import --yes bad.csv --country DE --db new.db
expect_status 3
[ -e new.db ] && fail "a database was created"
end

begin "SQL quote characters and long text are stored as data"
printf 'question_id,value,evidence,comment\nT4,"x'"'"'); DROP TABLE answer; --",,\n' >quotes.csv
python3 -c "print('question_id,value,evidence,comment'); print('L1,yes,' + 'e' * 60000 + ',')" >long.csv
run "$CIRT" import --yes quotes.csv --country FR --cycle 2026 --db r.db
expect_status 0
[ "$(sql r.db "SELECT value FROM answer WHERE question_id = 'T4'")" = "x'); DROP TABLE answer; --" ] || fail "quote"
run "$CIRT" import --yes long.csv --country FR --cycle 2026 --db r.db
expect_status 0
[ "$(sql r.db "SELECT length(evidence) FROM answer WHERE question_id = 'L1' AND assessment_id = 1")" = 60000 ] || fail "long"
end

begin "assessments lists country, cycle, status, progress and assessors"
run "$CIRT" assessments --db r.db
expect_status 0
expect_out "COUNTRY    CYCLE  STATUS  PROGRESS  LAST CHANGE (UTC)  ASSESSORS"
grep -q "^FR France *2026 *draft *7/8  88% *20[0-9-]* [0-9:]*  *Jean Dupont$" "$out" || fail "row: $(cat "$out")"
grep -q "^FR France *2027 *draft *6/8  75% " "$out" || fail "row: $(cat "$out")"
run "$CIRT" assessments --db empty.db
expect_status 4
expect_err "no database 'empty.db'; start an assessment with 'cirt run' or name one with --db"
end

begin "finalize needs the required questions; a final assessment refuses changes until reopened"
printf 'question_id,value,evidence,comment\nL1,yes,,\n' >l1.csv
"$CIRT" import --yes l1.csv --country KE --db f.db >/dev/null
run "$CIRT" finalize --country KE --db f.db
expect_status 3
expect_err "cannot be final: required questions are unanswered: T1"
printf 'question_id,value,evidence,comment\nT1,planned,,\n' >t1.csv
"$CIRT" import --yes t1.csv --country KE --db f.db >/dev/null
run "$CIRT" finalize --country KE --db f.db
expect_status 0
expect_out "is final: its answers can no longer change"
before=$(dump f.db)
run "$CIRT" import --yes good.csv --country KE --db f.db
expect_status 3
expect_err "is final; to change it, reopen it with: cirt reopen --country KE --cycle"
[ "$(dump f.db)" = "$before" ] || fail "changed while final"
run "$CIRT" finalize --country KE --db f.db
expect_status 3
expect_err "is already final"
run "$CIRT" reopen --country KE --db f.db
expect_status 0
expect_out "is a draft again"
run "$CIRT" import --yes good.csv --country KE --db f.db
expect_status 0
end

begin "verify checks integrity and every chain, naming the first broken link"
run "$CIRT" verify --db f.db
expect_status 0
expect_out "database f.db: integrity ok"
expect_out "KE 20"
expect_out ": history ok"
cp f.db t.db
sqlite3 t.db "DROP TRIGGER history_no_update; UPDATE history SET new_value = 'no' WHERE seq = 2"
run "$CIRT" verify --db t.db --country KE
expect_status 1
expect_out ": BROKEN: history entry 2 (answer of L1,"
expect_out "was altered: its hash does not match its content"
end

begin "a database made by the first schema is upgraded in place"
sqlite3 v1.db <"$FIXTURES/schema-v1.sql"
run "$CIRT" answers --country KE --cycle 2025 --db v1.db
expect_status 0
expect_err "the questionnaire changed since the assessment of KE 2025 began"
expect_out "L2       Systematically (3)"
[ "$(sql v1.db "PRAGMA user_version")" = 7 ] || fail "not upgraded"
run "$CIRT" verify --db v1.db
expect_status 0
expect_out "KE 2025: history ok"
end

begin "a newer database is refused and left as it was"
cp f.db newer.db
sqlite3 newer.db "PRAGMA user_version = 8"
before=$(md5sum <newer.db)
run "$CIRT" answers --country KE --db newer.db
expect_status 3
expect_err "database 'newer.db' was made by a newer cirt (schema 8; this cirt knows up to 7); upgrade cirt to use it"
[ "$(md5sum <newer.db)" = "$before" ] || fail "changed"
end

begin "files that are not cirt databases are refused and left as they were"
echo "hello" >notes.txt
run "$CIRT" assessments --db notes.txt
expect_status 3
expect_err "cannot open database 'notes.txt': file is not a database"
[ "$(cat notes.txt)" = hello ] || fail "changed"
sqlite3 other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
run "$CIRT" run --yes --country KE --db other.db
expect_status 3
expect_err "'other.db' is not a cirt database: it is an SQLite file of another application"
mkdir dir.db
run "$CIRT" assessments --db dir.db
expect_status 4
expect_err "database 'dir.db' is a directory"
end

begin "a read-only database can be listed but not changed"
cp r.db ro.db
chmod 444 ro.db
chmod 755 "$WORK"
as_nobody() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}
run as_nobody "$CIRT" answers --country FR --cycle 2026 --db "$WORK/ro.db"
expect_status 0
expect_out "FR 2026, draft"
run as_nobody "$CIRT" import --yes good.csv --country FR --cycle 2026 --db "$WORK/ro.db"
expect_status 4
expect_err "database '$WORK/ro.db' is read-only; cirt import needs to write to it"
[ -e ro.db-wal ] && fail "files were created next to it"
end

begin "a damaged page is reported, never used"
cp r.db bad.db
size=$(stat -c %s bad.db)
# overwrite the b-tree header of the second page (a table's root)
printf '\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of=bad.db bs=1 seek=4096 conv=notrunc 2>/dev/null
run "$CIRT" answers --country FR --cycle 2026 --db bad.db
[ "$status" -ne 0 ] || fail "a damaged database was used"
grep -q -e "is damaged" -e "malformed" -e "not a database" "$err" || fail "no clear message"
[ "$(stat -c %s bad.db)" = "$size" ] || fail "size changed"
end

begin "answers of an unknown assessment, and bad formats, are refused"
run "$CIRT" answers --country DE --db r.db
expect_status 3
expect_err "no assessment of DE (Germany) in 'r.db'; start one with 'cirt run --country DE --db r.db'"
run "$CIRT" answers --country FR --db r.db --format xml
expect_status 2
expect_err "unknown format 'xml'; use table, csv or json"
end

begin "databases and their files are private to their owner"
[ "$(stat -c %a r.db)" = 600 ] || fail "r.db is $(stat -c %a r.db)"
[ "$(stat -c %a f.db)" = 600 ] || fail "f.db is $(stat -c %a f.db)"
end
