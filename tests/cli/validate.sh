# End-to-end tests of `cirt validate`.
. "$(dirname "$0")/lib.sh"
plan 30

begin "a valid questionnaire is reported ok with its counts"
run "$CIRT" validate "$ROOT/questionnaires/example.xml"
expect_status 0
expect_out "$ROOT/questionnaires/example.xml: ok (3 pillars, 3 indicators, 9 questions)"
# C1 and C2 fall back to their indicator's recommendation on purpose
expect_err "example.xml:121: warning: question 'C1' is scored but has no recommendation of its own; its indicator's is used"
expect_err "example.xml:126: warning: question 'C2' is scored"
expect_err_lines 2
end

begin "every shipped questionnaire passes cirt validate"
run "$CIRT" validate "$ROOT"/questionnaires/*.xml
expect_status 0
# warnings at most (a question falling back to its indicator's recommendation)
grep -v ': warning: ' "$err" >errors.txt
if [ -s errors.txt ]; then fail "errors: $(head -3 errors.txt)"; fi
end

begin "recommendations with horizon, body and effort on questions, choices and levels are accepted"
run "$CIRT" validate "$FIXTURES/recommendation-warnings.xml"
expect_status 0
expect_out "recommendation-warnings.xml: ok (1 pillar, 1 indicator, 5 questions)"
end

begin "a scored question without a recommendation of its own is a warning, and the status stays 0"
run "$CIRT" validate "$FIXTURES/recommendation-warnings.xml"
expect_status 0
expect_err "recommendation-warnings.xml:12: warning: question 'q1' is scored but has no recommendation of its own; its indicator's is used"
expect_err "recommendation-warnings.xml:15: warning: question 'q2' has no recommendation of its own nor on level 1; its indicator's is used for that answer"
expect_err "recommendation-warnings.xml:28: warning: question 'q3': the recommendation of choice 'all' is never given"
expect_no_err "'q4'"
expect_no_err "'q5'"
expect_err_lines 3
end

begin "an unknown body, one named twice, too many or none are refused with their lines"
run "$CIRT" validate "$FIXTURES/recommendation-body-errors.xml"
expect_status 1
expect_err "recommendation-body-errors.xml:10: indicator 'i1': recommendation: body 'police' is not one cirt knows; name 1 to 4 of: government, ministry, parliament, regulator, cirt, law-enforcement, judiciary, data-protection, education, foreign-affairs, operators"
expect_err "recommendation-body-errors.xml:13: question 'q1': recommendation: body 'cirt' is named twice"
expect_err "recommendation-body-errors.xml:17: question 'q2': recommendation: attribute 'body' names 5 bodies; name at most 4"
expect_err "recommendation-body-errors.xml:21: question 'q3': recommendation: attribute 'body' is empty; name 1 to 4 of: government,"
expect_err_lines 4
expect_out_empty
end

begin "horizon, effort or body on a translation is refused; a missing translation is named"
run "$CIRT" validate "$FIXTURES/recommendation-attribute-on-translation.xml"
expect_status 1
expect_err "recommendation-attribute-on-translation.xml:20: question 'q1': recommendation: attribute 'horizon' belongs on the recommendation in the default language 'en', not on its 'fr' translation"
expect_err "recommendation-attribute-on-translation.xml:20: question 'q1': recommendation: attribute 'body' belongs on"
expect_err "recommendation-attribute-on-translation.xml:23: question 'q1', level 0: recommendation: attribute 'effort' belongs on"
expect_err "recommendation-attribute-on-translation.xml:30: 'recommendation' has no 'fr' text, but the questionnaire declares that language"
expect_err_lines 4
end

begin "a horizon other than short, medium or long is refused with its line"
run "$CIRT" validate "$FIXTURES/recommendation-bad-horizon.xml"
expect_status 1
expect_err "recommendation-bad-horizon.xml:12: Element 'recommendation', attribute 'horizon'"
expect_err "The value 'soon' is not an element of the set {'short', 'medium', 'long'}"
expect_no_err "urn:cirt"
end

begin "a recommendation on a multiple choice question's choice is refused"
run "$CIRT" validate "$FIXTURES/recommendation-on-multi-choice.xml"
expect_status 1
expect_err "recommendation-on-multi-choice.xml:15: question 'q1', choice 'a': the choices of a multi question cannot have a recommendation"
end

begin "every shipped questionnaire passes xmllint against the XSD"
xmllint --noout --schema "$ROOT/questionnaires/questionnaire.xsd" \
	"$ROOT"/questionnaires/*.xml >"$out" 2>"$err"
status=$?
expect_status 0
end

begin "duplicate ids are reported with both lines"
run "$CIRT" validate "$FIXTURES/duplicate-ids.xml"
expect_status 1
expect_err "duplicate-ids.xml:11: duplicate id 'q1': question here, question on line 9"
expect_err "duplicate-ids.xml:12: duplicate id 'i1': question here, indicator on line 6"
expect_out_empty
end

begin "a condition on a later question is refused"
run "$CIRT" validate "$FIXTURES/condition-on-later-question.xml"
expect_status 1
expect_err "condition-on-later-question.xml:9: question 'q1': condition refers to question 'q2', which comes later"
end

begin "condition syntax errors name the column"
run "$CIRT" validate "$FIXTURES/condition-syntax-error.xml"
expect_status 1
expect_err ":10: question 'q2': show-if \"q1 = yes and\": column 13: expected a question id"
expect_err ":11: question 'q3': show-if \"(q1 = yes\": column 10: expected ')'"
expect_err ":12: question 'q4': show-if \"q1 yes\": column 4: expected an operator"
end

begin "operators and values must fit the tested question"
run "$CIRT" validate "$FIXTURES/condition-wrong-operator.xml"
expect_status 1
expect_err ":21: question 'q5': operator '>' cannot test yesno question 'q1'"
expect_err ":22: question 'q6': condition tests 'q1' for 'maybe', which is not one of its choices"
expect_err ":23: question 'q7': scale 'q2' has levels 0 to 1, not 5"
expect_err ":24: question 'q8': multiple choice question 'q3' is tested with 'has'"
expect_err ":25: question 'q9': a condition cannot test text question 'q4'"
expect_err ":26: question 'q10': 'has' tests multiple choice questions only"
end

begin "all errors of a file are reported, in line order"
run "$CIRT" validate "$FIXTURES/several-errors.xml"
expect_status 1
expect_err_lines 4
lines=$(cut -d: -f2 "$err" | tr '\n' ' ')
[ "$lines" = "9 10 11 15 " ] || fail "lines in order: $lines"
end

begin "schema errors carry file and line, without the namespace"
run "$CIRT" validate "$FIXTURES/score-out-of-range.xml"
expect_status 1
expect_err "score-out-of-range.xml:11: Element 'choice', attribute 'score'"
expect_no_err "urn:cirt"
end

begin "an external file entity is refused and nothing of it is shown"
run "$CIRT" validate "$FIXTURES/xxe-file-entity.xml"
expect_status 1
expect_err "xxe-file-entity.xml:2: document type declarations (<!DOCTYPE>) are not allowed"
expect_no_err "root:"
expect_no_out "root:"
end

begin "a network entity is refused without any connection"
run "$CIRT" validate "$FIXTURES/xxe-network-entity.xml"
expect_status 1
expect_err "not allowed"
end

begin "exponential entity expansion is refused at once"
run "$CIRT" validate "$FIXTURES/entity-expansion.xml"
expect_status 1
expect_err "entity-expansion.xml:2: document type declarations"
expect_no_err "laugh"
end

begin "10,000 nested elements are refused"
awk 'BEGIN { printf "<questionnaire xmlns=\"urn:cirt:questionnaire:1\">";
	for (i = 0; i < 10000; i++) printf "<a>";
	for (i = 0; i < 10000; i++) printf "</a>";
	print "</questionnaire>" }' >deep.xml
run "$CIRT" validate deep.xml
expect_status 1
expect_err "deep.xml:1: elements are nested too deeply"
end

begin "invalid UTF-8 is refused with its line"
byte=$(printf '\377')
LC_ALL=C sed "s/Pillar one/Pillar $byte one/" "$FIXTURES/valid-minimal.xml" >bad-utf8.xml
run "$CIRT" validate bad-utf8.xml
expect_status 1
expect_err "bad-utf8.xml:6: text is not valid UTF-8"
end

begin "a UTF-16 file is refused with advice"
printf '\377\376<\000?\000' >utf16.xml
run "$CIRT" validate utf16.xml
expect_status 1
expect_err "utf16.xml:1: file is UTF-16; save the questionnaire as UTF-8"
end

begin "a generated questionnaire of 2,000 questions in six languages is valid"
python3 "$ROOT/tests/bench/big_questionnaire.py" 2000 big2000.xml || fail "the generator failed"
run "$CIRT" validate big2000.xml
expect_status 0
expect_out "big2000.xml: ok (5 pillars, 100 indicators, 2000 questions)"
expect_err_empty
end

begin "in 2,000 questions, a late duplicate id, forward reference and self-test are refused with their lines"
python3 "$ROOT/tests/bench/big_questionnaire.py" 2000 bad2000.xml || fail "the generator failed"
sed -e '/<question id="Q199[58]" /s/ show-if="[^"]*"//' \
	-e 's/<question id="Q1990" /<question id="Q1989" /' \
	-e 's/<question id="Q1995" /<question id="Q1995" show-if="Q2000 = yes" /' \
	-e 's/<question id="Q1998" /<question id="Q1998" show-if="Q1998 = no" /' \
	bad2000.xml >bad.xml
line() { grep -n "<question id=\"$1\" " bad.xml | head -n 1 | cut -d: -f1; }
first=$(line Q1989)
second=$(grep -n '<question id="Q1989" ' bad.xml | sed -n 2p | cut -d: -f1)
run "$CIRT" validate bad.xml
expect_status 1
expect_err "bad.xml:$second: duplicate id 'Q1989': question here, question on line $first"
expect_err "bad.xml:$(line Q1995): question 'Q1995': condition refers to question 'Q2000', which comes later (line $(line Q2000)); a condition may only test an earlier question"
expect_err "bad.xml:$(line Q1998): question 'Q1998': condition refers to the question itself"
expect_err_lines 3
expect_out_empty
end

begin "a file over 16 MiB is refused before it is parsed"
truncate -s 50M big.xml
run "$CIRT" validate big.xml
expect_status 4
expect_err "big.xml: file is too large (52428800 bytes; the limit is 48 MiB)"
end

begin "a missing file exits 4"
run "$CIRT" validate nosuch.xml
expect_status 4
expect_err "nosuch.xml: cannot open: No such file or directory"
end

begin "a directory exits 4"
mkdir adir
run "$CIRT" validate adir
expect_status 4
expect_err "adir: is a directory, not a file"
end

begin "an unreadable file exits 4"
cp "$FIXTURES/valid-minimal.xml" secret.xml
chmod 000 secret.xml
if [ "$(id -u)" = 0 ]; then
	# root reads anything: run as nobody, who cannot
	chmod 755 "$WORK"
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$CIRT" validate "$WORK/secret.xml"
else
	run "$CIRT" validate secret.xml
fi
expect_status 4
expect_err "cannot open: Permission denied"
end

begin "good and bad files together: each reported, exit 1"
run "$CIRT" validate "$FIXTURES/valid-minimal.xml" "$FIXTURES/duplicate-ids.xml"
expect_status 1
expect_out "valid-minimal.xml: ok (1 pillar, 1 indicator, 1 question)"
expect_err "duplicate-ids.xml:11:"
end

begin "no file is a usage error"
run "$CIRT" validate
expect_status 2
expect_err "cirt: name at least one questionnaire file"
expect_err "Try 'cirt validate --help'."
end

begin "an unknown option is a usage error"
run "$CIRT" validate --frobnicate x.xml
expect_status 2
expect_err "cirt: unknown option '--frobnicate'"
end
