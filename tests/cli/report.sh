# End-to-end tests of `cirt report`, checked with qpdf, pdftotext and pdfinfo.
. "$(dirname "$0")/lib.sh"
plan 20

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
export CIRT_ASSESSOR="Ana Díaz"

# The answers of the hand-computed case (39.375 points, tier Evolving), with
# accented and Cyrillic text in evidence and notes.
cat >gh.csv <<'CSV'
question_id,value,evidence,comment
L1,yes,"Loi n° 2019-15 sur la cybercriminalité, art. 4",
L2,2,,Дирекция по киберсигурност
T1,operational,Photo of the team board 📷,
T2,incident forensics,,
T3,3,,
C1,no,,
C2,dk,,
CSV
"$CIRT" import --yes gh.csv --country GH --cycle 2026 --db r.db >/dev/null
printf 'question_id,value,evidence,comment\nL1,no,,\nT1,planned,,\nC1,no,,\n' >old.csv
"$CIRT" import --yes old.csv --country GH --cycle 2025 --db r.db >/dev/null
printf 'question_id,value,evidence,comment\nL1,yes,,\nT1,none,,\nC1,yes,,\n' >ng.csv
"$CIRT" import --yes ng.csv --country NG --cycle 2026 --db r.db >/dev/null

# the text of a PDF; fails if poppler has anything to say about the file
pdf_text() {
	pdftotext -layout "$1" - 2>poppler.err && [ ! -s poppler.err ]
}

begin "a report is written to reports/CC-YEAR.pdf and passes qpdf --check"
run "$CIRT" report --country GH --db r.db
expect_status 0
expect_out "reports/GH-2026.pdf"
[ -f reports/GH-2026.pdf ] || fail "no file"
[ "$(stat -c %a reports/GH-2026.pdf)" = 600 ] || fail "mode $(stat -c %a reports/GH-2026.pdf)"
qpdf --check reports/GH-2026.pdf >qpdf.txt 2>&1 || fail "qpdf: $(tail -n 3 qpdf.txt)"
grep -q "No syntax or stream encoding errors found" qpdf.txt || fail "qpdf: $(cat qpdf.txt)"
ls reports | grep -v '^GH-2026.pdf$' && fail "other files left in reports/"
end

begin "the text holds the country, pillars, scores, tier, accents, Cyrillic; no silent drops"
pdf_text reports/GH-2026.pdf >gh.txt || fail "poppler: $(head -n 3 poppler.err)"
for s in "Ghana" "GH · Cycle 2026" "Legal measures" "Technical and procedural measures" \
	"Cooperation" "39.4" "Evolving" "Executive summary" "Recommendations" \
	"Path to the next tier" "Methodology" "Loi n° 2019-15 sur la cybercriminalité" \
	"Дирекция по киберсигурност" "Page 1 of" "Draft" "Progress since 2025" \
	"Ana Díaz" \
	"Photo of the team board �"; do
	grep -qF -- "$s" gh.txt || fail "missing: $s"
done
end

# glyph_maps PDF TEXT: each CID-keyed font maps CIDs (the code points) to
# glyphs up to the highest code point it is given and no further, and every
# character of TEXT has a glyph in one of them
glyph_maps() {
	qpdf --json "$1" >maps.json
	python3 - "$1" maps.json "$2" <<'PY'
import json, subprocess, sys
objects = {}
for entry in json.load(open(sys.argv[2]))["qpdf"][1:]:
    objects.update(entry)
maps = []
for obj in objects.values():
    value = obj.get("value")
    if isinstance(value, dict) and "/CIDToGIDMap" in value:
        ref = value["/CIDToGIDMap"].split()[0]
        data = subprocess.run(["qpdf", "--show-object=" + ref, "--filtered-stream-data", sys.argv[1]],
                              capture_output=True, check=True).stdout
        gids = [data[i] << 8 | data[i + 1] for i in range(0, len(data) - 1, 2)]
        used = [cid for cid, gid in enumerate(gids) if gid]
        assert used and len(gids) <= used[-1] + 2, (value["/BaseFont"], len(gids), used[-1:])
        maps.append(gids)
assert len(maps) == 2, len(maps)
text = open(sys.argv[3], encoding="utf-8").read()
missing = {c for c in text if ord(c) > 0x20 and not any(ord(c) < len(m) and m[ord(c)] for m in maps)}
assert not missing, missing
PY
}

begin "every character has a glyph; each font's CID map ends at the highest code point it uses"
glyph_maps reports/GH-2026.pdf gh.txt || fail "GH glyph maps"
"$CIRT" report --country NG --db r.db -o ng.pdf >/dev/null
pdf_text ng.pdf >ng.txt || fail "poppler: $(head -n 3 poppler.err)"
glyph_maps ng.pdf ng.txt || fail "NG glyph maps"
end

begin "pdfinfo shows the metadata and page count; the outline has every section"
pdfinfo reports/GH-2026.pdf >info.txt 2>/dev/null
grep -q "^Title: *Example CIRT readiness check – Ghana 2026$" info.txt || fail "title: $(grep Title info.txt)"
grep -q "^Author: *Ana Díaz$" info.txt || fail "author"
grep -q "^Subject: *Example CIRT readiness check$" info.txt || fail "subject"
grep -q "^Page size: *595.28 x 841.89 pts (A4)$" info.txt || fail "page size"
pages=$(sed -n 's/^Pages: *//p' info.txt)
[ "$pages" -ge 6 ] || fail "$pages pages"
grep -qF "Page $pages of $pages" gh.txt || fail "no 'Page $pages of $pages'"
qpdf --json --json-key=outlines reports/GH-2026.pdf >outline.json
python3 - outline.json <<'PY' || fail "outline: $(cat outline.json)"
import json, sys
titles = [o["title"] for o in json.load(open(sys.argv[1]))["outlines"]]
assert titles == ["Example CIRT readiness check", "Executive summary", "1. Legal measures",
                  "2. Technical and procedural measures", "3. Cooperation", "Recommendations",
                  "Roadmap", "Open items", "Progress since 2025", "Stakeholders consulted", "Methodology"], titles
PY
end

begin "with SOURCE_DATE_EPOCH the same database gives the same bytes"
SOURCE_DATE_EPOCH=1700000000 "$CIRT" report --country GH --db r.db -o a.pdf >/dev/null
SOURCE_DATE_EPOCH=1700000000 "$CIRT" report --country GH --db r.db -o b.pdf >/dev/null
cmp -s a.pdf b.pdf || fail "the two reports differ"
pdfinfo a.pdf 2>/dev/null | grep -q "^CreationDate: *Tue Nov 14 22:13:20 2023" || fail "date: $(pdfinfo a.pdf 2>/dev/null | grep CreationDate)"
end

begin "the report speaks French with --lang fr, decimal commas and spaced colons included"
run "$CIRT" report --country GH --db r.db --lang fr -o fr.pdf
expect_status 0
pdf_text fr.pdf >fr.txt || fail "poppler: $(head -n 3 poppler.err)"
for s in "Synthèse" "Score global" "Niveau de préparation" "Recommandations" "Méthodologie" \
	"Mesures juridiques" "En évolution" "Page 1 sur" "Projet"; do
	grep -qF -- "$s" fr.txt || fail "missing: $s"
done
for s in "Executive summary" "Recommendations" "Methodology" "Legal measures" "39.4"; do
	grep -qF -- "$s" fr.txt && fail "English: $s"
done
grep -qF "39,4" fr.txt || fail "no decimal comma in the overall score"
grep -q "Réponse[[:space:]]: oui" fr.txt || fail "no space before the colon"
end

begin "--paper letter, --marking and a final assessment"
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,3,,\nL3,2019-01-01,,\nT1,operational,,\nT2,incident alerts forensics,,\nT3,40,,\nT4,lab,,\nC1,yes,,\n' >full.csv
"$CIRT" import --yes full.csv --country CL --db r.db >/dev/null
"$CIRT" finalize --country CL --db r.db >/dev/null
run "$CIRT" report --country CL --db r.db --paper letter --marking "CONFIDENTIAL – MINISTRY USE" -o cl.pdf
expect_status 0
pdfinfo cl.pdf 2>/dev/null | grep -q "612 x 792 pts (letter)" || fail "not letter"
pdf_text cl.pdf >cl.txt || fail "poppler: $(head -n 3 poppler.err)"
pages=$(pdfinfo cl.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
n=$(grep -c "CONFIDENTIAL – MINISTRY USE" cl.txt)
[ "$n" -gt "$pages" ] || fail "the marking is on $n lines for $pages pages"
grep -q "Draft" cl.txt && fail "a final assessment is marked Draft"
grep -qF "Role-modelling" cl.txt || fail "no top tier"
grep -qF "The country has reached the top tier." cl.txt || fail "no top tier note"
end

begin "--all writes one report per assessment into a folder"
run "$CIRT" report --all --db r.db -o all
expect_status 0
[ "$(ls all | wc -l)" = 4 ] || fail "$(ls all)"
for f in GH-2025 GH-2026 NG-2026 CL-2026; do
	[ -f "all/$f.pdf" ] || fail "no $f.pdf"
done
run "$CIRT" report --all --cycle 2025 --db r.db -o all25
expect_status 0
[ "$(ls all25)" = GH-2025.pdf ] || fail "$(ls all25)"
end

begin "--all on several workers writes the same files and list as one process"
export SOURCE_DATE_EPOCH=1767225600
"$CIRT" report --all --jobs 1 --db r.db -o j1 >j1.txt || fail "--jobs 1"
"$CIRT" report --all --jobs 3 --db r.db -o j3 >j3.txt || fail "--jobs 3"
sed 's/^j1/j3/' j1.txt | cmp -s - j3.txt || fail "lists differ: $(cat j1.txt j3.txt)"
[ "$(wc -l <j3.txt)" = 4 ] || fail "$(cat j3.txt)"
for f in j1/*.pdf; do
	cmp -s "$f" "j3/${f#j1/}" || fail "${f#j1/} differs"
done
unset SOURCE_DATE_EPOCH
# a worker that cannot write fails the command, and says why
mkdir -p jbad/NG-2026.pdf
run "$CIRT" report --all --jobs 4 --db r.db -o jbad
expect_status 4
expect_err "NG-2026.pdf"
run "$CIRT" report --all --jobs 0 --db r.db -o j0
expect_status 2
expect_err "--jobs takes a number from 1 to 64, not '0'"
end

begin "a fictional demo country is marked Sample data"
"$CIRT" import --yes ng.csv --country XA --db r.db >/dev/null
run "$CIRT" report --country XA --db r.db -o xa.pdf
expect_status 0
pdf_text xa.pdf >xa.txt || fail "poppler: $(head -n 3 poppler.err)"
grep -qF "Sample data" xa.txt || fail "not marked"
grep -qF "Aralia" xa.txt || fail "no name"
end

begin "a report is readable only by its owner even under umask 000; --private is gone"
run sh -c 'umask 000 && exec "$@"' sh "$CIRT" report --country GH --db r.db -o open.pdf
expect_status 0
[ "$(stat -c %a open.pdf)" = 600 ] || fail "mode $(stat -c %a open.pdf)"
run "$CIRT" report --country GH --db r.db --private -o private.pdf
expect_status 2
expect_err "unknown option '--private'"
[ -e private.pdf ] && fail "--private wrote a file"
end

begin "-o naming a folder writes the report into it under its default name"
mkdir out
run "$CIRT" report --country GH --db r.db -o out
expect_status 0
expect_out "out/GH-2026.pdf"
[ "$(ls -A out)" = GH-2026.pdf ] || fail "out/ holds: $(ls -A out)"
[ "$(stat -c %a out/GH-2026.pdf)" = 600 ] || fail "mode $(stat -c %a out/GH-2026.pdf)"
qpdf --check out/GH-2026.pdf >/dev/null 2>&1 || fail "qpdf"
# a name ending in / is a folder, made when missing
run "$CIRT" report --country GH --cycle 2025 --db r.db -o fresh/
expect_status 0
expect_out "fresh/GH-2025.pdf"
expect_no_out "//"
[ "$(ls -A fresh)" = GH-2025.pdf ] || fail "fresh/ holds: $(ls -A fresh)"
# its parent must exist
run "$CIRT" report --country GH --db r.db -o missing/deeper/
expect_status 4
expect_err "cannot create folder 'missing/deeper/': No such file or directory"
[ -e missing ] && fail "something was created"
# --all: the paths it prints have one slash; a file is not a folder
run "$CIRT" report --all --cycle 2025 --db r.db -o out/
expect_status 0
expect_out "out/GH-2025.pdf"
expect_no_out "//"
: >plain
run "$CIRT" report --all --db r.db -o plain
expect_status 4
expect_err "cannot write into 'plain': it is not a folder"
[ -s plain ] && fail "plain was written"
end

# The means: in 2026 Ghana (draft, 39.4), Nigeria (final, 62.5), Kenya
# (final, 39.4), South Africa (draft, 6.25), Côte d'Ivoire (a note,
# nothing answered) and France (final, EUR, 62.5); Senegal (final) in 2025.
printf 'question_id,value,evidence,comment\nL1,,,only a note so far\n' >note.csv
printf 'question_id,value,evidence,comment\nL1,no,,\nT1,planned,,\nC1,no,,\n' >low.csv
for a in GH:gh KE:gh NG:ng FR:ng ZA:low CI:note; do
	"$CIRT" import --yes ${a#*:}.csv --country ${a%:*} --cycle 2026 --db m.db >/dev/null
done
"$CIRT" import --yes ng.csv --country SN --cycle 2025 --db m.db >/dev/null
for a in NG-2026 KE-2026 FR-2026 SN-2025; do
	"$CIRT" finalize --country ${a%-*} --cycle ${a#*-} --db m.db >/dev/null
done

# The count is checked as a number, whatever words the layout puts after it.
begin "the means are of the cycle's final assessments with answers; --include-drafts adds drafts"
run "$CIRT" report --country GH --db m.db -o means.pdf
expect_status 0
pdf_text means.pdf >means.txt || fail "poppler: $(head -n 3 poppler.err)"
# Nigeria and Kenya: (62.5 + 39.375) / 2; with France: (101.875 + 62.5) / 3;
# not Ghana, a draft
grep -q "Regional mean (AFR, 2 " means.txt || fail "regional: $(grep "mean (" means.txt)"
grep -q "Global mean (3 " means.txt || fail "global: $(grep "mean (" means.txt)"
grep -qF "50.9" means.txt || fail "no regional mean of 50.9"
grep -qF "54.8" means.txt || fail "no global mean of 54.8"
# Ghana and South Africa too: (101.875 + 39.375 + 6.25) / 4, (147.5 + 62.5) / 5;
# Côte d'Ivoire, with nothing answered, never
run "$CIRT" report --country GH --db m.db --include-drafts -o drafts.pdf
expect_status 0
pdf_text drafts.pdf >drafts.txt || fail "poppler: $(head -n 3 poppler.err)"
grep -q "Regional mean (AFR, 4 " drafts.txt || fail "regional: $(grep "mean (" drafts.txt)"
grep -q "Global mean (5 " drafts.txt || fail "global: $(grep "mean (" drafts.txt)"
grep -qF "36.9" drafts.txt || fail "no regional mean of 36.9"
grep -qF "42.0" drafts.txt || fail "no global mean of 42.0"
# a final country is one of its own means, the same as in every report of the cycle
run "$CIRT" report --country NG --db m.db -o ng-means.pdf
expect_status 0
pdf_text ng-means.pdf >ng-means.txt || fail "poppler: $(head -n 3 poppler.err)"
grep -q "Regional mean (AFR, 2 " ng-means.txt || fail "regional: $(grep "mean (" ng-means.txt)"
grep -q "Global mean (3 " ng-means.txt || fail "global: $(grep "mean (" ng-means.txt)"
grep -qF "54.8" ng-means.txt || fail "no global mean of 54.8"
end

begin "a report on an assessment with nothing answered is refused and writes nothing"
mkdir empty && cd empty || exit 2
run "$CIRT" report --country CI --db ../m.db
expect_status 3
expect_err "cirt: CI 2026 has no answers yet; record some with 'cirt run --country CI --cycle 2026 --db ../m.db' before making a report"
expect_out_empty
[ -z "$(ls -A)" ] || fail "left: $(ls -A)"
run "$CIRT" report --country CI --db ../m.db --lang fr -o ci.pdf
expect_status 3
expect_err "record some with 'cirt run --country CI --cycle 2026 --db ../m.db --lang fr'"
[ -z "$(ls -A)" ] || fail "left: $(ls -A)"
cd "$WORK" || exit 2
end

begin "--all skips assessments with nothing answered, one warning each, and fails only when none is left"
run "$CIRT" report --all --db m.db -o mall
expect_status 0
expect_err "cirt: warning: CI 2026 has no answers yet"
expect_err "'cirt run --country CI --cycle 2026 --db m.db'"
# and Ghana's evidence has an emoji no font has (issue 16): warned, printed
expect_err "GH-2026: question 'T1' evidence: no font has U+1F4F7"
[ "$(grep -vc 'no font has' "$err")" -eq 1 ] || fail "more than the one warning about CI"
[ "$(ls mall | tr '\n' ' ')" = "FR-2026.pdf GH-2026.pdf KE-2026.pdf NG-2026.pdf SN-2025.pdf ZA-2026.pdf " ] ||
	fail "mall/ holds: $(ls mall)"
expect_no_out "CI-2026"
"$CIRT" import --yes note.csv --country CI --cycle 2026 --db e.db >/dev/null
"$CIRT" import --yes note.csv --country KE --cycle 2026 --db e.db >/dev/null
run "$CIRT" report --all --db e.db -o eall
expect_status 3
expect_err "cirt: warning: CI 2026 has no answers yet"
expect_err "cirt: warning: KE 2026 has no answers yet"
expect_err "cirt: no report written: no assessment in 'e.db' has answers yet"
expect_err_lines 3
[ -e eall ] && fail "eall was created"
end

begin "a folder that does not exist is a clear error and leaves nothing"
run "$CIRT" report --country GH --db r.db -o nowhere/gh.pdf
expect_status 4
expect_err "cannot write 'nowhere/gh.pdf': No such file or directory"
[ -e nowhere ] && fail "something was created"
end

begin "a folder one cannot write to is a clear error and leaves nothing"
mkdir locked
chmod 755 "$WORK"
chmod 555 locked
if [ "$(id -u)" = 0 ]; then
	# root writes anywhere: run as nobody, with a database nobody owns
	mkdir mine
	cp r.db mine/r.db
	chown -R nobody mine
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$CIRT" report --country GH --db "$WORK/mine/r.db" -o "$WORK/locked/gh.pdf"
else
	run "$CIRT" report --country GH --db r.db -o "$WORK/locked/gh.pdf"
fi
expect_status 4
expect_err "cannot write '$WORK/locked/gh.pdf': Permission denied"
[ -z "$(ls locked)" ] || fail "left: $(ls locked)"
end

begin "a full disk is a clear error and leaves no partial PDF"
# a 40 KB file size limit: room for the database (32 KB), not for the
# report, which an evidence of 6,000 random bytes keeps well over it
printf 'question_id,value,evidence,comment\nLC1,yes,%s,\nTN1,operational,,\n' \
	"$(head -c 6000 /dev/urandom | base64 -w 0)" >br.csv
"$CIRT" import --yes br.csv --country BR --db big.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml" >/dev/null
( ulimit -f 80; "$CIRT" report --country BR --db big.db \
	--questionnaire "$ROOT/questionnaires/cirt-readiness.xml" -o big.pdf ) >"$out" 2>"$err"
status=$?
expect_status 4
expect_err "cannot write 'big.pdf': File too large"
[ -e big.pdf ] && fail "a partial PDF was left"
ls big.pdf.tmp-* 2>/dev/null && fail "a temporary file was left"
end

begin "replacing a report clears temporary names left by writers that were killed"
"$CIRT" report --country GH --db r.db -o again.pdf >/dev/null
: >again.pdf.tmp-2147483646-0 # no such process
: >again.pdf.tmp-$$-3         # this shell, still running
: >again.pdf.tmp-notes        # not one of cirt's names
run "$CIRT" report --country GH --db r.db -o again.pdf
expect_status 0
[ -e again.pdf.tmp-2147483646-0 ] && fail "the dead writer's file is still there"
[ -e again.pdf.tmp-$$-3 ] || fail "a running process's file was removed"
[ -e again.pdf.tmp-notes ] || fail "another file was removed"
end

begin "bad options are refused"
run "$CIRT" report --db r.db
expect_status 2
expect_err "name the country with --country CC, or use --all"
run "$CIRT" report --country GH --all --db r.db
expect_status 2
expect_err "choose --country or --all, not both"
run "$CIRT" report --country GH --paper a3 --db r.db
expect_status 2
expect_err "unknown paper 'a3'; use a4 or letter"
SOURCE_DATE_EPOCH=soon run "$CIRT" report --country GH --db r.db -o x.pdf
expect_status 2
expect_err "SOURCE_DATE_EPOCH 'soon' is not a number of seconds"
end
