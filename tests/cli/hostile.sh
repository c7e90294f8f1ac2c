# Hostile and broken input not covered by the other suites: each gets a
# clear message and a non-zero exit, and changes nothing.
. "$(dirname "$0")/lib.sh"
plan 9

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"

# What a terminal acts on or shows out of order: ESC, BEL, DEL, C1 controls
# (as UTF-8), bidirectional overrides and isolates. Text from a database, a
# questionnaire, a bundle, a CSV file, a path or an option must reach the
# terminal without any of them, and as well-formed UTF-8.
ESC=$(printf '\033')
BEL=$(printf '\007')
DEL=$(printf '\177')
C1=$(printf '\302[\200-\237]')
BIDI=$(printf '\342\200[\252-\256]')
ISOLATE=$(printf '\342\201[\246-\251]')
FFFD=$(printf '\357\277\275')
# a title change, red, a C1 CSI, DEL, a right-to-left override, an isolate
PAYLOAD=$(printf '\033]0;pwned\007\033[31m\302\2330m\177\342\200\256x\342\201\246')
SQL_PAYLOAD="char(27)||']0;pwned'||char(7)||char(27)||'[31m'||char(155)||'0m'||char(127)||char(8238)||'x'||char(8294)"
# part of a file name: a title change and a C1 CSI
EVIL=$(printf '\033]0;pwned\007\302\233')

# expect_clean WHAT: stdout and stderr hold none of those, and are UTF-8
expect_clean() {
	for f in "$out" "$err"; do
		if LC_ALL=C grep -q -e "$ESC" -e "$BEL" -e "$DEL" -e "$C1" -e "$BIDI" -e "$ISOLATE" "$f"; then
			fail "$1: a control character reached $(basename "$f")"
		fi
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || fail "$1: ill-formed UTF-8 in $(basename "$f")"
	done
	return 0
}

begin "a byte order mark, quadratic entity expansion and a truncated file are refused"
printf '\357\273\277' >bom.xml
cat "$FIXTURES/valid-minimal.xml" >>bom.xml
run "$CIRT" validate bom.xml
expect_status 1
expect_err "bom.xml:1: file starts with a byte order mark; save it as UTF-8 without one"
python3 -c "
big = 'x' * 50000
print('<?xml version=\"1.0\"?>')
print('<!DOCTYPE q [<!ENTITY b \"' + big + '\">]>')
print('<questionnaire xmlns=\"urn:cirt:questionnaire:1\">' + '&b;' * 50000 + '</questionnaire>')
" >quadratic.xml
run "$CIRT" validate quadratic.xml
expect_status 1
expect_err "quadratic.xml:2: document type declarations (<!DOCTYPE>) are not allowed"
head -c 400 "$ROOT/questionnaires/example.xml" >truncated.xml
run "$CIRT" validate truncated.xml
expect_status 1
expect_err "truncated.xml:"
end

begin "1 MB of evidence is refused in a session and in an import; nothing changes"
python3 -c "print(':evidence ' + 'e' * 1048576)" >big.txt
echo yes >>big.txt
"$CIRT" run --yes --country KE --db s.db <big.txt >"$out" 2>"$err"
expect_out "the text is too long (1048576 > 65536 bytes)"
[ "$(sqlite3 s.db "SELECT length(evidence) FROM answer WHERE question_id = 'L1'")" = 0 ] || fail "stored"
python3 -c "print('question_id,value,evidence,comment'); print('L1,yes,' + 'e' * 1048576 + ',')" >big.csv
before=$(sqlite3 s.db .dump | md5sum)
run "$CIRT" import --yes big.csv --country KE --db s.db
expect_status 3
expect_err "big.csv: row 2 (line 2): evidence: the text is too long"
[ "$(sqlite3 s.db .dump | md5sum)" = "$before" ] || fail "the database changed"
end

begin "combining and right-to-left characters are kept as typed"
printf ':note Zürich, Ñandú, e\314\201te\314\201 \342\200\217שלום\342\200\216\nyes\n' >rtl.txt
"$CIRT" run --yes --country KE --db rtl.db <rtl.txt >"$out" 2>"$err"
[ "$(sqlite3 rtl.db "SELECT comment FROM answer WHERE question_id = 'L1'")" = "$(printf 'Zürich, Ñandú, e\314\201te\314\201 \342\200\217שלום\342\200\216')" ] ||
	fail "changed: $(sqlite3 rtl.db 'SELECT comment FROM answer')"
end

begin "no command runs a shell or another program, but the editor the user names"
# the binary imports none of the functions that start programs (CIRT_BINARY
# names the executable itself when CIRT is a wrapper such as make valgrind's)
# but execl, with which src/editor.c alone runs $EDITOR or $VISUAL for
# 'cirt findings' and ':finding'
bin=${CIRT_BINARY:-$CIRT}
nm -D "$bin" 2>/dev/null | grep -E ' U (system|popen|execle|execlp|execv|execve|execvp|posix_spawn)(@|$)' >calls.txt
[ -s calls.txt ] && fail "$(cat calls.txt)"
nm -D "$bin" 2>/dev/null | grep -q ' U sqlite3_open_v2' || fail "nm found no symbols to check"
grep -lE '(^|[^_a-z])(system|popen|execl|execle|execlp|execv|execve|execvp|posix_spawn) *\(' \
	"$ROOT"/src/*.c >callers.txt
[ "$(cat callers.txt)" = "$ROOT/src/editor.c" ] || fail "programs started from: $(cat callers.txt)"
end

begin "databases, bundles and reports are private"
printf 'question_id,value,evidence,comment\nL1,yes,,\n' >one.csv
"$CIRT" import --yes one.csv --country KE --db p.db >/dev/null
"$CIRT" export --country KE --db p.db -o b.json >/dev/null
"$CIRT" report --country KE --db p.db -o r.pdf >/dev/null
[ "$(stat -c %a p.db b.json r.pdf | tr '\n' ' ')" = "600 600 600 " ] ||
	fail "modes: $(stat -c '%n %a' p.db b.json r.pdf)"
end

begin "a database edited elsewhere cannot drive the terminal through any command"
printf 'question_id,value,evidence,comment\nL1,yes,e,c\nL2,2,,\nT1,operational,,\n' >clean.csv
"$CIRT" import --yes clean.csv --country KE --db h.db >/dev/null
sqlite3 h.db "DROP TRIGGER history_no_update;
UPDATE history SET changed_by = $SQL_PAYLOAD, question_id = question_id || $SQL_PAYLOAD
	WHERE seq = 2;
UPDATE answer SET evidence = $SQL_PAYLOAD, comment = $SQL_PAYLOAD || CAST(X'FF' AS TEXT),
	answered_by = $SQL_PAYLOAD, answered_at = $SQL_PAYLOAD;
UPDATE answer SET value = $SQL_PAYLOAD WHERE question_id = 'L2';
INSERT INTO answer (assessment_id, question_id, state, value, answered_by, answered_at)
	SELECT assessment_id, 'GONE' || $SQL_PAYLOAD, 'value', $SQL_PAYLOAD, $SQL_PAYLOAD,
	$SQL_PAYLOAD FROM answer WHERE question_id = 'L1';
UPDATE assessment SET assessors = $SQL_PAYLOAD || CAST(X'FE' AS TEXT),
	updated_at = $SQL_PAYLOAD, questionnaire_version = $SQL_PAYLOAD,
	questionnaire_sha256 = $SQL_PAYLOAD;
INSERT INTO assessment (country, cycle, questionnaire_id, questionnaire_version,
	questionnaire_sha256, assessors, created_at, updated_at)
	VALUES (char(27) || 'Z', 2025, 'example', $SQL_PAYLOAD, $SQL_PAYLOAD, $SQL_PAYLOAD,
	$SQL_PAYLOAD, $SQL_PAYLOAD)"
run "$CIRT" verify --db h.db
expect_status 1
expect_out "KE 2026: BROKEN: history entry 2 (answer of L1$FFFD"
expect_clean verify
run "$CIRT" answers --country KE --db h.db
expect_status 0
expect_out "GONE$FFFD"
expect_err "warning: 1 stored answer belongs to questions this version no longer has"
expect_clean answers
run "$CIRT" answers --country KE --db h.db --format json
expect_clean "answers --format json"
run "$CIRT" score --country KE --db h.db
expect_status 0
expect_clean score
run "$CIRT" score --country KE --db h.db --format json
expect_clean "score --format json"
run "$CIRT" assessments --db h.db
expect_status 0
expect_clean assessments
run "$CIRT" compare --db h.db --format json
expect_clean "compare --format json"
run "$CIRT" finalize --country KE --db h.db
expect_clean finalize
run "$CIRT" report --country KE --db h.db -o "r$EVIL.pdf"
expect_status 0
expect_clean report
run "$CIRT" export --country KE --db h.db -o "h$EVIL.json"
expect_status 0
expect_clean export
printf 'yes\n:review\n:quit\n' >answers.txt
"$CIRT" run --yes --country KE --db h.db <answers.txt >"$out" 2>"$err"
expect_clean run
end

begin "questionnaire texts, CSV files, paths and options cannot drive the terminal"
X='\&#x7F;\&#x202E;\&#x2066;'
sed -e "s|<title>Example CIRT readiness check</title>|<title>Example$X</title>|" \
	-e "s|<title>Legal measures</title>|<title>Legal$X measures</title>|" \
	-e "s|<title>Cybercrime legislation</title>|<title>Cybercrime$X legislation</title>|" \
	-e "s|a crime?</text>|a crime$X?</text>|" \
	-e "s|<label>Rarely</label>|<label>Rarely$X</label>|" \
	-e "s|<name>Building</name>|<name>Building$X</name>|" \
	"$CIRT_QUESTIONNAIRE" >"q$EVIL.xml"
run "$CIRT" validate "q$EVIL.xml"
expect_status 0
expect_clean validate
run "$CIRT" show "q$EVIL.xml"
expect_status 0
expect_out "Legal$FFFD$FFFD$FFFD measures"
expect_clean show
printf 'yes\n2\n?\n:review\n:goto L3\n:quit\n' >session.txt
"$CIRT" run --yes --country KE --db "d$EVIL.db" --questionnaire "q$EVIL.xml" <session.txt >"$out" 2>"$err"
expect_out "KE 20"
expect_clean "run, its header and its resume command"
for c in answers score; do
	run "$CIRT" $c --country KE --db "d$EVIL.db" --questionnaire "q$EVIL.xml"
	expect_status 0
	expect_clean "$c"
done
run "$CIRT" assessments --db "d$EVIL.db" --questionnaire "q$EVIL.xml"
expect_status 0
expect_clean assessments
run "$CIRT" verify --db "d$EVIL.db"
expect_status 0
expect_clean verify
sed 's|<title>Legal measures</title>|<title>Legal \&#x9B;measures</title>|' "$CIRT_QUESTIONNAIRE" >c1.xml
run "$CIRT" validate c1.xml "m$EVIL.xml"
expect_status 4
expect_err "c1.xml:"
expect_clean "validate, C1 in a text"
sed "s|<title>Legal measures</title>|<title>Legal${ESC}[31m measures</title>|" "$CIRT_QUESTIONNAIRE" >"e$EVIL.xml"
run "$CIRT" validate "e$EVIL.xml"
expect_status 1
expect_clean "validate, ESC in a text"
run "$CIRT" score --country KE --db "d$EVIL.db" --questionnaire "e$EVIL.xml"
expect_clean "score, an invalid questionnaire"
printf 'question_id,value,evidence,comment\n%s,yes,,\nL1,%s,,\nL2,,%s,\nT1,,,%s\n' \
	"$PAYLOAD" "$PAYLOAD" "$PAYLOAD" "$PAYLOAD" >"c$EVIL.csv"
run "$CIRT" import --yes "c$EVIL.csv" --country KE --db "d$EVIL.db"
expect_status 3
expect_err "row 2 (line 2): unknown question id"
expect_clean import
run "$CIRT" import --yes "n$EVIL.csv" --country KE --db "d$EVIL.db"
expect_status 4
expect_clean "import, a missing file"
for option in --country --cycle --lang --assessor; do
	run "$CIRT" answers --db "d$EVIL.db" --country KE "$option" "$PAYLOAD"
	expect_status 2
	expect_clean "answers $option"
done
run "$CIRT" "$PAYLOAD"
expect_status 2
expect_clean "an unknown command"
run "$CIRT" verify "--$PAYLOAD" --db "d$EVIL.db"
expect_status 2
expect_clean "an unknown option"
run "$CIRT" verify --db "missing$EVIL.db"
expect_clean "verify, a missing database"
end

begin "bundles and their file names cannot drive the terminal when merged"
# a right-to-left override is refused in a name, but a bundle signed by
# a trusted key may still carry one
eve="Eve $(printf '\342\200\256')evE"
run "$CIRT" import --yes clean.csv --country KE --db a.db --assessor "$eve"
expect_status 2
expect_clean "a name with a direction override"
"$CIRT" import --yes clean.csv --country KE --db a.db --assessor "Eve" >/dev/null
"$CIRT" export --country KE --db a.db -o a.json >/dev/null
"$CIRT" merge a.json --db b.db >/dev/null
printf 'question_id,value,evidence,comment\nL2,3,,\n' >bob.csv
"$CIRT" import --yes bob.csv --country KE --db b.db --assessor Bob >/dev/null
sleep 0.01
printf 'question_id,value,evidence,comment\nL2,1,,\n' >eve.csv
"$CIRT" import --yes eve.csv --country KE --db a.db --assessor "Eve" >/dev/null
run "$CIRT" export --country KE --db a.db -o "b$EVIL.json"
expect_status 0
expect_clean export
# Eve's name as the bundle gives it, in its history and answers, with
# every hash computed again and the bundle signed again
python3 - "b$EVIL.json" "$eve" <<'PY'
import hashlib, json, sys
path, eve = sys.argv[1], sys.argv[2]
b = json.load(open(path))
def field(s):
    if s is None:
        return b"-,"
    s = s.encode() if isinstance(s, str) else str(s).encode()
    return str(len(s)).encode() + b":" + s + b","
prev = "0" * 64
country, cycle = b["assessment"]["country"], b["assessment"]["cycle"]
for h in b["history"]:
    if h["changed_by"] == "Eve":
        h["changed_by"] = eve
    h["prev_hash"] = prev
    parts = ["cirt-history-%d" % h.get("version", 1), country, str(cycle), str(h["seq"]),
             h["question_id"], h["field"], h["old_state"], h["old_value"], h["new_state"],
             h["new_value"], h["changed_by"], h["changed_at"], h["reason"]]
    if h.get("version", 1) >= 2:
        parts.append(h.get("source"))
    parts.append(prev)
    h["hash"] = prev = hashlib.sha256(b"".join(field(p) for p in parts)).hexdigest()
for a in b["answers"]:
    if a["answered_by"] == "Eve":
        a["answered_by"] = eve
b["assessment"]["assessors"] = b["assessment"]["assessors"].replace("Eve", eve)
del b["signature"]
json.dump(b, open(path, "w"), indent=1)
PY
resign "b$EVIL.json" "b$EVIL.json" || fail "cannot sign the bundle again"
run "$CIRT" merge "b$EVIL.json" --db b.db
expect_status 0
expect_out "conflict in KE"
expect_out "  1) \"Rarely (1)\" (Eve $FFFD""evE, "
expect_out "  2) \"Systematically (3)\" (Bob, "
expect_clean merge
sed -e 's/version="1.0"/version="1.1"/' -e '/<question id="L2"/,/<\/question>/d' \
	"$CIRT_QUESTIONNAIRE" >v11.xml
run "$CIRT" merge "b$EVIL.json" --db c.db --questionnaire v11.xml --force
expect_status 0
expect_out "1 answer to questions this questionnaire lacks, kept"
expect_clean "merge --force"
python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))
b['assessment']['country'] = '\x1b]0;pwned\x07\u009b'
del b['signature']
json.dump(b, open(sys.argv[2], 'w'))
" "b$EVIL.json" "x$EVIL.json"
resign "x$EVIL.json" "x$EVIL.json" || fail "cannot sign the hostile bundle again"
run "$CIRT" merge "x$EVIL.json" --db b.db
expect_status 3
expect_err "is not an ISO alpha-2 code"
expect_clean "merge, a hostile bundle"
run "$CIRT" merge h.db --db b.db
expect_clean "merge, a hostile database"
end

begin "JSON escapes control characters; CSV is exact in a pipe and made safe on a terminal"
run "$CIRT" answers --country KE --db h.db --format json
expect_clean "answers --format json"
python3 -c "
import json, sys
doc = json.load(open(sys.argv[1]))
got = [a['evidence'] for a in doc['answers'] if a['question_id'] == 'L1']
want = '\x1b]0;pwned\x07\x1b[31m\u009b0m\x7f\u202ex\u2066'
sys.exit(0 if got == [want] else 1)
" "$out" || fail "JSON does not give back the stored evidence"
run "$CIRT" answers --country KE --db h.db --format csv
expect_status 0
LC_ALL=C grep -q -e "$ESC" "$out" || fail "CSV in a pipe is not the stored text"
command -v script >/dev/null || fail "script (util-linux) is missing"
script -qec "'$CIRT' answers --country KE --db h.db --format csv" /dev/null </dev/null >"$out" 2>"$err"
expect_out "GONE$FFFD"
expect_clean "answers --format csv on a terminal"
script -qec "'$CIRT' score --country KE --db h.db --format csv" /dev/null </dev/null >"$out" 2>"$err"
expect_out "overall,example"
expect_clean "score --format csv on a terminal"
end
