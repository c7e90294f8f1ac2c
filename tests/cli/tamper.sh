# Tampering behind cirt's back: each test builds a database through the
# real binary, checks that 'cirt verify' accepts it, changes it with the
# sqlite3 shell as an attacker with write access would (dropping the
# append-only triggers where needed), and checks that verify exits 1 and
# names what was changed.
. "$(dirname "$0")/lib.sh"
plan 14

export CIRT_ASSESSOR="Jean Dupont"
export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"

sql() {
	sqlite3 "$1" "$2"
}

cat >first.csv <<'CSV'
question_id,value,evidence,comment
L1,yes,"Penal Code, art. 12",
T1,operational,,
CSV
cat >second.csv <<'CSV'
question_id,value,evidence,comment
L2,2,,
T3,12,,
CSV
cat >change.csv <<'CSV'
question_id,value,evidence,comment
L2,3,,
CSV

# imported DB: FR 2026 from two imports, history 1 created, 2 L1 answer,
# 3 L1 evidence, 4 T1 answer, 5 L2 answer, 6 T3 answer
imported() {
	"$CIRT" import --yes first.csv --country FR --cycle 2026 --db "$1" >/dev/null &&
		"$CIRT" import --yes second.csv --country FR --cycle 2026 --db "$1" >/dev/null ||
		fail "could not build $1"
}

# final DB: the same, finalized (entry 7, and the register's second event)
final() {
	imported "$1"
	"$CIRT" finalize --country FR --cycle 2026 --db "$1" >/dev/null || fail "finalize $1"
}

# session DB: FR 2026 from a scripted session that names a meeting first:
# 1 created, 2 meeting, 3 L1, 4 L2, 5 L3, 6 T1, all from that meeting
session() {
	printf '%s\n' ":with Ministry of Justice, Director (Marie Curie)" yes 2 2019-05-01 \
		operational >session.txt
	"$CIRT" run --yes --country FR --cycle 2026 --db "$1" <session.txt >/dev/null 2>&1 ||
		fail "session on $1"
}

# verified DB: verify accepts it (and keeps its output in verified.out)
verified() {
	"$CIRT" verify --db "$1" >verified.out 2>&1 || fail "verify refused $1 before tampering"
	grep -q "^FR 2026: history ok" verified.out || fail "no 'history ok' for $1"
	grep -q "^register: ok" verified.out || fail "no 'register: ok' for $1"
}

# head DB: the assessment's head as verify printed it
head_of() {
	sed -n 's/^FR 2026: history ok, [0-9]* entr[a-z]*, head \([0-9a-f]*\)$/\1/p' verified.out
}

# tampered: run verify, expect exit 1 and the assessment's line BROKEN
broken() {
	run "$CIRT" verify --db "$1"
	expect_status 1
	expect_out "$2"
}

# Cut entries from seq $2 on, with the answers they made, and make the
# assessment's row agree with what is left, as someone who knows the
# schema would.
truncate_from() {
	sql "$1" "DROP TRIGGER history_no_delete;
		DELETE FROM answer WHERE question_id IN
		  (SELECT question_id FROM history WHERE seq >= $2 AND field = 'answer'
		   AND old_state = 'none');
		DELETE FROM history WHERE seq >= $2;
		UPDATE assessment SET status = 'draft',
		  head = (SELECT hash FROM history WHERE seq = $2 - 1),
		  entries = $2 - 1,
		  updated_at = (SELECT max(changed_at) FROM history),
		  mission_end = (SELECT substr(max(changed_at), 1, 10) FROM history
		    WHERE question_id <> '')"
}

begin "cutting the end of a final assessment's history is caught by the register"
final t1.db
verified t1.db
truncate_from t1.db 5
[ "$(sql t1.db "SELECT count(*) FROM answer")" = 2 ] || fail "answers not cut"
broken t1.db "register: BROKEN: the history of FR 2026 no longer holds entry 7 ("
expect_out "that the register recorded when it was final: entries were removed or replaced"
# the row's head left behind, or emptied, gives the cut away in the
# assessment itself
final t1b.db
verified t1b.db
stale=$(head_of)
truncate_from t1b.db 5
sql t1b.db "UPDATE assessment SET head = '$stale', entries = 7"
broken t1b.db "FR 2026: BROKEN: the history ends at entry 4, but the assessment records 7 entries: entries were removed or replaced"
sql t1b.db "UPDATE assessment SET head = '', entries = 0"
broken t1b.db "FR 2026: BROKEN: the history ends at entry 4, but the assessment records 0 entries and no head: entries were removed or replaced"
end

begin "a self-consistent cut passes plain verify, but not --expect with the earlier head"
imported t1c.db
verified t1c.db
pinned=$(head_of)
[ ${#pinned} = 64 ] || fail "no head printed: $(cat verified.out)"
truncate_from t1c.db 5
run "$CIRT" verify --db t1c.db
expect_status 0
expect_out "FR 2026: history ok, 4 entries, head"
run "$CIRT" verify --db t1c.db --expect "$pinned"
expect_status 1
expect_out "expected $pinned: NOT FOUND: entries were removed from the end of the record, or it was rewritten"
# the same on a final assessment whose last register event goes too
final t1d.db
verified t1d.db
pinned=$(head_of)
register=$(sed -n 's/^register: ok, 2 entries, head \([0-9a-f]*\)$/\1/p' verified.out)
truncate_from t1d.db 5
sql t1d.db "DROP TRIGGER register_no_delete; DELETE FROM register_event WHERE seq = 2"
run "$CIRT" verify --db t1d.db
expect_status 0
expect_out "register: ok, 1 entry, head"
run "$CIRT" verify --db t1d.db --expect "$pinned" --expect "$register"
expect_status 1
expect_out "expected $pinned: NOT FOUND"
expect_out "expected $register: NOT FOUND"
end

begin "an answer's author changed in the answer table"
imported t2.db
verified t2.db
sql t2.db "UPDATE answer SET answered_by = 'Someone Else' WHERE question_id = 'L2'"
broken t2.db "FR 2026: BROKEN: the stored author of L2 differs from what the history records"
end

begin "an answer's time changed in the answer table"
imported t3.db
verified t3.db
sql t3.db "UPDATE answer SET answered_at = '2020-01-01T00:00:00.000Z' WHERE question_id = 'T1'"
broken t3.db "FR 2026: BROKEN: the stored time of T1 differs from what the history records"
end

begin "the assessors changed in the assessment table"
imported t4.db
verified t4.db
sql t4.db "UPDATE assessment SET assessors = 'Jean Dupont, Ana Diaz'"
broken t4.db "FR 2026: BROKEN: the list of assessors ('Jean Dupont, Ana Diaz') differs from what the history records ('Jean Dupont')"
end

begin "the mission dates changed in the assessment table"
imported t5.db
verified t5.db
day=$(sql t5.db "SELECT mission_start FROM assessment")
sql t5.db "UPDATE assessment SET mission_start = '2025-01-15'"
broken t5.db "FR 2026: BROKEN: the mission start ('2025-01-15') differs from what the history records ('$day')"
sql t5.db "UPDATE assessment SET mission_start = '$day', mission_end = '2027-06-30'"
broken t5.db "FR 2026: BROKEN: the mission end ('2027-06-30') differs from what the history records ('$day')"
end

begin "the creation time changed in the assessment table"
imported t6.db
verified t6.db
sql t6.db "UPDATE assessment SET created_at = '2025-01-01T08:00:00.000Z'"
broken t6.db "FR 2026: BROKEN: the creation time ('2025-01-01T08:00:00.000Z') differs from what the history records ("
end

begin "the questionnaire's SHA-256 changed in the assessment table"
imported t7.db
verified t7.db
fake=0000000000000000000000000000000000000000000000000000000000000abc
sql t7.db "UPDATE assessment SET questionnaire_sha256 = '$fake'"
broken t7.db "FR 2026: BROKEN: the questionnaire's SHA-256 ('$fake') differs from what the history records ("
end

begin "an answer's source, and a meeting, changed behind cirt's back"
session t8.db
verified t8.db
[ "$(sql t8.db "SELECT count(*) FROM meeting")" = 1 ] || fail "no meeting recorded"
[ "$(sql t8.db "SELECT count(*) FROM answer WHERE source IS NOT NULL")" = 4 ] || fail "no sources"
cp t8.db t8b.db
cp t8.db t8c.db
sql t8.db "UPDATE answer SET source = NULL WHERE question_id = 'L2'"
broken t8.db "FR 2026: BROKEN: the stored source of L2 differs from what the history records"
id=$(sql t8b.db "SELECT id FROM meeting")
sql t8b.db "UPDATE meeting SET people = 'Director (Pierre Curie)'"
broken t8b.db "FR 2026: BROKEN: the stored meeting $id differs from what the history records"
sql t8c.db "DELETE FROM meeting"
broken t8c.db "FR 2026: BROKEN: 0 meetings are stored, but the history records 1"
end

begin "a whole assessment deleted, triggers and all, is caught by the register"
session t9.db
imported t9.db
"$CIRT" import --yes first.csv --country DE --cycle 2026 --db t9.db >/dev/null || fail "DE"
"$CIRT" verify --db t9.db >verified.out 2>&1 || fail "verify refused t9.db"
grep -q "^DE 2026: history ok" verified.out || fail "no DE line"
sql t9.db "DROP TRIGGER history_no_delete;
	DELETE FROM answer WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'FR');
	DELETE FROM meeting WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'FR');
	DELETE FROM history WHERE assessment_id = (SELECT id FROM assessment WHERE country = 'FR');
	DELETE FROM assessment WHERE country = 'FR'"
run "$CIRT" verify --db t9.db
expect_status 1
expect_out "DE 2026: history ok"
expect_no_out "FR 2026: history ok"
expect_out "register: BROKEN: the assessment of FR 2026 was deleted: the register says it exists"
end

begin "a final status cut out, an answer changed and the assessment finalized again"
final t10.db
verified t10.db
sql t10.db "DROP TRIGGER history_no_delete;
	DELETE FROM history WHERE seq = 7;
	UPDATE assessment SET status = 'draft',
	  head = (SELECT hash FROM history WHERE seq = 6), entries = 6"
"$CIRT" import --yes change.csv --country FR --cycle 2026 --db t10.db >/dev/null ||
	fail "import after the cut"
"$CIRT" finalize --country FR --cycle 2026 --db t10.db >/dev/null || fail "finalize again"
[ "$(sql t10.db "SELECT value FROM answer WHERE question_id = 'L2'")" = 3 ] || fail "not changed"
run "$CIRT" verify --db t10.db
expect_status 1
expect_out "FR 2026: history ok, 8 entries"
expect_out "register: BROKEN: the history of FR 2026 no longer holds entry 7 ("
expect_out "that the register recorded when it was final: entries were removed or replaced"
end

begin "a discard whose register record is deleted"
imported t11.db
"$CIRT" import --yes first.csv --country DE --cycle 2026 --db t11.db >/dev/null || fail "DE"
"$CIRT" verify --db t11.db >/dev/null 2>&1 || fail "verify refused t11.db"
run "$CIRT" discard --country FR --cycle 2026 --yes --db t11.db
expect_status 0
expect_out "Discarded the assessment of FR 2026 (4 answers, 6 history entries, head "
gone=$(sed -n 's/.* head \([0-9a-f]*\)); the register keeps.*/\1/p' "$out")
[ ${#gone} = 64 ] || fail "no head in the discard's message"
run "$CIRT" verify --db t11.db
expect_status 0
expect_out "FR 2026: discarded by Jean Dupont at "
expect_out "its last entry was 6, head $gone"
expect_out "register: ok, 3 entries"
run "$CIRT" verify --db t11.db --expect "$gone"
expect_status 1
expect_out "expected $gone: the head of FR 2026 when Jean Dupont discarded it"
expect_no_out "NOT FOUND"
sql t11.db "DROP TRIGGER register_no_delete;
	DELETE FROM register_event WHERE event = 'discarded'"
run "$CIRT" verify --db t11.db
expect_status 1
expect_out "DE 2026: history ok"
expect_out "register: BROKEN: the assessment of FR 2026 was deleted: the register says it exists"
expect_no_out "discarded by"
run "$CIRT" verify --db t11.db --expect "$gone"
expect_status 1
expect_out "expected $gone: NOT FOUND"
end

begin "a database of the first schema is upgraded on first open, and verifies with its heads"
sqlite3 v1.db <"$FIXTURES/schema-v1.sql"
run "$CIRT" verify --db v1.db
expect_status 0
expect_out "database v1.db: integrity ok"
expect_out "KE 2025: history ok, 6 entries, head 947505650102d1c0efb9eac38a0afd62997d84e211402925aca16ce710b0e279"
expect_out "register: ok, 1 entry, head "
[ "$(sql v1.db "PRAGMA user_version")" = 7 ] || fail "not upgraded"
[ "$(sql v1.db "SELECT head || ' ' || entries FROM assessment")" = "947505650102d1c0efb9eac38a0afd62997d84e211402925aca16ce710b0e279 6" ] ||
	fail "the row's head: $(sql v1.db "SELECT head, entries FROM assessment")"
run "$CIRT" verify --db v1.db --expect 947505650102
expect_status 0
expect_out "expected 947505650102: held by KE 2025 as entry 6 of 6"
end

begin "verify prints every head; --expect takes it whole or as 12 digits, and refuses a malformed one"
imported t13.db
"$CIRT" import --yes first.csv --country DE --cycle 2026 --db t13.db >/dev/null || fail "DE"
run "$CIRT" verify --db t13.db
expect_status 0
expect_out "database t13.db: integrity ok"
grep -q "^DE 2026: history ok, 4 entries, head [0-9a-f]\{64\}$" "$out" || fail "DE line"
grep -q "^FR 2026: history ok, 6 entries, head [0-9a-f]\{64\}$" "$out" || fail "FR line"
grep -q "^register: ok, 2 entries, head [0-9a-f]\{64\}$" "$out" || fail "register line"
cp "$out" verified.out
pinned=$(head_of)
short=$(echo "$pinned" | cut -c1-12)
run "$CIRT" verify --db t13.db --expect "$pinned"
expect_status 0
expect_out "expected $pinned: held by FR 2026 as entry 6 of 6"
run "$CIRT" verify --db t13.db --expect "$short"
expect_status 0
expect_out "expected $short: held by FR 2026 as entry 6 of 6"
run "$CIRT" verify --db t13.db --country FR --expect "$short"
expect_status 0
expect_no_out "DE 2026"
for bad in "$(echo "$pinned" | cut -c1-11)" ABCDEF012345 zzzzzzzzzzzz \
	"${pinned}0"; do
	run "$CIRT" verify --db t13.db --expect "$bad"
	expect_status 2
	expect_err "'$bad' is not a hash: give at least 12 of its lowercase hex digits"
	expect_out_empty
done
run "$CIRT" verify --db t13.db --expect
expect_status 2
end
