# cirt's own words in the six languages (gettext catalogues in po/): each
# catalogue complete, an unknown or incomplete language refused with the
# list of those there are, a questionnaire without the language refused,
# plural forms by each language's rule, and a session in each language.
. "$(dirname "$0")/lib.sh"
plan 8

Q=$ROOT/questionnaires/cirt-readiness.xml
EXAMPLE=$ROOT/questionnaires/example.xml
export CIRT_ASSESSOR="Ana Diaz"
export CIRT_QUESTIONNAIRE="$Q"
bin=$(dirname "$CIRT")
if [ -d "$bin/locale" ]; then locales=$bin/locale; else locales=$bin/build/locale; fi

begin "every catalogue translates every message of the template, with no fuzzy guess"
for l in fr es ru ar zh; do
	po=$ROOT/po/$l.po
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || fail "$l: $stats"
	case "$stats" in *fuzzy* | *untranslated*) fail "$l: $stats" ;; esac
	# every msgid of the template is in the catalogue
	missing=$(LC_ALL=C msgcmp "$po" "$ROOT/po/cirt.pot" 2>&1) || fail "$l: $missing"
done
end

begin "the six languages work; another is refused with the list, and nothing is written"
for l in en fr es ru ar zh; do
	run "$CIRT" show --lang "$l" "$Q"
	[ "$status" -eq 0 ] || fail "show --lang $l: exit $status"
done
run "$CIRT" show --lang de "$Q"
expect_status 2
expect_err "cirt does not speak 'de'; its languages are en, fr, es, ru, ar, zh"
"$CIRT" import --yes "$FIXTURES/readiness-answers-sample.csv" --country KE --db de.db >/dev/null 2>&1
run "$CIRT" report --country KE --db de.db --lang de -o de.pdf
expect_status 2
expect_err "its languages are en, fr, es, ru, ar, zh"
[ -e de.pdf ] && fail "a report was written in a language cirt does not speak"
end

begin "an incomplete catalogue is refused, never mixed with English"
mkdir -p part/fr/LC_MESSAGES
# French without the word for "yes"
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/\nmsgid "yes"\n/' "$ROOT/po/fr.po" >part/fr.po
msgfmt -o part/fr/LC_MESSAGES/cirt.mo part/fr.po || fail "msgfmt"
for l in es ru ar zh; do
	mkdir -p "part/$l/LC_MESSAGES"
	cp "$locales/$l/LC_MESSAGES/cirt.mo" "part/$l/LC_MESSAGES/"
done
CIRT_LOCALE_DIR=$PWD/part run "$CIRT" show --lang fr "$Q"
expect_status 2
expect_err "cirt does not speak 'fr'; its languages are en, es, ru, ar, zh"
CIRT_LOCALE_DIR=$PWD/part run "$CIRT" show --lang es "$Q"
expect_status 0
expect_out "pilares: 5"
end

begin "a questionnaire without the language is refused with its own languages"
run "$CIRT" show --lang ru "$EXAMPLE"
expect_status 2
expect_err "questionnaire 'example' ($EXAMPLE) is not in 'ru'; its languages are en, fr"
run "$CIRT" run --country KE --db none.db --questionnaire "$EXAMPLE" --lang zh
expect_status 2
expect_err "is not in 'zh'; its languages are en, fr"
[ -e none.db ] && fail "a database was made"
end

# answered N LANG: the header of 'cirt answers' after N questions answered
answered() {
	yes dk | head -n "$1" >in.txt
	echo ":quit" >>in.txt
	rm -f "p$1.db"
	"$CIRT" run --yes --country KE --db "p$1.db" <in.txt >/dev/null 2>&1
	"$CIRT" answers --country KE --db "p$1.db" --lang "$2" 2>&1 | head -n 1
}

begin "plural forms follow each language's rule (ngettext)"
for case in "1 ru 1 ответ" "2 ru 2 ответа" "5 ru 5 ответов" "21 ru 21 ответ" \
	"1 fr 1 réponse" "2 fr 2 réponses" "1 en 1 answer" "2 en 2 answers" "3 zh 3 个回答" \
	"2 ar إجابتان (2)" "3 ar 3 إجابات" "11 ar 11 إجابة"; do
	set -- $case
	n=$1
	l=$2
	shift 2
	line=$(answered "$n" "$l")
	case "$line" in *"$*"*) ;; *) fail "$n in $l: '$line', expected '$*'" ;; esac
done
end

begin "a session in each language speaks it and takes its own words for yes"
for case in "en yes Saved." "fr oui Enregistré." "es sí Guardado." "ru да Сохранено." \
	"ar نعم تم الحفظ" "zh 是 已保存"; do
	set -- $case
	printf '%s\n:quit\n' "$2" >in.txt
	"$CIRT" run --yes --country KE --db "s$1.db" --lang "$1" <in.txt >"$out" 2>"$err"
	stored=$(sqlite3 "s$1.db" "SELECT question_id || '=' || value FROM answer")
	[ "$stored" = "LC1=yes" ] || fail "$1: stored '$stored'"
	grep -qF -- "$3" "$out" || fail "$1: the session does not say '$3'"
	grep -qF -- "Saved." "$out" && [ "$1" != en ] && fail "$1: English in the session"
done
end

begin "a report and a comparison in Russian: Russian words, the country's Russian name, no word cut"
"$CIRT" import --yes "$FIXTURES/readiness-answers-sample.csv" --country KE --db r.db >/dev/null 2>&1
run "$CIRT" report --country KE --db r.db --lang ru -o ru.pdf
expect_status 0
pdftotext ru.pdf ru.txt
for w in "Кения" "Резюме для руководства" "Итоговый балл" "Уровень готовности" "Правовые меры"; do
	grep -qF "$w" ru.txt || fail "the Russian report lacks '$w'"
done
grep -qF "Executive summary" ru.txt && fail "English in the Russian report"
# a column too narrow for a word takes room from the others rather than
# cutting it: "Место" (rank) whole in the comparison's header
"$CIRT" import --yes "$FIXTURES/readiness-answers-sample.csv" --country GH --db r.db >/dev/null 2>&1
run "$CIRT" compare --db r.db --lang ru -o cmp.pdf
expect_status 0
pdftotext -layout cmp.pdf cmp.txt
grep -qE "^ *Место +Страна" cmp.txt || fail "the rank column's title is cut: $(grep -m1 'Страна' cmp.txt)"
grep -qF "Мес-" cmp.txt && fail "a word cut with a hyphen"
end

begin "make po's template holds every message of the program, and nothing else"
# a new message not yet in the template would never be translated
xgettext --from-code=UTF-8 -k -kN_ -kNC_:1c,2 -kNN_:1,2 -o now.pot "$ROOT/src/i18n.c" \
	|| fail "xgettext"
LC_ALL=C msgcmp --use-untranslated "$ROOT/po/cirt.pot" now.pot >cmp.txt 2>&1 \
	|| fail "messages missing from po/cirt.pot (run make po): $(head -c 300 cmp.txt)"
LC_ALL=C msgcmp --use-untranslated now.pot "$ROOT/po/cirt.pot" >cmp.txt 2>&1 \
	|| fail "po/cirt.pot has messages the program no longer has (run make po): $(head -c 300 cmp.txt)"
end
