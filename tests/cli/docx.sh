# End-to-end tests of the Word output (Office Open XML): LibreOffice opens
# each document headless, converting it to PDF, and the PDF is read back:
# every heading, paragraph and cell, the headings as the PDF's outline, the
# page header and the page numbers. The documents come from the renderer's
# sample (tests/tools/docx-sample.c: every kind of block) and from
# `cirt report --format docx`.
. "$(dirname "$0")/lib.sh"
COUNT=12
plan $COUNT

if ! command -v soffice >/dev/null 2>&1; then
	for i in $(seq 1 $COUNT); do
		echo "ok $i # SKIP LibreOffice (soffice, Debian package libreoffice-writer-nogui) is not installed"
	done
	exit 0
fi

# office_pdf DIR FILE...: LibreOffice writes DIR/NAME.pdf for each FILE, with
# a profile of its own (never the user's) and at most three minutes
office_pdf() {
	dir=$1
	shift
	timeout 180 soffice -env:UserInstallation="file://$WORK/office-profile" --headless \
		--convert-to pdf --outdir "$dir" "$@" >office.log 2>&1
}

# every_text DOCX TEXT: each heading of DOCX whole, the words of its
# paragraphs in their order, and the words of its table cells, are in
# TEXT (pdftotext's output). Spaces, line breaks and hyphens do not count,
# and each page's header and footer are set aside, so that words
# LibreOffice broke across lines or pages still match. Prints what is
# missing.
every_text() {
	python3 - "$1" "$2" <<'PY'
import re, sys, unicodedata, zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
def norm(s):
    # pdftotext drops a hyphen at the end of a line ("a-t-" / "elle")
    s = unicodedata.normalize("NFKC", s)
    return "".join(s.replace("-", "").replace("\u00ad", "").split())

docx = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(docx.read("word/document.xml"))
def text(p):
    out = []
    for e in p.iter():
        if e.tag == W + "t":
            out.append(e.text or "")
        elif e.tag in (W + "br", W + "tab"):
            out.append(" ")
    return "".join(out)

# the header's texts (first on a page, each once) and the footer as a
# pattern, its fields' numbers as digits (last on a page)
heads = [" ".join(text(c).split()) for c in ET.fromstring(docx.read("word/header1.xml")).iter(W + "tc")]
foot, field = "", False
for e in ET.fromstring(docx.read("word/footer1.xml")).iter():
    if e.tag == W + "fldChar":
        field = e.get(W + "fldCharType") == "separate"
        if field:
            foot += r"\d+"
    elif e.tag == W + "t" and not field:
        foot += re.escape(e.text or "")
foot = re.compile(" ".join(foot.split()).replace(r"\ ", " ") + "$")
kept = []
for page in open(sys.argv[2], encoding="utf-8").read().split("\f"):
    lines = [" ".join(l.split()) for l in page.split("\n")]
    lines = [l for l in lines if l]
    left = [h for h in heads if h]
    while lines and lines[0] in left:
        left.remove(lines.pop(0))
    while lines and foot.match(lines[-1]):
        lines.pop()
    kept += lines
pdf = norm(" ".join(kept))
body = root.find(W + "body")
missing = []
at = 0
for p in body.iter(W + "p"):
    words = text(p).split()
    style = p.find(W + "pPr/" + W + "pStyle")
    if style is not None and style.get(W + "val") in ("Heading1", "Heading2"):
        if norm(" ".join(words)) not in pdf:
            missing.append("heading: " + " ".join(words))
for block in body:
    if block.tag == W + "p":
        for word in text(block).split():
            k = pdf.find(norm(word), at)
            if k < 0:
                missing.append("in order: " + word[:60])
            else:
                at = k + len(norm(word))
    elif block.tag == W + "tbl":
        for cell in block.iter(W + "p"):
            for word in text(cell).split():
                if norm(word) not in pdf:
                    missing.append("cell: " + word[:60])
for m in missing[:20]:
    print(m)
sys.exit(1 if missing else 0)
PY
}

# the titles of a PDF's outline, indented by level
outline() {
	qpdf --json "$1" 2>/dev/null | python3 -c '
import json, sys
def walk(items, depth):
    for o in items:
        print("  " * depth + o["title"])
        walk(o.get("kids", []), depth + 1)
walk(json.load(sys.stdin).get("outlines", []), 0)'
}

begin "the sample is a zip with the parts of a Word document, and each part is XML"
run "${CIRT_TOOLS:?set CIRT_TOOLS to the test tools folder}/docx-sample" sample.docx
expect_status 0
unzip -tq sample.docx >unzip.txt 2>&1 || fail "unzip -t: $(cat unzip.txt)"
for p in '[Content_Types].xml' _rels/.rels word/document.xml word/styles.xml \
	word/settings.xml word/header1.xml word/footer1.xml word/_rels/document.xml.rels \
	docProps/core.xml docProps/app.xml; do
	# unzip reads names as patterns: [[] is a [
	unzip -p sample.docx "$(echo "$p" | sed 's/\[/[[]/')" >part.xml 2>/dev/null ||
		fail "no part $p"
	xmllint --noout part.xml 2>/dev/null || fail "$p is not well-formed"
done
unzip -p sample.docx word/media/figure1.png | head -c 4 | grep -q PNG || fail "no PNG figure"
end

begin "LibreOffice opens it: every heading, paragraph and cell is in its PDF"
mkdir -p office
office_pdf office sample.docx
pdftotext office/sample.pdf sample.txt 2>/dev/null
[ -s office/sample.pdf ] || fail "LibreOffice wrote no PDF: $(tail -n 3 office.log)"
every_text sample.docx sample.txt >missing.txt || fail "missing: $(head -n 5 missing.txt)"
grep -q "Escaped <&> and a control � character" sample.txt ||
	fail "escaped text or U+FFFD missing"
end

begin "the headings are real headings: the PDF's outline, at their levels"
outline office/sample.pdf >outline.txt
printf 'Executive summary\nLegal measures\n  Indicators\nMethodology\n' >want.txt
cmp -s outline.txt want.txt || fail "outline: $(cat outline.txt)"
end

begin "every page has the header, the marking and its number out of the count (fields)"
pages=$(pdfinfo office/sample.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 4 ] || fail "only ${pages:-0} pages"
i=1
while [ "$i" -le "${pages:-0}" ]; do
	pdftotext -f "$i" -l "$i" office/sample.pdf page.txt 2>/dev/null
	grep -q "National CIRT readiness — Sampleland, cycle 2026" page.txt ||
		fail "page $i: no header"
	grep -q "RESTRICTED" page.txt || fail "page $i: no marking"
	grep -q "Sample data" page.txt || fail "page $i: no note"
	grep -q "Page $i of $pages" page.txt || fail "page $i: no 'Page $i of $pages'"
	i=$((i + 1))
done
end

begin "a table across pages repeats its header row; the cover has a page of its own"
n=$(pdftotext -layout office/sample.pdf - 2>/dev/null | grep -c 'Indicator  *Score  *Status')
[ "$n" -ge 2 ] || fail "the header row shows $n times"
pdftotext -f 1 -l 1 office/sample.pdf page.txt 2>/dev/null
grep -q "Executive summary" page.txt && fail "the summary is on the cover"
grep -q "DRAFT" page.txt || fail "no watermark word on the cover"
pdftotext -f 2 -l 2 office/sample.pdf page.txt 2>/dev/null
grep -q "Executive summary" page.txt || fail "the summary is not on page 2"
end

begin "the figure is a picture, and the document information is the document's"
n=$(pdfimages -list office/sample.pdf 2>/dev/null | tail -n +3 | wc -l)
[ "$n" -ge 1 ] || fail "no image in LibreOffice's PDF"
pdfinfo office/sample.pdf >info.txt 2>/dev/null
grep -q "^Title: *CIRT readiness: Sampleland$" info.txt || fail "title: $(grep Title info.txt)"
grep -q "^Author: *Test Assessor$" info.txt || fail "author"
grep -q "^Subject: *National CIRT readiness assessment$" info.txt || fail "subject"
grep -q "^Keywords: *CIRT, readiness$" info.txt || fail "keywords"
end

# ---- cirt report --format docx ------------------------------------------

if ! "$CIRT" report --help 2>&1 | grep -q docx; then
	for i in 7 8 9 10 11 12; do
		echo "ok $i # SKIP cirt report has no --format docx yet"
	done
	exit 0
fi

Q=$ROOT/questionnaires/cirt-readiness.xml
"$CIRT" import --yes "$FIXTURES/readiness-answers-sample.csv" --country KE --cycle 2026 \
	--db r.db --questionnaire "$Q" >/dev/null 2>&1
export SOURCE_DATE_EPOCH=1767225600

begin "cirt report --format docx writes a Word document in English, French and Spanish"
run "$CIRT" report --country KE --db r.db --questionnaire "$Q" --format docx \
	--marking RESTRICTED -o KE-en.docx
expect_status 0
unzip -tq KE-en.docx >/dev/null 2>&1 || fail "not a zip"
for lang in fr es; do
	"$CIRT" report --country KE --db r.db --questionnaire "$Q" --format docx --lang $lang \
		-o KE-$lang.docx >/dev/null 2>&1 || fail "no $lang report"
	"$CIRT" report --country KE --db r.db --questionnaire "$Q" --lang $lang \
		-o KE-$lang.pdf >/dev/null 2>&1 || fail "no $lang PDF report"
done
"$CIRT" report --country KE --db r.db --questionnaire "$Q" -o KE-en.pdf >/dev/null 2>&1 ||
	fail "no PDF report"
end

# markup and a long word in an answer, for the last test
long=$(printf '%5000s' '' | tr ' ' w)
printf 'question_id,value,evidence,comment\nLC1,yes,"<w:p>&amp; ""q"" ]]> <!-- x",%s\n' "$long" >hostile.csv
"$CIRT" import --yes hostile.csv --country NG --cycle 2026 --db r.db --questionnaire "$Q" \
	>/dev/null 2>&1
"$CIRT" report --country NG --db r.db --questionnaire "$Q" --format docx -o NG.docx \
	>/dev/null 2>&1

mkdir -p office-report
office_pdf office-report KE-en.docx KE-fr.docx KE-es.docx NG.docx

for lang in en fr es; do
	begin "LibreOffice opens the $lang report: every section's heading, paragraph and cell"
	[ -s office-report/KE-$lang.pdf ] || fail "LibreOffice wrote no PDF: $(tail -n 3 office.log)"
	pdftotext office-report/KE-$lang.pdf KE-$lang.txt 2>/dev/null
	every_text KE-$lang.docx KE-$lang.txt >missing.txt ||
		fail "missing: $(head -n 5 missing.txt)"
	# the same sections as cirt's PDF of the report (whose outline starts
	# with the cover's title, a heading only there)
	outline office-report/KE-$lang.pdf >docx-outline.txt
	outline KE-$lang.pdf | tail -n +2 >pdf-outline.txt
	[ -s docx-outline.txt ] || fail "no outline"
	[ -s pdf-outline.txt ] || fail "no outline in cirt's PDF"
	grep -vxF -f docx-outline.txt pdf-outline.txt >extra.txt &&
		fail "sections of the PDF missing in the DOCX: $(head -n 3 extra.txt)"
	end
done

begin "the report's pages have the header with the marking and numbers"
pages=$(pdfinfo office-report/KE-en.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
pdftotext -f 2 -l 2 office-report/KE-en.pdf page.txt 2>/dev/null
grep -q RESTRICTED page.txt || fail "no marking on page 2"
grep -q "Page 2 of ${pages:-x}" page.txt || fail "no 'Page 2 of ${pages:-x}' on page 2"
end

begin "markup and a 5,000-character word in an answer: escaped, and LibreOffice shows them"
[ -s NG.docx ] || fail "no report with the answer"
unzip -p NG.docx word/document.xml | grep -qF '&lt;w:p&gt;&amp;amp; &quot;q&quot; ]]&gt; &lt;!-- x' ||
	fail "the evidence is not escaped as text"
pdftotext office-report/NG.pdf NG.txt 2>/dev/null
grep -qF '<w:p>&amp; "q" ]]> <!-- x' NG.txt || fail "LibreOffice does not show the evidence"
every_text NG.docx NG.txt >missing.txt || fail "missing: $(head -n 5 missing.txt)"
end
