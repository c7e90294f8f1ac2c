# End-to-end tests of `cirt export` and `cirt merge`.
. "$(dirname "$0")/lib.sh"
plan 10

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"

# Everything an assessment holds, without the internal row ids.
content() {
	sqlite3 "$1" "SELECT country, cycle, questionnaire_id, questionnaire_version,
		questionnaire_sha256, status, mission_start, mission_end, assessors, created_at,
		updated_at FROM assessment ORDER BY country, cycle;
	SELECT s.country, a.question_id, a.state, a.value, a.evidence, a.comment, a.flagged,
		a.answered_by, a.answered_at FROM answer a JOIN assessment s ON s.id = a.assessment_id
		ORDER BY 1, 2;
	SELECT s.country, h.seq, h.question_id, h.field, h.old_state, h.old_value, h.new_state,
		h.new_value, h.changed_by, h.changed_at, h.reason, h.prev_hash, h.hash
		FROM history h JOIN assessment s ON s.id = h.assessment_id ORDER BY 1, 2" | md5sum
}

printf 'question_id,value,evidence,comment\nL1,yes,"Penal Code, art. 12",\nL2,2,,checked\nT1,operational,,\nT2,incident forensics,,\n' >a.csv
CIRT_ASSESSOR=Ana "$CIRT" import --yes a.csv --country KE --db a.db >/dev/null
"$CIRT" finalize --country KE --db a.db >/dev/null 2>&1

begin "export writes a private, self-describing bundle"
run "$CIRT" export --country KE --db a.db -o ke.json
expect_status 0
expect_out "ke.json: KE 20"
[ "$(stat -c %a ke.json)" = 600 ] || fail "mode $(stat -c %a ke.json)"
python3 - ke.json <<'PY' || fail "content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "cirt-bundle" and d["format_version"] == 2
assert d["signature"]["key"].startswith("ed25519:") and len(d["signature"]["value"]) == 88
assert d["questionnaire"]["id"] == "example" and len(d["questionnaire"]["sha256"]) == 64
assert d["assessment"]["country"] == "KE"
assert {a["question_id"] for a in d["answers"]} == {"L1", "L2", "T1", "T2"}
assert d["history"][0]["field"] == "created" and d["history"][-1]["field"] == "status"
assert all(len(h["hash"]) == 64 for h in d["history"])
PY
end

begin "export then merge into an empty database gives identical content"
run "$CIRT" merge ke.json --db b.db
expect_status 0
expect_out "ke.json: KE 20"
expect_out "new here, 4 answers"
[ "$(content a.db)" = "$(content b.db)" ] || fail "the databases differ"
"$CIRT" verify --db b.db >/dev/null || fail "verify"
end

begin "merging the same bundle twice changes nothing"
before=$(content b.db)
run "$CIRT" merge ke.json ke.json --db b.db
expect_status 0
expect_out "ke.json: KE 2026: nothing new"
[ "$(content b.db)" = "$before" ] || fail "the database changed"
end

begin "both laptops changed a question: a conflict for a person to settle, the same on both"
"$CIRT" reopen --country KE --db a.db >/dev/null
"$CIRT" reopen --country KE --db b.db >/dev/null
printf 'question_id,value,evidence,comment\nL2,3,,\nT1,planned,,\n' >jean.csv
CIRT_ASSESSOR=Jean "$CIRT" import --yes jean.csv --country KE --db b.db >/dev/null
"$CIRT" export --country KE --db b.db -o jean.json >/dev/null
sleep 0.01
printf 'question_id,value,evidence,comment\nL2,1,,\nL1,,"Penal Code, art. 12 and 13",\n' >ana.csv
CIRT_ASSESSOR=Ana "$CIRT" import --yes ana.csv --country KE --db a.db >/dev/null
"$CIRT" export --country KE --db a.db -o ana.json >/dev/null
run "$CIRT" merge jean.json --db a.db
expect_status 0
expect_out "conflict in KE 2026 over the answer of L2:"
expect_out "  1) \"Rarely (1)\" (Ana, "
expect_out "), shown until it is settled"
expect_out "  2) \"Systematically (3)\" (Jean, "
expect_out "  settle it: cirt resolve --country KE --cycle 2026 L2 --take 1|2 --reason TEXT --db a.db"
expect_out "jean.json: KE 2026: 3 events brought in, 1 question changed, 1 conflict opened; 1 open conflict"
# Jean's change to T1, which Ana did not touch, is taken; neither clock
# decides L2, which stays disputed with both values
[ "$(sqlite3 a.db "SELECT value FROM answer WHERE question_id = 'T1'")" = planned ] || fail "T1 not taken"
[ "$(sqlite3 a.db "SELECT value || ' ' || changed_by FROM conflict WHERE question_id = 'L2'")" = "3 Jean" ] ||
	fail "conflict row: $(sqlite3 a.db 'SELECT * FROM conflict')"
"$CIRT" verify --db a.db >/dev/null || fail "verify: $("$CIRT" verify --db a.db)"
# the same bundle again: nothing new, the conflict not told twice
before=$(content a.db)
run "$CIRT" merge jean.json --db a.db
expect_status 0
expect_out "jean.json: KE 2026: nothing new; 1 open conflict"
grep -q "conflict in" "$out" && fail "the conflict was told again: $(cat "$out")"
[ "$(content a.db)" = "$before" ] || fail "the database changed"
# the other way round: Jean's laptop reaches the same answers and conflict
run "$CIRT" merge ana.json --db b.db
expect_status 0
expect_out "conflict in KE 2026 over the answer of L2:"
for db in a.db b.db; do
	"$CIRT" answers --country KE --db $db --format csv | cut -d, -f1-8 >$db.csv
	sqlite3 $db "SELECT question_id, field, value, event FROM conflict" >$db.conflicts
done
cmp -s a.db.csv b.db.csv || fail "the answers differ: $(diff a.db.csv b.db.csv)"
cmp -s a.db.conflicts b.db.conflicts || fail "the conflicts differ"
run "$CIRT" conflicts --country KE --db b.db
expect_status 0
expect_out "KE 2026: 1 open conflict (b.db)"
expect_out "  2) \"Systematically (3)\" (Jean, "
end

begin "a conflict is settled by a person, with a reason, and the other laptop follows"
run "$CIRT" resolve --country KE L2 --take 2 --db a.db
expect_status 2
expect_err "say why with --reason TEXT"
run "$CIRT" resolve --country KE L1 --take 2 --reason x --db a.db
expect_status 3
expect_err "L1 has no open conflict in KE 2026; 'cirt conflicts --country KE --cycle 2026 --db a.db' lists them"
run "$CIRT" resolve --country KE L2 --take 2 --reason "the director confirmed it" --db a.db
expect_status 0
expect_out "Settled the answer of L2 in KE 2026: \"Systematically (3)\" (the director confirmed it)."
[ "$(sqlite3 a.db "SELECT count(*) FROM conflict")" = 0 ] || fail "still open"
[ "$(sqlite3 a.db "SELECT value FROM answer WHERE question_id = 'L2'")" = 3 ] || fail "not the choice"
[ "$(sqlite3 a.db "SELECT reason FROM history WHERE field = 'resolved'")" = "the director confirmed it" ] ||
	fail "the reason is not in the history"
"$CIRT" export --country KE --db a.db -o ana2.json >/dev/null
run "$CIRT" merge ana2.json --db b.db
expect_status 0
[ "$(sqlite3 b.db "SELECT count(*) FROM conflict")" = 0 ] || fail "still open on the other laptop"
"$CIRT" export --country KE --db b.db -o jean2.json >/dev/null
run "$CIRT" merge jean2.json --db a.db
expect_status 0
run "$CIRT" merge jean2.json --db a.db
expect_out "jean2.json: KE 2026: nothing new"
for db in a.db b.db; do
	"$CIRT" answers --country KE --db $db --format csv | cut -d, -f1-8 >$db.csv
	"$CIRT" verify --db $db >/dev/null || fail "verify $db"
done
cmp -s a.db.csv b.db.csv || fail "the answers differ: $(diff a.db.csv b.db.csv)"
end

begin "a bundle of another questionnaire version is refused, or merged with --force"
sed -e 's/version="1.0"/version="1.1"/' -e '/<question id="T2"/,/<\/question>/d' \
	-e '/<question id="T4"/,/<\/question>/d' "$ROOT/questionnaires/example.xml" >v11.xml
run "$CIRT" merge ke.json --db c.db --questionnaire v11.xml
expect_status 3
expect_err "the bundle was made with version 1.0 of questionnaire 'example'"
expect_err "merge it with --force"
[ -e c.db ] && fail "a database was created"
run "$CIRT" merge ke.json --db c.db --questionnaire v11.xml --force
expect_status 0
expect_out "ke.json: KE 2026: 1 answer to questions this questionnaire lacks, kept"
[ "$(sqlite3 c.db "SELECT group_concat(question_id) FROM (SELECT question_id FROM answer ORDER BY 1)")" = "L1,L2,T1,T2" ] ||
	fail "answers: $(sqlite3 c.db 'SELECT question_id FROM answer')"
"$CIRT" verify --db c.db >/dev/null || fail "verify"
end

begin "damaged and hostile bundles are refused before anything is written"
before=$(content b.db)
python3 - ke.json <<'PY'
import json, sys
src = open(sys.argv[1]).read()
d = json.loads(src)
def save(name, doc):
    doc.pop("signature", None)
    open(name, "w").write(json.dumps(doc))
open("truncated.json", "w").write(src[: len(src) // 2])
x = json.loads(src); x["answers"][0]["value"] = "no"; x["history"][1]["new_value"] = "no"; save("altered.json", x)
x = json.loads(src); x["history"][2]["hash"] = "0" * 64; save("rehashed.json", x)
x = json.loads(src); del x["answers"][0]["answered_by"]; save("missing.json", x)
x = json.loads(src); x["format"] = "something-else"; save("format.json", x)
x = json.loads(src); x["answers"][0]["evidence"] = "red \u001b[31m"; save("escape.json", x)
x = json.loads(src); x["assessment"]["country"] = "ZZ"; save("country.json", x)
x = json.loads(src); x["format_version"] = 9; save("newer.json", x)
open("duplicate.json", "w").write(src.replace('"format": "cirt-bundle"', '"format": "cirt-bundle", "format": "cirt-bundle"', 1))
open("deep.json", "w").write("[" * 5000 + "]" * 5000)
open("empty.json", "w").write("")
# edited in place, its signature left as it was
open("forged.json", "w").write(src.replace('"value": "yes"', '"value": "no"', 1))
PY
# edited by someone who holds a trusted key, and signed again: the checks
# behind the signature must still find every change
for f in altered rehashed missing format escape country newer; do
	resign "$f.json" "$f.json" 2>/dev/null || [ "$f" = format ] || fail "cannot sign $f again"
done
for f in truncated altered rehashed missing format escape country newer duplicate deep empty forged; do
	run "$CIRT" merge "$f.json" --db b.db
	[ "$status" -ne 0 ] || fail "$f was accepted"
	grep -q "$f.json: .*nothing was merged" "$err" || fail "$f: $(cat "$err")"
done
run "$CIRT" merge altered.json --db b.db
expect_err "history entry 2 (answer of L1, "
expect_err "was altered: its hash does not match its content"
run "$CIRT" merge escape.json --db b.db
expect_err "control characters"
run "$CIRT" merge forged.json --db b.db
expect_err "its signature does not hold: the bundle was changed after it was signed"
[ "$(content b.db)" = "$before" ] || fail "the database changed"
end

begin "one bad file among several means nothing is merged"
run "$CIRT" merge ke.json rehashed.json --db d.db
expect_status 3
[ -e d.db ] && fail "something was written"
end

begin "another cirt database can be merged, and is left as it was"
sum=$(md5sum <a.db)
run "$CIRT" merge a.db --db e.db
expect_status 0
expect_out "a.db: KE 20"
[ "$(md5sum <a.db)" = "$sum" ] || fail "the source database changed"
[ "$(content a.db)" = "$(content e.db)" ] || fail "the content differs"
end

begin "bad arguments are refused"
run "$CIRT" merge --db e.db
expect_status 2
expect_err "name at least one bundle or database"
run "$CIRT" merge nosuch.json --db e.db
expect_status 4
expect_err "nosuch.json: cannot open: No such file or directory; nothing was merged"
run "$CIRT" export --country GH --db a.db
expect_status 3
expect_err "no assessment of GH (Ghana)"
end
