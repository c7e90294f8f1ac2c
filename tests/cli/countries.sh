# End-to-end tests of `cirt countries` and of country codes in arguments.
. "$(dirname "$0")/lib.sh"
plan 10

begin "the register lists 194 member states and the fictional countries"
run "$CIRT" countries
expect_status 0
expect_out "194 member states, 6 fictional demonstration countries"
expect_out "FR  FRA  EUR  France"
expect_out "XE  XVL  CIS  Volgaria  (fictional, for demonstrations)"
n=$(grep -c '^[A-Z][A-Z]  [A-Z][A-Z][A-Z]  ' "$out")
[ "$n" -eq 200 ] || fail "$n rows, expected 200"
end

begin "--region filters by ITU region, in any case"
run "$CIRT" countries --region arb
expect_status 0
expect_out "21 member states in Arab States, 1 fictional demonstration country"
expect_out "EG  EGY  ARB  Egypt"
expect_no_out "France"
end

begin "an unknown region is a usage error"
run "$CIRT" countries --region EU
expect_status 2
expect_err "unknown region 'EU'; use AFR, AMS, ARB, ASP, CIS or EUR"
end

begin "a country is found by alpha-2 or alpha-3 code in any case"
run "$CIRT" countries civ
expect_status 0
expect_out "CI  CIV  AFR  Côte d'Ivoire"
run "$CIRT" countries Ke
expect_status 0
expect_out "KE  KEN  AFR  Kenya"
end

begin "an unknown code is refused with the closest names"
run "$CIRT" countries frnace
expect_status 2
expect_err "cirt: unknown country 'frnace'; did you mean FR (France)?"
expect_err "'cirt countries' lists every code"
expect_out_empty
end

begin "a near miss on a code suggests several countries"
run "$CIRT" countries XX
expect_status 2
expect_err "did you mean MX (Mexico), XA (Aralia) or XB (Bellavista)?"
end

begin "two countries are a usage error"
run "$CIRT" countries FR DE
expect_status 2
expect_err "name at most one country"
end

begin "names come from iso-codes, and --lang names countries as iso-codes translates them"
run "$CIRT" countries KR
expect_out "KR  KOR  ASP  Korea, Republic of"
run "$CIRT" countries --lang fr SN
expect_status 0
expect_out "SN  SEN  AFR  Sénégal"
run "$CIRT" countries --lang es KE
expect_out "KE  KEN  AFR  Kenia"
run "$CIRT" countries --lang ru RU
expect_out "RU  RUS  CIS  Российская Федерация"
run "$CIRT" countries --lang zh_CN CN
expect_out "CN  CHN  ASP  中国"
run "$CIRT" countries --lang ar EG
expect_out "EG  EGY  ARB  مصر"
# a fictional country has the project's own names; the user's LANGUAGE
# changes nothing
LANGUAGE=de run "$CIRT" countries --lang fr XA
expect_out "XA  XAR  AFR  Aralie"
LANGUAGE=de run "$CIRT" countries --lang ar XC
expect_out "XC  XQD  ARB  القادرية"
LANGUAGE=de run "$CIRT" countries DE
expect_out "DE  DEU  EUR  Germany"
run "$CIRT" countries --lang ../../etc SN
expect_status 2
expect_err "is not a language code"
end

begin "reports, comparisons and sessions name the country in their language"
printf 'question_id,value,evidence,comment\nLC1,yes,,\n' >sn.csv
run "$CIRT" import --yes sn.csv --country SN --db c.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml"
expect_status 0
run "$CIRT" report --country SN --lang fr --db c.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml" -o sn.pdf
expect_status 0
pdftotext -f 1 -l 1 sn.pdf - | grep -q "^Sénégal$" || fail "the French cover does not say Sénégal"
pdftotext -f 2 -l 2 sn.pdf - | grep -q "Sénégal (SN)" || fail "the French page header does not say Sénégal"
run "$CIRT" compare --lang es --format table --db c.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml"
expect_status 0
expect_out "Senegal (SN)"
run "$CIRT" compare --lang fr --format table --db c.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml"
expect_out "Sénégal (SN)"
run "$CIRT" run --country SN --lang fr --db c.db --questionnaire "$ROOT/questionnaires/cirt-readiness.xml"
expect_out "Sénégal (SN)"
end

begin "the build refuses a member state that iso-codes lacks, naming the row"
printf '# test\nalpha2,alpha3,name,region,kind\nFR,FRA,,EUR,member\nQQ,QQQ,,EUR,member\n' >bad.csv
python3 "$ROOT/src/gen_countries.py" bad.csv /usr/share/iso-codes/json/iso_3166-1.json >gen.c 2>gen.err
[ $? -ne 0 ] || fail "the generator accepted QQ"
grep -q "bad.csv:4: QQ/QQQ is not in the ISO 3166-1 data of iso-codes" gen.err || fail "$(cat gen.err)"
printf 'alpha2,alpha3,name,region,kind\nXA,XAR,,AFR,demo\n' >bad.csv
python3 "$ROOT/src/gen_countries.py" bad.csv /usr/share/iso-codes/json/iso_3166-1.json >gen.c 2>gen.err &&
	fail "a fictional country without a name was accepted"
grep -q "bad.csv:2: a fictional country needs its name" gen.err || fail "$(cat gen.err)"
end
