# End-to-end tests of `cirt countries` and of country codes in arguments.
. "$(dirname "$0")/lib.sh"
plan 7

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
