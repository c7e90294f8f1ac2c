# The session as an interviewer moves through it: every saved answer
# confirmed, Enter keeps, lists with numbers, :goto by number or kind,
# resuming where the last session stopped, the end as a state.
. "$(dirname "$0")/lib.sh"
plan 8

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
export CIRT_ASSESSOR="Ana Díaz"

# session DB LINE...: a scripted session, its output in $out
session() {
	db=$1
	shift
	printf '%s\n' "$@" >input.txt
	run sh -c "\"\$CIRT\" run --yes --country KE --db $db <input.txt"
}

begin "every saved answer is confirmed on a line of its own; Enter keeps an answer and moves on"
session a.db yes 2 ":goto L1" ""
expect_status 0
expect_out "✓ L1: yes · questions shown: 3 → 5"
expect_out "✓ L2: "
expect_out "✓ L1: yes · kept"
expect_out "L2> "
[ "$(sqlite3 a.db "SELECT count(*) FROM history WHERE field = 'answer'")" = 2 ] || fail "Enter wrote something"
end

begin ":list numbers the questions shown, with status; :goto takes numbers and kinds"
session b.db yes :skip :skip :flag ":list" ":list all" ":goto 1" ":goto unanswered" ":goto flagged" ":goto disputed" ":list 9"
expect_status 0
expect_out "  >    4 T1       not answered  [flagged for review]"
expect_out "         T2       (hidden)"
expect_out "All questions · 3. Cooperation"
expect_out "       5 C1       not answered"
expect_out "L1> :goto unanswered"
expect_out "L2> :goto flagged"
expect_out "No other question is disputed."
expect_out "There is no such pillar; choose 1-3"
expect_out "Skipped: L2, L3"
end

begin "a session resumes where the last one stopped"
session c.db yes 2 ":goto C1" ":quit"
session c.db ":quit"
expect_out "C1> :quit"
expect_no_out "L3> "
end

begin "the end of the questionnaire is a state of its own, with its choices"
session d.db no none yes ""
expect_out "End of the questionnaire."
expect_out "Type :back for the last question, :goto QID for another, or :quit to stop."
expect_out "end> "
[ "$(grep -c "End of the questionnaire." "$out")" = 1 ] || fail "said more than once"
[ "$(grep -c "^Saved\. KE" "$out")" = 1 ] || fail "the summary is not said once"
end

begin "the help names the new commands"
session e.db ":help"
expect_out ":goto QID|N"
expect_out ":list [K|all]"
expect_out ":goto unanswered|flagged|disputed"
end

begin "finalize lists flagged and disputed questions and wants them confirmed"
session f.db yes 2 2019-05-01 :flag none yes
run "$CIRT" finalize --country KE --db f.db
expect_status 2
expect_out "Flagged for review: T1"
expect_err "has questions flagged or disputed; finalize it all the same with --yes"
[ "$(sqlite3 f.db "SELECT status FROM assessment")" = draft ] || fail "finalized"
run "$CIRT" finalize --country KE --db f.db --yes
expect_status 0
expect_out "is final"
end

begin ":attach keeps a file as evidence, listed under the question; :attach -N removes it"
printf 'Act No. 5 of 2018\n' >decree.txt
head -c 17000000 /dev/zero >big.bin
session g.db yes :back ":attach decree.txt" ":attach big.bin" ":attach nosuch.pdf" ":attach -3" ":attach"
expect_status 0
expect_out "✓ L1: decree.txt · Attached"
expect_out "    1) decree.txt (text/plain, 18 bytes, SHA-256 "
expect_out "big.bin: the file takes 16.2 MB, more than the 16.0 MB an attachment may take"
expect_out "nosuch.pdf: cannot open: No such file or directory"
expect_out "this question has no attachment of that number"
[ "$(sqlite3 g.db "SELECT name || ' ' || size FROM attachment")" = "decree.txt 18" ] || fail "the row"
session g.db ":goto L1" ":attach -1"
expect_out "Attachment removed."
[ "$(sqlite3 g.db "SELECT count(*) FROM attachment")" = 0 ] || fail "not removed"
"$CIRT" verify --db g.db >/dev/null || fail "verify"
end

begin ":evidence adds items to a numbered list, :evidence -N takes one out; bundles carry them"
session h.db ":evidence Penal Code, art. 12" ":evidence Court statistics 2025" ":evidence Gazette No. 60" ":evidence -2" ":evidence -7" yes
expect_status 0
expect_out "    3) Gazette No. 60"
expect_out "there is no evidence item of that number"
[ "$(sqlite3 h.db "SELECT evidence FROM answer WHERE question_id = 'L1'")" = "$(printf 'Penal Code, art. 12\nGazette No. 60')" ] ||
	fail "stored: $(sqlite3 h.db "SELECT evidence FROM answer")"
"$CIRT" export --country KE --db h.db -o h.json >/dev/null 2>&1 || fail "export"
run "$CIRT" merge h.json --db h2.db
expect_status 0
[ "$(sqlite3 h2.db "SELECT evidence FROM answer WHERE question_id = 'L1'")" = "$(printf 'Penal Code, art. 12\nGazette No. 60')" ] ||
	fail "the merged list"
"$CIRT" answers --country KE --db h.db --format csv >h.csv
run "$CIRT" import --yes h.csv --country KE --cycle 2025 --db h.db
expect_status 0
"$CIRT" verify --db h2.db >/dev/null || fail "verify"
end
