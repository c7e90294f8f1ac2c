# Sessions in a real terminal (tmux), killed at random moments, and
# sharing the database with other writers.
. "$(dirname "$0")/lib.sh"
plan 7

EXAMPLE=$ROOT/questionnaires/example.xml
export CIRT_ASSESSOR="Ana Diaz"
export CIRT_QUESTIONNAIRE="$EXAMPLE"
ANSWERS="yes 2 2019-05-01 3 1,3 12 lab no yes"

sql() {
	sqlite3 "$1" "$2"
}

# ---- a terminal session through tmux ------------------------------------

TMUX_SOCKET="cirt-test-$$"
tmux_cmd() {
	tmux -L "$TMUX_SOCKET" "$@"
}

# wait_screen TEXT: until the pane shows TEXT (5 s at most)
wait_screen() {
	i=0
	while [ $i -lt 50 ]; do
		tmux_cmd capture-pane -p -t cirt >screen.txt 2>/dev/null
		grep -qF -- "$1" screen.txt && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

begin "a terminal session edits lines with libedit, uses colour, and saves on Ctrl-C"
tmux_cmd new-session -d -s cirt -x 100 -y 40 \
	"cd '$WORK' && TERM=screen '$CIRT' run --country KE --db tty.db; echo EXITED \$?; sleep 30"
# a country with no assessment yet is named in full and confirmed first
if ! wait_screen "Start the assessment of Kenya (KE), 20"; then
	fail "no confirmation: $(cat screen.txt)"
fi
tmux_cmd send-keys -t cirt "y" Enter
if ! wait_screen "L1>"; then
	fail "no prompt: $(cat screen.txt)"
else
	grep -q "Recording as: Ana Diaz" screen.txt || fail "the screen does not say who records"
	# type "yex", erase the x, finish with "s": libedit edits the line
	tmux_cmd send-keys -t cirt "yex" BSpace "s" Enter
	wait_screen "Question 2 of 5" || fail "yes was not taken: $(cat screen.txt)"
	tmux_cmd capture-pane -p -e -t cirt >colour.txt
	grep -q "$(printf '\033')\[1m" colour.txt || fail "no bold on a terminal"
	# the up arrow brings back the last line
	tmux_cmd send-keys -t cirt Up Enter
	wait_screen "choose a level from the list" || fail "history: $(cat screen.txt)"
	# Ctrl-C once says how to stop; twice stops
	tmux_cmd send-keys -t cirt C-c
	wait_screen "Ctrl-C again, or :quit, stops the session" || fail "no word after one Ctrl-C"
	tmux_cmd send-keys -t cirt C-c
	wait_screen "EXITED 0" || fail "Ctrl-C did not end the session: $(cat screen.txt)"
	grep -q "Interrupted." screen.txt || fail "no word of the interruption"
	grep -q "Resume with: cirt run --country KE --cycle 20[0-9]* --db tty.db" screen.txt ||
		fail "no resume command: $(cat screen.txt)"
	[ "$(sql tty.db "SELECT value FROM answer WHERE question_id = 'L1'")" = yes ] ||
		fail "the answer was not saved"
fi
tmux_cmd kill-server 2>/dev/null
end

for cols in 70 120; do
	begin "at $cols columns: Ctrl-C, numbering, confirmations, Enter, evidence, :attach, :list, the hide warning; lines wrap at words"
	TMUX_SOCKET="cirt-test-$$-$cols"
	tmux_cmd new-session -d -s cirt -x $cols -y 50 \
		"cd '$WORK' && TERM=screen '$CIRT' run --yes --country FR --db cols$cols.db; echo EXITED \$?; sleep 30"
	if ! wait_screen "L1>"; then
		fail "no prompt: $(cat screen.txt)"
	else
		tmux_cmd send-keys -t cirt "yes" Enter
		wait_screen "✓ L1: yes" || fail "no confirmation of what was saved: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt "half typed"
		tmux_cmd send-keys -t cirt C-c
		sleep 0.3
		tmux_cmd send-keys -t cirt ":goto L1" Enter
		wait_screen "Current answer: yes" || fail "the half-typed line was not cleared: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt "na" Enter
		wait_screen "Reason for the change" || fail "no reason asked: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt C-c
		wait_screen "Not changed." || fail "Ctrl-C at the reason did not cancel: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt ":note The penal code was amended in 2023 to cover unauthorised access to computer systems and data" Enter
		wait_screen "Note saved" || fail "the note: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt ":goto L1" Enter
		sleep 0.5
		tmux_cmd capture-pane -p -t cirt >screen.txt
		# no line is wider than the window, and no word is cut in two
		awk -v c=$cols 'length($0) > c { bad = 1 } END { exit bad }' screen.txt || fail "a line wider than $cols"
		grep -q "unauthorised" screen.txt || fail "a word was cut: $(grep -A3 'Note' screen.txt)"
		# numbers from 1, a level said as such, Enter keeps
		tmux_cmd send-keys -t cirt ":goto L2" Enter
		wait_screen "    1) Not at all" || fail "scale not numbered from 1: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt "3" Enter
		wait_screen "✓ L2: Regularly (level 2)" || fail "no level: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt ":goto L2" Enter
		sleep 0.3
		tmux_cmd send-keys -t cirt Enter
		wait_screen "✓ L2: Regularly (level 2) · kept" || fail "Enter did not keep"
		tmux_cmd send-keys -t cirt ":back" Enter
		sleep 0.3
		# evidence as a list, a file attached, the questions listed
		tmux_cmd send-keys -t cirt ":evidence Court statistics 2025" Enter
		tmux_cmd send-keys -t cirt ":evidence Annual report of the prosecutor" Enter
		wait_screen "    2) Annual report of the prosecutor" || fail "no evidence list"
		printf 'Act No. 5 of 2018\n' >"$WORK/act$cols.txt"
		tmux_cmd send-keys -t cirt ":attach $WORK/act$cols.txt" Enter
		wait_screen "act$cols.txt (text/plain, 18 bytes" || fail "no attachment: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt ":list all" Enter
		wait_screen "All questions · 3." || fail "no list: $(cat screen.txt)"
		grep -q "  >    2 L2       Regularly (2)  \[Evidence\]" screen.txt || fail "list row: $(grep L2 screen.txt)"
		# a change that hides answered questions is named and confirmed
		tmux_cmd send-keys -t cirt ":goto L1" Enter
		tmux_cmd send-keys -t cirt "no" Enter
		wait_screen "L2: Regularly (2)" || fail "no warning: $(cat screen.txt)"
		tmux_cmd send-keys -t cirt "n" Enter
		wait_screen "Not changed." || fail "not refused"
		tmux_cmd capture-pane -p -t cirt >screen.txt
		awk -v c=$cols 'length($0) > c { bad = 1 } END { exit bad }' screen.txt || fail "a line wider than $cols"
		tmux_cmd send-keys -t cirt ":quit" Enter
		wait_screen "EXITED 0" || fail "no end"
		[ "$(sql cols$cols.db "SELECT value FROM answer WHERE question_id = 'L1'")" = yes ] ||
			fail "the cancelled change was saved"
		[ "$(sql cols$cols.db "SELECT value FROM answer WHERE question_id = 'L2'")" = 2 ] ||
			fail "L2 is not level 2"
	fi
	tmux_cmd kill-server 2>/dev/null
	end
done

begin "NO_COLOR turns colour off in a terminal"
TMUX_SOCKET="cirt-test-$$-nocolour"
tmux_cmd new-session -d -s cirt -x 100 -y 40 \
	"cd '$WORK' && TERM=screen NO_COLOR=1 '$CIRT' run --yes --country KE --db nocolour.db; sleep 30"
if wait_screen "L1>"; then
	tmux_cmd capture-pane -p -e -t cirt >colour.txt
	grep -q "$(printf '\033')\[1m" colour.txt && fail "colour despite NO_COLOR"
else
	fail "no prompt"
fi
tmux_cmd kill-server 2>/dev/null
end

# ---- SIGKILL at random moments ------------------------------------------

# a random delay of up to 0.15 s
random_delay() {
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	printf '0.%03d' $((n % 150))
}

begin "50 kills at random moments lose no confirmed answer and never damage the database"
kills=0
confirmed_total=0
for i in $(seq 1 50); do
	rm -f k.db k.db-wal k.db-shm
	# answers arrive one every 10 ms, so that kills land mid-session
	# shellcheck disable=SC2086
	(for a in $ANSWERS; do echo "$a"; sleep 0.01; done) |
		"$CIRT" run --yes --country KE --cycle 2026 --db k.db >k.out 2>&1 &
	pid=$!
	sleep "$(random_delay)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	# every prompt after the first shows only once the answer before it is committed
	prompts=$(grep -o '^[A-Z][0-9]*> ' k.out | tr -d '> ' | tr '\n' ' ')
	confirmed=$(echo "$prompts" | awk '{ for (i = 1; i < NF; i++) printf "%s ", $i }')
	[ -e k.db ] || { [ -z "$confirmed" ] || fail "run $i: no database, but $confirmed confirmed"; continue; }
	[ "$(sql k.db 'PRAGMA integrity_check')" = ok ] || fail "run $i: integrity check failed"
	for q in $confirmed; do
		confirmed_total=$((confirmed_total + 1))
		[ "$(sql k.db "SELECT state FROM answer WHERE question_id = '$q'")" = value ] ||
			fail "run $i: confirmed answer to $q lost (prompts: $prompts)"
	done
	"$CIRT" verify --db k.db >/dev/null 2>&1 || [ "$(sql k.db 'SELECT count(*) FROM assessment')" = 0 ] ||
		fail "run $i: verify failed: $("$CIRT" verify --db k.db 2>&1)"
done
echo "# $kills kills, $confirmed_total confirmed answers checked"
end

# ---- other writers --------------------------------------------------------

# open_session NAME COUNTRY: a session fed through a FIFO on descriptor 3/4
begin "an import into the same database while a session waits for input"
mkfifo fa
"$CIRT" run --yes --country KE --cycle 2026 --db c.db <fa >a.out 2>&1 &
pa=$!
exec 3>fa
echo yes >&3
i=0
while ! grep -q "L2> " a.out && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
printf 'question_id,value,evidence,comment\nL1,no,,\nT1,planned,,\n' >fr.csv
run "$CIRT" import --yes fr.csv --country FR --cycle 2026 --db c.db
expect_status 0
echo 2 >&3
echo 2019-05-01 >&3
exec 3>&-
wait $pa || fail "the session failed: $(cat a.out)"
[ "$(sql c.db "SELECT count(*) FROM answer a JOIN assessment s ON s.id = a.assessment_id WHERE s.country = 'KE'")" = 3 ] ||
	fail "KE answers: $(sql c.db 'SELECT * FROM answer')"
[ "$(sql c.db "SELECT count(*) FROM answer a JOIN assessment s ON s.id = a.assessment_id WHERE s.country = 'FR'")" = 2 ] ||
	fail "FR answers"
"$CIRT" verify --db c.db >verify.txt || fail "verify: $(cat verify.txt)"
end

begin "two sessions on different countries at once both finish, nothing lost"
mkfifo fk ff
"$CIRT" run --yes --country KE --cycle 2026 --db two.db <fk >k2.out 2>&1 &
pk=$!
"$CIRT" run --yes --country FR --cycle 2026 --db two.db <ff >f2.out 2>&1 &
pf=$!
exec 3>fk 4>ff
# shellcheck disable=SC2086
for a in $ANSWERS; do
	echo "$a" >&3
	echo "$a" >&4
done
exec 3>&- 4>&-
wait $pk || fail "KE session failed: $(tail -n 3 k2.out)"
wait $pf || fail "FR session failed: $(tail -n 3 f2.out)"
for c in KE FR; do
	n=$(sql two.db "SELECT count(*) FROM answer a JOIN assessment s ON s.id = a.assessment_id WHERE s.country = '$c' AND a.state = 'value'")
	[ "$n" = 9 ] || fail "$c has $n answers"
done
"$CIRT" verify --db two.db >verify.txt || fail "verify: $(cat verify.txt)"
end
