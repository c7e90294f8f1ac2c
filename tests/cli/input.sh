# Answer input through scripted sessions: one numbering from 1 for every
# list (scales included), multiple choice by numbers, values, labels and
# starts (labels with commas too), ambiguous and out-of-range inputs, the
# words of the session's language, and decimal commas.
. "$(dirname "$0")/lib.sh"
plan 10

EXAMPLE=$ROOT/questionnaires/example.xml
WORDS=$FIXTURES/labels-with-commas-en-ru-ar-zh.xml
export CIRT_ASSESSOR="Ana Diaz"
export CIRT_QUESTIONNAIRE="$EXAMPLE"

# session DB [OPTION...] -- LINES...: a session on Kenya fed the lines
session() {
	db=$1
	shift
	options=""
	while [ "$1" != "--" ]; do
		options="$options $1"
		shift
	done
	shift
	printf '%s\n' "$@" >input.txt
	# shellcheck disable=SC2086 # options are single words
	"$CIRT" run --yes --country KE --cycle 2026 --db "$db" $options <input.txt >"$out" 2>"$err"
	status=$?
}

# stored DB: the answers as QID=VALUE (or QID:STATE), in questionnaire order
stored() {
	sqlite3 "$1" "SELECT group_concat(a, ' ') FROM (SELECT CASE state WHEN 'value' THEN question_id || '=' || value ELSE question_id || ':' || state END AS a FROM answer ORDER BY rowid)"
}

begin "a scale's levels are numbered from 1; the level keeps its value and score"
session scale.db -- yes 0 5 1 ":quit"
expect_status 0
expect_out "    1) Not at all"
expect_out "'0' is not on the list; choose 1 to 4"
expect_out "'5' is not on the list; choose 1 to 4"
expect_out "✓ L2: Not at all (level 0)"
[ "$(stored scale.db)" = "L1=yes L2=0" ] || fail "stored: $(stored scale.db)"
session scale.db -- ":goto L2" 4 "checked the statistics" ":quit"
expect_out "✓ L2: Systematically (level 3)"
[ "$(stored scale.db)" = "L1=yes L2=3" ] || fail "stored: $(stored scale.db)"
"$CIRT" score --country KE --db scale.db >score.txt 2>&1 || fail "score: $(cat score.txt)"
end

begin "an import reads a level by its own value, as before"
printf 'question_id,value,evidence,comment\nL1,yes,,\nL2,0,,\n' >levels.csv
run "$CIRT" import levels.csv --yes --country KE --db import.db
expect_status 0
[ "$(stored import.db)" = "L1=yes L2=0" ] || fail "stored: $(stored import.db)"
printf 'question_id,value,evidence,comment\nL2,4,,\n' >beyond.csv
run "$CIRT" import beyond.csv --yes --country KE --db import.db
expect_status 3
expect_err "'4' is not one of the levels (0 to the highest level)"
end

begin "multiple choice: - or none for none, numbers, labels and starts, with commas or semicolons"
session multi.db -- yes 1 2019-05-01 3 "0" "0,1" "none" ":goto T2" "inc; for" "reason" \
	":goto T2" "Alerts and warnings, 3" "" ":goto T2" "-" "" ":quit"
expect_out "(choose one or more numbers or labels separated by commas, or - for none)"
expect_out "'0' is not on the list; choose 1 to 3"
expect_no_out "or 0 for none"
expect_out "✓ T2: none of them"
expect_out "✓ T2: Incident handling; Forensics"
expect_out "✓ T2: Alerts and warnings; Forensics"
[ "$(sqlite3 multi.db "SELECT group_concat(coalesce(new_value, '(none)'), '|') FROM history WHERE question_id = 'T2'")" = "|incident forensics|alerts forensics|" ] \
	|| fail "history: $(sqlite3 multi.db "SELECT new_value FROM history WHERE question_id = 'T2'")"
end

begin "a label that holds a comma is typed whole, alone or among others"
session commas.db --questionnaire "$WORDS" -- yes "Children, parents and teachers; Businesses" ":quit"
expect_status 0
expect_out "✓ W2: Children, parents and teachers; Businesses"
[ "$(stored commas.db)" = "W1=yes W2=families business" ] || fail "stored: $(stored commas.db)"
session commas.db --questionnaire "$WORDS" -- ":goto W2" "children in school, Children, parents and teachers" "" ":quit"
[ "$(stored commas.db)" = "W1=yes W2=families pupils" ] || fail "stored: $(stored commas.db)"
end

begin "an ambiguous start lists the candidates with their numbers"
session ambiguous.db -- yes 1 2019-05-01 "it is" "T" ":quit"
expect_out "'it is' matches several choices; type more of the label or its number: 2) It is planned; 3) It is operational"
expect_out "✓ T1: There is none"
session ambiguous2.db --questionnaire "$WORDS" -- yes "Children" "Children, parents" "1" ":quit"
expect_out "'Children' matches several choices; type more of the label or its number: 1) Children, parents and teachers; 2) Children in school"
[ "$(stored ambiguous2.db)" = "W1=yes W2=families" ] || fail "stored: $(stored ambiguous2.db)"
end

begin "out-of-range numbers and ambiguous starts are explained in the session's language"
session fr.db --lang fr -- oui 5 1 2019-05-01 "il est" 4 ":quit"
expect_out "'5' n'est pas dans la liste ; choisissez de 1 à 4"
expect_out "'il est' correspond à plusieurs choix ; tapez plus du libellé ou son numéro : 2) Il est prévu; 3) Il est opérationnel"
expect_out "'4' n'est pas dans la liste ; choisissez de 1 à 3"
session es.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml" --lang es -- sí 9 ":quit"
expect_out "'9' no está en la lista; elija de 1 a 4"
end

begin "French words: nsp, sans objet, aucun; English ones work too"
session frwords.db --lang fr -- "ne sait pas" ":goto T1" 3 "aucun" "sans objet" ":goto C1" "dk" ":quit"
expect_status 0
[ "$(stored frwords.db)" = "L1:dont_know T1=operational T2= T3:not_applicable C1:dont_know" ] \
	|| fail "stored: $(stored frwords.db)"
expect_out "✓ T2: aucun"
end

begin "Russian words and a decimal comma in a Russian session"
session ru.db --questionnaire "$WORDS" --lang ru -- да ничего "не знаю" "1,000" "1 000,5" нп ":quit"
expect_status 0
expect_out "«1,000» — неоднозначная запись"
[ "$(stored ru.db)" = "W1=yes W2= W3:dont_know W4=1000.5 W5:not_applicable" ] \
	|| fail "stored: $(stored ru.db)"
session ru2.db --questionnaire "$WORDS" --lang ru -- Нет "дети, родители и учителя; 4" "Каждый год" "12,5" "dk" ":quit"
[ "$(stored ru2.db)" = "W1=no W2=families officials W3=2 W4=12.5 W5:dont_know" ] \
	|| fail "stored: $(stored ru2.db)"
end

begin "Arabic and Chinese words, commas and semicolons"
session ar.db --questionnaire "$WORDS" --lang ar -- نعم "1، 3" "لا أعرف" "12,5" 12.5 "لا ينطبق" ":quit"
expect_status 0
expect_out "'12,5' ليس رقمًا"
[ "$(stored ar.db)" = "W1=yes W2=families business W3:dont_know W4=12.5 W5:not_applicable" ] \
	|| fail "stored: $(stored ar.db)"
session zh.db --questionnaire "$WORDS" --lang zh -- 是 "儿童、家长和教师；企业" 不知道 "1,000" 1000 2 ":quit"
expect_out "“1,000”有歧义"
[ "$(stored zh.db)" = "W1=yes W2=families business W3:dont_know W4=1000 W5=ministry" ] \
	|| fail "stored: $(stored zh.db)"
session zh2.db --questionnaire "$WORDS" --lang zh -- 否 无 "1" 0 不适用 ":quit"
[ "$(stored zh2.db)" = "W1=no W2= W3=0 W4=0 W5:not_applicable" ] || fail "stored: $(stored zh2.db)"
end

begin "English numbers: 1,000 is refused as ambiguous, 1 000 and 1000 are taken"
session en.db --questionnaire "$WORDS" -- no "-" 2 "1,000" "12,5" "1 000" ":quit"
expect_out "'1,000' is ambiguous: write thousands as 1000 or 1 000, and a decimal as 1.5"
expect_out "'12,5' is not a number"
[ "$(stored en.db)" = "W1=no W2= W3=1 W4=1000" ] || fail "stored: $(stored en.db)"
end
