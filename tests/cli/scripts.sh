# End-to-end tests of every script on the page (issue 16): Latin, Greek
# and Cyrillic with composite glyphs, Arabic right to left (joined,
# right-aligned, mirrored, in logical order for pdftotext), Arabic inside
# an English page and Latin names and numbers inside an Arabic one,
# Chinese (whole characters, breaks between them, punctuation rules), the
# warnings about characters no font has, reports within 100 KB in each
# language, and the Word copy of a right-to-left document.
#
# Documents come from `cirt report` and from the renderer's test tool
# tests/tools/script-sample.c (a heading, the texts as paragraphs, a table,
# a figure). Positions are read with pdftotext -bbox, ink with pdftoppm.
. "$(dirname "$0")/lib.sh"
plan 16

SAMPLE="${CIRT_TOOLS:?set CIRT_TOOLS to the test tools folder}/script-sample"
Q="$ROOT/questionnaires/cirt-readiness.xml"

# words PDF PAGE: "xMin yMin xMax yMax word" per word of the page
words() {
	pdftotext -f "$2" -l "$2" -bbox "$1" - 2>/dev/null | python3 -c '
import html, re, sys
for m in re.finditer(r"<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>", sys.stdin.read()):
    print(m.group(1), m.group(2), m.group(3), m.group(4), html.unescape(m.group(5)))
'
}

# ink PDF PAGE X0 Y0 X1 Y1: the share of dark pixels in that box (points,
# from the top left), at 100 dpi
ink() {
	pdftoppm -r 100 -gray -f "$2" -l "$2" -singlefile "$1" ink 2>/dev/null || return 1
	python3 - ink.pgm "$3" "$4" "$5" "$6" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
pix = parts[4][-w * h:]
x0, y0, x1, y1 = (int(float(v) * 100 / 72) for v in sys.argv[2:6])
dark = total = 0
for y in range(max(y0, 0), min(y1, h)):
    row = pix[y * w:(y + 1) * w]
    for x in range(max(x0, 0), min(x1, w)):
        total += 1
        dark += row[x] < 128
print("%.4f" % (dark / total if total else 0))
PY
}

# ---- Latin, Greek, Cyrillic ------------------------------------------------

begin "Latin, Greek and Cyrillic come back from pdftotext, in DejaVu Sans alone"
run "$SAMPLE" latin.pdf "Évaluation Έλεγχος ǅuro Русский текст Żółć"
expect_status 0
pdftotext latin.pdf latin.txt
grep -qF "Évaluation Έλεγχος ǅuro Русский текст Żółć" latin.txt || fail "text not given back"
pdffonts latin.pdf >fonts.txt
grep -q "DejaVuSans" fonts.txt || fail "no DejaVu Sans"
grep -q -e Droid -e FreeSans fonts.txt && fail "a font the text does not need is embedded"
end

begin "a composite glyph keeps every part: ǅ has the ink of D, z and the caron"
"$SAMPLE" dz.pdf "ǅ" "Dz" >/dev/null 2>&1
# the two paragraphs, at the same size, one under the other
set -- $(words dz.pdf 1 | awk '$5 == "ǅ" || $5 == "Dz" { print $1, $2, $3, $4 }' | sed -n '2,3p' | tr '\n' ' ')
if [ $# -ne 8 ]; then
	fail "the two paragraphs are not where expected"
else
	with=$(ink dz.pdf 1 "$1" "$(echo "$2 - 4" | bc)" "$3" "$4")
	without=$(ink dz.pdf 1 "$5" "$(echo "$6 - 4" | bc)" "$7" "$8")
	python3 -c "import sys; sys.exit(0 if $with > $without * 1.05 else 1)" ||
		fail "ǅ ($with) has no more ink than Dz ($without): the caron is lost"
fi
end

# ---- Arabic, right to left -------------------------------------------------

AR1="تقرير الجاهزية الوطنية لفريق الاستجابة لحوادث الحاسوب"
AR2="السلامة في عام 2026 بنسبة 45.5 وفق معيار ISO 27001 والمسؤول هو Jane Doe من وزارة الاتصالات"

begin "an Arabic page gives its logical text back, lam-alef included"
run "$SAMPLE" --rtl --lang ar ar.pdf "$AR1" "$AR2"
expect_status 0
pdftotext ar.pdf ar.txt
for w in الاستجابة لحوادث الحاسوب الاتصالات وزارة 2026 45.5 27001 Jane Doe; do
	grep -qF "$w" ar.txt || fail "pdftotext lacks '$w'"
done
end

begin "Arabic is drawn joined: the page shows presentation forms, not the letters one by one"
python3 - ar.pdf <<'PY' || fail "no joined forms (U+FE70..U+FEFC) among the shown codes"
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
shown = b""
for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
    try:
        shown += zlib.decompress(m.group(1))
    except zlib.error:
        pass
codes = re.findall(rb"<([0-9A-F]+)> Tj", shown)
forms = [c for s in codes for c in re.findall(rb"....", s) if b"FE70" <= c <= b"FEFC"]
sys.exit(0 if len(forms) > 20 else 1)
PY
end

begin "an Arabic page runs right to left: lines end at the right margin, words in reading order"
words ar.pdf 1 >ar.words
python3 - ar.words "$AR1" <<'PY' || fail "not right to left"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
first = sys.argv[2].split()
def find(word):
    # pdftotext -bbox gives an Arabic word's letters as drawn, right to left
    return [r for r in rows if r[4].strip("()") in (word, word[::-1])]
# the paragraph: its first word has the largest x, its last the smallest
line = [find(w) for w in first[:4]]
if not all(line):
    sys.exit("words not found")
xs = [min(float(r[0]) for r in w) for w in line]
if xs != sorted(xs, reverse=True):
    sys.exit("first words not in right-to-left order: %s" % xs)
# right-aligned: the right-most word ends at the margin (595 - 56)
right = max(float(r[2]) for r in rows if r[4] in (first[0], first[0][::-1]))
if abs(right - 539.28) > 1.5:
    sys.exit("the line ends at %.2f, not at the right margin" % right)
PY
end

begin "Arabic lines are full: measured in the joined forms they are drawn in"
long=""
for i in 1 2 3 4 5 6; do long="$long وتتمثل الثغرة الرئيسية في البلد في أن فريق الاستجابة الوطني لا يزال في طور التخطيط،"; done
run "$SAMPLE" --rtl --lang ar full.pdf "$AR1" "$long"
expect_status 0
words full.pdf 1 >full.words
python3 - full.words <<'PY' 2>full.err || fail "Arabic lines break early: $(cat full.err)"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
lines = {}
for r in rows:
    lines.setdefault(round(float(r[1])), []).append(float(r[0]))
# the paragraph's lines but its last: each reaches within 40 points of the
# left margin (56), as a line measured in isolated letters would not
# (the paragraph's full lines: the first run of lines of many words; its
# last line has fewer)
body = []
for y, v in sorted(lines.items()):
    if len(v) > 12:
        body.append(min(v))
    elif body:
        break
if len(body) < 3:
    sys.exit("only %d lines" % len(body))
short = [x for x in body if x > 56 + 40]
if short:
    sys.exit("lines end %s points from the left margin" % [round(x - 56) for x in short])
PY
end

begin "numbers and Latin names inside Arabic keep their own order"
python3 - ar.words <<'PY' || fail "a Latin name or a number is reversed"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
def x(word):
    return [float(r[0]) for r in rows if r[4] == word]
# "Jane Doe" reads left to right, and so does "ISO 27001"; the numbers are whole
if not x("Jane") or not x("Doe") or min(x("Jane")) > min(x("Doe")):
    sys.exit(1)
if not x("ISO") or not x("27001") or min(x("ISO")) > min(x("27001")):
    sys.exit(1)
if not x("45.5") or not x("2026"):
    sys.exit(1)
PY
end

begin "an Arabic page mirrors its table: the first column on the right, and the page number on the left"
python3 - ar.words <<'PY' || fail "table or footer not mirrored"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
col = {r[4]: float(r[0]) for r in rows if r[4] in ("A", "B", "9")}
if not (col.get("A", 0) > col.get("B", 0) > col.get("9", 1e9)):
    sys.exit("columns %s" % col)
foot = [r for r in rows if float(r[1]) > 780]
if not foot or max(float(r[2]) for r in foot) > 300:
    sys.exit("footer %s" % foot)
PY
end

begin "Arabic inside an English page is ordered right to left, the page left to right"
run "$SAMPLE" mixed.pdf "The ministry (وزارة الاقتصاد الرقمي) answered 12 questions."
expect_status 0
words mixed.pdf 1 >mixed.words
python3 - mixed.words <<'PY' || fail "mixed line misordered"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
def x(word):
    return [float(r[0]) for r in rows if r[4].strip("()") in (word, word[::-1])]
the, ministry, answered = x("The"), x("ministry"), x("answered")
wizara, raqami = x("وزارة"), x("الرقمي")
if not (the and ministry and answered and wizara and raqami):
    sys.exit("words missing")
# the English runs left to right and starts at the left margin
if not (min(the) < min(ministry) < min(wizara) and min(raqami) < min(answered)):
    sys.exit("English order")
if abs(min(the) - 56) > 1:
    sys.exit("not at the left margin")
# the Arabic phrase: its first word on the right of its last
if not min(wizara) > min(raqami):
    sys.exit("Arabic order")
PY
pdftotext mixed.pdf - | grep -qF "وزارة الاقتصاد الرقمي" || fail "pdftotext lacks the Arabic in logical order"
end

# ---- Chinese -----------------------------------------------------------------

ZH1=$(python3 -c "print('国' * 29 + '，' + '家' * 10 + '（' + '中' * 5 + '）。')")
ZH2=$(python3 -c "print('国' * 28 + '（' + '中' * 10 + '）。')")

begin "Chinese breaks between characters, never before ，。） and never after （"
run "$SAMPLE" --lang zh zh.pdf "标题" "$ZH1" "$ZH2"
expect_status 0
pdftotext zh.pdf zh.txt
grep -q '^[，。、：；？！）」』》]' zh.txt && fail "a line starts with closing punctuation"
grep -q '[（「『《]$' zh.txt && fail "a line ends with opening punctuation"
# the table's narrow column broke both long texts, between characters
[ "$(grep -c '^国*$' zh.txt)" -ge 2 ] || fail "no line of ideographs alone: not broken between them"
grep -q '^国，' zh.txt || fail "the comma did not take the character before it along"
grep -q '^（中' zh.txt || fail "the opening bracket did not go to the next line"
end

begin "Chinese characters are drawn whole, from the CJK face"
pdffonts zh.pdf | grep -q DroidSansFallback || fail "no CJK face"
set -- $(words zh.pdf 1 | awk '$5 == "标题" { print $1, $2, $3, $4; exit }')
if [ $# -ne 4 ]; then
	fail "the heading is not found"
else
	v=$(ink zh.pdf 1 "$1" "$2" "$3" "$4")
	python3 -c "import sys; sys.exit(0 if $v > 0.01 else 1)" || fail "the heading has no ink ($v)"
fi
end

# ---- characters no font has --------------------------------------------------

begin "validate warns, with file, line, question and language, about characters no font has"
run "$CIRT" validate "$FIXTURES/missing-glyphs.xml"
expect_status 0
expect_err "missing-glyphs.xml:14: warning: pillar 'legal' (fr): no font has U+1F600"
expect_err "missing-glyphs.xml:33: warning: question 'L2' (en): no font has U+0915"
# Chinese has a face
expect_no_err "U+6267"
end

begin "report warns about answers, evidence, notes and findings with such characters and still prints"
printf 'question_id,value,evidence,comment\nL1,yes,Decree \360\237\230\200 2021,\nT1,operational,,note कानून\n' >glyphs.csv
EX="$ROOT/questionnaires/example.xml"
"$CIRT" import --yes glyphs.csv --country GH --db g.db --questionnaire "$EX" >/dev/null 2>&1
printf 'Findings 执法 \360\237\230\200\n' | "$CIRT" findings --country GH --db g.db \
	--questionnaire "$EX" --pillar legal --file - >/dev/null 2>&1
run "$CIRT" report --country GH --db g.db --questionnaire "$EX" -o g.pdf
expect_status 0
expect_err "question 'L1' evidence: no font has U+1F600"
expect_err "question 'T1' note: no font has U+0915"
expect_err "findings on pillar 'legal': no font has U+1F600"
pdftotext g.pdf - | grep -qF "Decree � 2021" || fail "the emoji is not a visible U+FFFD"
end

# ---- reports in six languages --------------------------------------------------

"$CIRT" import --yes "$FIXTURES/readiness-answers-sample.csv" --country XB --db s.db \
	--questionnaire "$Q" >/dev/null 2>&1

begin "a report stays within 100 KB in each of the six languages"
for l in en fr es ru ar zh; do
	if ! "$CIRT" report --country XB --db s.db --questionnaire "$Q" --lang $l -o xb-$l.pdf \
		>/dev/null 2>"xb-$l.err"; then
		fail "no $l report: $(head -1 "xb-$l.err")"
		continue
	fi
	size=$(wc -c <xb-$l.pdf)
	[ "$size" -le 102400 ] || fail "the $l report is $size bytes"
done
end

begin "an Arabic report: header on the right, Latin names and numbers whole, nothing blank"
words xb-ar.pdf 2 >xbar.words
python3 - xbar.words <<'PY' || fail "header not mirrored"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
head = [r for r in rows if float(r[1]) < 60]
# the header's text (the country, "XB") on the right half, ending at the
# margin; the status ("Draft") on the left, from the margin
xb = [r for r in head if "XB" in r[4]]
if not head or not xb or min(float(r[0]) for r in xb) < 297:
    sys.exit("header text not on the right")
if abs(max(float(r[2]) for r in head) - 539.28) > 1.5 or abs(min(float(r[0]) for r in head) - 56) > 1.5:
    sys.exit("header not from margin to margin")
PY
pdftotext xb-ar.pdf - | grep -q "�" && fail "a character printed as U+FFFD"
pdftotext xb-zh.pdf - | grep -q "�" && fail "a Chinese character printed as U+FFFD"
end

begin "the Word copy of a right-to-left document is bidi, and opens right to left"
run "$SAMPLE" --rtl --docx --lang ar ar.docx "$AR1" "$AR2"
expect_status 0
unzip -p ar.docx word/document.xml >doc.xml
for e in '<w:bidi/>' '<w:bidiVisual/>' '<w:rtl/>'; do
	grep -qF "$e" doc.xml || fail "document.xml lacks $e"
done
unzip -p ar.docx word/styles.xml | grep -qF 'w:eastAsia="Droid Sans Fallback"' ||
	fail "rFonts do not name the CJK face"
if command -v soffice >/dev/null 2>&1; then
	timeout 180 soffice -env:UserInstallation="file://$WORK/office-profile" --headless \
		--convert-to pdf --outdir lo ar.docx >office.log 2>&1
	words lo/ar.pdf 1 >lo.words
	python3 - lo.words "$AR1" <<'PY' || fail "LibreOffice does not show it right to left"
import sys
rows = [l.split(" ", 4) for l in open(sys.argv[1], encoding="utf-8").read().splitlines()]
w = sys.argv[2].split()
def x(word):
    return [float(r[0]) for r in rows if r[4] in (word, word[::-1])]
a, b = x(w[0]), x(w[1])
sys.exit(0 if a and b and max(a) > max(b) else 1)
PY
fi
end
