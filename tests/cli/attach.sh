# End-to-end tests of attachments: cirt attach, cirt attachments, and the
# files in verify, bundles, merges and the report.
. "$(dirname "$0")/lib.sh"
plan 15

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/example.xml"
export CIRT_ASSESSOR=Ana

# The rows of the attachment table, data as hex, without row ids.
rows() {
	sqlite3 "$1" "SELECT question_id, id, name, type, size, sha256, hex(data), added_by,
		added_at, source FROM attachment ORDER BY id" | md5sum
}

entries() {
	sqlite3 "$1" "SELECT count(*) FROM history"
}

printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj << >> endobj\n' >decree.pdf
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >chart.png
printf '\377\330\377\340\000\020JFIF\000' >"signed letter.jpg"
printf 'Minutes of the meeting of 30 November\n' >minutes.txt
head -c 4000 /dev/urandom >blob.bin
printf 'question_id,value,evidence,comment\nL1,yes,Penal code,\nT1,operational,,\n' >a.csv
size=$(stat -c %s decree.pdf)
"$CIRT" import --yes a.csv --country KE --db a.db >/dev/null

begin "attach stores a file with its history entry"
run "$CIRT" attach --country KE L1 decree.pdf --db a.db
expect_status 0
expect_out "Attached decree.pdf to L1 in KE 20"
expect_out ": application/pdf, $size bytes."
id=$(sqlite3 a.db "SELECT id FROM attachment")
echo "$id" | grep -qE '^a[0-9a-f]{12}$' || fail "id '$id'"
[ "$(sqlite3 a.db "SELECT new_state || ' ' || new_value FROM history WHERE field = 'attachment'")" = \
	"$(sha256sum decree.pdf | cut -d' ' -f1) $id $size application/pdf decree.pdf" ] || fail "history entry"
[ "$(sqlite3 a.db "SELECT hex(data) FROM attachment")" = "$(xxd -p decree.pdf | tr -d '\n' | tr a-f A-F)" ] ||
	fail "stored bytes"
"$CIRT" verify --db a.db >/dev/null || fail "verify"
end

begin "attachments lists id, question, name, type, size, SHA-256, who and when"
for f in chart.png "signed letter.jpg" minutes.txt blob.bin; do
	"$CIRT" attach --country KE T1 "$f" --db a.db >/dev/null || fail "cannot attach $f"
done
run "$CIRT" attachments --country KE --db a.db
expect_status 0
expect_out "KE 20"
expect_out ", 5 attachments, "
expect_out "  1  $id  L1  decree.pdf"
expect_out "     application/pdf, $size bytes, SHA-256 $(sha256sum decree.pdf | cut -d' ' -f1)"
expect_out "     added by Ana at 20"
expect_out "T1  signed letter.jpg"
expect_out "image/jpeg"
expect_out "image/png"
expect_out "text/plain"
expect_out "application/octet-stream, 3.9 KB (4000 bytes), SHA-256 $(sha256sum blob.bin | cut -d' ' -f1)"
run "$CIRT" attachments --country KE --db a.db --format csv
expect_out "id,question_id,name,type,size,sha256,added_by,added_at,source"
expect_out "$id,L1,decree.pdf,application/pdf,$size,$(sha256sum decree.pdf | cut -d' ' -f1),Ana,20"
run "$CIRT" attachments --country KE --db a.db --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [a["name"] for a in d["attachments"]][:2] == ["decree.pdf","chart.png"] and d["attachments"][0]["size"] == int(sys.argv[2])' "$out" "$size" ||
	fail "json"
end

begin "--extract writes every file, identical and private"
umask 022
run "$CIRT" attachments --country KE --db a.db --extract out
expect_status 0
expect_out "out/decree.pdf  ($id, L1, $size bytes)"
for f in decree.pdf chart.png "signed letter.jpg" minutes.txt blob.bin; do
	cmp -s "$f" "out/$f" || fail "out/$f differs"
	[ "$(stat -c %a "out/$f")" = 600 ] || fail "out/$f has mode $(stat -c %a "out/$f")"
done
[ "$(stat -c %a out)" = 700 ] || fail "folder mode $(stat -c %a out)"
[ "$(ls -A out | wc -l)" = 5 ] || fail "other files in out: $(ls -A out)"
run "$CIRT" attachments --country KE --db a.db --extract one "$id"
expect_status 0
[ "$(ls -A one)" = decree.pdf ] || fail "only the one named: $(ls -A one)"
run "$CIRT" attachments --country KE --db a.db --extract none a000000000000
expect_status 3
expect_err "has no attachment 'a000000000000'; nothing was written"
end

begin "names are made safe when written out: no leading dot, no path, no clash"
cp decree.pdf ..hidden.pdf
cp minutes.txt 'back\slash.txt'
mkdir -p sub && cp blob.bin sub/decree.pdf
"$CIRT" attach --country KE L2 ..hidden.pdf --db a.db >/dev/null || fail "..hidden.pdf"
"$CIRT" attach --country KE L2 'back\slash.txt' --db a.db >/dev/null || fail "backslash"
"$CIRT" attach --country KE L2 sub/decree.pdf --db a.db >/dev/null || fail "sub/decree.pdf"
dup=$(sqlite3 a.db "SELECT id FROM attachment WHERE question_id = 'L2' AND name = 'decree.pdf'")
run "$CIRT" attachments --country KE --db a.db --extract safe
expect_status 0
[ -f safe/hidden.pdf ] || fail "no safe/hidden.pdf"
[ -f 'safe/back_slash.txt' ] || fail "no safe/back_slash.txt"
cmp -s sub/decree.pdf "safe/$dup-decree.pdf" || fail "the second decree.pdf"
cmp -s decree.pdf safe/decree.pdf || fail "the first decree.pdf"
[ "$(find safe -name '.*' | wc -l)" = 0 ] || fail "a hidden file"
end

begin "limits, empty files, repeats and unknown questions are refused, nothing written"
before=$(entries a.db)
rows_before=$(rows a.db)
: >empty.txt
run "$CIRT" attach --country KE L1 empty.txt --db a.db
expect_status 3
expect_err "empty.txt: the file is empty; nothing was attached"
truncate -s 17M big.bin
run "$CIRT" attach --country KE L1 big.bin --db a.db
expect_status 3
expect_err "big.bin: the file takes 17.0 MB, more than the 16.0 MB an attachment may take; nothing was attached"
run "$CIRT" attach --country KE L1 decree.pdf --db a.db
expect_status 3
expect_err "decree.pdf: this file is attached to L1 already, as $id; nothing was attached"
run "$CIRT" attach --country KE X9 decree.pdf --db a.db
expect_status 2
expect_err "has no question 'X9'; nothing was attached"
run "$CIRT" attach --country KE L1 missing.pdf --db a.db
expect_status 4
expect_err "missing.pdf: cannot open"
truncate -s 15M z1.bin
head -c 15728640 /dev/zero | tr '\0' x >z2.bin
head -c 15728640 /dev/zero | tr '\0' y >z3.bin
"$CIRT" attach --country KE T2 z1.bin --db a.db >/dev/null || fail "z1"
"$CIRT" attach --country KE T2 z2.bin --db a.db >/dev/null || fail "z2"
mid=$(entries a.db)
run "$CIRT" attach --country KE T2 z3.bin --db a.db
expect_status 3
expect_err "z3.bin: the attachments of KE 20"
expect_err "would take 45.0 MB, more than the 32.0 MB an assessment may hold; remove some first; nothing was attached"
[ "$(entries a.db)" = "$mid" ] || fail "a history entry was written"
for z in z1 z2; do
	"$CIRT" attach --country KE --remove "$(sqlite3 a.db "SELECT id FROM attachment WHERE name = '$z.bin'")" \
		--db a.db >/dev/null || fail "cannot remove $z"
done
[ "$(rows a.db)" = "$rows_before" ] || fail "the attachments changed"
[ "$(entries a.db)" = $((before + 4)) ] || fail "history: $(entries a.db), expected $((before + 4))"
end

begin "--remove takes one out with a record of who and why"
run "$CIRT" attach --country KE --remove "$dup" --reason "the wrong file" --db a.db
expect_status 0
expect_out "Removed attachment $dup (decree.pdf) from L2 in KE 20"
[ "$(sqlite3 a.db "SELECT count(*) FROM attachment WHERE id = '$dup'")" = 0 ] || fail "still there"
[ "$(sqlite3 a.db "SELECT changed_by || '|' || reason || '|' || (new_value IS NULL) FROM history ORDER BY seq DESC LIMIT 1")" = \
	"Ana|the wrong file|1" ] || fail "no removal in the history"
run "$CIRT" attach --country KE --remove "$dup" --db a.db
expect_status 3
expect_err "has no attachment '$dup'; 'cirt attachments --country KE --cycle"
"$CIRT" verify --db a.db >/dev/null || fail "verify"
end

begin "a final assessment takes no attachment"
"$CIRT" finalize --country KE --db a.db --yes >/dev/null || fail "finalize"
run "$CIRT" attach --country KE L3 decree.pdf --db a.db
expect_status 3
expect_err "is final"
expect_err "cirt reopen --country KE"
"$CIRT" reopen --country KE --db a.db >/dev/null || fail "reopen"
end

begin "verify finds a changed file, a changed row, a missing and an extra one"
for t in blob name gone extra; do
	cp a.db "$t.db"
done
sqlite3 blob.db "UPDATE attachment SET data = CAST('%PDF-1.7 forged' AS BLOB) WHERE id = '$id'"
sqlite3 name.db "UPDATE attachment SET name = 'decree-final.pdf' WHERE id = '$id'"
sqlite3 gone.db "DELETE FROM attachment WHERE id = '$id'"
sqlite3 extra.db "INSERT INTO attachment SELECT assessment_id, question_id, 'a000000000000', seq, name,
	type, size, sha256, data, added_by, added_at, source FROM attachment WHERE id = '$id'"
run "$CIRT" verify --db blob.db
expect_status 1
expect_out "BROKEN: the stored file of attachment $id ('decree.pdf') does not match its size and SHA-256: it was changed"
run "$CIRT" verify --db name.db
expect_status 1
expect_out "BROKEN: the stored name of attachment $id differs from what the history records"
run "$CIRT" verify --db gone.db
expect_status 1
expect_out "BROKEN: attachment $id ('decree.pdf') that the history records is missing"
run "$CIRT" verify --db extra.db
expect_status 1
expect_out "BROKEN: the stored attachment a000000000000 ('decree.pdf') is not one the history keeps"
run "$CIRT" attachments --country KE --db blob.db --extract fromblob
expect_status 3
expect_err "does not match its SHA-256: it was changed"
[ -e fromblob/decree.pdf ] && fail "a changed file was written out"
run "$CIRT" export --country KE --db blob.db -o blob.json
expect_status 3
expect_err "the stored file of attachment $id ('decree.pdf') of KE 20"
[ -e blob.json ] && fail "a bundle was written"
end

begin "a bundle carries the files into an empty database, identical"
run "$CIRT" export --country KE --db a.db -o ke.json
expect_status 0
python3 - ke.json <<'PY' || fail "bundle content"
import base64, hashlib, json, sys
d = json.load(open(sys.argv[1]))
at = d["attachments"]
assert len(at) == 7, len(at)
for a in at:
    data = base64.b64decode(a["data"])
    assert len(data) == a["size"] and hashlib.sha256(data).hexdigest() == a["sha256"]
assert open("decree.pdf", "rb").read() in [base64.b64decode(a["data"]) for a in at]
PY
run "$CIRT" merge ke.json --db b.db
expect_status 0
expect_out "new here, 2 answers, 7 attachments brought in"
[ "$(rows a.db)" = "$(rows b.db)" ] || fail "the attachments differ"
"$CIRT" verify --db b.db >/dev/null || fail "verify"
run "$CIRT" merge ke.json --db b.db
expect_out "nothing new"
end

begin "merges into an existing database bring what one side added and drop what it removed"
"$CIRT" attach --country KE T3 decree.pdf --db b.db --assessor Jean >/dev/null || fail "attach on b"
"$CIRT" attach --country KE --remove "$id" --reason "superseded" --db b.db --assessor Jean >/dev/null ||
	fail "remove on b"
"$CIRT" attach --country KE C1 minutes.txt --db a.db >/dev/null || fail "attach on a"
"$CIRT" export --country KE --db b.db -o jean.json >/dev/null
"$CIRT" export --country KE --db a.db -o ana.json >/dev/null
run "$CIRT" merge jean.json --db a.db
expect_status 0
expect_out "1 attachment brought in, 1 attachment removed"
run "$CIRT" merge ana.json --db b.db
expect_status 0
expect_out "1 attachment brought in"
[ "$(rows a.db)" = "$(rows b.db)" ] || fail "the two copies differ"
[ "$(sqlite3 a.db "SELECT count(*) FROM attachment WHERE id = '$id'")" = 0 ] || fail "the removed one is back"
[ "$(sqlite3 a.db "SELECT count(*) FROM attachment WHERE question_id IN ('T3', 'C1')")" = 2 ] ||
	fail "an added one is missing"
"$CIRT" verify --db a.db >/dev/null || fail "verify a"
"$CIRT" verify --db b.db >/dev/null || fail "verify b"
end

begin "forged attachments in a signed bundle are refused, nothing merged"
"$CIRT" export --country KE --db a.db -o src.json >/dev/null
python3 - src.json <<'PY'
import base64, hashlib, json, sys
src = open(sys.argv[1]).read()
def save(name, doc):
    doc.pop("signature", None)
    open(name, "w").write(json.dumps(doc))
def forged(a, data):
    a["data"] = base64.b64encode(data).decode()
x = json.loads(src); a = x["attachments"][0]; forged(a, b"%PDF-1.7 forged content!"[: a["size"]].ljust(a["size"], b"!")); save("bytes.json", x)
x = json.loads(src); a = x["attachments"][0]; d = b"%PDF-1.7 forged"; forged(a, d); a["size"] = len(d); a["sha256"] = hashlib.sha256(d).hexdigest(); save("rehashed.json", x)
x = json.loads(src); x["attachments"][0]["added_by"] = "Eve"; save("author.json", x)
x = json.loads(src); del x["attachments"][0]; save("dropped.json", x)
x = json.loads(src); b = dict(x["attachments"][0]); b["id"] = "a000000000000"; x["attachments"].append(b); save("added.json", x)
x = json.loads(src); x["attachments"][0]["data"] = "not base64!"; save("garbled.json", x)
PY
for f in bytes rehashed author dropped added garbled; do
	resign "$f.json" "$f.json" || fail "cannot sign $f again"
done
before=$(rows b.db)
for f in bytes rehashed author dropped added garbled; do
	run "$CIRT" merge "$f.json" --db b.db
	[ "$status" = 3 ] || fail "$f: status $status"
	grep -q "$f.json: .*nothing was merged" "$err" || fail "$f: $(cat "$err")"
done
run "$CIRT" merge bytes.json --db b.db
expect_err "does not match its SHA-256: it was changed"
run "$CIRT" merge rehashed.json --db b.db
expect_err "differs from what the history records"
run "$CIRT" merge author.json --db b.db
expect_err "the stored author of attachment"
run "$CIRT" merge dropped.json --db b.db
expect_err "that the history records is missing"
run "$CIRT" merge added.json --db b.db
expect_err "is not one the history keeps"
run "$CIRT" merge garbled.json --db b.db
expect_err "'data' is not the base64 of its"
[ "$(rows b.db)" = "$before" ] || fail "the database changed"
end

begin "a merge whose files would pass the assessment's limit is refused"
"$CIRT" attach --country KE T4 z1.bin --db a.db >/dev/null || fail "z1 on a"
"$CIRT" attach --country KE T4 z2.bin --db a.db >/dev/null || fail "z2 on a"
"$CIRT" attach --country KE C2 z3.bin --db b.db >/dev/null || fail "z3 on b"
"$CIRT" export --country KE --db b.db -o big.json >/dev/null || fail "export b"
before=$(rows a.db)
run "$CIRT" merge big.json --db a.db
expect_status 3
expect_err "would take 45."
expect_err "more than the 32.0 MB an assessment may hold"
[ "$(rows a.db)" = "$before" ] || fail "the database changed"
"$CIRT" verify --db a.db >/dev/null || fail "verify"
end

begin "the report lists each attachment with its size and SHA-256 under its answer"
"$CIRT" report --country KE --db a.db -o ke.pdf >/dev/null || fail "report"
pdftotext -layout ke.pdf ke.txt
grep -q "Attachment: chart.png (.*bytes, image/png) SHA-256" ke.txt || fail "chart.png not listed"
grep -q "$(sha256sum chart.png | cut -d' ' -f1)" ke.txt || fail "no SHA-256 of chart.png"
grep -q "Attachment: decree.pdf ($size bytes, application/pdf)" ke.txt || fail "decree.pdf not listed"
# T4 is hidden by skip logic: neither it nor its attachments show
grep -q "z1.bin" ke.txt && fail "an attachment of a hidden question is listed"
# under its question: T1's attachments come after T1 and before T2
awk '/^ *T1 /{t=1} /^ *T2 /{t=0} t && /Attachment: minutes.txt/{found=1} END{exit !found}' ke.txt ||
	fail "minutes.txt is not under T1"
"$CIRT" report --country KE --db a.db -o ke-fr.pdf --lang fr >/dev/null || fail "report fr"
pdftotext ke-fr.pdf - | grep -q "Pièce jointe : chart.png" || fail "no French label"
end

begin "discarding a draft removes its attachments with it"
cp a.db discard.db
run "$CIRT" discard --country KE --cycle "$(sqlite3 a.db "SELECT cycle FROM assessment")" --yes --db discard.db
expect_status 0
[ "$(sqlite3 discard.db "SELECT count(*) FROM attachment")" = 0 ] || fail "attachments left behind"
"$CIRT" verify --db discard.db >/dev/null || fail "verify"
end

begin "help and the man page name both commands"
run "$CIRT" attach --help
expect_out "usage: cirt attach --country CC"
expect_out "16 MB per file, 32 MB and 1000 files per assessment"
run "$CIRT" attachments --help
expect_out "usage: cirt attachments --country CC"
grep -q '^\.B attach \\-\\-country' "$ROOT/cirt.1" || fail "man page lacks attach"
grep -q '^\.B attachments ' "$ROOT/cirt.1" || fail "man page lacks attachments"
end
