# Display widths in every script: a copy of the example questionnaire with
# Chinese, Japanese, Arabic, Devanagari and combining accents in its titles,
# labels and tier names, answers and names in the same scripts, and every
# table, list and wrapped text checked by display columns (Python's
# unicodedata, independently of cirt's libunistring): numbers stay under
# their headers, wrapped lines hang under their text, and no line is wider
# than the terminal. Then a session in tmux at 80 columns.
. "$(dirname "$0")/lib.sh"
plan 11

export CIRT_QUESTIONNAIRE="$WORK/q.xml"
ACUTE=$(printf '\314\201') # U+0301 COMBINING ACUTE ACCENT
cp "$ROOT/questionnaires/example.xml" q.xml
python3 - "$ACUTE" <<'PY' || exit 2
import sys
acute = sys.argv[1]
text = open("q.xml", encoding="utf-8").read()
for old, new in {
    "<title>Legal measures</title>": "<title>法律措施 Legal measures</title>",
    "<title>Technical and procedural measures</title>": "<title>技術的および手続き的な措置</title>",
    "<title>Cooperation</title>": "<title>التعاون الدولي</title>",
    "<title>Cybercrime legislation</title>": "<title>Le%sgislation 网络犯罪立法</title>" % acute,
    "<title>National CIRT</title>": "<title>国家计算机事件响应小组的建立、授权、人员配备与预算以及其在全国范围内协调网络安全事件处置工作的能力</title>",
    "<text>What is the status of the national CIRT?</text>": "<text>国家计算机应急响应小组目前处于什么状态？请根据部委、监管机构和警方在会谈中提供的信息回答，并说明证据的来源和日期。</text>",
    "<label>There is none</label>": "<label>没有 There is none</label>",
    "<label>It is planned</label>": "<label>計画中です（予算はまだありません）</label>",
    "<label>It is operational</label>": "<label>قيد التشغيل It is operational</label>",
    "<label>Incident handling</label>": "<label>घटना प्रबंधन Incident handling</label>",
    "<label>Forensics</label>": "<label>Forensics, analyse forensique et re%scupe%sration de donne%ses</label>" % (acute, acute, acute),
    '<question id="T4" type="text"': '<question id="T4-forensic-lab" type="text"',
    "<name>Building</name>": "<name>建设中</name>",
    "<name>Evolving</name>": "<name>E%svolution</name>" % acute,
    "<name>Establishing</name>": "<name>تأسيس</name>",
    "<name>Advancing</name>": "<name>前進しています</name>",
    "<name>Role-modelling</name>": "<name>模范 Role-modelling</name>",
}.items():
    assert old in text, old
    text = text.replace(old, new)
open("q.xml", "w", encoding="utf-8").write(text)
PY

# cols.py MODE FILE COLUMNS: the checks below, in display columns
cat >cols.py <<'PY'
import re, sys, unicodedata

def width(s):
    w = 0
    for c in s:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w

def col(line, i):
    """The display column at which character i of line starts."""
    return width(line[:i])

def visual(line):
    """line as a terminal with bidirectional support shows it, in a
    left-to-right paragraph (FriBidi's log2vis, through ctypes)."""
    import ctypes
    fribidi = ctypes.CDLL("libfribidi.so.0")
    n = len(line)
    logical = (ctypes.c_uint32 * max(n, 1))(*map(ord, line))
    shown = (ctypes.c_uint32 * max(n, 1))()
    base = ctypes.c_uint32(0x110)  # FRIBIDI_PAR_LTR
    if n and not fribidi.fribidi_log2vis(logical, n, ctypes.byref(base), shown, None, None, None):
        raise SystemExit("fribidi_log2vis failed")
    return "".join(chr(c) for c in shown[:n])

mode, path, columns = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(path, encoding="utf-8").read().split("\n")
if mode.startswith("bidi-"):
    mode = mode[5:]
    lines = [visual(l) for l in lines]
problems = []
for l in lines:
    # a command to paste is never broken
    if width(l) > columns and not l.startswith("  settle it: "):
        problems.append("wider than %d (%d): %r" % (columns, width(l), l))
    # Chinese and Japanese break between characters, but never before
    # a full stop, a comma or a closing bracket
    if l.strip() and l.lstrip()[0] in "。、，）」』":
        problems.append("starts with closing punctuation: %r" % l)
NUMBER = re.compile(r"\d+[.,]\d\b")
if mode == "score":
    header = next(l for l in lines if l.startswith("PILLAR"))
    ends = [col(header, m.end()) for m in re.finditer(r"POINTS|OF", header)]
    rows = [l for l in lines[1:] if NUMBER.search(l) and not l.startswith("Completeness")]
    if len(rows) != 4:
        problems.append("%d rows with numbers" % len(rows))
    for l in rows:
        if [col(l, m.end()) for m in NUMBER.finditer(l)] != ends:
            problems.append("numbers not under %s: %r" % (ends, l))
elif mode == "tiers":
    rows = [l for l in lines[lines.index("Readiness tiers:") + 1:] if l]
    if len(rows) != 5:
        problems.append("%d tiers" % len(rows))
    # the range (after the name and two spaces or more) starts in one
    # column for every tier
    starts = set()
    for l in rows:
        m = re.search(r" {2,}(?=\S)", l[3:])
        starts.add(col(l, 3 + m.end()) if m else None)
    if len(starts) != 1 or None in starts:
        problems.append("tiers out of their columns: %r" % rows)
elif mode.startswith("hang"):
    # every line that does not start a row hangs under the text (or,
    # further in, under a label of its own)
    start, indent = re.compile(sys.argv[4]), int(mode[4:])
    for l in lines:
        if l and not start.match(l) and not re.match(r"^ {%d,}\S" % indent, l):
            problems.append("neither a row nor under one at %d: %r" % (indent, l))
elif mode == "table":
    # each header word starts where its column starts in every row
    header, rows = lines[0], [l for l in lines[1:] if l]
    for m in re.finditer(r"\S+(?: \S+)*", header):
        c = col(header, m.start())
        for l in rows:
            at = next((i for i in range(len(l) + 1) if col(l, i) >= c), None)
            if at is None or col(l, at) != c or (at and l[at - 1] != " ") or l[at] == " ":
                problems.append("column %r does not start at %d: %r" % (m.group(), c, l))
elif mode != "width":
    problems.append("no such mode " + mode)
if problems:
    print("\n".join(problems))
    sys.exit(1)
PY

# check MODE FILE COLUMNS [PATTERN]: fail with what cols.py found
check() {
	found=$(python3 cols.py "$@" 2>&1) || fail "$1 at $3 columns: $found"
}

printf 'question_id,value,evidence,comment\nL1,yes,第十二号法律（二〇一九年）,\nL2,2,,\nL3,2019-05-01,,\nT1,operational,,\nT2,incident;forensics,,\nT3,12,,\nT4-forensic-lab,中国科学院的法证实验室与国家警察局的网络犯罪调查中心以及最高人民检察院技术信息研究中心,,\nC1,no,,\nC2,yes,,\n' >all.csv
CIRT_ASSESSOR="王小明" "$CIRT" import --yes all.csv --country CN --db w.db >/dev/null
CIRT_ASSESSOR="أحمد" "$CIRT" import --yes all.csv --country EG --db w.db >/dev/null
CIRT_ASSESSOR="Rene$ACUTE" "$CIRT" import --yes all.csv --country IN --db w.db >/dev/null

begin "the questionnaire in six scripts is valid"
run "$CIRT" validate q.xml
expect_status 0
expect_out "q.xml: ok (3 pillars, 3 indicators, 9 questions)"
end

begin "score keeps its numbers under POINTS and OF, at 80 and 50 columns"
for w in 80 50; do
	COLUMNS=$w run "$CIRT" score --country CN --db w.db
	expect_status 0
	cp "$out" score-$w.txt
	check score score-$w.txt $w
done
grep -q '^技術的および手続き的な措置 *21\.2 *25\.0$' score-80.txt || fail "$(cat score-80.txt)"
end

begin "in a terminal that lays Arabic out right to left, numbers stay in their columns"
if python3 -c 'import ctypes; ctypes.CDLL("libfribidi.so.0")' 2>/dev/null; then
	# score-80.txt has a pillar named in Arabic alone: without a
	# left-to-right mark after it, its numbers would be taken along
	grep -q "^التعاون الدولي$(printf '\342\200\216') *25\.0 *50\.0$" score-80.txt ||
		fail "no mark after the Arabic title: $(grep 25.0 score-80.txt)"
	check bidi-score score-80.txt 80
	check bidi-score score-50.txt 50
	run "$CIRT" show
	cp "$out" show-bidi.txt
	check bidi-tiers show-bidi.txt 80
	end
else
	echo "ok $((number += 1)) - numbers after Arabic in a bidirectional terminal # SKIP no libfribidi"
fi

begin "show keeps the tier names in one column and wraps titles and choices"
run "$CIRT" show
expect_status 0
cp "$out" show.txt
check tiers show.txt 80
expect_out "   2.1 国家计算机事件响应小组的建立、授权、人员配备与预算以及其在全国范围内协"
expect_out "       调网络安全事件处置工作的能力 [national-cirt]"
expect_out "                - planned = 計画中です（予算はまだありません） (0.25)"
expect_out "   E${ACUTE}volution                from 20.0 to below 55.0"
end

begin "answers hangs what it wraps under the answer, after the widest id, at 80 and 40 columns"
for w in 80 40; do
	COLUMNS=$w run "$CIRT" answers --country CN --db w.db
	expect_status 0
	cp "$out" answers-$w.txt
	check hang16 answers-$w.txt $w '^(CN 2026|[A-Z][0-9])'
done
expect_out "T4-forensic-lab 中国科学院的法"
expect_out "L1              yes"
end

begin "assessments and countries keep their columns with names in any script"
run "$CIRT" assessments --db w.db
expect_status 0
cp "$out" assessments.txt
check table assessments.txt 80
expect_out "Rene${ACUTE}"
for lang in ar ja; do
	run "$CIRT" countries --lang $lang
	expect_status 0
	# code, code, region, then the name from column 15
	grep -v '^[A-Z][A-Z]  [A-Z][A-Z][A-Z]  [A-Z][A-Z][A-Z] *  [^ ]' "$out" | grep -v ' member state' |
		grep . && fail "countries --lang $lang out of its columns"
	cp "$out" countries-$lang.txt
	check width countries-$lang.txt 80
done
grep -q '^CN  CHN  ASP  中国$' countries-ja.txt || fail "$(grep ^CN countries-ja.txt)"
end

begin "conflicts wrap each side under itself and keep the command whole"
printf 'question_id,value,evidence,comment\nT4-forensic-lab,国家警察局网络犯罪调查中心的数字取证实验室与最高人民检察院技术信息研究中心联合实验室,,\n' >other.csv
printf 'question_id,value,evidence,comment\nT4-forensic-lab,中国科学院的法证实验室（第二次会谈后更正）,,\n' >mine.csv
cp w.db other.db
CIRT_ASSESSOR="李华" "$CIRT" import --yes other.csv --country CN --db other.db >/dev/null
"$CIRT" import --yes mine.csv --country CN --db w.db >/dev/null
"$CIRT" merge --db w.db other.db >/dev/null
run "$CIRT" conflicts --country CN --db w.db
expect_status 0
cp "$out" conflicts.txt
check hang5 conflicts.txt 80 '^(CN 2026|conflict in|  [12]\) |  settle it)'
expect_out "  2) \"国家警察局网络犯罪调查中心的数字取证实验室与最高人民检察院技术信息研究中心"
expect_out "     联合实验室\" (李华, "
end

begin "findings --list wraps Japanese text under its heading"
printf '国家計算機緊急対応チームの概要。日本語の文章はスペースなしで長く続きます。これは折り返しのテストです。さらに続く文章があります。\n' >f.txt
"$CIRT" findings --country CN --db w.db --pillar technical --file f.txt >/dev/null
run "$CIRT" findings --country CN --list --db w.db
expect_status 0
cp "$out" findings.txt
check hang4 findings.txt 80 '^(Pillar 2 · 技術的|  \S)'
expect_out "    国家計算機緊急対応チームの概要。日本語の文章はスペースなしで長く続きます。こ"
end

# ---- a session in tmux at 80 columns --------------------------------------

TMUX_SOCKET="cirt-widths-$$"
tmux_cmd() {
	tmux -L "$TMUX_SOCKET" "$@"
}

# wait_screen TEXT: until the pane shows TEXT (5 s at most), in screen.txt
# with the lines the terminal wrapped joined again
wait_screen() {
	i=0
	while [ $i -lt 50 ]; do
		tmux_cmd capture-pane -p -J -S -200 -t cirt >screen.txt 2>/dev/null
		grep -qF -- "$1" screen.txt && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# send KEYS WAIT: type a line, then wait for WAIT
send() {
	tmux_cmd send-keys -t cirt -l "$1"
	tmux_cmd send-keys -t cirt Enter
	wait_screen "$2" || fail "after '$1', no '$2': $(cat screen.txt)"
}

begin "a session at 80 columns never writes a line wider than the terminal"
MEETING="中华人民共和国工业和信息化部网络安全管理局, 王小明（局长）与李华（副局长）及其团队的三名技术专家"
tmux_cmd new-session -d -s cirt -x 80 -y 50 \
	"cd '$WORK' && TERM=screen '$CIRT' run --country KR --db s.db; echo EXITED \$?; sleep 30"
if wait_screen "[y/N]"; then
	send y "L1>"
	send ":with $MEETING" "王小明（局长）"
	send yes "L2>"
	send 2 "L3>"
	send 2019-05-01 "T1>"
	send 3 "T2>"
	send 1,3 "T3>"
	send 12 "T4-forensic-lab>"
	send "中国科学院的法证实验室与国家警察局的网络犯罪调查中心以及最高人民检察院技术信息研究中心联合实验室" "C1>"
	send ":list 2" "Answers in this pillar"
	send ":quit" "EXITED 0"
	# what cirt wrote, without the lines typed at a prompt
	grep -v '^[A-Z][0-9][-a-z]*> ' screen.txt >session.txt
	check width session.txt 80
	grep -q '^  2\.1 国家计算机事件响应小组的建立、授权、人员配备与预算以及其在全国范围内协调网$' session.txt ||
		fail "the indicator's title: $(cat session.txt)"
	# Chinese fills the line, and what wraps hangs under it
	grep -q '^Meeting: 中华人民共和国工业和信息化部网络安全管理局 · 王小明（局长）与李华（副局$' session.txt ||
		fail "the meeting: $(cat session.txt)"
	grep -q '^         长）及其团队的三名技术专家 · 20' session.txt ||
		fail "the meeting's second line: $(cat session.txt)"
	# a Chinese answer longer than a line starts on the line of its id
	grep -q '^✓ T4-forensic-lab: 中国科学院的法证实验室与国家警察局的网络犯罪调查中心以及最高$' session.txt ||
		fail "the answer: $(cat session.txt)"
else
	fail "no prompt: $(cat screen.txt)"
fi
tmux_cmd kill-server 2>/dev/null
end

begin "the session's :list keeps answers in their column, after an id of any width"
# rows of :list: marker, number, id, then the answer from column 18, or
# from further on after a longer id; what wraps hangs at column 18
sed -n '/^Answers in this pillar/,/^$/p' session.txt | sed '1d;$d' >list.txt
[ "$(wc -l <list.txt)" -ge 4 ] || fail "$(cat list.txt)"
check hang18 list.txt 80 '^  [ >] +[0-9]+ [A-Z][0-9]'
grep -v '^  [ >] *[0-9]* [A-Z][0-9]       [^ ]\|^                  [^ ]\|^       7 T4-forensic-lab [^ ]' list.txt &&
	fail "not in the answers' column"
grep -q '^       7 T4-forensic-lab 中国科学院的法证实验室与国家警察局的网络犯罪调查中心以$' list.txt ||
	fail "T4: $(cat list.txt)"
end

begin "widths are the same in every locale"
COLUMNS=40 LC_ALL=C.UTF-8 "$CIRT" answers --country CN --db w.db >answers-utf8.txt
for locale in C POSIX; do
	COLUMNS=40 LC_ALL=$locale run "$CIRT" answers --country CN --db w.db
	expect_status 0
	cmp -s "$out" answers-utf8.txt || fail "answers differ in $locale: $(diff "$out" answers-utf8.txt)"
	LC_ALL=$locale run "$CIRT" show
	cmp -s "$out" show.txt || fail "show differs in $locale: $(diff "$out" show.txt)"
done
end
