# Scripted sessions through standard input: every question type and
# command, skip logic both ways, resume, languages and refusals.
. "$(dirname "$0")/lib.sh"
plan 17

EXAMPLE=$ROOT/questionnaires/example.xml
export CIRT_ASSESSOR="Ana Diaz"
export CIRT_QUESTIONNAIRE="$EXAMPLE"

# session DB LINES...: run a session on Kenya fed the given lines
session() {
	db=$1
	shift
	printf '%s\n' "$@" >input.txt
	"$CIRT" run --yes --country KE --cycle 2026 --db "$db" <input.txt >"$out" 2>"$err"
	status=$?
}

sql() {
	sqlite3 "$1" "$2"
}

begin "a whole session answers every question type and ends with a summary"
session full.db yes 3 2019-05-01 3 "1,3" 12 "National forensic laboratory" no yes
expect_status 0
expect_err_empty
expect_out "Kenya (KE) · 2026 · example 1.0 · full.db"
expect_out "Every question shown is answered."
expect_out "Saved. KE 2026: 9 answered, 0 skipped, 0 remaining of 9 questions shown."
expect_out "Resume with: cirt run --country KE --cycle 2026 --db full.db"
got=$(sql full.db "SELECT group_concat(question_id || '=' || value, ' ') FROM (SELECT * FROM answer ORDER BY rowid)")
[ "$got" = "L1=yes L2=2 L3=2019-05-01 T1=operational T2=incident forensics T3=12 T4=National forensic laboratory C1=no C2=yes" ] \
	|| fail "stored: $got"
[ "$(stat -c %a full.db)" = 600 ] || fail "database mode $(stat -c %a full.db)"
cp "$out" full.out
end

begin "each screen shows pillar, position, progress, choices and what is expected"
cp full.out "$out"
expect_out "Pillar 2 of 3 · Technical and procedural measures"
expect_out "Question 1 of 3 · 0% answered"
expect_out "  (required · evidence expected)"
expect_out "    3) It is operational"
expect_out "    1) Not at all"
expect_out "(a number between 0 and 500, whole numbers only)"
expect_out "(a date written YYYY-MM-DD)"
expect_out "(choose one or more numbers or labels separated by commas, or - for none)"
end

begin "skip logic hides and shows questions as answers change"
session skip.db no
expect_out "Question 2 of 3 · 33% answered"
expect_out "T1> "
expect_no_out "L2> "
session skip.db ":goto L1" yes "law adopted after all"
expect_out "Question 1 of 3 · 33% answered"
expect_out "Question 2 of 5 · 20% answered"
expect_out "L2> "
session skip.db ":goto L2" 4 ":goto L1" no "" ":goto L2"
expect_out "This answer hides questions already answered"
expect_out "    L2: Systematically (3)"
expect_out "Not changed."
[ "$(sql skip.db "SELECT value FROM answer WHERE question_id = 'L1'")" = yes ] || fail "changed without a yes"
session skip.db ":goto L1" no y "" ":goto L2"
expect_out "That question is hidden by the answers so far; it is shown only if L1 = yes"
[ "$(sql skip.db "SELECT value FROM answer WHERE question_id = 'L2'")" = 3 ] \
	|| fail "the hidden question's answer was not kept"
"$CIRT" assessments --db skip.db >list.txt
grep -q "KE Kenya *2026 *draft *1/3  33%" list.txt || fail "progress: $(cat list.txt)"
end

begin "a session resumes at the first unanswered question"
session resume.db yes 2
session resume.db ":quit"
expect_out "Question 3 of 5 · 40% answered"
grep -q "^L3> :quit" "$out" || fail "did not resume at L3"
expect_out "Saved. KE 2026: 2 answered, 0 skipped, 3 remaining of 5 questions shown."
end

begin "a wrong entry is explained and asked again"
session wrong.db maybe yes 9 1 2019-02-30 2019-02-28 9 3 "1,7" "2" 600 12.5 12
expect_out "answer yes or no (1 or 2)"
expect_out "'9' is not on the list; choose 1 to 4"
expect_out "'2019-02-30' is not a valid date; write it YYYY-MM-DD"
expect_out "'9' is not on the list; choose 1 to 3"
expect_out "'7' is not on the list; choose 1 to 3"
expect_out "'600' is outside the allowed range (0 – 500)"
expect_out "'12.5' is not a whole number"
[ "$(sql wrong.db "SELECT count(*) FROM answer WHERE state = 'value'")" = 6 ] || fail "answers"
end

begin "? shows help; :help lists the commands; an empty line gives a hint"
session help.db "?" ":help" "" ":nonsense"
expect_out "  Ask for the title and number of the law, and the article that defines the"
expect_out "  :goto QID|N    the question with id QID, or number N in :list"
expect_out "Answer, or type ? for help, dk (don't know), na (not applicable), :help for"
expect_out "Unknown command; :help lists them."
end

begin "dk and na are recorded as such"
session dkna.db dk na
[ "$(sql dkna.db "SELECT group_concat(question_id || ':' || state) FROM answer")" = "L1:dont_know,T1:not_applicable" ] \
	|| fail "$(sql dkna.db 'SELECT * FROM answer')"
end

begin ":skip, :back, :goto and :pillar move around"
session move.db ":skip" ":back" ":back" ":pillar 3" ":pillar 9" ":goto nosuch" ":goto t1" ":skip" ":skip" ":skip"
expect_out "This is the first question."
expect_out "C1> :pillar 9"
expect_out "There is no such pillar; choose 1-3"
expect_out "There is no question with that id."
grep -q "^T1> :skip" "$out" || fail ":goto is not case-sensitive"
expect_out "End of the questionnaire."
expect_out "KE 2026: 0 answered, 3 skipped, 0 remaining of 3 questions shown."
expect_out "Nothing was recorded; no assessment was started."
expect_no_out "Saved."
[ "$(sql move.db "SELECT count(*) FROM assessment")" = 0 ] || fail "an assessment was made"
end

begin ":evidence, :note and :flag are saved at once and can be undone; :review lists the pillar"
session notes.db ":evidence" ":evidence Penal Code, art. 12 (2019)" ":note ask the ministry" \
	":flag" yes ":review" ":back" ":flag" ":evidence -" ":review"
expect_out "No evidence yet; add it with :evidence TEXT."
expect_out "Evidence saved."
expect_out "Note saved."
expect_out "Flagged for review."
expect_out "       1 L1       yes  [Evidence]  [flagged for review]"
expect_out "  >    1 L1       yes"
expect_out "Flag removed."
[ "$(sql notes.db "SELECT evidence || '|' || comment || '|' || flagged FROM answer WHERE question_id = 'L1'")" = "|ask the ministry|0" ] \
	|| fail "$(sql notes.db 'SELECT * FROM answer')"
end

begin "flagged questions are listed when the session ends"
session flags.db ":flag" yes ":flag" ":quit"
expect_out "Flagged for review: L1, L2"
end

begin "changing an answer asks for a reason, kept in the history"
session reason.db yes ":back" no "The law was repealed in 2025"
expect_out "Reason for the change (optional, Enter to skip)> The law was repealed in 2025"
[ "$(sql reason.db "SELECT old_value || '>' || new_value || ': ' || reason || ' by ' || changed_by FROM history WHERE question_id = 'L1' AND old_value IS NOT NULL")" = "yes>no: The law was repealed in 2025 by Ana Diaz" ] \
	|| fail "$(sql reason.db 'SELECT * FROM history')"
"$CIRT" verify --db reason.db >verify.txt || fail "verify: $(cat verify.txt)"
end

begin "the end of input at the reason prompt still saves the answer"
session eof.db yes ":back" no
[ "$(sql eof.db "SELECT value FROM answer WHERE question_id = 'L1'")" = no ] || fail "not saved"
expect_out "Saved. KE 2026:"
end

begin "control characters never reach the terminal or the database"
esc=$(printf '\033')
session ctl.db ":evidence red ${esc}[31malert" ":note مرحبا بالعالم" yes
expect_out "control characters (such as escape sequences) are not allowed"
expect_out "Note saved."
[ "$(sql ctl.db "SELECT count(*) FROM answer WHERE evidence != ''")" = 0 ] || fail "escape stored"
grep -q "$esc\[31m" "$out" && fail "an escape sequence reached the output"
[ "$(sql ctl.db "SELECT comment FROM answer WHERE question_id = 'L1'")" = "مرحبا بالعالم" ] || fail "RTL text lost"
end

begin "a session in French shows everything in French"
printf '%s\n' oui "?" ":zzz" 9 >input.txt
"$CIRT" run --yes --country KE --cycle 2026 --db fr.db --lang fr <input.txt >"$out" 2>"$err"
status=$?
expect_status 0
expect_out "Pilier 1 sur 3 · Mesures juridiques"
nnbsp=$(printf '\342\200\257')
expect_out "Question 1 sur 3 · 0${nnbsp}% répondues"
expect_out "    1) oui"
expect_out "  (obligatoire · preuve attendue)"
expect_out "Commande inconnue ; :help en donne la liste."
expect_out "'9' n'est pas dans la liste ; choisissez de 1 à 4"
expect_out "Enregistré. KE 2026 :"
expect_out "Pour reprendre: cirt run --country KE --cycle 2026 --db fr.db --lang fr"
for english in "Pillar" "Question 1 of" "answered" "required" "Saved" "Resume with" "Unknown command"; do
	expect_no_out "$english"
done
end

begin "a final assessment refuses a session"
session final.db yes 1 2019-05-01 3 - 5 yes
"$CIRT" finalize --country KE --db final.db >/dev/null 2>&1 || fail "finalize failed"
session final.db
expect_status 3
expect_err "the assessment of KE 2026 is final; to change it, reopen it with: cirt reopen --country KE --cycle 2026 --db final.db"
end

begin "a changed questionnaire is announced; answers to removed questions are kept"
session changed.db yes 2 2019-05-01 3 1 3 no no
sed -e 's/version="1.0"/version="1.1"/' -e '/<question id="C2"/,/<\/question>/d' \
	"$EXAMPLE" >changed.xml
CIRT_QUESTIONNAIRE=$WORK/changed.xml session changed.db ":quit"
expect_status 0
expect_err "the questionnaire changed since the assessment of KE 2026 began (version 1.0 then, 1.1 in"
expect_err "1 stored answer belongs to questions this version no longer has; they are kept in the database: C2"
[ "$(sql changed.db "SELECT value FROM answer WHERE question_id = 'C2'")" = no ] || fail "C2 lost"
end

begin "another questionnaire's assessment is refused, and so are bad options"
"$CIRT" run --yes --country KE --cycle 2026 --db changed.db \
	--questionnaire "$ROOT/questionnaires/cirt-readiness.xml" </dev/null >"$out" 2>"$err"
status=$?
expect_status 3
expect_err "was made with questionnaire 'example', not 'cirt-readiness'"
run "$CIRT" run --yes --db x.db
expect_status 2
expect_err "name the country with --country CC"
run "$CIRT" run --yes --country ZZZ --db x.db
expect_status 2
expect_err "unknown country 'ZZZ'"
run "$CIRT" run --yes --country KE --cycle 26 --db x.db
expect_status 2
expect_err "'26' is not a cycle year such as 2026"
[ -e x.db ] && fail "a database was created by a refused command"
end
