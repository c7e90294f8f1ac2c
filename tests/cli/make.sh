# The Makefile's user-facing targets: `make deps` for a user who is not
# root, and `make install`, which builds in its own folder so that the
# binary under test stays put.
. "$(dirname "$0")/lib.sh"
plan 5

as_user() {
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$WORK"
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}

begin "make deps as a user names the exact install line and fails"
run as_user make --no-print-directory -s -C "$ROOT" deps DEB_PACKAGES="make cirt-test-no-such-package"
[ "$status" -ne 0 ] || fail "exit status 0"
expect_out "make deps: missing Debian packages; install them with:"
expect_out "  sudo apt-get install -y --no-install-recommends cirt-test-no-such-package"
end

begin "make deps says nothing when everything is installed"
run as_user make --no-print-directory -s -C "$ROOT" deps DEB_PACKAGES="make"
expect_status 0
expect_out_empty
end

begin "make install DESTDIR= PREFIX= installs binary, questionnaires, schema and manual"
run make --no-print-directory -C "$ROOT" O="$WORK/build" install DESTDIR="$WORK/root" PREFIX=/opt/cirt
expect_status 0
[ -x "$WORK/root/opt/cirt/bin/cirt" ] || fail "no binary"
for f in questionnaire.xsd example.xml cirt-readiness.xml countries.csv FORMAT.md; do
	[ -f "$WORK/root/opt/cirt/share/cirt/questionnaires/$f" ] || fail "no $f"
done
[ -f "$WORK/root/opt/cirt/share/man/man1/cirt.1" ] || fail "no manual page"
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
expect_err "  /opt/cirt/share/cirt/questionnaires/cirt-readiness.xml, the installed copy: no such file"
end
