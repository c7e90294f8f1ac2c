# Hostile and broken input not covered by the other suites: each gets a
# clear message and a non-zero exit, and changes nothing.
. "$(dirname "$0")/lib.sh"
plan 5

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"

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

begin "no command runs a shell or another program"
# the binary imports none of the functions that start programs (CIRT_BINARY
# names the executable itself when CIRT is a wrapper such as make valgrind's)
bin=${CIRT_BINARY:-$CIRT}
nm -D "$bin" 2>/dev/null | grep -E ' U (system|popen|execl|execle|execlp|execv|execve|execvp|posix_spawn)(@|$)' >calls.txt
[ -s calls.txt ] && fail "$(cat calls.txt)"
nm -D "$bin" 2>/dev/null | grep -q ' U sqlite3_open_v2' || fail "nm found no symbols to check"
end

begin "databases, bundles and reports are private"
printf 'question_id,value,evidence,comment\nL1,yes,,\n' >one.csv
"$CIRT" import --yes one.csv --country KE --db p.db >/dev/null
"$CIRT" export --country KE --db p.db -o b.json >/dev/null
"$CIRT" report --country KE --db p.db -o r.pdf >/dev/null
[ "$(stat -c %a p.db b.json r.pdf | tr '\n' ' ')" = "600 600 600 " ] ||
	fail "modes: $(stat -c '%n %a' p.db b.json r.pdf)"
end
