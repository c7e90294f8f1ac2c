# End-to-end tests of `cirt show`.
. "$(dirname "$0")/lib.sh"
plan 16

EXAMPLE=$ROOT/questionnaires/example.xml

begin "the outline lists pillars, indicators, questions, conditions and tiers"
run "$CIRT" show "$EXAMPLE"
expect_status 0
expect_err_empty
expect_out "Example CIRT readiness check"
expect_out "1. Legal measures [legal]"
expect_out "   weight 1, 25.0 of 100 points"
expect_out "3. Cooperation [cooperation]"
expect_out "   weight 2, 50.0 of 100 points"
expect_out "2.1 National CIRT [national-cirt]"
expect_out "L2       scale 0-3      evidence"
expect_out "T3       number 0-500"
expect_out "shown if C1 = no and not (T1 = none)"
expect_out "operational = It is operational (1)"
expect_out "pillars: 3, indicators: 3, questions: 9; maximum reachable score: 100.0 of 100"
expect_out "Role-modelling           from 95.0 to 100"
end

begin "the maximum reachable score reflects the best answers"
run "$CIRT" show "$FIXTURES/max-score-below-full.xml"
expect_status 0
expect_out "maximum reachable score: 75.0 of 100"
expect_out "weight 1, best reachable 50%"
end

begin "--lang fr shows the French texts and no English ones"
run "$CIRT" show --lang fr "$EXAMPLE"
expect_status 0
expect_err_empty
expect_out "Exemple de bilan de préparation d'un CIRT"
expect_out "1. Mesures juridiques [legal]"
expect_out "Quel est le statut du CIRT national ?"
expect_out "operational = Il est opérationnel (1)"
expect_out "Exemplaire               de 95,0 à 100"
expect_out "poids 1, 25,0 points sur 100"
expect_no_out "Legal measures"
expect_no_out "It is operational"
end

begin "a language the file lacks is refused with its languages; one cirt lacks with cirt's"
run "$CIRT" show --lang es "$EXAMPLE"
expect_status 2
expect_err "questionnaire 'example' ($EXAMPLE) is not in 'es'; its languages are en, fr"
expect_out_empty
run "$CIRT" show --lang de "$EXAMPLE"
expect_status 2
expect_err "cirt does not speak 'de'; its languages are en, fr, es, ru, ar, zh"
expect_out_empty
end

begin "a malformed language code is a usage error"
run "$CIRT" show --lang 'x;y' "$EXAMPLE"
expect_status 2
expect_err "'x;y' is not a language code"
end

begin "\$CIRT_QUESTIONNAIRE names the default questionnaire"
CIRT_QUESTIONNAIRE=$FIXTURES/valid-minimal.xml run "$CIRT" show
expect_status 0
expect_out "Minimal questionnaire"
end

begin "without FILE, questionnaires/cirt-readiness.xml in the current folder is used"
mkdir -p questionnaires
cp "$EXAMPLE" questionnaires/cirt-readiness.xml
run env -u CIRT_QUESTIONNAIRE "$CIRT" show
expect_status 0
expect_out "Example CIRT readiness check"
rm -r questionnaires
end

begin "a missing default questionnaire names the path it tried"
CIRT_QUESTIONNAIRE=$WORK/none.xml run "$CIRT" show
expect_status 4
expect_err "cirt: cannot find the questionnaire '$WORK/none.xml' that \$CIRT_QUESTIONNAIRE names"
end

begin "an invalid questionnaire prints its errors and exits 1"
run "$CIRT" show "$FIXTURES/duplicate-ids.xml"
expect_status 1
expect_err "duplicate-ids.xml:11: duplicate id 'q1'"
expect_out_empty
end

begin "an external entity never reaches the outline"
run "$CIRT" show "$FIXTURES/xxe-file-entity.xml"
expect_status 1
expect_no_out "root:"
expect_no_err "root:"
end

begin "two files are a usage error"
run "$CIRT" show "$EXAMPLE" "$EXAMPLE"
expect_status 2
expect_err "name at most one questionnaire file"
end

begin "--lang without a value is a usage error"
run "$CIRT" show "$EXAMPLE" --lang
expect_status 2
expect_err "option '--lang' needs a value"
end

READINESS=$ROOT/questionnaires/cirt-readiness.xml

# English words that must not appear in a French or Spanish outline: the
# program's own labels and a sample of the questionnaire's texts.
ENGLISH="Legal measures|Technical and procedural measures|Organizational structures|Capacity development|Cooperation \[|Readiness tiers|weight |shown if|of 100 points|best reachable|required|not scored|maximum reachable|Role-modelling|Is there a law|There is none|It is operational|Office hours only|to below"

begin "the shipped questionnaire outline in French has no English"
run "$CIRT" show --lang fr "$READINESS"
expect_status 0
expect_err_empty
expect_out "1. Mesures juridiques [legal]"
expect_out "piliers : 5, indicateurs : 33, questions : 85"
nbsp=$(printf '\302\240')
expect_out "LE3      number 0-1${nbsp}000${nbsp}000 non notée"
expect_out "Niveaux de préparation :"
if grep -En "$ENGLISH" "$out" >english.txt; then
	fail "English in the French outline: $(head -n 3 english.txt)"
fi
end

begin "the shipped questionnaire outline in Russian, Arabic and Chinese has no English"
for case in "ru:1. Правовые меры [legal]" "ar:1. التدابير القانونية [legal]" "zh:1. 法律措施 [legal]"; do
	run "$CIRT" show --lang "${case%%:*}" "$READINESS"
	expect_status 0
	expect_err_empty
	expect_out "${case#*:}"
	if grep -En "$ENGLISH" "$out" >english.txt; then
		fail "English in the ${case%%:*} outline: $(head -n 3 english.txt)"
	fi
done
end

begin "the shipped questionnaire outline in Spanish has no English"
run "$CIRT" show --lang es "$READINESS"
expect_status 0
expect_err_empty
expect_out "1. Medidas jurídicas [legal]"
expect_out "Modelo de referencia"
if grep -En "$ENGLISH" "$out" >english.txt; then
	fail "English in the Spanish outline: $(head -n 3 english.txt)"
fi
end

begin "the English outline shows the five pillars at 20 points each"
run "$CIRT" show "$READINESS"
expect_status 0
for p in "1. Legal measures [legal]" "2. Technical and procedural measures [technical]" \
	"3. Organizational structures [organizational]" "4. Capacity development [capacity]" \
	"5. Cooperation [cooperation]"; do
	expect_out "$p"
done
n=$(grep -c "weight 20, 20.0 of 100 points" "$out")
[ "$n" -eq 5 ] || fail "$n pillars at 20 points"
expect_out "Role-modelling           from 95.0 to 100"
expect_out "Building                 from 0.0 to below 20.0"
end
