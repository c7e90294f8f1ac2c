# Faults: SIGKILL at random moments during import, merge and report --all
# (50 each), and a writer that keeps the database locked.
. "$(dirname "$0")/lib.sh"
plan 4

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/cirt-readiness.xml"
SAMPLE=$FIXTURES/readiness-answers-sample.csv
ROWS=85

# a random delay of up to $1 milliseconds
delay() {
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	printf '0.%03d' $((n % $1))
}

begin "50 kills during import: all rows or none, and an intact database"
kills=0
for i in $(seq 1 50); do
	rm -f i.db i.db-wal i.db-shm
	"$CIRT" import --yes "$SAMPLE" --country KE --db i.db >/dev/null 2>&1 &
	pid=$!
	sleep "$(delay 40)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	[ -e i.db ] || continue
	[ "$(sqlite3 i.db 'PRAGMA integrity_check')" = ok ] || fail "run $i: integrity check"
	n=$(sqlite3 i.db "SELECT count(*) FROM answer" 2>/dev/null || echo 0)
	[ "$n" = 0 ] || [ "$n" = $ROWS ] || fail "run $i: a half-applied import ($n rows)"
done
echo "# $kills of 50 runs killed before they ended"
end

begin "50 kills during merge: the assessment arrives whole or not at all"
"$CIRT" import --yes "$SAMPLE" --country KE --db src.db >/dev/null
"$CIRT" export --country KE --db src.db -o ke.json >/dev/null
kills=0
for i in $(seq 1 50); do
	rm -f m.db m.db-wal m.db-shm
	"$CIRT" merge ke.json --db m.db >/dev/null 2>&1 &
	pid=$!
	sleep "$(delay 40)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	[ -e m.db ] || continue
	[ "$(sqlite3 m.db 'PRAGMA integrity_check')" = ok ] || fail "run $i: integrity check"
	n=$(sqlite3 m.db "SELECT count(*) FROM answer" 2>/dev/null || echo 0)
	h=$(sqlite3 m.db "SELECT count(*) FROM history" 2>/dev/null || echo 0)
	[ "$n" = 0 ] || [ "$n" = $ROWS ] || fail "run $i: a half-applied merge ($n answers)"
	[ "$n" = 0 ] || "$CIRT" verify --db m.db >/dev/null 2>&1 || fail "run $i: verify ($h entries)"
done
echo "# $kills of 50 runs killed before they ended"
end

begin "50 kills during report --all leave no partial PDF"
for c in GH NG SN; do
	"$CIRT" import --yes "$SAMPLE" --country $c --db src.db >/dev/null
done
kills=0
for i in $(seq 1 50); do
	rm -rf out
	mkdir out
	"$CIRT" report --all --db src.db -o out >/dev/null 2>&1 &
	pid=$!
	sleep "$(delay 150)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	for f in out/*; do
		[ -e "$f" ] || continue
		case "$f" in
		*.pdf) qpdf --check "$f" >/dev/null 2>&1 || fail "run $i: $f is damaged" ;;
		*) fail "run $i: left $f" ;;
		esac
	done
done
echo "# $kills of 50 runs killed before they ended"
end

begin "a writer holding the lock past the busy timeout gives a clear error"
"$CIRT" import --yes "$SAMPLE" --country KE --db lock.db >/dev/null
python3 -c "
import sqlite3, time
c = sqlite3.connect('lock.db', isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open('locked', 'w').close()
time.sleep(8)
c.execute('ROLLBACK')
" &
locker=$!
while [ ! -e locked ]; do sleep 0.05; done
before=$(sqlite3 lock.db "SELECT count(*) FROM history")
printf 'question_id,value,evidence,comment\nLC1,no,,\n' >one.csv
run "$CIRT" import --yes one.csv --country KE --db lock.db
expect_status 4
expect_err "database 'lock.db' is busy: another cirt kept it locked for more than 5 seconds"
expect_err "nothing was imported"
wait $locker
[ "$(sqlite3 lock.db "SELECT count(*) FROM history")" = "$before" ] || fail "the database changed"
end
