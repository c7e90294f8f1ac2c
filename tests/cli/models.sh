# Questionnaires loaded once (src/qcache.h): the checked model of a large
# questionnaire is kept in a private cache named by the SHA-256 of the
# file's bytes, read back by the next command, and never trusted when it
# is damaged, of other bytes, or made by another cirt.
. "$(dirname "$0")/lib.sh"
plan 7

export CIRT_ASSESSOR="Jean Dupont"
export SOURCE_DATE_EPOCH=1767225600
cp "$ROOT/questionnaires/cirt-readiness.xml" q.xml
export CIRT_QUESTIONNAIRE="$PWD/q.xml"
export CIRT_CACHE_DIR="$PWD/cache"
sha=$(sha256sum q.xml | cut -c1-64)
entry="cache/$sha.model"
printf 'question_id,value,evidence,comment\nLC1,yes,,\nLE2,no,,\n' >a.csv
CIRT_CACHE_DIR=off "$CIRT" import --yes a.csv --country KE --cycle 2026 --db m.db >/dev/null ||
	echo "Bail out! cannot import"

inode() {
	stat -c %i "$1"
}

begin "the first command keeps the model, private; the next reads it and gives the same report"
[ -e cache ] && fail "a cache before any command"
run "$CIRT" report --country KE --db m.db -o first.pdf
expect_status 0
[ -f "$entry" ] || fail "no entry $entry"
[ "$(stat -c %a cache)" = 700 ] || fail "the folder is $(stat -c %a cache)"
[ "$(stat -c %a "$entry")" = 600 ] || fail "the entry is $(stat -c %a "$entry")"
before=$(inode "$entry")
run "$CIRT" report --country KE --db m.db -o second.pdf
expect_status 0
[ "$(inode "$entry")" = "$before" ] || fail "the entry was made again: not read"
cmp -s first.pdf second.pdf || fail "the report differs once the model is cached"
CIRT_CACHE_DIR=off "$CIRT" report --country KE --db m.db -o plain.pdf >/dev/null || fail "plain"
cmp -s first.pdf plain.pdf || fail "the report differs from one without the cache"
CIRT_CACHE_DIR=off "$CIRT" report --country KE --db m.db --lang ar -o plain-ar.pdf >/dev/null
"$CIRT" report --country KE --db m.db --lang ar -o cached-ar.pdf >/dev/null
cmp -s plain-ar.pdf cached-ar.pdf || fail "the Arabic report differs"
ls cache | grep -v '\.model$' && fail "other files left in the cache"
end

begin "a session and the questionnaire's listing read the same from the cache"
CIRT_CACHE_DIR=off "$CIRT" show --lang fr >plain.txt || fail "show"
run "$CIRT" show --lang fr
expect_status 0
cmp -s plain.txt "$out" || fail "show differs"
mkdir plain cached
(cd plain && printf 'yes\n:quit\n' | CIRT_CACHE_DIR=off "$CIRT" run --yes --country NG --db s.db >../plain.txt 2>&1)
(cd cached && printf 'yes\n:quit\n' | "$CIRT" run --yes --country NG --db s.db >../cached.txt 2>&1)
cmp -s plain.txt cached.txt || fail "the session differs: $(diff plain.txt cached.txt | head -5)"
end

begin "a damaged entry is never used: the questionnaire is loaded again and the entry mended"
for damage in truncate middle end; do
	cp "$entry" good.model
	case $damage in
	truncate) head -c 50000 good.model >"$entry" ;;
	middle) cp good.model "$entry" &&
		printf '\377\377\377\377' | dd of="$entry" bs=1 seek=200000 conv=notrunc 2>/dev/null ;;
	end) cp good.model "$entry" && printf 'x' >>"$entry" ;;
	esac
	run "$CIRT" report --country KE --db m.db -o damaged.pdf
	expect_status 0
	cmp -s first.pdf damaged.pdf || fail "$damage: the report differs"
	cmp -s good.model "$entry" || fail "$damage: the entry was not mended"
done
end

begin "an entry of other bytes, or made by another cirt, is not used"
# the entry of this questionnaire under the name of another file's bytes
sed 's/Is there a law in force that makes attacks/Is there truly a law in force that makes attacks/' q.xml >other.xml
other=$(sha256sum other.xml | cut -c1-64)
cp "$entry" "cache/$other.model"
run "$CIRT" show other.xml
expect_status 0
expect_out "Is there truly a law"
# a copy of cirt is another binary: its entry is its own
cp "$CIRT" ./cirt-copy
touch -d '2001-01-01' ./cirt-copy
before=$(inode "$entry")
run ./cirt-copy report --country KE --db m.db -o copy.pdf
expect_status 0
[ "$(inode "$entry")" = "$before" ] && fail "another cirt used the entry"
cmp -s first.pdf copy.pdf || fail "the copy's report differs"
end

begin "a changed questionnaire is loaded and checked again"
sed 's/<questionnaire /<questionnaire  /' q.xml >q2.xml
# the same model, other bytes: another entry
run "$CIRT" show q2.xml
expect_status 0
[ -f "cache/$(sha256sum q2.xml | cut -c1-64).model" ] || fail "no entry for the new bytes"
# an error put in: refused with its line, and nothing kept
sed '0,/weight="/s//weight="-/' q.xml >bad.xml
run "$CIRT" show bad.xml
expect_status 1
grep -q "bad.xml:[0-9]" "$err" || fail "no line named: $(cat "$err")"
[ -f "cache/$(sha256sum bad.xml | cut -c1-64).model" ] && fail "an invalid questionnaire was kept"
end

begin "the cache can be off, elsewhere, or impossible to write, and nothing changes"
rm -rf cache
CIRT_CACHE_DIR=off "$CIRT" report --country KE --db m.db -o off.pdf >/dev/null || fail "off"
[ -e cache ] && fail "a cache was made while off"
unset CIRT_CACHE_DIR
XDG_CACHE_HOME="$PWD/xdg" "$CIRT" report --country KE --db m.db -o xdg.pdf >/dev/null ||
	fail "XDG_CACHE_HOME"
[ -f "xdg/cirt/$sha.model" ] || fail "not under XDG_CACHE_HOME"
mkdir home
HOME="$PWD/home" XDG_CACHE_HOME= "$CIRT" report --country KE --db m.db -o home.pdf >/dev/null ||
	fail "HOME"
[ -f "home/.cache/cirt/$sha.model" ] || fail "not under ~/.cache"
printf 'not a folder' >blocked
run env CIRT_CACHE_DIR="$PWD/blocked" "$CIRT" report --country KE --db m.db -o blocked.pdf
expect_status 0
expect_err_empty
# a folder others could write into is never used
mkdir shared && chmod 777 shared
run env CIRT_CACHE_DIR="$PWD/shared" "$CIRT" report --country KE --db m.db -o shared.pdf
expect_status 0
[ -n "$(ls -A shared)" ] && fail "a model kept in a folder others can write"
# nor a folder of the right mode that is a link to one
ln -s "$PWD/shared" linked
run env CIRT_CACHE_DIR="$PWD/linked" "$CIRT" report --country KE --db m.db -o linked.pdf
expect_status 0
[ -n "$(ls -A shared)" ] && fail "a model kept through a link"
for f in off xdg home blocked shared linked; do
	cmp -s first.pdf $f.pdf || fail "$f: the report differs"
done
end

begin "small questionnaires are not cached: they load faster than an entry is found"
export CIRT_CACHE_DIR="$PWD/small"
run "$CIRT" show "$ROOT/questionnaires/example.xml"
expect_status 0
[ -e small ] && fail "a cache for a small questionnaire"
end
