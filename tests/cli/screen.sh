# The screen: tables and text at the terminal's width, by display width
# (Chinese counts two columns a character, combining accents none), answers
# to hidden questions marked, and the shape of usage errors. Widths are
# checked with Python's unicodedata, independently of the C library's.
. "$(dirname "$0")/lib.sh"
plan 10

Q=$FIXTURES/wide-titles-zh-ar-with-skip-logic.xml
export CIRT_QUESTIONNAIRE="$Q"

# check.py MODE FILE COLUMNS: the checks below, in display columns
cat >check.py <<'PY'
import re, sys, unicodedata

def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w

mode, path, columns = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [l.rstrip() for l in open(path, encoding="utf-8").read().split("\n")]
lines = [l for l in lines if l]
problems = []
for l in lines:
    if width(l) > columns:
        problems.append("wider than %d: %r" % (columns, l))
NUMBER = re.compile(r"\d+[.,]\d\b")

def ends(l):
    """The display columns where the numbers of a line end."""
    return [width(l[: m.end()]) for m in NUMBER.finditer(l)]

if mode == "score":
    # rows with numbers: points and worth end where the header's do
    header = lines[1]
    rows = [l for l in lines[2:] if NUMBER.search(l)]
    if len(rows) < 4:
        problems.append("only %d rows with numbers" % len(rows))
    for l in rows:
        if ends(l) != [width(header) - 8, width(header)]:
            problems.append("numbers out of their columns: %r" % l)
elif mode == "compare":
    rows = [l for l in lines if re.match(r"^ *=?\d+ ", l)]
    if len(rows) != 3:
        problems.append("%d ranked rows" % len(rows))
    for l in rows:
        if ends(l) != ends(rows[0]) or len(ends(l)) != 4:
            problems.append("numbers out of their columns: %r" % l)
        if width(l[: l.index("%") + 1]) != width(rows[0][: rows[0].index("%") + 1]):
            problems.append("completeness out of its column: %r" % l)
elif mode == "answers":
    # after the header, a line starts with a question id or hangs under
    # the answer (9 columns in) or under its evidence or note
    for l in lines[1:]:
        if not re.match(r"^[A-Z]\d +\S", l) and not re.match(r"^ {9,}\S", l) \
                and not l.startswith(("1 more", "2 more", "marked")):
            problems.append("neither a row nor under one: %r" % l)
    # no word of the answer, the evidence or the note is cut
    words = set(" ".join(lines).split())
    for w in sys.argv[4:]:
        if w not in words:
            problems.append("the word %r is cut" % w)
else:
    problems.append("no such mode " + mode)
if problems:
    print("\n".join(problems))
    sys.exit(1)
PY

# check MODE FILE COLUMNS [WORD...]: fail with what check.py found
check() {
	found=$(python3 check.py "$@" 2>&1) || fail "$1 at $3 columns: $found"
}

L2_LEVEL="Systematically, through specialised prosecutors and courts in every region of the country"
EVIDENCE="decree 2019-114 of the Ministry of Justice on specialised prosecutors and courts"
NOTE="the director confirmed it in the meeting of 4 March with the national prosecutor"
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,2,%s,%s\nL3,Law 12/2019,,\nT1,operational,,\nC1,no,,\n' \
	"$EVIDENCE" "$NOTE" >all.csv
for cc in CN KE FR; do
	"$CIRT" import --yes all.csv --country $cc --db s.db >/dev/null
done
printf 'question_id,value,evidence,comment\nT1,none,,\n' >cn.csv
"$CIRT" import --yes cn.csv --country CN --db s.db >/dev/null

begin "the fixture with Chinese, Arabic and combining accents is a valid questionnaire"
run "$CIRT" validate "$Q"
expect_status 0
expect_out "ok (3 pillars, 3 indicators, 5 questions)"
end

begin "score keeps its numbers in their columns in every language, at 70 and 120 columns"
for lang in en zh ar fr; do
	for w in 70 120; do
		COLUMNS=$w run "$CIRT" score --country KE --db s.db --lang $lang
		expect_status 0
		cp "$out" score-$lang-$w.txt
		check score score-$lang-$w.txt $w
	done
done
# the Chinese cooperation pillar (62 columns) wraps at 70, not at 120
grep -q '^国际合作、区域合作以及与私营部门和学术界之间的信息共享 *0\.0 *50\.0$' score-zh-70.txt ||
	fail "the long title: $(cat score-zh-70.txt)"
grep -q '^与协调机制$' score-zh-70.txt || fail "the title's second line: $(cat score-zh-70.txt)"
grep -q '^国际合作、区域合作以及与私营部门和学术界之间的信息共享与协调机制 *0\.0 *50\.0$' \
	score-zh-120.txt || fail "unwrapped at 120: $(cat score-zh-120.txt)"
# French with combining accents: e + U+0301 takes one column
grep -q "^Coope$(printf '\314\201')ration internationale, re$(printf '\314\201')gionale et avec le secteur prive$(printf '\314\201')     0,0    50,0$" \
	score-fr-120.txt || fail "combining accents: $(cat score-fr-120.txt)"
end

begin "score's tier and completeness lines wrap at words"
COLUMNS=40 run "$CIRT" score --country KE --db s.db
expect_out "Completeness: 100% (5 of 5 questions"
expect_out "shown answered; unanswered questions"
expect_out "count as 0)"
end

begin "answers wraps under each answer, never inside a word, at 70 and 120 columns"
for lang in en zh; do
	for w in 70 120; do
		COLUMNS=$w run "$CIRT" answers --country KE --db s.db --lang $lang
		expect_status 0
		cp "$out" answers-$lang-$w.txt
		# shellcheck disable=SC2086
		check answers answers-$lang-$w.txt $w $EVIDENCE $NOTE
	done
done
# shellcheck disable=SC2086
check answers answers-en-70.txt 70 $L2_LEVEL
grep -q '^L2       Systematically, through specialised prosecutors and courts in$' answers-en-70.txt ||
	fail "the level at 70: $(cat answers-en-70.txt)"
grep -q '^         every region of the country (2)$' answers-en-70.txt ||
	fail "its second line: $(cat answers-en-70.txt)"
grep -q "^L2       $L2_LEVEL (2)\$" answers-en-120.txt || fail "at 120: $(cat answers-en-120.txt)"
# the evidence hangs under its own text
grep -q '^         evidence: decree 2019-114 of the Ministry of Justice on$' answers-en-70.txt ||
	fail "evidence: $(cat answers-en-70.txt)"
grep -q '^                   specialised prosecutors and courts$' answers-en-70.txt ||
	fail "evidence's second line: $(cat answers-en-70.txt)"
end

begin "answers marks answers hidden by skip logic and counts as assessments does"
printf 'question_id,value,evidence,comment\nL1,no,,\n' >no.csv
"$CIRT" import --yes no.csv --country KE --db s.db >/dev/null
run "$CIRT" assessments --db s.db
grep -q '^KE Kenya  *2026  *draft  *3/3 100%' "$out" || fail "assessments: $(cat "$out")"
run "$CIRT" answers --country KE --db s.db
expect_status 0
expect_out "KE 2026, draft, 3 answers (s.db)"
expect_out "2 more answers are kept for questions that skip logic now hides, marked"
expect_out "region of the country (2)  (hidden)"
expect_out "L3       Law 12/2019  (hidden)"
grep -q '^L1       no$' "$out" || fail "L1 marked: $(cat "$out")"
run "$CIRT" answers --country KE --db s.db --lang fr
expect_out "L3       Law 12/2019  (masquée)"
run "$CIRT" answers --country KE --db s.db --format csv
python3 - "$out" <<'PY' || fail "CSV: $(cat "$out")"
import csv, sys
rows = {r["question_id"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
assert rows["L2"]["hidden"] == "1" and rows["L3"]["hidden"] == "1", rows
assert rows["L1"]["hidden"] == "0" and rows["C1"]["hidden"] == "0", rows
PY
run "$CIRT" answers --country KE --db s.db --format json
python3 - "$out" <<'PY' || fail "JSON: $(cat "$out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["answered"] == 3 and d["answered_hidden"] == 2, d
h = {a["question_id"]: a["hidden"] for a in d["answers"]}
assert h == {"L1": False, "L2": True, "L3": True, "T1": False, "C1": False}, h
PY
end

begin "compare as a table keeps its numbers in their columns, at 70 and 120 columns"
for lang in en zh; do
	for w in 70 120; do
		COLUMNS=$w run "$CIRT" compare --format table --db s.db --lang $lang
		expect_status 0
		cp "$out" compare-$lang-$w.txt
		check compare compare-$lang-$w.txt $w
	done
done
grep -q '^ *1  France (FR) 2026 .*发展阶段 *100%$' compare-zh-120.txt ||
	fail "zh at 120: $(cat compare-zh-120.txt)"
# the legend keeps each pillar's number with its title (Chinese may break
# between its characters, but not after the no-break space)
grep -q "3$(printf '\302\240')国际合作" compare-zh-70.txt || fail "legend: $(cat compare-zh-70.txt)"
run "$CIRT" compare --format yaml --db s.db
expect_status 2
expect_err "unknown format 'yaml'; use pdf, table, csv or json"
end

begin "a usage error is the error and one line pointing to --help"
run "$CIRT" score --country
expect_status 2
expect_err_lines 2
expect_err "cirt: option '--country' needs a value"
tail -n 1 "$err" | grep -qx "Try 'cirt score --help'." || fail "last line: $(tail -n 1 "$err")"
run "$CIRT" answers --country KE --db s.db --format xml
expect_status 2
expect_err_lines 2
expect_err "Try 'cirt answers --help'."
run "$CIRT" scroe
expect_status 2
expect_err_lines 2
expect_err "cirt: unknown command 'scroe'; did you mean 'score'?"
expect_err "Try 'cirt --help'."
expect_no_err "usage:"
end

begin "an unknown option is named as such, before a missing --country or database"
run "$CIRT" score --contry KE --db s.db
expect_status 2
expect_err_lines 2
expect_err "cirt: unknown option '--contry'; did you mean '--country'?"
expect_no_err "name the country"
run "$CIRT" run --contry KE --db s.db
expect_status 2
expect_err "cirt: unknown option '--contry'; did you mean '--country'?"
# no database here: still the option first
run "$CIRT" answers --country KE --formt csv
expect_status 2
expect_err "cirt: unknown option '--formt'; did you mean '--format'?"
expect_no_err "database"
# a start of an option's name is one, as getopt takes it
run "$CIRT" answers --country KE --db s.db --form csv
expect_status 0
run "$CIRT" answers --country KE --db s.db --frobnicate
expect_status 2
expect_err "cirt: unknown option '--frobnicate'"
expect_no_err "did you mean"
end

begin "a missing questionnaire names every place cirt looked and how to name one"
mkdir elsewhere
cd elsewhere || exit 2
run env -u CIRT_QUESTIONNAIRE "$CIRT" score --country KE --db ../s.db
expect_status 4
expect_err "cirt: cannot find a questionnaire; cirt looked for"
expect_err "  \$CIRT_QUESTIONNAIRE: not set"
expect_err "  questionnaires/cirt-readiness.xml in the current folder ($WORK/elsewhere): no such file"
expect_err "/questionnaires/cirt-readiness.xml, the installed copy: no such file"
expect_err "name one with --questionnaire FILE, or set CIRT_QUESTIONNAIRE=FILE"
CIRT_QUESTIONNAIRE=$WORK/nowhere.xml run "$CIRT" score --country KE --db ../s.db
expect_status 4
expect_err "cirt: cannot find the questionnaire '$WORK/nowhere.xml' that \$CIRT_QUESTIONNAIRE names"
expect_err "name another with --questionnaire FILE, or in CIRT_QUESTIONNAIRE"
# a mistyped --questionnaire is the mistake to report
run env -u CIRT_QUESTIONNAIRE "$CIRT" score --country KE --db ../s.db --questionaire "$Q"
expect_status 2
expect_err "cirt: unknown option '--questionaire'; did you mean '--questionnaire'?"
cd "$WORK" || exit 2
end

# ---- in a terminal: the window's width, through tmux ----------------------

TMUX_SOCKET="cirt-screen-$$"
tmux_cmd() {
	tmux -L "$TMUX_SOCKET" "$@"
}

# wait_screen TEXT: until the pane shows TEXT (10 s at most)
wait_screen() {
	i=0
	while [ $i -lt 100 ]; do
		tmux_cmd capture-pane -p -J -t cirt >screen.txt 2>/dev/null
		grep -qF -- "$1" screen.txt && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# in_tmux COLUMNS COMMAND: run COMMAND in a window COLUMNS wide, without
# $COLUMNS, and leave what it printed in screen.txt
in_tmux() {
	tmux_cmd new-session -d -s cirt -x "$1" -y 60 \
		"cd '$WORK' && env -u COLUMNS TERM=screen $2; echo SCREEN-DONE; sleep 30"
	wait_screen SCREEN-DONE || fail "no end at $1 columns: $(cat screen.txt)"
	tmux_cmd kill-server 2>/dev/null
	sed '/SCREEN-DONE/,$d' screen.txt >screen-$1.txt
}

begin "in a terminal 70 and 120 columns wide, score and answers follow the window"
for w in 70 120; do
	in_tmux $w "'$CIRT' score --country CN --db s.db --lang zh"
	check score screen-$w.txt $w
	cp screen-$w.txt score-tmux-$w.txt
	in_tmux $w "'$CIRT' answers --country FR --db s.db"
	# shellcheck disable=SC2086
	check answers screen-$w.txt $w $L2_LEVEL $EVIDENCE $NOTE
	cp screen-$w.txt answers-tmux-$w.txt
done
grep -q '^与协调机制$' score-tmux-70.txt || fail "no wrap at 70: $(cat score-tmux-70.txt)"
grep -q '与协调机制 *0\.0 *50\.0$' score-tmux-120.txt || fail "wrapped at 120: $(cat score-tmux-120.txt)"
grep -q '^         every region of the country (2)$' answers-tmux-70.txt ||
	fail "answers at 70: $(cat answers-tmux-70.txt)"
grep -q "^L2       $L2_LEVEL (2)\$" answers-tmux-120.txt ||
	fail "answers at 120: $(cat answers-tmux-120.txt)"
end
