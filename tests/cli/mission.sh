# A mission with several laptops: keys, signed and sealed bundles, forged
# bundles refused, merges that keep every side's history, databases read
# with their write-ahead log.
. "$(dirname "$0")/lib.sh"
plan 11

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
unset CIRT_ASSESSOR

# laptop NAME CMD...: run cirt as on NAME's laptop (its own keys and name)
laptop() {
	who=$1
	shift
	CIRT_KEY_DIR="$WORK/keys-$who" CIRT_ASSESSOR="$who" "$CIRT" "$@"
}

sql() {
	sqlite3 "$1" "$2"
}

dump() {
	sqlite3 "$1" .dump | md5sum
}

begin "keys: made once, private, shown with a fingerprint, trusted and revoked by name"
run env CIRT_KEY_DIR="$WORK/keys-Ana" "$CIRT" keys init --name "Ana Díaz"
expect_status 0
expect_out "Made this laptop's signing key for Ana Díaz in $WORK/keys-Ana/key"
expect_out "  fingerprint: "
[ "$(stat -c %a "$WORK/keys-Ana")" = 700 ] || fail "folder mode $(stat -c %a "$WORK/keys-Ana")"
[ "$(stat -c %a "$WORK/keys-Ana/key")" = 600 ] || fail "key mode"
fp=$(sed -n 's/^  fingerprint: //p' "$out")
run env CIRT_KEY_DIR="$WORK/keys-Ana" "$CIRT" keys init --name "Ana Díaz"
expect_status 3
expect_err "this laptop has a key already"
run env CIRT_KEY_DIR="$WORK/keys-Ana" "$CIRT" keys show -o ana.pub
expect_status 0
grep -q "^fingerprint $fp$" ana.pub || fail "the public file: $(cat ana.pub)"
grep -q "secret" ana.pub && fail "the secret key is in the public file"
laptop Jean keys init >/dev/null
laptop Jean keys show -o jean.pub >/dev/null
run laptop Jean keys trust ana.pub
expect_status 0
expect_out "Trusted the key of Ana Díaz, fingerprint $fp."
run laptop Jean keys trust ana.pub --name "Ana, again"
expect_status 2
expect_err "it holds a comma"
run laptop Jean keys trust "ed25519:not-a-key"
expect_status 2
run laptop Jean keys list
expect_out "  $fp  Ana Díaz, trusted 20"
laptop Ana keys trust jean.pub >/dev/null || fail "Ana trusts Jean"
chmod 644 "$WORK/keys-Ana/key"
run laptop Ana keys show
expect_status 3
expect_err "can be read by others (mode 644)"
chmod 600 "$WORK/keys-Ana/key"
end

printf 'question_id,value,evidence,comment\nL1,yes,"Penal Code, art. 12",\nL2,2,,"prosecutions rose"\nT1,operational,,\n' >base.csv
laptop Ana import --yes base.csv --country KE --db ana.db >/dev/null

begin "export signs every bundle; --to seals it so that only its recipients read it"
run laptop Ana export --country KE --db ana.db -o plain.json
expect_status 0
expect_out "Signed by Ana Díaz, not sealed: anyone who has the file can read it"
grep -q '"signature":{"key":"ed25519:' plain.json || fail "no signature"
run laptop Ana export --country KE --db ana.db -o sealed.json --to Jean
expect_status 0
expect_out "Signed by Ana Díaz, sealed for Jean ("
for text in "Penal Code" "prosecutions" "operational" '"Ana"' '"KE"' "answered_by"; do
	strings sealed.json | grep -q "$text" && fail "'$text' is readable in the sealed bundle"
done
run laptop Jean merge sealed.json --db jean.db
expect_status 0
expect_out "sealed.json: KE 2026: new here, 3 answers"
run laptop Ana merge sealed.json --db other.db
expect_status 3
expect_err "it is sealed for 1 other key, not for this laptop's"
[ -e other.db ] && fail "a database was made"
run env CIRT_KEY_DIR="$WORK/keys-none" CIRT_ASSESSOR=Nobody "$CIRT" merge sealed.json --db other.db
expect_status 3
expect_err "this laptop has no key to open it"
python3 -c "
import json, sys, base64
d = json.load(open('sealed.json'))
c = bytearray(base64.b64decode(d['ciphertext'])); c[10] ^= 1
d['ciphertext'] = base64.b64encode(bytes(c)).decode()
json.dump(d, open('sealed-bad.json', 'w'))"
run laptop Jean merge sealed-bad.json --db jean.db
expect_status 3
expect_err "its sealed content was altered"
end

begin "a bundle changed after signing, or signed by a key nobody trusts, is refused"
sed 's/"Penal Code, art. 12"/"Penal Code, art. 99"/' plain.json >edited.json
run laptop Jean merge edited.json --db jean2.db
expect_status 3
expect_err "its signature does not hold: the bundle was changed after it was signed"
laptop Mallory keys init >/dev/null
laptop Mallory export --country KE --db ana.db -o mallory.json >/dev/null 2>&1
mfp=$(laptop Mallory keys show | sed -n 's/^  fingerprint: //p')
run laptop Jean merge mallory.json --db jean2.db
expect_status 3
expect_err "signed by a key this laptop does not trust, fingerprint $mfp (the bundle says 'Mallory' exported it)"
run laptop Jean merge --trust-once mallory.json --db jean2.db
expect_status 3
[ -e jean2.db ] && fail "a database was made"
end

begin "an insider's bundle whose answers disagree with its history is refused, whatever it claims"
# re-signed with a key that is trusted, so that the checks behind the
# signature are what refuses them
python3 - plain.json <<'PY'
import json, sys
src = json.load(open(sys.argv[1]))
src.pop("signature", None)
def save(name, doc): json.dump(doc, open(name, "w"), indent=1)
x = json.loads(json.dumps(src)); a = x["answers"][0]
a["value"] = "no"; save("f-value.json", x)
x = json.loads(json.dumps(src)); a = x["answers"][0]
a["answered_by"] = "Minister of Defence"; a["answered_at"] = "2099-01-01T00:00:00.000Z"; save("f-author.json", x)
x = json.loads(json.dumps(src)); x["assessment"]["status"] = "final"; save("f-final.json", x)
x = json.loads(json.dumps(src)); x["assessment"]["assessors"] = "Ana, Minister of Defence"; save("f-assessors.json", x)
x = json.loads(json.dumps(src)); x["assessment"]["mission_start"] = "2020-01-01"; save("f-dates.json", x)
x = json.loads(json.dumps(src)); x["history"][1]["new_value"] = "no"; save("f-history.json", x)
x = json.loads(json.dumps(src)); x["exported_by"] = "Eve \u001b[2J"; save("f-exporter.json", x)
x = json.loads(json.dumps(src)); x["exported_at"] = "yesterday"; save("f-when.json", x)
PY
for f in value author final assessors dates history exporter when; do
	CIRT_KEY_DIR="$WORK/keys-Ana" resign "f-$f.json" "f-$f.json" || fail "cannot sign f-$f"
done
check() {
	run laptop Jean merge "f-$1.json" --db "$2"
	expect_status 3
	expect_err "$3"
	expect_err "nothing was merged"
}
for db in jean.db empty.db; do
	before=$(dump jean.db)
	check value $db "the stored answer of L1 differs from what the history records"
	check author $db "the stored author of L1 differs from what the history records"
	check final $db "the status is final, but the history says draft"
	check assessors $db "the list of assessors ('Ana, Minister of Defence') differs from what the history records ('Ana')"
	check dates $db "the mission start ('2020-01-01') differs"
	check history $db "history entry 2 (answer of L1, "
	check exporter $db "who exported it: "
	check when $db "'yesterday' is not a UTC time"
	[ "$(dump jean.db)" = "$before" ] || fail "jean.db changed"
done
[ -e empty.db ] && fail "a database was made"
grep -q "$(printf '\033')" "$err" && fail "an escape reached the terminal"
end

begin "a revoked key's bundles are refused; an unsigned bundle of the first format needs --force"
laptop Kim keys init >/dev/null
laptop Kim keys trust ana.pub >/dev/null || fail "trust"
laptop Kim keys revoke "Ana Díaz" >/dev/null || fail "revoke"
run laptop Kim merge plain.json --db kim.db
expect_status 3
expect_err "signed by the key of Ana Díaz ($fp), revoked on 20"
run laptop Kim keys trust ana.pub
expect_status 3
expect_err "was revoked on"
python3 - plain.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop("signature"); d["format_version"] = 1
for h in d["history"]:
    h.pop("origin", None)
json.dump(d, open("old.json", "w"))
PY
run laptop Kim merge old.json --db old.db
expect_status 3
expect_err "the bundle is not signed (a cirt before signatures made it)"
run laptop Kim merge old.json --db old.db --force
expect_status 0
expect_err "the bundle is not signed; merged on your word (--force)"
expect_out "old.json: KE 2026: new here, 3 answers"
end

begin "three laptops exchange in every direction and end with the same answers"
for who in Ana Jean Rose; do
	for other in Ana Jean Rose; do
		[ $who = $other ] && continue
		laptop $other keys show -o $other.pub >/dev/null 2>&1 || laptop $other keys init >/dev/null
		laptop $other keys show -o $other.pub >/dev/null
	done
done
for who in Ana Jean Rose; do
	for other in Ana Jean Rose; do
		[ $who = $other ] || laptop $who keys trust $other.pub --name $other >/dev/null 2>&1
	done
done
rm -f jean.db
laptop Ana export --country KE --db ana.db -o a0.json >/dev/null
laptop Jean merge a0.json --db jean.db >/dev/null || fail "Jean"
laptop Rose merge a0.json --db rose.db >/dev/null || fail "Rose"
printf 'question_id,value,evidence,comment\nL3,2019-05-01,,\n' >j.csv
laptop Jean import j.csv --country KE --db jean.db >/dev/null
printf 'question_id,value,evidence,comment\nT2,incident,,\nL2,,"court statistics 2025",\n' >r.csv
laptop Rose import r.csv --country KE --db rose.db >/dev/null
printf 'question_id,value,evidence,comment\nT3,12,,\n' >a.csv
laptop Ana import a.csv --country KE --db ana.db >/dev/null
for round in 1 2; do
	for who in Ana Jean Rose; do
		db=$(echo $who | tr 'A-Z' 'a-z').db
		laptop $who export --country KE --db $db -o $who-$round.json >/dev/null
	done
	for who in Ana Jean Rose; do
		db=$(echo $who | tr 'A-Z' 'a-z').db
		for other in Ana Jean Rose; do
			[ $who = $other ] || laptop $who merge $other-$round.json --db $db >/dev/null ||
				fail "$who merging $other"
		done
	done
done
for db in ana.db jean.db rose.db; do
	"$CIRT" answers --country KE --db $db --format csv | cut -d, -f1-8 >$db.csv
	"$CIRT" verify --db $db >/dev/null || fail "verify $db"
done
cmp -s ana.db.csv jean.db.csv || fail "Ana and Jean differ: $(diff ana.db.csv jean.db.csv)"
cmp -s ana.db.csv rose.db.csv || fail "Ana and Rose differ: $(diff ana.db.csv rose.db.csv)"
grep -q '^L3,2019-05-01,' ana.db.csv || fail "Jean's answer"
grep -q '^L2,2,court statistics 2025,' ana.db.csv || fail "Rose's evidence: $(grep ^L2 ana.db.csv)"
grep -q '^T3,12,' rose.db.csv || fail "Ana's answer"
# at rest: exchanging again brings nothing new
laptop Ana export --country KE --db ana.db -o rest.json >/dev/null
run laptop Jean merge rest.json --db jean.db
expect_out "rest.json: KE 2026: nothing new"
end

begin "an answer with evidence is not silently replaced by a colleague's bare answer"
printf 'question_id,value,evidence,comment\nC1,yes,"MoU with the regional CIRT, 2024",\n' >c1.csv
laptop Ana import c1.csv --country KE --db ana.db >/dev/null
printf 'question_id,value,evidence,comment\nC1,no,,\n' >c2.csv
laptop Jean import c2.csv --country KE --db jean.db >/dev/null
laptop Jean export --country KE --db jean.db -o jc.json >/dev/null
run laptop Ana merge jc.json --db ana.db
expect_status 0
expect_out "conflict in KE 2026 over the answer of C1:"
expect_out "1 conflict opened"
[ "$(sql ana.db "SELECT evidence FROM answer WHERE question_id = 'C1'")" = "MoU with the regional CIRT, 2024" ] ||
	fail "the evidence went"
run "$CIRT" conflicts --country KE --db ana.db
expect_out "KE 2026: 1 open conflict (ana.db)"
run laptop Ana report --country KE --db ana.db -o ke.pdf
expect_status 0
pdftotext ke.pdf - | grep -q "Disputed: the team has not settled between this and" || fail "the report does not mark it"
run laptop Ana resolve --country KE C1 --take 2 --reason "the MoU was signed in 2024, checked" --db ana.db
expect_status 0
[ "$(sql ana.db "SELECT value FROM answer WHERE question_id = 'C1'")" = yes ] || fail "not the choice"
end

begin "a session shows open conflicts first"
laptop Jean export --country KE --db jean.db -o jc.json >/dev/null
printf 'question_id,value,evidence,comment\nC1,na,,\n' >c3.csv
laptop Ana import c3.csv --country KE --db ana.db >/dev/null
printf 'question_id,value,evidence,comment\nC1,dk,,\n' >c4.csv
laptop Jean import c4.csv --country KE --db jean.db >/dev/null
laptop Jean export --country KE --db jean.db -o jc2.json >/dev/null
laptop Ana merge jc2.json --db ana.db >/dev/null
run sh -c "printf ':quit\n' | CIRT_KEY_DIR='$WORK/keys-Ana' CIRT_ASSESSOR=Ana '$CIRT' run --country KE --db ana.db"
expect_status 0
expect_out "1 conflict from merges is open:"
expect_out "  settle it: cirt resolve --country KE --cycle 2026 C1 --take 1|2 --reason TEXT --db ana.db"
end

begin "merging a database sees what a killed session left in its write-ahead log"
printf 'yes\n:quit\n' | laptop Rose run --yes --country FR --db wal.db >/dev/null 2>&1
mkfifo fw
laptop Rose run --country FR --db wal.db <fw >w.out 2>&1 &
pw=$!
exec 3>fw
for a in 2 2019-05-01 3 1,3 12; do echo $a >&3; done
i=0
while ! grep -q "T4> \|T3> .*12" w.out && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
kill -9 $pw
wait $pw 2>/dev/null
exec 3>&-
[ -s wal.db-wal ] || fail "nothing is in the write-ahead log"
n=$(sqlite3 -cmd ".timeout 5000" wal.db "SELECT count(*) FROM answer")
run laptop Ana merge wal.db --db fromwal.db
expect_status 0
expect_out "wal.db: FR 2026: new here, $n answers"
[ "$n" -ge 5 ] || fail "only $n answers were committed"
end

begin "bundles beyond the limits are refused before they are parsed"
python3 - <<'PY'
import json
a = [{"question_id": "Q%d" % i, "state": "value", "value": "yes", "evidence": "", "comment": "",
      "flagged": False, "answered_by": "B", "answered_at": "2026-11-30T10:00:00.000Z"}
     for i in range(260000)]
json.dump({"format": "cirt-bundle", "format_version": 2, "answers": a}, open("huge.json", "w"),
          separators=(",", ":"))
PY
run laptop Ana merge huge.json --db huge.db
expect_status 3
expect_err "it holds more records than a bundle may (50000 answers and 200000 history entries at most)"
end

begin "keys and merges are described in the manual and the help"
run "$CIRT" keys --help
expect_out "cirt keys trust FILE|KEY [--name NAME]"
run "$CIRT" export --help
expect_out "--to KEY"
run "$CIRT" merge --help
expect_out "--trust-once"
grep -q "keys" "$ROOT/cirt.1" || fail "the man page"
grep -q "A mission with three laptops" "$ROOT/README.md" || fail "the README walk-through"
end
