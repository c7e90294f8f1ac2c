# The record of a mission: who recorded, who said it, one writer at a
# time, no accidental assessments, honest failure, discarding a draft.
. "$(dirname "$0")/lib.sh"
plan 15

EXAMPLE=$ROOT/questionnaires/example.xml
export CIRT_QUESTIONNAIRE="$EXAMPLE"
unset CIRT_ASSESSOR

sql() {
	sqlite3 "$1" "$2"
}

dump() {
	sqlite3 "$1" .dump | md5sum
}

# wait_for FILE TEXT: until FILE holds TEXT (5 s at most)
wait_for() {
	i=0
	while ! grep -qF -- "$2" "$1" 2>/dev/null; do
		[ $i -ge 50 ] && return 1
		sleep 0.1
		i=$((i + 1))
	done
}

begin "the assessor given once is remembered by the database; none at all is refused"
printf 'yes\n:quit\n' | "$CIRT" run --yes --country KE --db p.db --assessor "Ana Díaz" >p.out 2>&1 ||
	fail "first session: $(cat p.out)"
grep -qF "Recording as: Ana Díaz" p.out || fail "no header"
printf '2\n:quit\n' | "$CIRT" run --country KE --db p.db >p2.out 2>&1 || fail "second session: $(cat p2.out)"
grep -qF "Recording as: Ana Díaz" p2.out || fail "not remembered: $(head -n 3 p2.out)"
[ "$(sql p.db "SELECT group_concat(DISTINCT changed_by) FROM history")" = "Ana Díaz" ] ||
	fail "authors: $(sql p.db 'SELECT DISTINCT changed_by FROM history')"
[ "$(sql p.db "SELECT assessors FROM assessment")" = "Ana Díaz" ] || fail "assessors"
run "$CIRT" run --yes --country KE --db none.db
expect_status 2
expect_err "who is recording?"
[ -e none.db ] && fail "a database was created"
end

begin "the resume line, run as printed, keeps the database and the assessor"
mkdir "mission's files"
db="mission's files/k \$e.db"
printf 'yes\n:quit\n' | "$CIRT" run --yes --country KE --db "$db" --assessor "Ana Díaz" >r.out 2>&1 ||
	fail "session: $(cat r.out)"
line=$(sed -n 's/^Resume with: //p' r.out)
[ -n "$line" ] || fail "no resume line: $(tail -n 3 r.out)"
case $line in
*"--assessor 'Ana Díaz'"*) ;;
*) fail "the assessor is missing: $line" ;;
esac
# the line is run by a shell, as a user would paste it
printf '2\n2019-05-01\n:quit\n' | CIRT_DB=elsewhere.db sh -c "$(echo "$line" | sed "s|^cirt |\"\$CIRT\" |")" >r2.out 2>&1 ||
	fail "the resume line failed: $(tail -n 3 r2.out)"
[ -e elsewhere.db ] && fail "it used another database"
[ "$(sql "$db" "SELECT count(*) FROM answer")" = 3 ] || fail "answers: $(sql "$db" 'SELECT * FROM answer')"
[ "$(sql "$db" "SELECT group_concat(DISTINCT changed_by) FROM history")" = "Ana Díaz" ] ||
	fail "authors: $(sql "$db" 'SELECT DISTINCT changed_by FROM history')"
end

export CIRT_ASSESSOR="Ana Díaz"

begin ":quit before the first answer leaves no assessment"
run sh -c "printf ':quit\n' | \"\$CIRT\" run --yes --country KE --cycle 2026 --db q.db"
expect_status 0
expect_out "Nothing was recorded; no assessment was started."
expect_no_out "Saved."
[ "$(sql q.db "SELECT count(*) FROM assessment")" = 0 ] || fail "an assessment was made"
run "$CIRT" assessments --db q.db
expect_out "No assessments in q.db yet; start one with 'cirt run --country CC --db q.db'"
end

begin "a cycle before 2000 or more than a year ahead is refused"
ahead=$(($(date -u +%Y) + 2))
for cycle in 1999 "$ahead" 2062; do
	run "$CIRT" run --yes --country KE --cycle "$cycle" --db q.db
	expect_status 2
	expect_err "$cycle"
done
next=$(($(date -u +%Y) + 1))
run sh -c "printf ':quit\n' | \"\$CIRT\" run --yes --country KE --cycle $next --db q.db"
expect_status 0
[ "$(sql q.db "SELECT count(*) FROM assessment")" = 0 ] || fail "an assessment was made"
end

begin "a country without an assessment must be confirmed; scripts say --yes"
run sh -c "printf 'yes\n' | \"\$CIRT\" run --country KN --db q.db"
expect_status 2
expect_err "Saint Kitts and Nevis (KN) has no assessment in 'q.db' yet"
expect_err "--yes"
[ "$(sql q.db "SELECT count(*) FROM assessment")" = 0 ] || fail "an assessment was made"
run sh -c "printf 'question_id,value,evidence,comment\nL1,yes,,\n' >k.csv; \"\$CIRT\" import k.csv --country KN --db q.db"
expect_status 2
expect_err "Saint Kitts and Nevis (KN)"
printf 'yes\n:quit\n' | "$CIRT" run --yes --country KE --cycle 2025 --db q.db >/dev/null 2>&1
# a country already assessed needs no confirmation for a new cycle
run sh -c "printf 'no\n:quit\n' | \"\$CIRT\" run --country KE --cycle 2026 --db q.db"
expect_status 0
[ "$(sql q.db "SELECT count(*) FROM assessment")" = 2 ] || fail "assessments"
end

begin "one writer per assessment: a second session, import, finalize, merge and discard are refused"
printf 'yes\n:quit\n' | "$CIRT" run --yes --country KE --cycle 2026 --db w.db >/dev/null 2>&1
"$CIRT" export --country KE --cycle 2026 --db w.db -o ke.json >/dev/null 2>&1 || fail "export"
mkfifo fa
"$CIRT" run --country KE --cycle 2026 --db w.db <fa >a.out 2>&1 &
pa=$!
exec 3>fa
wait_for a.out "L2> " || fail "the first session did not start: $(cat a.out)"
# the claim names the holder's process by its start time, so that a claim
# whose process ended (and whose number was reused) is told apart
[ "$(sql w.db "SELECT pid || ' ' || started FROM writer")" = "$pa $(awk '{ print $22 }' /proc/$pa/stat)" ] ||
	fail "the claim: $(sql w.db 'SELECT * FROM writer')"
before=$(dump w.db)
run sh -c "printf '1\n' | CIRT_ASSESSOR='Jean Dupont' \"\$CIRT\" run --country KE --cycle 2026 --db w.db"
expect_status 3
expect_err "the assessment of KE 2026 is being changed by Ana Díaz ('cirt run', process $pa on"
expect_err "since 20"
printf 'question_id,value,evidence,comment\nL1,no,,\n' >no.csv
run "$CIRT" import no.csv --country KE --cycle 2026 --db w.db
expect_status 3
expect_err "is being changed by Ana Díaz"
expect_err "nothing was imported"
run "$CIRT" finalize --country KE --cycle 2026 --db w.db
expect_status 3
run "$CIRT" discard --yes --country KE --cycle 2026 --db w.db
expect_status 3
run "$CIRT" merge ke.json --db w.db
expect_status 3
expect_err "nothing was merged"
[ "$(dump w.db)" = "$before" ] || fail "the database changed"
# reading is never blocked
run "$CIRT" answers --country KE --db w.db
expect_status 0
expect_out "L1       yes"
# another assessment of the same database is free
run sh -c "printf 'no\n:quit\n' | \"\$CIRT\" run --yes --country FR --db w.db"
expect_status 0
echo 2 >&3
echo :quit >&3
exec 3>&-
wait $pa || fail "the first session failed: $(tail -n 3 a.out)"
run "$CIRT" import no.csv --yes --country KE --cycle 2026 --db w.db
expect_status 0
end

begin "a killed session's claim is taken over"
mkfifo fb
"$CIRT" run --country KE --cycle 2026 --db w.db <fb >b.out 2>&1 &
pb=$!
exec 4>fb
wait_for b.out "> " || fail "the session did not start"
kill -9 $pb
wait $pb 2>/dev/null
exec 4>&-
run sh -c "printf ':quit\n' | \"\$CIRT\" run --country KE --cycle 2026 --db w.db"
expect_status 0
[ "$(sql w.db "SELECT count(*) FROM writer")" = 0 ] || fail "the claim stayed: $(sql w.db 'SELECT * FROM writer')"
run "$CIRT" verify --db w.db
expect_status 0
end

begin "a full disk: every failed change is said, never 'Saved.', and the exit status is 4"
printf 'yes\n:quit\n' | "$CIRT" run --yes --country KE --db full.db >/dev/null 2>&1
before=$(sql full.db "SELECT count(*) FROM history")
# a file size limit of 32 KiB lets the session start (its claim fits in
# the write-ahead log) and makes every later write fail, as a full disk
# does
run bash -c "trap '' XFSZ; ulimit -f 32; printf '2\n3\n:quit\n' | \"\$CIRT\" run --country KE --db full.db"
expect_status 4
expect_out "L2> "
expect_out "NOT SAVED"
expect_no_out "Saved."
expect_out "Changes not saved: 2"
expect_err "not everything was saved"
[ "$(sql full.db "SELECT count(*) FROM history")" = "$before" ] || fail "history changed"
run "$CIRT" verify --db full.db
expect_status 0
end

begin ":with records the meeting; every answer given in it names it as its source"
cat >with.txt <<'EOF'
:with Ministry of ICT, Director of Cybersecurity (Jane Doe); Legal adviser, 2026-11-30
yes
2
:with National CIRT, Head of operations
2019-05-01
:evidence Annual report 2025
:with ministry of ict
3
:with -
1,3
:quit
EOF
run sh -c "\"\$CIRT\" run --yes --country KE --db m.db <with.txt"
expect_status 0
# (wrapped at 80 columns, under itself)
expect_out "Meeting: Ministry of ICT · Director of Cybersecurity (Jane Doe); Legal adviser ·"
grep -q '^         2026-11-30$' "$out" || fail "the meeting's second line: $(cat "$out")"
[ "$(sql m.db "SELECT count(*) FROM meeting")" = 2 ] || fail "meetings: $(sql m.db 'SELECT * FROM meeting')"
m1=$(sql m.db "SELECT id FROM meeting WHERE organisation = 'Ministry of ICT'")
m2=$(sql m.db "SELECT id FROM meeting WHERE organisation = 'National CIRT'")
[ "$(sql m.db "SELECT group_concat(question_id || '=' || ifnull(source, '-'), ' ') FROM (SELECT * FROM answer ORDER BY question_id)")" = \
	"L1=$m1 L2=$m1 L3=$m2 T1=$m1 T2=-" ] ||
	fail "sources: $(sql m.db "SELECT question_id, source FROM answer")"
[ "$(sql m.db "SELECT count(*) FROM history WHERE source = '$m2'")" -ge 3 ] || fail "history sources"
run "$CIRT" interviews --country KE --db m.db
expect_status 0
expect_out "KE $(date -u +%Y), 2 meetings (m.db)"
expect_out "  1  2026-11-30  Ministry of ICT"
expect_out "     Director of Cybersecurity (Jane Doe); Legal adviser"
expect_out "     recorded by Ana Díaz; 3 answers now from it, 3 changes in it"
expect_out "2  $(date -u +%Y-%m-%d)  National CIRT"
run "$CIRT" interviews --country KE --db m.db --format csv
expect_out "1,$m1,2026-11-30,Ministry of ICT,Director of Cybersecurity (Jane Doe); Legal adviser,Ana Díaz,"
run "$CIRT" verify --db m.db
expect_status 0
end

begin "meetings and sources travel in bundles and merges"
"$CIRT" export --country KE --db m.db -o m.json >/dev/null 2>&1 || fail "export"
grep -q '"source": "'"$m1"'"' m.json || fail "no source in the bundle"
run "$CIRT" merge m.json --db merged.db
expect_status 0
[ "$(sql merged.db "SELECT group_concat(id || organisation || people || met_on, '|') FROM (SELECT * FROM meeting ORDER BY seq)")" = \
	"$(sql m.db "SELECT group_concat(id || organisation || people || met_on, '|') FROM (SELECT * FROM meeting ORDER BY seq)")" ] ||
	fail "meetings differ"
[ "$(sql merged.db "SELECT group_concat(question_id || ifnull(source, '-')) FROM (SELECT * FROM answer ORDER BY question_id)")" = \
	"$(sql m.db "SELECT group_concat(question_id || ifnull(source, '-')) FROM (SELECT * FROM answer ORDER BY question_id)")" ] ||
	fail "sources differ"
run "$CIRT" interviews --country KE --db merged.db --format json
expect_out '"organisation": "National CIRT"'
run "$CIRT" verify --db merged.db
expect_status 0
end

begin "the report names organisations and roles, people only with --names, and pins the head"
run "$CIRT" report --country KE --db m.db -o plain.pdf
expect_status 0
pdftotext -layout plain.pdf plain.txt
grep -q "Stakeholders consulted" plain.txt || fail "no annex"
grep -q "Director of Cybersecurity; Legal adviser" plain.txt || fail "roles: $(grep -A3 'People met' plain.txt)"
grep -q "Jane Doe" plain.txt && fail "a name is printed without --names"
grep -q "Source: \[2\] National CIRT" plain.txt || fail "no source line"
head=$(sql m.db "SELECT head FROM assessment")
tr -d '\n ' <plain.txt | grep -q "$head" || fail "the head $head is not printed"
run "$CIRT" report --country KE --db m.db -o named.pdf --names
expect_status 0
pdftotext -layout named.pdf named.txt
grep -q "Jane Doe" named.txt || fail "--names left the name out"
run "$CIRT" verify --db m.db --expect "$head"
expect_status 0
end

begin "discard removes a draft after confirmation and leaves a record"
run "$CIRT" discard --country KE --db m.db
expect_status 2
expect_err "--cycle"
year=$(date -u +%Y)
run "$CIRT" discard --country KE --cycle "$year" --db m.db
expect_status 2
expect_err "say so with --yes"
[ "$(sql m.db "SELECT count(*) FROM assessment")" = 1 ] || fail "removed without --yes"
head=$(sql m.db "SELECT head FROM assessment")
run "$CIRT" discard --yes --country KE --cycle "$year" --db m.db
expect_status 0
expect_out "Discarded the assessment of KE $year (5 answers,"
[ "$(sql m.db "SELECT count(*) FROM assessment") $(sql m.db "SELECT count(*) FROM answer") $(sql m.db "SELECT count(*) FROM history") $(sql m.db "SELECT count(*) FROM meeting")" = "0 0 0 0" ] ||
	fail "rows were left"
run "$CIRT" verify --db m.db
expect_status 0
expect_out "KE $year: discarded by Ana Díaz at $year-"
expect_out "head $head"
run "$CIRT" verify --db m.db --expect "$head"
expect_status 1
expect_out "expected $head: the head of KE $year when Ana Díaz discarded it"
run "$CIRT" discard --yes --country KE --cycle "$year" --db m.db
expect_status 3
end

begin "a final assessment cannot be discarded"
printf 'question_id,value,evidence,comment\nL1,no,,\nT1,none,,\n' >req.csv
"$CIRT" import --yes req.csv --country FR --cycle 2026 --db f.db >/dev/null 2>&1 || fail "import"
"$CIRT" finalize --country FR --cycle 2026 --db f.db >/dev/null 2>&1 || fail "finalize: $("$CIRT" finalize --country FR --cycle 2026 --db f.db 2>&1)"
before=$(dump f.db)
run "$CIRT" discard --yes --country FR --cycle 2026 --db f.db
expect_status 3
expect_err "is final and cannot be discarded"
[ "$(dump f.db)" = "$before" ] || fail "the database changed"
end

begin "hostile names in meetings and assessors never reach the terminal raw"
esc=$(printf '\033')
run "$CIRT" run --yes --country KE --db e.db --assessor "$(printf 'Eve\033[31m')"
expect_status 2
grep -q "$esc" "$out" "$err" && fail "an escape reached the terminal"
[ -e e.db ] && fail "a database was created"
printf ':with Evil\033]0;owned\007 Org, Boss\033[2J\n:with Evil\342\200\256 Org, Boss\nyes\n:quit\n' >evil.txt
run sh -c "\"\$CIRT\" run --yes --country KE --db e.db <evil.txt"
expect_status 0
grep -q "$esc" "$out" "$err" && fail "an escape reached the session's output"
run "$CIRT" interviews --country KE --db e.db
expect_status 0
expect_out "Evil"
grep -q "$esc" "$out" && fail "an escape reached interviews"
grep -q "$(printf '\342\200\256')" "$out" && fail "a direction override reached interviews"
run "$CIRT" verify --db e.db
expect_status 0
grep -q "$esc" "$out" "$err" && fail "an escape reached verify"
end

begin "verify reads one moment of the database while another process writes"
printf 'question_id,value,evidence,comment\nL1,yes,,\n' >c0.csv
printf 'question_id,value,evidence,comment\nL1,no,,\n' >c1.csv
"$CIRT" import --yes c0.csv --country FR --db busy.db >/dev/null 2>&1
(for i in $(seq 30); do "$CIRT" import c$((i % 2)).csv --country FR --db busy.db >/dev/null 2>&1; done) &
writer=$!
runs=0
while kill -0 $writer 2>/dev/null; do
	runs=$((runs + 1))
	"$CIRT" verify --db busy.db >v.out 2>&1 || fail "verify failed while the other wrote: $(cat v.out)"
done
wait $writer
[ $runs -ge 2 ] || fail "verify ran only $runs times"
end
