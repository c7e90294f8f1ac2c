# End-to-end tests of the team's findings: `cirt findings` with a file,
# standard input and an editor; `:finding` in a session, piped and in a
# real terminal; findings in bundles, merges, conflicts and `cirt verify`.
. "$(dirname "$0")/lib.sh"
plan 19

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
export CIRT_ASSESSOR="Ana Díaz"
unset EDITOR VISUAL
# the editors' temporary files go here, to be looked for
export TMPDIR="$WORK/tmp"
mkdir -p "$TMPDIR"

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

# An editor: it keeps what it was given (given.txt), the mode of the file
# and its path, then writes $NEW_TEXT (or
# appends a line when NEW_TEXT is unset) and exits with $EDITOR_STATUS.
cat >editor.sh <<'SH'
#!/bin/sh
# the file is the last argument
for f; do :; done
cp "$f" "$(dirname "$0")/given.txt"
stat -c %a "$f" >"$(dirname "$0")/mode.txt"
echo "$f" >"$(dirname "$0")/path.txt"
if [ "${NEW_TEXT+set}" = set ]; then
	printf '%s' "$NEW_TEXT" >"$f"
else
	printf 'Added in the editor.\n' >>"$f"
fi
exit "${EDITOR_STATUS:-0}"
SH
chmod +x editor.sh
EDIT="$WORK/editor.sh"

printf 'question_id,value,evidence,comment\nL1,yes,"Penal Code, art. 12",\nT1,operational,,\n' >base.csv
"$CIRT" import --yes base.csv --country KE --db f.db >/dev/null || fail "the base"
: >empty.txt

entries() {
	sql "$1" "SELECT count(*) FROM history"
}

begin "--file writes the executive summary into the history and the findings table"
printf 'The team met five ministries.\n\nThe CIRT is young.\n' >summary.txt
run "$CIRT" findings --country KE --db f.db --file summary.txt
expect_status 0
expect_out "Recorded the executive summary of KE 20"
expect_out "(49 bytes)."
[ "$(sql f.db "SELECT pillar || '|' || text || '|' || recorded_by FROM finding")" = "|The team met five ministries.

The CIRT is young.|Ana Díaz" ] || fail "the row: $(sql f.db 'SELECT * FROM finding')"
[ "$(sql f.db "SELECT question_id || '|' || field || '|' || ifnull(old_value, 'NULL') || '|' || changed_by FROM history ORDER BY seq DESC LIMIT 1")" = "|finding||Ana Díaz" ] ||
	fail "the history: $(sql f.db 'SELECT * FROM history ORDER BY seq DESC LIMIT 1')"
run "$CIRT" verify --db f.db
expect_status 0
expect_out "KE 20"
expect_out "history ok"
end

begin "standard input with Windows line ends, and --pillar by id and by number"
printf 'The law dates from 2009.\r\n\r\nIt is enforced.\r\n' |
	"$CIRT" findings --country KE --db f.db --pillar legal --file - >in.out 2>&1 ||
	fail "stdin: $(cat in.out)"
grep -q "Recorded the findings on pillar 1 (legal) of KE 20.* (41 bytes)." in.out || fail "$(cat in.out)"
[ "$(sql f.db "SELECT hex(text) FROM finding WHERE pillar = 'legal'")" = \
	"$(printf 'The law dates from 2009.\n\nIt is enforced.' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ] ||
	fail "CRLF kept: $(sql f.db "SELECT hex(text) FROM finding WHERE pillar = 'legal'")"
printf 'A national CIRT operates.\n' >tech.txt
run "$CIRT" findings --country KE --db f.db --pillar 2 --file tech.txt
expect_status 0
expect_out "Recorded the findings on pillar 2 (technical) of KE 20"
run "$CIRT" findings --country KE --db f.db --pillar TECHNICAL --file tech.txt
expect_status 0
expect_out "Unchanged: the findings on pillar 2 (technical) of KE 20"
expect_out "nothing was recorded."
end

begin "an unknown pillar is refused with the ones there are, and nothing is written"
before=$(dump f.db)
for k in 0 4 nope 1x ""; do
	run "$CIRT" findings --country KE --db f.db --pillar "$k" --file tech.txt
	expect_status 2
	expect_err "questionnaire 'example' has no pillar '$k'; name one by its id (legal, technical, cooperation) or its number (1 to 3)"
	expect_err "Try 'cirt findings --help'."
done
[ "$(dump f.db)" = "$before" ] || fail "the database changed"
end

begin "the same text again records nothing; an empty text removes, and is recorded"
n=$(entries f.db)
run "$CIRT" findings --country KE --db f.db --file summary.txt
expect_status 0
expect_out "Unchanged: the executive summary of KE 20"
[ "$(entries f.db)" = "$n" ] || fail "an entry was added"
# blank lines and spaces around it are no change either
printf '\n\n  The team met five ministries.\n\nThe CIRT is young.  \n\n\n' |
	"$CIRT" findings --country KE --db f.db --file - >same.out
grep -q "^Unchanged: " same.out || fail "$(cat same.out)"
printf '\n  \n' | "$CIRT" findings --country KE --db f.db --pillar technical --file - >rm.out
grep -q "^Removed the findings on pillar 2 (technical) of KE 20[0-9]*\.$" rm.out || fail "$(cat rm.out)"
[ "$(sql f.db "SELECT count(*) FROM finding WHERE pillar = 'technical'")" = 0 ] || fail "still there"
[ "$(sql f.db "SELECT old_value || '>' || new_value || '<' FROM history ORDER BY seq DESC LIMIT 1")" = \
	"A national CIRT operates.><" ] || fail "the removal is not in the history"
[ "$(entries f.db)" = $((n + 1)) ] || fail "entries: $(entries f.db)"
# removing what is not there is no change
run "$CIRT" findings --country KE --db f.db --pillar technical --file empty.txt
expect_status 0
expect_out "Unchanged: the findings on pillar 2 (technical)"
[ "$(entries f.db)" = $((n + 1)) ] || fail "entries: $(entries f.db)"
"$CIRT" verify --db f.db >/dev/null || fail "verify"
end

begin "invalid UTF-8, control characters and texts too long are refused, nothing changes"
before=$(dump f.db)
printf 'fine\nnot \377 UTF-8\n' >utf8.txt
run "$CIRT" findings --country KE --db f.db --file utf8.txt
expect_status 3
expect_err "cirt: utf8.txt:2: the text is not valid UTF-8; nothing was recorded"
printf 'one\ntwo\nred \033[31m\n' >escape.txt
run "$CIRT" findings --country KE --db f.db --pillar legal --file escape.txt
expect_status 3
expect_err "cirt: escape.txt:3: control characters (such as escape sequences) are not allowed; nothing was recorded"
run sh -c "printf 'a\\000b' | \"\$CIRT\" findings --country KE --db f.db --file -"
expect_status 3
expect_err "cirt: standard input, line 1: control characters"
python3 -c "import sys; sys.stdout.write('é' * 10000 + 'x')" >long.txt
run "$CIRT" findings --country KE --db f.db --file long.txt
expect_status 3
expect_err "cirt: long.txt: the text is too long (20001 > 20000 bytes); nothing was recorded"
run "$CIRT" findings --country KE --db f.db --file missing.txt
expect_status 4
expect_err "cirt: missing.txt: cannot open: No such file or directory; nothing was recorded"
[ "$(dump f.db)" = "$before" ] || fail "the database changed"
# 20000 bytes exactly are taken
python3 -c "import sys; sys.stdout.write('é' * 10000 + '\r\n')" >max.txt
run "$CIRT" findings --country KE --db f.db --pillar cooperation --file max.txt
expect_status 0
expect_out "(20000 bytes)"
end

begin "\$EDITOR edits the current text in a private temporary file that is removed"
run env EDITOR="$EDIT" "$CIRT" findings --country KE --db f.db --pillar legal
expect_status 0
expect_out "Recorded the findings on pillar 1 (legal)"
[ "$(cat given.txt)" = "The law dates from 2009.

It is enforced." ] || fail "given: $(cat given.txt)"
[ "$(cat mode.txt)" = 600 ] || fail "mode $(cat mode.txt)"
case "$(cat path.txt)" in "$TMPDIR"/cirt-finding-*.txt) ;; *) fail "path $(cat path.txt)" ;; esac
[ -e "$(cat path.txt)" ] && fail "the temporary file is left"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
[ "$(sql f.db "SELECT text FROM finding WHERE pillar = 'legal'")" = "The law dates from 2009.

It is enforced.
Added in the editor." ] || fail "the text: $(sql f.db "SELECT text FROM finding WHERE pillar = 'legal'")"
# an editor command with arguments, and VISUAL when EDITOR is unset
run env VISUAL="$EDIT --wait" NEW_TEXT="Cooperation is regional." "$CIRT" findings --country KE \
	--db f.db --pillar 3
expect_status 0
[ "$(sql f.db "SELECT text FROM finding WHERE pillar = 'cooperation'")" = "Cooperation is regional." ] ||
	fail "VISUAL was not used"
# EDITOR comes first
run env EDITOR="$EDIT" VISUAL=false NEW_TEXT="Cooperation is regional and global." "$CIRT" findings \
	--country KE --db f.db --pillar 3
expect_status 0
# saved unchanged: nothing recorded
n=$(entries f.db)
run env EDITOR="$EDIT" NEW_TEXT="Cooperation is regional and global.
" "$CIRT" findings --country KE --db f.db --pillar cooperation
expect_status 0
expect_out "Unchanged: the findings on pillar 3 (cooperation)"
[ "$(entries f.db)" = "$n" ] || fail "an entry was added"
end

begin "an editor that fails, a refused text, or no editor at all: nothing recorded, no file left"
before=$(dump f.db)
run env EDITOR="$EDIT" EDITOR_STATUS=1 "$CIRT" findings --country KE --db f.db
expect_status 3
expect_err "cirt: the editor '$EDIT' failed (exit status 1); nothing was recorded"
run env EDITOR="$EDIT" NEW_TEXT="$(printf 'bell \007')" "$CIRT" findings --country KE --db f.db
expect_status 3
expect_err "cirt: the executive summary, line 1: control characters"
run env EDITOR=no-such-editor-here "$CIRT" findings --country KE --db f.db
expect_status 3
expect_err "the editor 'no-such-editor-here' failed (exit status 127)"
run "$CIRT" findings --country KE --db f.db
expect_status 2
expect_err "cirt: no editor to write the text in: set EDITOR (or VISUAL), or give the text with --file PATH, or --file - for standard input"
[ "$(dump f.db)" = "$before" ] || fail "the database changed"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
end

begin "cirt terminated while the editor runs ends the editor and removes the file"
cat >slow-editor.sh <<'SH'
#!/bin/sh
echo "$1" >"$(dirname "$0")/slow-path.txt"
echo $$ >"$(dirname "$0")/slow-pid.txt"
exec sleep 30
SH
chmod +x slow-editor.sh
# what cirt keeps (a killed process leaves its claim, taken over at once)
kept() {
	sql "$1" "SELECT * FROM history; SELECT * FROM finding" | md5sum
}
before=$(kept f.db)
EDITOR="$WORK/slow-editor.sh" "$CIRT" findings --country KE --db f.db --pillar 2 >slow.out 2>&1 &
pc=$!
wait_for slow-pid.txt "" && wait_for slow-path.txt "cirt-finding-" || fail "the editor did not start"
kill -TERM $pc
wait $pc 2>/dev/null
status=$?
[ $status -eq 143 ] || fail "exit status $status"
sleep 0.2
[ -e "$(cat slow-path.txt)" ] && fail "the file is left: $(cat slow-path.txt)"
# ended: gone, or a zombie not yet reaped
state=$(awk '{ print $3 }' "/proc/$(cat slow-pid.txt)/stat" 2>/dev/null)
[ -n "$state" ] && [ "$state" != Z ] && fail "the editor still runs ($state)"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
[ "$(kept f.db)" = "$before" ] || fail "the database changed"
end

begin "--list: the summary first, then the pillars in the questionnaire's order, with who and when"
# cooperation was written before legal; a finding by another assessor
printf 'Cooperation, seen by Jean.\n' |
	CIRT_ASSESSOR="Jean Dupont" "$CIRT" findings --country KE --db f.db --pillar cooperation --file - >/dev/null
run "$CIRT" findings --country KE --db f.db --list
expect_status 0
grep -n '' "$out" | grep -E '^[0-9]+:(Executive summary|Pillar)' >heads.txt
[ "$(cut -d: -f2- heads.txt | sed 's/ · [^·]*$//')" = "Executive summary
Pillar 1 · Legal measures (legal)
Pillar 3 · Cooperation (cooperation)" ] || fail "headings: $(cat heads.txt)"
grep -q "^Executive summary · Ana Díaz, 20[0-9-]*T[0-9:.]*Z$" "$out" || fail "who and when"
grep -q "^Pillar 3 · Cooperation (cooperation) · Jean Dupont, 20" "$out" || fail "Jean"
expect_out "    The team met five ministries."
expect_out "    Cooperation, seen by Jean."
# in French, the pillars' titles and the labels too
run "$CIRT" findings --country KE --db f.db --list --lang fr
expect_out "Synthèse · Ana Díaz"
expect_out "Pilier 1 · "
# --list with other options, and an assessment without findings
run "$CIRT" findings --country KE --db f.db --list --pillar 1
expect_status 2
expect_err "--list takes neither --pillar nor --file"
"$CIRT" import --yes base.csv --country FR --db f.db >/dev/null
run "$CIRT" findings --country FR --db f.db --list
expect_status 0
expect_out "FR 20"
expect_out "has no executive summary or findings yet; write them with: cirt findings --country FR"
end

begin "a final assessment refuses findings; a session holding the assessment too"
"$CIRT" finalize --yes --country FR --db f.db >/dev/null || fail "finalize"
before=$(dump f.db)
run "$CIRT" findings --country FR --db f.db --file summary.txt
expect_status 3
expect_err "the assessment of FR 20"
expect_err "is final; to change it, reopen it with: cirt reopen --country FR"
[ "$(dump f.db)" = "$before" ] || fail "the final assessment changed"
mkfifo fa
"$CIRT" run --country KE --db f.db <fa >a.out 2>&1 &
pa=$!
exec 3>fa
wait_for a.out "> " || fail "the session did not start: $(cat a.out)"
before=$(dump f.db)
run "$CIRT" findings --country KE --db f.db --file summary.txt --pillar 2
expect_status 3
expect_err "the assessment of KE 20"
expect_err "is being changed by Ana Díaz ('cirt run', process $pa on"
expect_err "nothing was recorded"
[ "$(dump f.db)" = "$before" ] || fail "the database changed"
echo ":quit" >&3
exec 3>&-
wait $pa
end

begin "a new country's assessment starts with its first finding, with --yes in a script"
run "$CIRT" findings --country TZ --db f.db --file summary.txt
expect_status 2
expect_err "Tanzania"
expect_err "say so with --yes"
run "$CIRT" findings --yes --country TZ --db f.db --file summary.txt
expect_status 0
expect_out "Recorded the executive summary of TZ 20"
[ "$(sql f.db "SELECT field FROM history h JOIN assessment a ON a.id = h.assessment_id WHERE a.country = 'TZ' ORDER BY seq" | tr '\n' ' ')" = "created finding " ] ||
	fail "the history of TZ"
# an empty text starts nothing
run "$CIRT" findings --yes --country UG --db f.db --file empty.txt
expect_status 0
[ "$(sql f.db "SELECT count(*) FROM assessment WHERE country = 'UG'")" = 0 ] || fail "UG made"
# discarding removes the findings with the rest
"$CIRT" discard --yes --country TZ --cycle "$(sql f.db "SELECT cycle FROM assessment WHERE country = 'TZ'")" \
	--db f.db >/dev/null || fail "discard"
[ "$(sql f.db "SELECT count(*) FROM finding f LEFT JOIN assessment a ON a.id = f.assessment_id WHERE a.id IS NULL")" = 0 ] ||
	fail "findings left behind"
"$CIRT" verify --db f.db >/dev/null || fail "verify"
end

begin ":finding and :finding K in a session: the editor, a ✓, and the help lists it"
printf 'question_id,value,evidence,comment\nL1,yes,,\n' >one.csv
"$CIRT" import --yes one.csv --country GH --db s.db >/dev/null
# a session on GH in s.db, reading the file named by $1
SESSION='"$CIRT" run --country GH --db s.db <"$1"'

printf ':finding\n:finding 2\n:finding cooperation\n:finding 9\n:finding\n:help\n:quit\n' >s.txt
run env EDITOR="$EDIT" NEW_TEXT="Written in a session." sh -c "$SESSION" sh s.txt
expect_status 0
expect_out "✓ Executive summary: text saved"
expect_out "✓ Findings on pillar 2 · Technical and procedural measures: text saved"
expect_out "✓ Findings on pillar 3 · Cooperation: text saved"
expect_out "There is no such pillar; choose 1-3"
expect_out "Unchanged; nothing was recorded."
expect_out ":finding [K]   write the executive summary, or the findings on pillar K"
[ "$(sql s.db "SELECT group_concat(pillar || '=' || text, ';') FROM (SELECT * FROM finding ORDER BY seq)")" = \
	"=Written in a session.;technical=Written in a session.;cooperation=Written in a session." ] ||
	fail "$(sql s.db 'SELECT * FROM finding')"
# an empty text removes; a refused one says why and the session goes on
printf ':finding 2\n:finding\n:quit\n' >s2.txt
run env EDITOR="$EDIT" NEW_TEXT="" sh -c "$SESSION" sh s2.txt
expect_status 0
expect_out "✓ Findings on pillar 2 · Technical and procedural measures: text removed"
expect_out "✓ Executive summary: text removed"
printf ':finding\n:quit\n' >s3.txt
run env EDITOR="$EDIT" NEW_TEXT="$(printf 'bad \033[1m')" sh -c "$SESSION" sh s3.txt
expect_status 0
expect_out "Nothing was recorded: line 1: control characters (such as escape sequences) are not allowed"
# without an editor the session says how to name one
printf ':finding\n:quit\n' >s4.txt
run sh -c "$SESSION --lang fr" sh s4.txt
expect_status 0
expect_out "Aucun éditeur : indiquez-en un dans EDITOR (ou VISUAL), par exemple EDITOR=nano."
[ "$(sql s.db "SELECT pillar FROM finding")" = cooperation ] || fail "$(sql s.db 'SELECT * FROM finding')"
"$CIRT" verify --db s.db >/dev/null || fail "verify"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
end

# ---- a terminal session through tmux ------------------------------------

TMUX_SOCKET="cirt-findings-$$"
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

begin "in a terminal, :finding gives the editor the terminal, and the session goes on after it"
# an editor that waits for a line typed in the terminal, as a person would
cat >tty-editor.sh <<'SH'
#!/bin/sh
if [ -t 0 ] && [ -t 1 ]; then t=terminal; else t=none; fi
echo "$t" >"$(dirname "$0")/tty.txt"
printf 'EDITING %s\n' "$1"
IFS= read -r line
printf '%s\n' "$line" >"$1"
SH
chmod +x tty-editor.sh
"$CIRT" import --yes one.csv --country GH --db tty.db >/dev/null
tmux_cmd new-session -d -s cirt -x 100 -y 40 \
	"cd '$WORK' && TERM=screen EDITOR='$WORK/tty-editor.sh' '$CIRT' run --country GH --db tty.db; echo EXITED \$?; sleep 30"
if ! wait_screen "L2>"; then
	fail "no prompt: $(cat screen.txt)"
else
	tmux_cmd send-keys -t cirt ":finding legal" Enter
	wait_screen "EDITING $TMPDIR/cirt-finding-" || fail "the editor did not start: $(cat screen.txt)"
	tmux_cmd send-keys -t cirt "Typed in the editor." Enter
	wait_screen "✓ Findings on pillar 1 · Legal measures: text saved" ||
		fail "no confirmation: $(cat screen.txt)"
	[ "$(cat tty.txt)" = terminal ] || fail "the editor had no terminal"
	# libedit reads lines again: type, erase, answer
	tmux_cmd send-keys -t cirt "3x" BSpace Enter
	wait_screen "✓ L2: Regularly (level 2)" || fail "the session did not go on: $(cat screen.txt)"
	tmux_cmd send-keys -t cirt ":quit" Enter
	wait_screen "EXITED 0" || fail "did not end: $(cat screen.txt)"
	[ "$(sql tty.db "SELECT text FROM finding WHERE pillar = 'legal'")" = "Typed in the editor." ] ||
		fail "$(sql tty.db 'SELECT * FROM finding')"
fi
tmux_cmd kill-server 2>/dev/null
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
end

# ---- two laptops ----------------------------------------------------------

begin "bundles carry findings: export, merge into an empty database, verify"
CIRT_ASSESSOR=Ana "$CIRT" findings --country KE --db f.db --pillar technical --file tech.txt >/dev/null
run "$CIRT" export --country KE --db f.db -o ke.json
expect_status 0
python3 - ke.json <<'PY' || fail "the bundle"
import json, sys
d = json.load(open(sys.argv[1]))
f = [h for h in d["history"] if h["field"] == "finding"]
assert [h["question_id"] for h in f][:2] == ["", "legal"], f
assert f[0]["new_value"].startswith("The team met five ministries.\n\n"), f[0]
PY
run env CIRT_ASSESSOR="Jean Dupont" "$CIRT" merge ke.json --db jean.db
expect_status 0
expect_out "new here"
[ "$(sql jean.db "SELECT group_concat(pillar || ':' || recorded_by || ':' || text, '|') FROM (SELECT * FROM finding ORDER BY seq)")" = \
	"$(sql f.db "SELECT group_concat(pillar || ':' || recorded_by || ':' || text, '|') FROM (SELECT f.* FROM finding f JOIN assessment a ON a.id = f.assessment_id WHERE a.country = 'KE' ORDER BY seq)")" ] ||
	fail "the findings differ"
"$CIRT" verify --db jean.db >/dev/null || fail "verify"
run "$CIRT" merge ke.json --db jean.db
expect_out "nothing new"
end

begin "the same finding changed on two laptops is a conflict that cirt resolve settles"
printf 'Ana: the law is enforced.\n' >ana.txt
printf 'Jean: the law is rarely enforced.\n' >jean.txt
CIRT_ASSESSOR=Ana "$CIRT" findings --country KE --db f.db --pillar legal --file ana.txt >/dev/null
CIRT_ASSESSOR="Jean Dupont" "$CIRT" findings --country KE --db jean.db --pillar 1 --file jean.txt >/dev/null
# Jean also writes a finding Ana never touched: it merges cleanly
printf 'Jean on cooperation.\n' |
	CIRT_ASSESSOR="Jean Dupont" "$CIRT" findings --country KE --db jean.db --pillar 3 --file - >/dev/null
CIRT_ASSESSOR="Jean Dupont" "$CIRT" export --country KE --db jean.db -o jean.json >/dev/null
run "$CIRT" merge jean.json --db f.db
expect_status 0
expect_out "1 conflict opened"
expect_out "conflict in KE 20"
expect_out "over the findings on pillar legal:"
# the later text shows until it is settled
# (wrapped at 80 columns, under itself)
expect_out "  1) \"Jean: the law is rarely enforced.\" (33 bytes) (Jean Dupont,"
grep -q '^     20[-0-9]*T[:.0-9]*Z), shown until it is settled$' "$out" || fail "its second line: $(cat "$out")"
expect_out "  2) \"Ana: the law is enforced.\" (25 bytes) (Ana, 20"
expect_out "settle it: cirt resolve --country KE --cycle 20"
expect_out "--field finding legal --take 1|2 --reason TEXT"
[ "$(sql f.db "SELECT text FROM finding WHERE pillar = 'cooperation'")" = "Jean on cooperation." ] ||
	fail "Jean's other finding"
[ "$(sql f.db "SELECT question_id || ':' || field FROM conflict")" = "legal:finding" ] ||
	fail "the conflict row: $(sql f.db 'SELECT * FROM conflict')"
"$CIRT" verify --db f.db >/dev/null || fail "verify with the conflict open"
run "$CIRT" conflicts --country KE --db f.db
expect_out "KE 20"
expect_out "1 open conflict"
# a finding's conflict is settled with --field finding, not as a question
run "$CIRT" resolve --country KE --db f.db legal --take 2 --reason "no"
expect_status 3
run "$CIRT" resolve --country KE --db f.db --field finding 2 --take 2 --reason "no"
expect_status 3
expect_err "technical is not in conflict in KE 20"
run "$CIRT" resolve --country KE --db f.db --field finding 1 --answer "$(printf 'bad \033')" --reason "x"
expect_status 2
run "$CIRT" resolve --country KE --db f.db --field finding 1 --take 2 \
	--reason "the court statistics were checked"
expect_status 0
expect_out "Settled the findings on pillar legal in KE 20"
expect_out ": \"Ana: the law is enforced.\" (25 bytes) (the court statistics were checked)."
[ "$(sql f.db "SELECT text FROM finding WHERE pillar = 'legal'")" = "Ana: the law is enforced." ] ||
	fail "not the choice"
[ "$(sql f.db "SELECT count(*) FROM conflict")" = 0 ] || fail "still open"
"$CIRT" verify --db f.db >/dev/null || fail "verify"
# back on Jean's laptop the choice settles it the same way
CIRT_ASSESSOR=Ana "$CIRT" export --country KE --db f.db -o ana.json >/dev/null
run "$CIRT" merge ana.json --db jean.db
expect_status 0
[ "$(sql jean.db "SELECT group_concat(pillar || '=' || text, '|') FROM (SELECT * FROM finding ORDER BY pillar)")" = \
	"$(sql f.db "SELECT group_concat(pillar || '=' || text, '|') FROM (SELECT f.* FROM finding f JOIN assessment a ON a.id = f.assessment_id WHERE a.country = 'KE' ORDER BY pillar)")" ] ||
	fail "the laptops differ"
[ "$(sql jean.db "SELECT count(*) FROM conflict")" = 0 ] || fail "open on Jean's laptop"
"$CIRT" verify --db jean.db >/dev/null || fail "verify Jean's"
end

begin "a conflict over the executive summary is settled with --field finding alone"
printf 'Summary by Ana.\n' | CIRT_ASSESSOR=Ana "$CIRT" findings --country KE --db f.db --file - >/dev/null
printf 'Summary by Jean.\n' | CIRT_ASSESSOR="Jean Dupont" "$CIRT" findings --country KE --db jean.db --file - >/dev/null
CIRT_ASSESSOR="Jean Dupont" "$CIRT" export --country KE --db jean.db -o jean2.json >/dev/null
run "$CIRT" merge jean2.json --db f.db
expect_out "over the executive summary:"
expect_out "--field finding --take 1|2 --reason TEXT"
run "$CIRT" resolve --country KE --db f.db --field finding --answer "Summary by both." --reason "merged by hand"
expect_status 0
expect_out "Settled the executive summary in KE 20"
[ "$(sql f.db "SELECT text FROM finding WHERE pillar = ''")" = "Summary by both." ] || fail "not the text given"
"$CIRT" verify --db f.db >/dev/null || fail "verify"
end

begin "a finding changed behind cirt's back is caught by cirt verify"
cp f.db t1.db
sql t1.db "UPDATE finding SET text = 'Rewritten.' WHERE pillar = 'legal'"
run "$CIRT" verify --db t1.db
expect_status 1
expect_out "KE 20"
expect_out "BROKEN: the stored text of the finding on pillar legal differs from what the history records"
cp f.db t2.db
sql t2.db "DELETE FROM finding WHERE pillar = ''"
run "$CIRT" verify --db t2.db
expect_status 1
expect_out "BROKEN: the executive summary that the history records is missing"
cp f.db t3.db
sql t3.db "INSERT INTO finding SELECT assessment_id, 'capacity', 99, 'Added.', 'Eve', recorded_at FROM finding WHERE pillar = ''"
run "$CIRT" verify --db t3.db
expect_status 1
expect_out "BROKEN: the stored finding on pillar capacity is not in the history: it was added outside cirt"
cp f.db t4.db
sql t4.db "UPDATE finding SET recorded_by = 'Eve' WHERE pillar = 'cooperation'"
run "$CIRT" verify --db t4.db
expect_status 1
expect_out "BROKEN: the stored author of the finding on pillar cooperation differs"
end

begin "a finding's history entry changed, even with its row to match, is caught by cirt verify"
cp f.db t5.db
seq=$(sql t5.db "SELECT max(h.seq) FROM history h JOIN assessment a ON a.id = h.assessment_id WHERE a.country = 'KE' AND h.field = 'finding' AND h.question_id = 'cooperation'")
sql t5.db "DROP TRIGGER history_no_update;
	UPDATE history SET new_value = 'Rewritten.' WHERE field = 'finding' AND seq = $seq
	  AND assessment_id = (SELECT id FROM assessment WHERE country = 'KE');
	UPDATE finding SET text = 'Rewritten.' WHERE pillar = 'cooperation'"
run "$CIRT" verify --db t5.db
expect_status 1
expect_out "KE 20"
expect_out "BROKEN: history entry $seq (finding of cooperation, "
expect_out "was altered: its hash does not match its content"
# the bundle of a tampered database is refused by a merge
cp jean.db j5.db
run "$CIRT" export --country KE --db t5.db -o t5.json
run "$CIRT" merge t5.json --db j5.db
expect_status 3
expect_err "was altered"
end

begin "a database of the previous schema, with a conflict open, is upgraded and keeps it"
printf 'question_id,value,evidence,comment\nC1,yes,,\n' >c1.csv
printf 'question_id,value,evidence,comment\nC1,no,,\n' >c2.csv
"$CIRT" import --yes c1.csv --country NG --db old.db >/dev/null
"$CIRT" export --country NG --db old.db -o ng.json >/dev/null
"$CIRT" merge ng.json --db other.db >/dev/null
"$CIRT" import c2.csv --country NG --db other.db >/dev/null
"$CIRT" import c1.csv --country NG --db old.db >/dev/null
printf 'question_id,value,evidence,comment\nC1,na,,\n' >c3.csv
"$CIRT" import c3.csv --country NG --db old.db >/dev/null
"$CIRT" export --country NG --db other.db -o other.json >/dev/null
"$CIRT" merge other.json --db old.db >/dev/null
[ "$(sql old.db "SELECT count(*) FROM conflict")" = 1 ] || fail "no conflict to keep"
conflict=$(sql old.db "SELECT * FROM conflict")
# back to schema 5: no finding table, and the conflict table of then
sql old.db "DROP TABLE finding;
	DROP TABLE score;
	ALTER TABLE conflict RENAME TO c6;
	CREATE TABLE conflict (
	  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	  question_id TEXT NOT NULL,
	  field TEXT NOT NULL CHECK (field IN ('answer', 'evidence', 'comment', 'flag')),
	  state TEXT, value TEXT, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
	  source TEXT, event TEXT NOT NULL, here_by TEXT NOT NULL, here_at TEXT NOT NULL,
	  here_source TEXT, here_event TEXT NOT NULL,
	  PRIMARY KEY (assessment_id, question_id, field)) STRICT;
	INSERT INTO conflict SELECT * FROM c6;
	DROP TABLE c6;
	PRAGMA user_version = 5"
run "$CIRT" verify --db old.db
expect_status 0
[ "$(sql old.db "PRAGMA user_version")" = 7 ] || fail "not upgraded"
[ "$(sql old.db "SELECT * FROM conflict")" = "$conflict" ] || fail "the conflict changed"
printf 'After the upgrade.\n' | "$CIRT" findings --country NG --db old.db --file - >/dev/null ||
	fail "no finding after the upgrade"
"$CIRT" verify --db old.db >/dev/null || fail "verify after a finding"
end
