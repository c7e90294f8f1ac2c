# `make install` puts a working binary, the questionnaires and the schema
# under DESTDIR; it builds in its own folder so the tested binary stays put.
. "$(dirname "$0")/lib.sh"
plan 3

begin "make install DESTDIR= PREFIX= installs binary, questionnaires and schema"
run make --no-print-directory -C "$ROOT" O="$WORK/build" install DESTDIR="$WORK/root" PREFIX=/opt/cirt
expect_status 0
[ -x "$WORK/root/opt/cirt/bin/cirt" ] || fail "no binary"
for f in questionnaire.xsd example.xml FORMAT.md; do
	[ -f "$WORK/root/opt/cirt/share/cirt/questionnaires/$f" ] || fail "no $f"
done
end

begin "the installed binary validates the installed questionnaires without the source tree"
mkdir elsewhere && cd elsewhere || exit 2
run "$WORK/root/opt/cirt/bin/cirt" validate "$WORK/root/opt/cirt/share/cirt/questionnaires/example.xml"
expect_status 0
expect_out "example.xml: ok (3 pillars, 3 indicators, 9 questions)"
cd "$WORK" || exit 2
end

begin "the installed binary looks for its default questionnaire under PREFIX"
run env -u CIRT_QUESTIONNAIRE "$WORK/root/opt/cirt/bin/cirt" show
expect_status 4
expect_err "/opt/cirt/share/cirt/questionnaires/cirt-readiness.xml: cannot open"
end
