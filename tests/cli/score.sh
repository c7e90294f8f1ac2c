# End-to-end tests of `cirt score`, on the hand-computed case of
# tests/unit/test_score.c.
. "$(dirname "$0")/lib.sh"
plan 5

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,2,,\nT1,operational,,\nT2,incident forensics,,\nT3,3,,\nC1,no,,\nC2,dk,,\n' >a.csv
"$CIRT" import --yes a.csv --country GH --db s.db >/dev/null

begin "the table shows pillar points, overall, tier and completeness"
run "$CIRT" score --country GH --db s.db
expect_status 0
expect_out "Legal measures                                    21.2    25.0"
expect_out "Cooperation                                        0.0    50.0"
expect_out "Overall                                           39.4   100.0"
expect_out "Readiness tier: Evolving"
# wrapped at a word, at 80 columns when stdout is not a terminal
expect_out "Completeness: 78% (7 of 9 questions shown answered; unanswered questions count"
expect_out "as 0)"
end

begin "--lang fr gives the table in French, with decimal commas"
run "$CIRT" score --country GH --db s.db --lang fr
expect_status 0
expect_out "PILIER                                          POINTS     SUR"
expect_out "Mesures juridiques                                21,2    25,0"
expect_out "Global                                            39,4   100,0"
expect_out "Niveau de préparation"
expect_out ": En évolution"
expect_out "(7 sur 9 questions affichées ont une réponse"
expect_no_out "Overall"
end

begin "CSV carries every pillar and indicator and parses back"
run "$CIRT" score --country GH --db s.db --format csv
expect_status 0
python3 - "$out" <<'PY' || fail "CSV content"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
by = {(r["level"], r["id"]): r for r in rows}
assert float(by[("overall", "example")]["points"]) == 39.38
assert by[("overall", "example")]["status"] == "Evolving"
assert abs(float(by[("overall", "example")]["completeness"]) - 7 / 9) < 1e-4
assert float(by[("pillar", "technical")]["points"]) == 18.12
assert by[("indicator", "national-cirt")]["status"] == "partial"
assert by[("indicator", "cybercrime-law")]["status"] == "met"
assert len(rows) == 7
PY
end

begin "JSON carries the same figures"
run "$CIRT" score --country GH --db s.db --format json --lang fr
expect_status 0
python3 - "$out" <<'PY' || fail "JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["overall"] == 39.375 and d["tier"] == "evolving" and d["tier_name"] == "En évolution"
assert d["questions_shown"] == 9 and d["questions_answered"] == 7
p = {x["id"]: x for x in d["pillars"]}
assert p["legal"]["points"] == 21.25 and p["cooperation"]["worth"] == 50
assert p["technical"]["indicators"][0]["status"] == "partial"
PY
end

begin "scoring an unknown assessment, or in an unknown format, is refused"
run "$CIRT" score --country KE --db s.db
expect_status 3
expect_err "no assessment of KE (Kenya) in 's.db'"
run "$CIRT" score --country GH --db s.db --format pdf
expect_status 2
expect_err "unknown format 'pdf'"
end
