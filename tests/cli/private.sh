# Files that stay private: every file cirt writes is created 0600 whatever
# the umask, also over an existing file, and no temporary file outlives
# cirt, even when it is killed with SIGKILL in the middle of report --all.
. "$(dirname "$0")/lib.sh"
plan 7

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/cirt-readiness.xml"
export CIRT_ASSESSOR="Ana Díaz"
SAMPLE=$FIXTURES/readiness-answers-sample.csv
umask 022

# Enough assessments that report --all --jobs 2 still runs after 0.2 s.
for c in GH NG SN KE TZ UG RW ZM; do
	for y in 2024 2025 2026; do
		"$CIRT" import --yes "$SAMPLE" --country $c --cycle $y --db x.db >/dev/null || exit 2
	done
done
REPORTS=24

# mode FILE: the file's permission bits
mode() {
	stat -c %a "$1"
}

# complete FILE: a whole PDF, from its header to its trailer
complete() {
	[ "$(head -c 5 "$1" 2>/dev/null)" = "%PDF-" ] && tail -c 16 "$1" 2>/dev/null | grep -q '%%EOF'
}

begin "under umask 022, reports, comparisons and bundles are created 0600"
run "$CIRT" report --country GH --db x.db
expect_status 0
run "$CIRT" report --country NG --db x.db -o ng.pdf
expect_status 0
run "$CIRT" report --all --cycle 2026 --db x.db -o all
expect_status 0
run "$CIRT" compare --db x.db
expect_status 0
run "$CIRT" compare --db x.db -o cmp.pdf
expect_status 0
run "$CIRT" export --country SN --db x.db
expect_status 0
run "$CIRT" export --country KE --db x.db -o ke.json
expect_status 0
for f in reports/GH-2026.pdf ng.pdf reports/comparison.pdf cmp.pdf SN-2026.cirt.json ke.json; do
	[ -f "$f" ] || fail "no $f"
done
[ "$(ls all | wc -l)" = 8 ] || fail "report --all wrote $(ls all | wc -l) files"
for f in reports/GH-2026.pdf ng.pdf all/* reports/comparison.pdf cmp.pdf SN-2026.cirt.json \
	ke.json; do
	[ "$(mode "$f")" = 600 ] || fail "$f is $(mode "$f")"
done
end

begin "a file that a write replaces ends up 0600 whatever its mode was"
mkdir -p old
for f in old/r.pdf old/c.pdf old/b.json old/GH-2026.pdf old/NG-2026.pdf; do
	echo stale >"$f"
	chmod 644 "$f"
done
chmod 666 old/c.pdf
run "$CIRT" report --country GH --db x.db -o old/r.pdf
expect_status 0
run sh -c 'umask 000 && exec "$@"' sh "$CIRT" compare --db x.db -o old/c.pdf
expect_status 0
run "$CIRT" export --country GH --db x.db -o old/b.json
expect_status 0
run "$CIRT" report --all --cycle 2026 --db x.db -o old
expect_status 0
for f in old/r.pdf old/c.pdf old/GH-2026.pdf old/NG-2026.pdf; do
	[ "$(mode "$f")" = 600 ] || fail "$f is $(mode "$f")"
	complete "$f" || fail "$f was not replaced by a whole PDF"
done
[ "$(mode old/b.json)" = 600 ] || fail "old/b.json is $(mode old/b.json)"
grep -q stale old/b.json && fail "old/b.json was not replaced"
ls old | grep -v -e '\.pdf$' -e '^b\.json$' | sed 's/^/left /' >left.txt
[ -s left.txt ] && fail "$(cat left.txt)"
end

begin "reports, comparisons and bundles leave TMPDIR empty"
mkdir tmp
run env TMPDIR=$WORK/tmp "$CIRT" report --country GH --db x.db -o t1.pdf
expect_status 0
run env TMPDIR=$WORK/tmp "$CIRT" report --all --jobs 2 --cycle 2025 --db x.db -o t2
expect_status 0
run env TMPDIR=$WORK/tmp "$CIRT" compare --db x.db -o t3.pdf
expect_status 0
run env TMPDIR=$WORK/tmp "$CIRT" export --country GH --db x.db -o t4.json
expect_status 0
[ -n "$(ls -A tmp)" ] && fail "TMPDIR holds: $(ls -A tmp | tr '\n' ' ')"
end

begin "reports are made when TMPDIR is a folder that does not exist"
run env TMPDIR=$WORK/nowhere "$CIRT" report --country GH --db x.db -o t5.pdf
expect_status 0
expect_err_empty
complete t5.pdf || fail "t5.pdf is not a whole PDF"
run env TMPDIR=$WORK/nowhere "$CIRT" compare --db x.db -o t6.pdf
expect_status 0
[ -e nowhere ] && fail "TMPDIR was created"
end

# check_folder DIR [PID...]: each file in DIR is a whole PDF of mode 0600,
# or, among PIDs' files, the documented leftover CC-YEAR.pdf.tmp-PID-N of a
# kill between naming a replacement and renaming it; problems start $at
check_folder() {
	dir=$1
	shift
	pdfs=""
	for f in "$dir"/* "$dir"/.[!.]*; do
		[ -e "$f" ] || continue
		case "${f#"$dir"/}" in
		[A-Z][A-Z]-[0-9][0-9][0-9][0-9].pdf) pdfs="$pdfs $f" ;;
		[A-Z][A-Z]-[0-9][0-9][0-9][0-9].pdf.tmp-[0-9]*-[0-9]*)
			p=${f##*.tmp-}
			case " $* " in
			*" ${p%-*} "*) ;;
			*) fail "${at}left $f" ;;
			esac
			;;
		*) fail "${at}left $f" ;;
		esac
	done
	[ -n "$pdfs" ] || return 0
	n=$(echo $pdfs | wc -w)
	[ "$(head -q -c 5 $pdfs | grep -o '%PDF-' | wc -l)" = "$n" ] &&
		[ "$(tail -q -c 6 $pdfs | grep -c '^%%EOF$')" = "$n" ] ||
		fail "${at}a partial PDF in $dir"
	stat -c '%n is %a' $pdfs | grep -v ' is 600$' | tr '\n' ' ' >modes.txt
	[ -s modes.txt ] && fail "${at}$(cat modes.txt)"
	return 0
}

# gone PID: the process has ended (or is a zombie, waiting to be reaped)
gone() {
	read -r stat <"/proc/$1/stat" 2>/dev/null || return 0
	stat=${stat##*) }
	[ "${stat%% *}" = Z ]
}

# Twenty runs of report --all --jobs 2, killed after 0.01, 0.02 ... 0.2 s:
# odd runs write into a new folder, even runs replace the reports of a
# folder that already holds them all.
begin "20 kills of report --all leave TMPDIR empty and no partial or temporary file"
rm -rf tmp && mkdir tmp
"$CIRT" report --all --db x.db -o same >/dev/null || fail "cannot fill same/"
kills=0
killed_here=""
for i in $(seq 1 20); do
	if [ $((i % 2)) = 1 ]; then dir=new$i; else dir=same; fi
	at="run $i: "
	TMPDIR=$WORK/tmp "$CIRT" report --all --jobs 2 --db x.db -o $dir >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%02d' "$i")"
	workers=$(cat /proc/$pid/task/$pid/children 2>/dev/null || pgrep -P $pid)
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	# the workers die with the command
	for w in $workers; do
		while ! gone "$w"; do sleep 0.01; done
	done
	[ -n "$(ls -A tmp)" ] && fail "run $i: TMPDIR holds $(ls -A tmp | tr '\n' ' ')"
	rm -rf tmp && mkdir tmp
	if [ $dir = same ]; then
		# a report being replaced when its run was killed keeps its
		# temporary name until a later run writes that report again
		killed_here="$killed_here $pid $workers"
		# shellcheck disable=SC2086
		check_folder $dir $killed_here
	else
		check_folder $dir
	fi
done
echo "# $kills of 20 runs killed before they ended"
[ "$kills" -ge 5 ] || fail "only $kills runs were killed; make the database larger"
end

begin "after the kills, one complete run leaves exactly the reports, all 0600"
run "$CIRT" report --all --db x.db -o same
expect_status 0
at=""
[ "$(ls -A same | wc -l)" = $REPORTS ] || fail "same/ holds $(ls -A same | wc -l) files"
check_folder same
end

begin "a leftover of a killed process that is now an unreaped zombie is removed too"
# sh starts a child that ends a second later and becomes sleep, which never
# reaps it (a child that ended at once could be reaped by sh itself before
# it became sleep, on a busy machine)
sh -c '(sleep 1; exit 0) & echo $! >zpid; exec sleep 30' &
holder=$!
# wait for the child to end and become a zombie
zpid=""
tries=0
while [ $tries -lt 100 ]; do
	[ -s zpid ] && zpid=$(cat zpid) &&
		grep -q '^[0-9]* ([^)]*) Z' /proc/"$zpid"/stat 2>/dev/null && break
	sleep 0.1
	tries=$((tries + 1))
done
grep -q '^[0-9]* ([^)]*) Z' /proc/"$zpid"/stat 2>/dev/null || fail "no zombie to test with"
leftover=same/KE-2026.pdf.tmp-$zpid-0
printf 'partial' >"$leftover"
run "$CIRT" report --all --db x.db -o same
expect_status 0
[ -e "$leftover" ] && fail "the zombie's leftover $leftover is still there"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
end
