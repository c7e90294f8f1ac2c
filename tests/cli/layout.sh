#!/bin/sh
# The report's content and layout: charts with 1 to 8 pillars, strongest
# and weakest never overlapping, recommendations that fit the answers, the
# roadmap, line breaking of long words, and headers that never overlap.
. tests/cli/lib.sh

plan 12

READINESS=$ROOT/questionnaires/cirt-readiness.xml

# gen_q PILLARS INDICATORS_PER_PILLAR: a questionnaire of yes/no questions,
# one per indicator, each with a recommendation of its own.
gen_q() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<questionnaire xmlns="urn:cirt:questionnaire:1" id="gen" version="1" default-lang="en" languages="en fr es">'
		t title "Generated questionnaire"
		p=1
		while [ "$p" -le "$1" ]; do
			echo "  <pillar id=\"p$p\">"
			t title "Pillar number $p"
			i=1
			while [ "$i" -le "$2" ]; do
				echo "    <indicator id=\"p$p.i$i\">"
				t title "Indicator $p.$i"
				t recommendation "Work on $p.$i."
				echo "      <question id=\"Q${p}x$i\" type=\"yesno\">"
				t text "Is $p.$i in place?"
				echo "        <recommendation horizon=\"short\" body=\"cirt\" effort=\"low\">Put $p.$i in place.</recommendation>"
				echo "        <recommendation xml:lang=\"fr\">Put $p.$i in place.</recommendation>"
				echo "        <recommendation xml:lang=\"es\">Put $p.$i in place.</recommendation></question>"
				echo "    </indicator>"
				i=$((i + 1))
			done
			echo "  </pillar>"
			p=$((p + 1))
		done
		echo '  <tiers><tier id="low" min="0">'
		t name Low
		echo '</tier><tier id="high" min="60">'
		t name High
		echo '</tier></tiers>'
		echo '</questionnaire>'
	} >"$3"
}

# t ELEMENT TEXT: the element in English, French and Spanish (the same
# words: the layout is under test, not the translation)
t() {
	echo "<$1>$2</$1><$1 xml:lang=\"fr\">$2</$1><$1 xml:lang=\"es\">$2</$1>"
}

# answers PILLARS INDICATORS FILE: every other question yes
answers() {
	{
		echo "question_id,value,evidence,comment"
		p=1
		n=0
		while [ "$p" -le "$1" ]; do
			i=1
			while [ "$i" -le "$2" ]; do
				if [ $((n % 2)) -eq 0 ]; then v=yes; else v=no; fi
				echo "Q${p}x$i,$v,,"
				n=$((n + 1))
				i=$((i + 1))
			done
			p=$((p + 1))
		done
	} >"$3"
}

for shape in "1 1" "2 2" "8 1"; do
	set -- $shape
	begin "a report with $1 pillar(s) of $2 indicator(s) charts every pillar with its score"
	gen_q "$1" "$2" q.xml
	answers "$1" "$2" a.csv
	rm -f db.sqlite
	run $CIRT import --yes a.csv --country KE --cycle 2026 --db db.sqlite --questionnaire q.xml
	expect_status 0
	run $CIRT report --country KE --db db.sqlite --questionnaire q.xml -o r.pdf
	expect_status 0
	pdftotext -f 2 -l 2 -layout r.pdf p2.txt 2>/dev/null || fail "no page 2"
	p=1
	while [ "$p" -le "$1" ]; do
		# in the chart and in the table
		c=$(grep -c "Pillar number $p\b" p2.txt)
		[ "$c" -ge 2 ] || fail "page 2 names pillar $p $c times, expected the chart and the table"
		p=$((p + 1))
	done
	if [ $(($1 * $2)) -lt 2 ]; then
		grep -q "Too few indicators" p2.txt || fail "no word on too few indicators"
		grep -q "Strongest indicators" p2.txt && fail "a strongest list with one indicator"
	fi
	# the chart is drawn: the page is not blank around it
	pdftoppm -r 30 -png -f 2 -l 2 r.pdf pg >/dev/null 2>&1
	[ -s pg-2.png ] || [ -s pg-02.png ] || fail "page 2 did not render"
	end
done

begin "strongest and weakest never name the same indicator"
gen_q 1 3 q.xml
printf 'question_id,value,evidence,comment\nQ1x1,yes,,\nQ1x2,no,,\nQ1x3,no,,\n' >a.csv
rm -f db.sqlite
run $CIRT import --yes a.csv --country KE --cycle 2026 --db db.sqlite --questionnaire q.xml
run $CIRT report --country KE --db db.sqlite --questionnaire q.xml -o r.pdf
expect_status 0
pdftotext -f 2 -l 2 r.pdf p2.txt
for i in 1 2 3; do
	c=$(grep -c "· Indicator 1.$i\$" p2.txt)
	[ "$c" -le 1 ] || fail "Indicator 1.$i listed $c times"
done
grep -q "100% · Indicator 1.1" p2.txt || fail "the strongest is not Indicator 1.1"
grep -q "0% · Indicator 1.2" p2.txt || fail "the weakest is not Indicator 1.2"
end

begin "recommendations fit the answers: never for what is in place, never for the unanswered"
rec=$(sed -n '/<question id="LD1"/,/<\/question>/p' "$READINESS" |
	sed -n 's/.*<recommendation [^>]*horizon[^>]*>\(.*\)<\/recommendation>.*/\1/p' | head -n 1)
[ -n "$rec" ] || fail "LD1 has no recommendation in the shipped questionnaire"
want=$(printf '%s' "$rec" | cut -c1-40)
printf 'question_id,value,evidence,comment\nLD1,yes,,\nLC1,no,,\n' >yes.csv
printf 'question_id,value,evidence,comment\nLD1,no,,\nLC1,no,,\n' >no.csv
rm -f db.sqlite
run $CIRT import --yes yes.csv --country KE --cycle 2026 --db db.sqlite --questionnaire "$READINESS"
run $CIRT import --yes no.csv --country GH --cycle 2026 --db db.sqlite --questionnaire "$READINESS"
run $CIRT report --country KE --db db.sqlite --questionnaire "$READINESS" -o ke.pdf
expect_status 0
run $CIRT report --country GH --db db.sqlite --questionnaire "$READINESS" -o gh.pdf
expect_status 0
pdftotext ke.pdf - | tr '\n' ' ' | grep -qF "$want" && fail "KE (LD1 yes) is told: $want"
pdftotext gh.pdf - | tr '\n' ' ' | grep -qF "$want" || fail "GH (LD1 no) is not told: $want"
# LE2 was not answered by either: no recommendation of its own
lerec=$(sed -n '/<question id="LE2"/,/<\/question>/p' "$READINESS" |
	sed -n 's/.*<recommendation [^>]*horizon[^>]*>\(.*\)<\/recommendation>.*/\1/p' | head -n 1 |
	cut -c1-40)
[ -n "$lerec" ] && pdftotext gh.pdf - | tr '\n' ' ' | grep -qF "$lerec" &&
	fail "an unanswered question got a recommendation"
end

begin "the roadmap lays the phases out with their bodies, points and the next tier"
pdftotext gh.pdf gh.txt
grep -q "^Roadmap" gh.txt || fail "no roadmap section"
for w in "Short term" "Medium term" "Long term" "Lead" "points"; do
	grep -q "$w" gh.txt || fail "the roadmap lacks: $w"
done
# the roadmap's page has the figure: the tiers' names are drawn on it
page=$(pdftotext -layout gh.pdf - | awk '/\f/ {n++} /^ *Roadmap$/ {print n + 1; exit}')
[ -n "$page" ] || fail "no page starts the roadmap"
pdftotext -f "$page" -l "$page" gh.pdf - | grep -q "Evolving (20)\|(20)" ||
	fail "the timeline does not show the tiers"
end

begin "the roadmap in French and Spanish"
run $CIRT report --country GH --lang fr --db db.sqlite --questionnaire "$READINESS" -o fr.pdf
expect_status 0
pdftotext fr.pdf - | grep -q "Feuille de route" || fail "no French roadmap"
pdftotext fr.pdf - | grep -q "Court terme" || fail "no French phases"
run $CIRT report --country GH --lang es --db db.sqlite --questionnaire "$READINESS" -o es.pdf
expect_status 0
pdftotext es.pdf - | grep -q "Hoja de ruta" || fail "no Spanish roadmap"
end

begin "a 60,000-character word is broken with hyphens inside the margins"
python3 -c "
print('question_id,value,evidence,comment')
print('LC1,yes,' + 'A' * 60000 + ',')
print('LC2,3,' + 'word ' * 12000 + ',')
" >long.csv
rm -f long.db
run $CIRT import --yes long.csv --country KE --cycle 2026 --db long.db --questionnaire "$READINESS"
expect_status 0
run $CIRT report --country KE --db long.db --questionnaire "$READINESS" -o long.pdf
expect_status 0
pdftotext -bbox long.pdf long.html 2>/dev/null
# no word reaches into the right margin (A4 is 595.28 points wide, 56 margin)
python3 - long.html <<'EOF' || fail "text runs into the margin"
import re, sys
worst = max(float(m) for m in re.findall(r'xMax="([0-9.]+)"', open(sys.argv[1]).read()))
sys.exit(0 if worst <= 595.28 - 56 + 1 else 1)
EOF
n=$(grep -c '>A*-</word>' long.html)
[ "$n" -ge 500 ] || fail "only $n hyphenated lines of the long word"
end

# no_overlap PDF PAGE: the words of the page's header (the top 60 points)
# never overlap one another
no_overlap() {
	pdftotext -f "$2" -l "$2" -bbox "$1" bbox.html 2>/dev/null || return 1
	python3 - bbox.html <<'EOF'
import re, sys
words = re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">',
                   open(sys.argv[1]).read())
top = sorted((float(a), float(c)) for a, b, c, d in words if float(b) < 60)
if len(top) < 2:
    sys.exit(1)
for (a0, a1), (b0, b1) in zip(top, top[1:]):
    if b0 < a1 - 0.5:
        sys.exit(1)
EOF
}

begin "headers never overlap: a French comparison of sample countries with a marking"
for f in "$FIXTURES"/demo/*-2026.csv; do
	b=$(basename "$f" .csv)
	run $CIRT import --yes "$f" --country "${b%-*}" --cycle 2026 --db demo.db --questionnaire "$READINESS"
done
marking="DIFFUSION RESTREINTE – MINISTÈRE ET ÉQUIPE NATIONALE SEULEMENT, NE PAS COPIER"
run $CIRT compare --lang fr --marking "$marking" --db demo.db --questionnaire "$READINESS" -o c.pdf
expect_status 0
no_overlap c.pdf 1 || fail "the comparison's header overlaps"
pdftotext -f 1 -l 1 c.pdf - | grep -q "DIFFUSION" || fail "no marking on the comparison"
pdftotext -f 1 -l 1 c.pdf - | grep -q "Données d'exemple" || fail "no sample notice"
run $CIRT report --country XA --lang fr --marking "$marking" --db demo.db \
	--questionnaire "$READINESS" -o xa.pdf
expect_status 0
no_overlap xa.pdf 3 || fail "the report's header overlaps"
end

begin "the team's summary opens page 2 and a pillar's findings open its section, in PDF order"
rm -f f.db
printf 'question_id,value,evidence,comment\nLC1,no,,\nLD1,no,,\nLE2,yes,,\n' >f.csv
run $CIRT import --yes f.csv --country KE --cycle 2026 --db f.db --questionnaire "$READINESS"
printf 'Kenya has a capable national team.\n\nIts legal framework lags behind.\n' |
	$CIRT findings --country KE --db f.db --questionnaire "$READINESS" --file - >/dev/null 2>&1 ||
	fail "the summary was not recorded"
printf 'No cybercrime law is in force yet.\n' |
	$CIRT findings --country KE --pillar legal --db f.db --questionnaire "$READINESS" --file - \
		>/dev/null 2>&1 || fail "the findings were not recorded"
run $CIRT report --country KE --db f.db --questionnaire "$READINESS" -o f.pdf
expect_status 0
pdftotext -f 2 -l 2 f.pdf p2.txt
head -n 12 p2.txt | grep -q "The assessment team's summary" || fail "no summary heading near the top of page 2"
grep -q "Kenya has a capable national team." p2.txt || fail "no summary on page 2"
grep -q "Its legal framework lags behind." p2.txt || fail "no second paragraph"
page=$(pdftotext -layout f.pdf - | awk '/\f/ {n++} /^ *1\. Legal measures$/ {print n + 1; exit}')
pdftotext -f "$page" -l "$page" f.pdf legal.txt
# the findings come before the indicator table
awk '/Findings of the assessment team/ {f = NR} /No cybercrime law is in force yet/ {t = NR}
	/^Indicator$/ {i = NR} END {exit !(f && t > f && i > t)}' legal.txt ||
	fail "the findings do not open the legal section"
run $CIRT report --country KE --lang fr --db f.db --questionnaire "$READINESS" -o ff.pdf
pdftotext ff.pdf - | grep -q "Constats de l'équipe d'évaluation" || fail "no French findings heading"
end

begin "means say how many assessments they count, one or many, in English, French and Spanish"
rm -f pl.db
gen_q 2 1 q.xml
answers 2 1 pl.csv
for c in KE GH; do
	run $CIRT import --yes pl.csv --country $c --cycle 2026 --db pl.db --questionnaire q.xml
done
run $CIRT finalize --country KE --cycle 2026 --db pl.db --questionnaire q.xml
expect_status 0
# KE alone is final: one assessment in each mean
for l in "en:1 final assessment)" "fr:1 évaluation finale)" "es:1 evaluación final)"; do
	run $CIRT report --country GH --lang "${l%%:*}" --db pl.db --questionnaire q.xml -o pl.pdf
	expect_status 0
	pdftotext pl.pdf - | tr '\n' ' ' | grep -qF "${l#*:}" || fail "${l%%:*}: no '${l#*:}'"
done
run $CIRT finalize --country GH --cycle 2026 --db pl.db --questionnaire q.xml
for l in "en:2 final assessments)" "fr:2 évaluations finales)" "es:2 evaluaciones finales)"; do
	run $CIRT report --country GH --lang "${l%%:*}" --db pl.db --questionnaire q.xml -o pl.pdf
	expect_status 0
	pdftotext pl.pdf - | tr '\n' ' ' | grep -qF "${l#*:}" || fail "${l%%:*}: no '${l#*:}'"
done
end

# ink PDF: how many dark pixels page 2 has (grey-scale, 100 dpi)
ink() {
	pdftoppm -r 100 -gray -f 2 -l 2 -singlefile "$1" ink >/dev/null 2>&1 || return 1
	python3 - ink.pgm <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
# P5 width height maxval, then the pixels
parts = data.split(maxsplit=4)
print(sum(1 for b in parts[4] if b < 128))
EOF
}

begin "composite glyphs keep all their parts (ǅ is D, z and a caron)"
rm -f g.db
gen_q 1 1 q.xml
answers 1 1 g.csv
run $CIRT import --yes g.csv --country KE --cycle 2026 --db g.db --questionnaire q.xml
python3 -c "print('ǅ' * 30)" | $CIRT findings --country KE --db g.db --questionnaire q.xml --file - >/dev/null 2>&1
run $CIRT report --country KE --db g.db --questionnaire q.xml -o dz1.pdf
expect_status 0
python3 -c "print('Dz' * 30)" | $CIRT findings --country KE --db g.db --questionnaire q.xml --file - >/dev/null 2>&1
run $CIRT report --country KE --db g.db --questionnaire q.xml -o dz2.pdf
expect_status 0
a=$(ink dz1.pdf)
b=$(ink dz2.pdf)
# the carons add ink; a caron or a letter left out would take some away
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt $((b + 60)) ] ||
	fail "ǅ × 30 has $a dark pixels, Dz × 30 has $b: parts of the composite are missing"
end
