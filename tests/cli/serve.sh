# End-to-end tests of cirt serve as an attacker on this machine, or a page
# in the user's browser, would try it: the token, the Host header, forms
# from elsewhere, hostile uploads, script in every text field, odd methods,
# paths and sizes, the security headers, and how the server stops.
#
# Requests are sent over a raw socket by a small Python helper (req.py,
# written below) so that every header, including a missing or repeated
# Host, is exactly what the test says. Every server started here is
# killed at the end, whatever happens, and its stderr is kept to look for
# sanitizer reports.
. "$(dirname "$0")/lib.sh"
plan 31

export CIRT_QUESTIONNAIRE="$ROOT/questionnaires/cirt-readiness.xml"
export CIRT_ASSESSOR=Ana
Y=$(date -u +%Y)
XSS='<script>alert(1)</script>'
XSS_Q='%3Cscript%3Ealert(1)%3C%2Fscript%3E'
export OUTDIR="$WORK"
head=$WORK/.head
body=$WORK/.body

# every server this suite starts, by process id; the ones still running at
# the end are killed (a server already gone is skipped by kill)
SERVERS=""
trap 'for p in $SERVERS; do kill -KILL "$p" 2>/dev/null; done
	chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
trap 'exit 2' HUP INT TERM
nservers=0

cat >req.py <<'PY'
# req.py [options] METHOD TARGET: one HTTP request, byte for byte.
#   -c            the cookie cirt_token=$TOKEN
#   -H 'N: v'     a header (repeatable; \r \n \0 \xNN escapes)
#   -d DATA       an urlencoded form;  -D FILE -t TYPE: a body from a file
#   -F NAME=VAL   a multipart field;   -U FILE -n NAME: the file field "file"
#   --chunked     the body in chunks, without Content-Length
#   --host H      the Host header ('-': none);  --http10: HTTP/1.0
#   --timeout S   seconds to wait for the answer (default 20)
# The status goes to stdout (000: none), the head to $OUTDIR/.head, the body
# to $OUTDIR/.body, the seconds taken to $OUTDIR/.time.
import os, socket, sys, time

def esc(s):
    return s.encode("utf-8", "surrogateescape").decode("unicode_escape").encode("latin-1")

a = sys.argv[1:]
hdrs, fields, rest = [], [], []
cookie = chunked = False
body = ctype = upload = None
upname = b"x.txt"
host = "127.0.0.1:" + os.environ["PORT"]
version = b"HTTP/1.1"
timeout = 20.0
i = 0
while i < len(a):
    o = a[i]
    if o == "-c": cookie = True; i += 1; continue
    if o == "--chunked": chunked = True; i += 1; continue
    if o == "--http10": version = b"HTTP/1.0"; i += 1; continue
    if o not in ("-H", "-d", "-D", "-t", "-F", "-U", "-n", "--host", "--timeout"):
        rest.append(o); i += 1; continue
    v = a[i + 1]; i += 2
    if o == "-H": hdrs.append(esc(v))
    elif o == "-d": body = v.encode("utf-8", "surrogateescape"); ctype = b"application/x-www-form-urlencoded"
    elif o == "-D": body = open(v, "rb").read()
    elif o == "-t": ctype = v.encode()
    elif o == "-F": fields.append(v.split("=", 1))
    elif o == "-U": upload = v
    elif o == "-n": upname = esc(v)
    elif o == "--host": host = v
    elif o == "--timeout": timeout = float(v)
method, target = rest
if fields or upload:
    b = b"----cirt-test-boundary-7MA4YWxk"
    parts = [b"--" + b + b'\r\nContent-Disposition: form-data; name="' + n.encode() +
             b'"\r\n\r\n' + v.encode("utf-8", "surrogateescape") + b"\r\n" for n, v in fields]
    if upload:
        parts.append(b"--" + b + b'\r\nContent-Disposition: form-data; name="file"; filename="' +
                     upname + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' +
                     open(upload, "rb").read() + b"\r\n")
    body = b"".join(parts) + b"--" + b + b"--\r\n"
    ctype = b"multipart/form-data; boundary=" + b
head = [method.encode() + b" " + target.encode("utf-8", "surrogateescape") + b" " + version]
if host != "-":
    head.append(b"Host: " + host.encode())
if cookie:
    head.append(b"Cookie: cirt_token=" + os.environ["TOKEN"].encode())
head += hdrs
own = [x.split(b":")[0].strip().lower() for x in hdrs]
if body is not None:
    if ctype:
        head.append(b"Content-Type: " + ctype)
    if b"content-length" not in own and b"transfer-encoding" not in own:
        head.append(b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % len(body))
head.append(b"Connection: close")
raw = b"\r\n".join(head) + b"\r\n\r\n"
if body is not None:
    if chunked:
        raw += b"".join(b"%x\r\n" % len(body[k:k + 65536]) + body[k:k + 65536] + b"\r\n"
                        for k in range(0, len(body), 65536)) + b"0\r\n\r\n"
    else:
        raw += body
t0 = time.monotonic()
got = b""
s = socket.create_connection(("127.0.0.1", int(os.environ["PORT"])), timeout=timeout)
try:
    try:
        s.sendall(raw)
    except (BrokenPipeError, ConnectionResetError):
        pass  # answered before the whole body was read
    while True:
        piece = s.recv(65536)
        if not piece:
            break
        got += piece
except (socket.timeout, ConnectionResetError):
    pass
s.close()
out = os.environ["OUTDIR"]
h, _, b = got.partition(b"\r\n\r\n")
open(os.path.join(out, ".head"), "wb").write(h.replace(b"\r\n", b"\n") + b"\n")
open(os.path.join(out, ".body"), "wb").write(b)
open(os.path.join(out, ".time"), "w").write("%.2f\n" % (time.monotonic() - t0))
print(h.split(b" ", 2)[1].decode() if h.startswith(b"HTTP/") else "000")
PY

# the system's Python: a version manager's shim would cost a third of a
# second a request
PYTHON=${PYTHON:-/usr/bin/python3}
[ -x "$PYTHON" ] || PYTHON=python3
req() {
	"$PYTHON" "$WORK/req.py" "$@"
}

# seconds the last request took, as a whole number rounded up
took() {
	awk '{ printf "%d\n", $1 + 0.999 }' "$WORK/.time"
}

# start_server NAME [OPTIONS...]: cirt serve --db NAME.db --port 0 in the
# background, its output in NAME.out and NAME.err; sets PORT, TOKEN, SPID
# and SERR, or returns 1
start_server() {
	name=$1
	shift
	"$CIRT" serve --db "$name.db" --port 0 "$@" >"$name.out" 2>"$name.err" </dev/null &
	SPID=$!
	SERVERS="$SERVERS $SPID"
	SERR=$WORK/$name.err
	nservers=$((nservers + 1))
	k=0
	while ! grep -q '^cirt: serving on ' "$name.out" 2>/dev/null; do
		k=$((k + 1))
		if [ $k -gt 300 ] || ! alive "$SPID"; then
			return 1
		fi
		sleep 0.05
	done
	url=$(sed -n 's/^cirt: serving on //p' "$name.out")
	TOKEN=${url##*token=}
	PORT=${url#http://127.0.0.1:}
	PORT=${PORT%%/*}
	export PORT TOKEN
	return 0
}

# alive PID: whether the process runs (an ended one not yet waited for, a
# zombie, does not)
alive() {
	a=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$a" ] && [ "$a" != Z ]
}

# forget PID: a server waited for is no longer one to kill at the end
forget() {
	SERVERS=$(for p in $SERVERS; do [ "$p" = "$1" ] || printf '%s ' "$p"; done)
}

# wait_gone PID SECONDS: whether the process ended within that time
wait_gone() {
	k=0
	while alive "$1"; do
		k=$((k + 1))
		[ $k -gt $(($2 * 20)) ] && return 1
		sleep 0.05
	done
	return 0
}

# the CSRF token of the page in $body
csrf_of_page() {
	grep -o 'name="csrf" value="[0-9a-f]*"' "$body" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# expect_code WANT GOT WHAT
expect_code() {
	[ "$2" = "$1" ] || fail "$3: status $2, expected $1"
}

# expect_refused GOT WHAT: a 4xx status, never a page
expect_refused() {
	case $1 in
	4??) ;;
	*) fail "$2: status $1, expected a refusal (4xx)" ;;
	esac
}

# expect_headers WHAT: the last response has every security header
expect_headers() {
	grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self';" "$head" ||
		fail "$1: no Content-Security-Policy"
	grep -qi '^X-Frame-Options: DENY' "$head" || fail "$1: no X-Frame-Options DENY"
	grep -qi '^X-Content-Type-Options: nosniff' "$head" || fail "$1: no nosniff"
	grep -qi '^Referrer-Policy: same-origin' "$head" || fail "$1: no Referrer-Policy"
	grep -qi '^Cache-Control: no-store' "$head" || fail "$1: no Cache-Control no-store"
	return 0
}

# expect_escaped WHAT: the last page shows the script as text, never raw
expect_escaped() {
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$body" || fail "$1: the text is not shown escaped"
	grep -qi '<script>alert' "$body" && fail "$1: a raw <script>alert in the page"
	return 0
}

# what a refused change must leave as it was: the history, the answers and
# the attachments of the main database
state() {
	sqlite3 m.db "SELECT count(*) FROM history; SELECT * FROM answer; SELECT count(*) FROM attachment" |
		md5sum
}
history() {
	sqlite3 m.db "SELECT count(*) FROM history"
}

begin "serve --help says what it does and where it listens"
run "$CIRT" serve --help
expect_status 0
expect_out "usage: cirt serve [--port N] [--idle TIME]"
expect_out "listens on 127.0.0.1 only"
expect_out "--idle TIME"
expect_err_empty
end

begin "bad options are refused with a clear message and status 2, nothing made"
run "$CIRT" serve --db o.db --port 70000
expect_status 2
expect_err "cirt: --port takes a number from 0 to 65535, not '70000'"
expect_err "Try 'cirt serve --help'."
run "$CIRT" serve --db o.db --idle junk
expect_status 2
expect_err "cirt: --idle takes minutes (30), or seconds, minutes or hours (90s, 30m, 2h), not 'junk'"
for bad in "--port=-1" "--port=80x" "--port=" "--idle=-5" "--idle=nan" "--idle=1e400" "--idle=5d" "--bind=0.0.0.0" "extra"; do
	run "$CIRT" serve --db o.db "$bad"
	[ "$status" -eq 2 ] || fail "$bad: exit status $status, expected 2"
	grep -q "^cirt: " "$err" || fail "$bad: no message"
done
run "$CIRT" serve --db o.db --port
expect_status 2
expect_err "option '--port' needs a value"
[ -e o.db ] && fail "a database was made"
end

begin "it listens on 127.0.0.1 only, on the port it prints, with a long random token"
start_server m --idle 10m || fail "the server did not start: $(cat m.err)"
M_PORT=$PORT M_TOKEN=$TOKEN M_SPID=$SPID M_SERR=$SERR
grep -qE '^cirt: serving on http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]{48}$' m.out ||
	fail "start line: $(head -n 1 m.out)"
listening=$(ss -Hltn "sport = :$PORT" | awk '{ print $4 }')
[ "$listening" = "127.0.0.1:$PORT" ] || fail "listening on: $listening"
# every other address of this machine refuses the connection
for addr in $(hostname -I 2>/dev/null); do
	case $addr in 127.*) continue ;; esac
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET)
s.settimeout(3)
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(0)
sys.exit(1)' "$addr" "$PORT" || fail "it answers on $addr:$PORT"
done
end

begin "the token URL sets an HttpOnly SameSite=Strict cookie and goes to the same path"
code=$(req GET "/?token=$TOKEN")
expect_code 302 "$code" "the token URL"
grep -qx "Location: /" "$head" || fail "Location: $(grep -i '^Location' "$head")"
grep -qx "Set-Cookie: cirt_token=$TOKEN; Path=/; HttpOnly; SameSite=Strict" "$head" ||
	fail "cookie: $(grep -i '^Set-Cookie' "$head")"
code=$(req GET "/a/KE/$Y/score?token=$TOKEN")
grep -qx "Location: /a/KE/$Y/score" "$head" || fail "deep link: $(grep -i '^Location' "$head")"
code=$(req -c GET /)
expect_code 200 "$code" "the list with the cookie"
grep -q "$TOKEN" "$body" && fail "the token is in the page"
CSRF=$(csrf_of_page)
[ ${#CSRF} -ge 32 ] || fail "CSRF token '$CSRF'"
[ "$CSRF" = "$TOKEN" ] && fail "the CSRF token is the access token"
# the assessment the other tests work on: KE this year, LC1 answered
code=$(req -c -d "csrf=$CSRF&country=KE&cycle=$Y&confirm=1" POST /new)
expect_code 303 "$code" "new assessment"
code=$(req -c GET "/a/KE/$Y")
expect_code 302 "$code" "the assessment"
code=$(req -c -d "csrf=$CSRF&value=yes" POST "/a/KE/$Y/q/LC1/answer")
expect_code 303 "$code" "an answer"
[ "$(sqlite3 m.db "SELECT value FROM answer WHERE question_id = 'LC1'")" = yes ] || fail "LC1 not saved"
end

begin "no token, a wrong one, one of the right length or a prefix: 403"
sample=$(printf '%s' "$TOKEN" | tr '0-9a-f' '1-9a-f0')
upper=$(printf '%s' "$TOKEN" | tr a-f A-F)
prefix=$(printf '%s' "$TOKEN" | cut -c1-47)
[ "$upper" = "$TOKEN" ] && upper="${TOKEN}x"
for h in "" "Cookie: cirt_token=" "Cookie: cirt_token=$sample" "Cookie: cirt_token=$prefix" \
	"Cookie: cirt_token=${TOKEN}0" "Cookie: cirt_token=$upper" "Cookie: cirt_tokenx=$TOKEN" \
	"Cookie: x=cirt_token=$TOKEN" "Authorization: Bearer $TOKEN"; do
	if [ -n "$h" ]; then
		code=$(req -H "$h" GET /)
	else
		code=$(req GET /)
	fi
	expect_code 403 "$code" "GET / with '$h'"
	grep -q 'name="csrf"' "$body" && fail "'$h': a form in the refusal"
done
for q in "" "?token=" "?token=$sample" "?token=$prefix" "?token=${TOKEN}0" "?token=$upper"; do
	code=$(req GET "/a/KE/$Y$q")
	expect_code 403 "$code" "GET /a/KE/$Y$q"
done
code=$(req HEAD /)
expect_code 403 "$code" "HEAD without a token"
end

begin "the refusal is the same whatever the path: it never says what exists"
ref=""
for p in / "/a/KE/$Y" "/a/KE/$Y/q/LC1" "/a/KE/$Y/report.pdf" "/a/ZZ/2099" "/a/GH/$Y" "/a/GH/$Y/q/LC1" \
	/static/app.css /nonexistent "/a/KE/$Y/att/a000000000000"; do
	code=$(req -H "Cookie: cirt_token=$sample" GET "$p")
	expect_code 403 "$code" "$p"
	sum=$(md5sum <"$body")
	[ -z "$ref" ] && ref=$sum
	[ "$sum" = "$ref" ] || fail "$p: another body"
	grep -qE 'KE|GH|ZZ|Kenya|Ghana' "$body" && fail "$p: the refusal names an assessment"
done
end

begin "a token in the query of a POST does not count"
before=$(state)
code=$(req -d "csrf=$CSRF&value=yes" POST "/a/KE/$Y/q/LE2/answer?token=$TOKEN")
expect_code 403 "$code" "answer"
code=$(req -d "csrf=$CSRF&country=GH&cycle=$Y&confirm=1" POST "/new?token=$TOKEN")
expect_code 403 "$code" "new"
grep -qi '^Set-Cookie' "$head" && fail "a cookie was set"
[ "$(state)" = "$before" ] || fail "the database changed"
end

begin "a Host that is not the loopback address is refused (421)"
for h in evil.example "evil.example:$PORT" 127.0.0.1.evil.example "127.0.0.1.evil.example:$PORT" \
	"localhost.evil.example:$PORT" "127.0.0.1:$((PORT == 65535 ? 1 : PORT + 1))" "127.0.0.2:$PORT" \
	"0.0.0.0:$PORT" "2130706433:$PORT" "[::ffff:127.0.0.1]:$PORT" "127.0.0.1:$PORT@evil.example" \
	"127.0.0.1:$PORT.evil.example" ""; do
	code=$(req -c --host "$h" GET /)
	expect_code 421 "$code" "Host '$h'"
	grep -q 'name="csrf"' "$body" && fail "Host '$h': the page was shown"
done
code=$(req -c --host - --http10 GET /)
expect_code 421 "$code" "no Host, HTTP/1.0"
code=$(req -c --host - GET /)
expect_refused "$code" "no Host, HTTP/1.1"
grep -q 'name="csrf"' "$body" && fail "no Host: the page was shown"
# and the loopback names are answered
for h in "127.0.0.1:$PORT" "localhost:$PORT" "[::1]:$PORT" 127.0.0.1 LOCALHOST; do
	code=$(req -c --host "$h" GET /)
	expect_code 200 "$code" "Host '$h'"
done
end

begin "two Host headers, the second foreign, are refused (RFC 9112: 400)"
code=$(req -c -H "Host: evil.example" GET /)
expect_refused "$code" "Host 127.0.0.1:$PORT then Host evil.example"
end

begin "forms from elsewhere are refused and change nothing"
before=$(state)
Q=/a/KE/$Y/q/LE2/answer
wrong=$(printf '%s' "$CSRF" | tr '0-9a-f' '1-9a-f0')
for d in "value=yes" "csrf=&value=yes" "csrf=x&value=yes" "csrf=$wrong&value=yes" \
	"csrf=$(printf '%s' "$CSRF" | cut -c2-)&value=yes" "csrf=${CSRF}0&value=yes" \
	"csrf=$TOKEN&value=yes"; do
	code=$(req -c -d "$d" POST "$Q")
	expect_code 403 "$code" "POST $d"
done
# a POST's fields are its form's: the CSRF token in its query does not count
code=$(req -c -d "value=yes" POST "$Q?csrf=$CSRF")
expect_code 403 "$code" "POST with the CSRF token in the query"
for h in "Origin: http://evil.example" "Origin: null" "Origin: http://127.0.0.1:$((PORT == 65535 ? 1 : PORT + 1))" \
	"Origin: https://127.0.0.1:$PORT" "Origin: http://127.0.0.1.evil.example:$PORT" \
	"Origin: http://evil.example/http://127.0.0.1:$PORT" "Sec-Fetch-Site: cross-site" \
	"Sec-Fetch-Site: same-site"; do
	code=$(req -c -H "$h" -d "csrf=$CSRF&value=yes" POST "$Q")
	expect_code 403 "$code" "POST with the right csrf and '$h'"
done
code=$(req -c -F "csrf=$wrong" -F "note=$XSS" POST "/a/KE/$Y/q/LE2/note")
expect_code 403 "$code" "multipart note with a wrong csrf"
code=$(req -c -d "country=GH&cycle=$Y&confirm=1" POST /new)
expect_code 403 "$code" "new without csrf"
code=$(req -c -H "Origin: http://evil.example" -d "csrf=$CSRF&country=GH&cycle=$Y&confirm=1" POST /new)
expect_code 403 "$code" "new from evil.example"
code=$(req -c GET "/a/GH/$Y")
expect_code 404 "$code" "GH after refused starts"
[ "$(state)" = "$before" ] || fail "the database changed"
# the same form from this origin is taken
code=$(req -c -H "Origin: http://127.0.0.1:$PORT" -H "Sec-Fetch-Site: same-origin" -d "csrf=$CSRF&value=yes" POST "$Q")
expect_code 303 "$code" "the same form from this origin"
[ "$(state)" = "$before" ] && fail "the answer from this origin was not saved"
end

begin "GET and HEAD to the URLs that change things change nothing"
before=$(state)
B=/a/KE/$Y
for u in "$B/q/LE4/answer?csrf=$CSRF&value=yes" "$B/q/LE2/evidence?csrf=$CSRF&add=x" \
	"$B/q/LE2/note?csrf=$CSRF&note=x" "$B/q/LE2/flag?csrf=$CSRF&flag=1" "$B/q/LE2/detach?csrf=$CSRF&id=a000000000000" \
	"$B/meeting?csrf=$CSRF&with=Ministry" "/new?csrf=$CSRF&country=GH&cycle=$Y&confirm=1"; do
	code=$(req -c GET "$u")
	expect_refused "$code" "GET $u"
	code=$(req -c HEAD "$u")
	expect_refused "$code" "HEAD $u"
done
code=$(req -c GET "/a/GH/$Y")
expect_code 404 "$code" "GH after GET /new"
[ "$(state)" = "$before" ] || fail "the database changed"
end

begin "PUT, DELETE and other methods are refused with 405"
before=$(state)
for m in PUT DELETE PATCH OPTIONS TRACE CONNECT PROPFIND; do
	code=$(req -c -d "csrf=$CSRF&value=no" "$m" "/a/KE/$Y/q/LE2/answer")
	expect_code 405 "$code" "$m"
	expect_headers "$m"
done
[ "$(state)" = "$before" ] || fail "the database changed"
end

begin "an upload of 17 MB is refused with 413 at once and nothing is stored"
before=$(state)
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' t >big.txt
code=$(req -c -F "csrf=$CSRF" -U big.txt -n big.txt POST "/a/KE/$Y/q/LC1/attach")
expect_code 413 "$code" "17 MB"
expect_headers "413"
[ "$(took)" -le 5 ] || fail "17 MB took $(cat .time) s"
# the size a browser says may be a lie
code=$(req -c -F "csrf=$CSRF" -U big.txt -n big.txt -H "Content-Length: 100" POST "/a/KE/$Y/q/LC1/attach")
expect_refused "$code" "17 MB under Content-Length 100"
[ "$(state)" = "$before" ] || fail "the database changed"
code=$(req -c GET /)
expect_code 200 "$code" "the list afterwards"
end

begin "a wrong file type is refused (415): a program, random bytes"
before=$(state)
cp /bin/sh elf.bin
head -c 3000 /dev/urandom >random.bin
printf '\177ELF\002\001\001' >elf-start.txt
head -c 500 /dev/urandom >>elf-start.txt
for f in elf.bin:sh.pdf random.bin:report.pdf random.bin:notes.txt elf-start.txt:minutes.txt; do
	code=$(req -c -F "csrf=$CSRF" -U "${f%%:*}" -n "${f#*:}" POST "/a/KE/$Y/q/LC1/attach")
	expect_code 415 "$code" "$f"
done
[ "$(state)" = "$before" ] || fail "the database changed"
end

begin "hostile file names: a path is cut off, NUL, controls and dots refused"
[ -e /etc/x ] && etc_x=1
printf 'Minutes of the first meeting\n' >n1.txt
code=$(req -c -F "csrf=$CSRF" -U n1.txt -n '../../etc/x' POST "/a/KE/$Y/q/LC1/attach")
expect_code 303 "$code" "../../etc/x"
printf 'Minutes of the second meeting\n' >n2.txt
code=$(req -c -F "csrf=$CSRF" -U n2.txt -n '..\\..\\windows\\y.txt' POST "/a/KE/$Y/q/LC1/attach")
expect_code 303 "$code" "..\\..\\windows\\y.txt"
[ "$(sqlite3 m.db "SELECT group_concat(name, '|') FROM (SELECT name FROM attachment ORDER BY seq)")" = "x|y.txt" ] ||
	fail "names stored: $(sqlite3 m.db "SELECT group_concat(name, '|') FROM attachment")"
before=$(state)
n=3
for name in 'a\x00b.txt' 'c\x1b]0;pwned\x07d.txt' 'e\x0a\x0df.txt' 'g\xe2\x80\xaetxt.exe' '..' '.' '' '../..' 'h/' \
	'\xff\xfe.txt'; do
	printf 'Minutes of meeting %s\n' "$n" >"n$n.txt"
	code=$(req -c -F "csrf=$CSRF" -U "n$n.txt" -n "$name" POST "/a/KE/$Y/q/LC1/attach")
	expect_refused "$code" "name '$name'"
	n=$((n + 1))
done
[ "$(state)" = "$before" ] || fail "a file with a hostile name was stored"
sqlite3 m.db "SELECT name FROM attachment" | LC_ALL=C grep -q '[[:cntrl:]]' && fail "a control character in a name"
[ -z "${etc_x:-}" ] && [ -e /etc/x ] && fail "/etc/x was written"
[ -n "$(find "$WORK" -name x -o -name y.txt -o -name etc -o -name windows)" ] &&
	fail "a file was written: $(find "$WORK" -name x -o -name y.txt -o -name etc -o -name windows)"
# an attachment is only ever served under its own assessment
id=$(sqlite3 m.db "SELECT id FROM attachment WHERE name = 'x'")
code=$(req -c GET "/a/KE/$Y/att/$id")
expect_code 200 "$code" "the attachment"
cmp -s "$body" n1.txt || fail "the attachment's bytes differ"
code=$(req -c -d "csrf=$CSRF&country=GH&cycle=$Y&confirm=1" POST /new)
code=$(req -c -d "csrf=$CSRF&value=no" POST "/a/GH/$Y/q/LC1/answer")
expect_code 303 "$code" "an answer in GH"
code=$(req -c GET "/a/GH/$Y/att/$id")
expect_code 404 "$code" "KE's attachment under GH"
end

begin "script in every text field is kept as typed and shown escaped"
B=/a/KE/$Y
code=$(req -c -d "csrf=$CSRF&value=yes" POST "$B/q/OG1/answer")
code=$(req -c -d "csrf=$CSRF&text=$XSS_Q" POST "$B/q/OG2/answer")
expect_code 303 "$code" "text answer"
[ "$(sqlite3 m.db "SELECT value FROM answer WHERE question_id = 'OG2'")" = "$XSS" ] || fail "text answer not kept"
code=$(req -c -d "csrf=$CSRF&add=$XSS_Q" POST "$B/q/OG2/evidence")
expect_code 303 "$code" "evidence"
code=$(req -c -d "csrf=$CSRF&note=$XSS_Q" POST "$B/q/OG2/note")
expect_code 303 "$code" "note"
code=$(req -c -d "csrf=$CSRF&value=2&reason=$XSS_Q" POST "$B/q/OG3/answer")
code=$(req -c -d "csrf=$CSRF&value=3&reason=$XSS_Q" POST "$B/q/OG3/answer")
expect_code 303 "$code" "reason"
code=$(req -c -d "csrf=$CSRF&with=$XSS_Q&back=LT2" POST "$B/meeting")
expect_code 303 "$code" "meeting"
code=$(req -c GET "$B/q/LT2")
expect_escaped "the meeting set"
code=$(req -c -d "csrf=$CSRF&value=yes" POST "$B/q/LT2/answer")
expect_code 303 "$code" "an answer during the meeting"
code=$(req -c -d "csrf=$CSRF&pillar=&text=$XSS_Q" POST "$B/findings")
expect_code 200 "$code" "summary finding"
expect_escaped "the summary saved"
code=$(req -c -d "csrf=$CSRF&pillar=legal&text=$XSS_Q" POST "$B/findings")
expect_code 200 "$code" "pillar finding"
printf 'plain text\n' >xss-name.txt
code=$(req -c -F "csrf=$CSRF" -U xss-name.txt -n "$XSS.txt" POST "$B/q/OG2/attach")
expect_code 303 "$code" "attachment name"
[ "$(sqlite3 m.db "SELECT count(*) FROM history WHERE new_value LIKE '%<script>alert(1)</script>%' OR reason LIKE '%<script>%'")" -ge 5 ] ||
	fail "the texts were not kept as typed"
for p in "$B/q/OG2" "$B/q/OG2/history" "$B/q/OG3/history" "$B/q/LT2/history" "$B/findings" "$B/q/LT2"; do
	code=$(req -c GET "$p")
	expect_code 200 "$code" "$p"
	expect_escaped "$p"
done
# what a page says back from the request
code=$(req -c -d "csrf=$CSRF&text=$XSS_Q" POST "$B/q/LE3/answer")
expect_code 422 "$code" "a number that is a script"
expect_escaped "the refused number"
code=$(req -c -d "csrf=$CSRF&value=no&reason=%22%3E$XSS_Q&x%22%3E$XSS_Q=%22%3E$XSS_Q" POST "$B/q/LC1/answer")
[ "$code" = 409 ] || [ "$code" = 303 ] || fail "the confirm page: status $code"
grep -qi '<script>alert' "$body" && fail "the confirm page: a raw <script>alert"
grep -qi '"><script' "$body" && fail "the confirm page: an attribute broken out of"
code=$(req -c GET "$B/q/$XSS_Q")
expect_code 404 "$code" "a question named by a script"
grep -qi '<script>alert' "$body" && fail "404: a raw <script>alert"
code=$(req -c GET "$B/q/LE2?saved=$XSS_Q&shown=$XSS_Q&done=$XSS_Q")
grep -qi '<script>alert' "$body" && fail "saved/shown/done: a raw <script>alert"
code=$(req -c GET "/?lang=%22%3E$XSS_Q")
grep -qi '<script>alert' "$body" && fail "lang: a raw <script>alert"
grep -qi '^Set-Cookie: cirt_lang' "$head" && fail "a language cookie for a script"
grep -q '<html lang="en"' "$body" || fail "lang: not English"
end

begin "what another page changed, skip logic and broken values: refused, nothing changed"
B=/a/KE/$Y
# a choice's value with a line end: a message, never a crash
before=$(state)
code=$(req -c -d "csrf=$CSRF&value=yes%0A" POST "$B/q/LE2/answer")
expect_code 422 "$code" "a value with a line end"
grep -q 'Choose an answer first' "$body" || fail "no message for a value with a line end"
[ "$(state)" = "$before" ] || fail "a value with a line end changed the database"
# evidence is removed by its number and its text, as the page showed them
code=$(req -c -d "csrf=$CSRF&add=first+item" POST "$B/q/LE4/evidence")
code=$(req -c -d "csrf=$CSRF&add=second+item" POST "$B/q/LE4/evidence")
before=$(state)
code=$(req -c -d "csrf=$CSRF&remove=1&item=second+item" POST "$B/q/LE4/evidence")
expect_code 422 "$code" "removing item 1 named as item 2"
code=$(req -c -d "csrf=$CSRF&remove=1" POST "$B/q/LE4/evidence")
expect_code 422 "$code" "removing item 1 without its text"
[ "$(state)" = "$before" ] || fail "a stale removal changed the database"
code=$(req -c -d "csrf=$CSRF&remove=1&item=first+item" POST "$B/q/LE4/evidence")
expect_code 303 "$code" "removing item 1 by its text"
[ "$(sqlite3 m.db "SELECT evidence FROM answer WHERE question_id = 'LE4'")" = "second item" ] ||
	fail "evidence left: $(sqlite3 m.db "SELECT evidence FROM answer WHERE question_id = 'LE4'")"
# a question skip logic hides takes no change, as the terminal cannot go to it
code=$(req -c -d "csrf=$CSRF&value=yes" POST "$B/q/LC1/answer")
code=$(req -c -d "csrf=$CSRF&value=0" POST "$B/q/LC2/answer")
code=$(req -c -d "csrf=$CSRF&value=no&confirm=1" POST "$B/q/LC1/answer")
expect_code 303 "$code" "LC1 no, confirmed"
before=$(state)
for f in "answer:value=2" "evidence:add=x" "note:note=x" "flag:flag=1"; do
	code=$(req -c -d "csrf=$CSRF&${f#*:}" POST "$B/q/LC2/${f%%:*}")
	expect_code 409 "$code" "hidden LC2 ${f%%:*}"
done
[ "$(state)" = "$before" ] || fail "a hidden question was changed"
code=$(req -c GET "$B/q/LC2")
expect_code 200 "$code" "the hidden question's page"
grep -q 'name="value"[^>]* disabled' "$body" || fail "the hidden question's buttons are not disabled"
end

begin "--assessor with a script is refused or escaped on every page"
start_server x --assessor "$XSS" --idle 10m
xstatus=$?
if [ $xstatus -ne 0 ] && ! alive "$SPID"; then
	wait "$SPID"
	[ $? -eq 2 ] || fail "refused with a status other than 2"
	forget "$SPID"
else
	XPID=$SPID
	XERR=$SERR
	code=$(req -c GET /)
	expect_code 200 "$code" "the list"
	expect_escaped "the list"
	xcsrf=$(csrf_of_page)
	code=$(req -c -d "csrf=$xcsrf&country=GH&cycle=$Y&confirm=1" POST /new)
	code=$(req -c -d "csrf=$xcsrf&value=yes" POST "/a/GH/$Y/q/LC1/answer")
	expect_code 303 "$code" "an answer"
	for p in "/a/GH/$Y/q/LC1" "/a/GH/$Y/q/LC1/history" "/a/GH/$Y/findings" "/a/GH/$Y/score" /nonexistent; do
		code=$(req -c GET "$p")
		expect_escaped "$p"
	done
fi
end

begin "SIGINT stops the server with status 0, a line on stderr, and gives back the claim"
if [ -n "${XPID:-}" ]; then
	kill -INT "$XPID"
	if wait_gone "$XPID" 10; then
		wait "$XPID"
		s=$?
		forget "$XPID"
		[ $s -eq 0 ] || fail "exit status $s"
		grep -q '^cirt: stopping' "$XERR" || fail "no line on stderr: $(cat "$XERR")"
		printf 'no\n' | "$CIRT" run --yes --country GH --cycle "$Y" --db x.db >"$out" 2>"$err"
		s=$?
		[ $s -eq 0 ] || fail "cirt run after the server: status $s"
		expect_no_err "is being changed by"
	else
		fail "still running 10 s after SIGINT"
	fi
else
	fail "no server (the --assessor one was refused)"
fi
# back to the main server
PORT=$M_PORT TOKEN=$M_TOKEN SPID=$M_SPID SERR=$M_SERR
export PORT TOKEN
end

begin "the security headers are on pages, refusals, redirects and downloads"
B=/a/KE/$Y
code=$(req -c GET /)
expect_code 200 "$code" "list"
expect_headers "list"
grep -qi '^Content-Type: text/html; charset=utf-8' "$head" || fail "list: Content-Type"
code=$(req -c GET "$B/q/LC1")
expect_headers "question"
code=$(req GET "/?token=$TOKEN")
expect_headers "token redirect"
code=$(req -c -d "csrf=$CSRF&value=yes" POST "$B/q/LE4/answer")
expect_code 303 "$code" "answer"
expect_headers "303"
code=$(req GET /)
expect_code 403 "$code" "403"
expect_headers "403"
code=$(req -c GET /nonexistent)
expect_code 404 "$code" "404"
expect_headers "404"
code=$(req -c --host evil.example GET /)
expect_headers "421"
code=$(req -c DELETE /)
expect_headers "405"
code=$(req -c -F "csrf=$CSRF" -U random.bin -n r.pdf POST "$B/q/LC1/attach")
expect_code 415 "$code" "415"
expect_headers "415"
code=$(req -c -d "csrf=$CSRF&text=abc" POST "$B/q/LE3/answer")
expect_code 422 "$code" "422"
expect_headers "422"
for s in app.css app.js; do
	code=$(req -c GET "/static/$s")
	expect_code 200 "$code" "$s"
	expect_headers "$s"
done
grep -qi '^Content-Type: text/javascript' "$head" || fail "app.js: Content-Type"
# an uploaded page is only ever a download, never shown
printf '<html><body><script>alert(1)</script></body></html>\n' >page.html
code=$(req -c -F "csrf=$CSRF" -U page.html -n page.html POST "$B/q/LE4/attach")
expect_code 303 "$code" "upload page.html"
id=$(sqlite3 m.db "SELECT id FROM attachment WHERE name = 'page.html'")
code=$(req -c GET "$B/att/$id")
expect_code 200 "$code" "attachment"
expect_headers "attachment"
grep -qi '^Content-Type: application/octet-stream' "$head" || fail "attachment: $(grep -i '^Content-Type' "$head")"
grep -qi "^Content-Disposition: attachment; filename\*=UTF-8''page.html" "$head" ||
	fail "attachment: $(grep -i '^Content-Disposition' "$head")"
code=$(req -c GET "$B/report.pdf")
expect_code 200 "$code" "report.pdf"
expect_headers "report.pdf"
grep -qi "^Content-Disposition: attachment; filename=\"KE-$Y.pdf\"" "$head" || fail "report: disposition"
head -c 5 "$body" | grep -q '%PDF-' || fail "report: not a PDF"
end

begin "paths with .., %2e%2e, %2f and NUL lead nowhere outside"
for p in /static/../static/app.css /static/..%2fapp.css '/%2e%2e/%2e%2e/etc/passwd' /../../../../etc/passwd \
	'/static/..%2f..%2f..%2f..%2fetc%2fpasswd' "/a/KE/$Y/att/..%2f..%2f..%2fetc%2fpasswd" \
	"/a/KE/$Y/q/..%2f..%2f..%2fetc%2fpasswd" "/a/KE/$Y/q/LC1/../../../../etc/passwd" \
	'/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd' '/a/K%00E/'"$Y" "/a/KE/$Y%00/q/LC1" \
	"/a/KE/99999999999999999999/q/LC1" "/a/KE/-$Y" "/a/KE/0x7e9" "/a/ke/$Y/q/lc1" \
	'/%ff%fe/%c0%ae%c0%ae/' "/a/KE/$Y/q/LC1/answer/x/y/z/w/v/u"; do
	code=$(req -c GET "$p")
	case $code in
	2?? | 3?? | 4??) ;;
	*) fail "$p: status $code" ;;
	esac
	grep -q 'root:' "$body" && fail "$p: a file from outside"
done
code=$(req -c GET /)
expect_code 200 "$code" "the list afterwards"
end

begin "huge URLs, 5,000 fields, 1 MB fields, long texts and broken bodies: refused in good time"
before=$(state)
B=/a/KE/$Y
code=$(req -c GET "/$(head -c 102400 /dev/zero | tr '\0' a)")
expect_refused "$code" "a 100 KB path"
[ "$(took)" -le 5 ] || fail "a 100 KB path took $(cat .time) s"
code=$(req -c GET "/?$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%sf%d=1", i ? "&" : "", i }')")
[ "$code" != 000 ] || fail "5,000 fields in the query: no answer"
awk -v c="$CSRF" 'BEGIN { printf "csrf=%s&value=no", c; for (i = 0; i < 5000; i++) printf "&f%d=1", i }' >many.txt
code=$(req -c -D many.txt -t application/x-www-form-urlencoded POST "$B/q/LE2/answer")
expect_code 413 "$code" "5,000 form fields"
[ "$(took)" -le 5 ] || fail "5,000 fields took $(cat .time) s"
{
	printf 'csrf=%s&add=' "$CSRF"
	head -c 1100000 /dev/zero | tr '\0' e
} >mb.txt
code=$(req -c -D mb.txt -t application/x-www-form-urlencoded POST "$B/q/LE2/evidence")
expect_code 413 "$code" "a 1.1 MB field"
[ "$(took)" -le 10 ] || fail "a 1.1 MB field took $(cat .time) s"
for f in "q/LE2/evidence:add" "q/LE2/note:note" "findings:pillar=&text" "meeting:with" "q/OG2/answer:text" \
	"q/LE2/answer:value=no&reason"; do
	{
		printf 'csrf=%s&%s=' "$CSRF" "${f#*:}"
		head -c 100000 /dev/zero | tr '\0' e
	} >100k.txt
	code=$(req -c -D 100k.txt -t application/x-www-form-urlencoded POST "$B/${f%%:*}")
	expect_code 422 "$code" "100 KB in ${f#*:}"
	grep -q 'the text is too long' "$body" || fail "100 KB in ${f#*:}: no 'too long'"
	[ "$(took)" -le 5 ] || fail "100 KB in ${f#*:} took $(cat .time) s"
done
{
	printf 'csrf=%s&value=no&' "$CSRF"
	head -c 100000 /dev/zero | tr '\0' k
	printf '=1'
} >key.txt
code=$(req -c -D key.txt -t application/x-www-form-urlencoded POST "$B/q/LE2/answer")
expect_refused "$code" "a 100 KB field name"
code=$(req -c -H "X-Big: $(head -c 100000 /dev/zero | tr '\0' h)" GET /)
expect_refused "$code" "a 100 KB header"
code=$(req -c -H "Cookie: $(head -c 20000 /dev/zero | tr '\0' c)" GET /)
[ "$code" != 000 ] || fail "a 20 KB cookie: no answer"
code=$(req -c -H 'X-Nul: a\0b' GET /)
[ "$code" != 000 ] || fail "a NUL in a header: no answer"
printf 'csrf=%s&value=no' "$CSRF" >small.txt
code=$(req -c -D small.txt -t application/x-www-form-urlencoded -H "Content-Length: 99999999999999999999" POST "$B/q/LE2/answer")
expect_refused "$code" "Content-Length 99999999999999999999"
code=$(req -c -D small.txt -t application/x-www-form-urlencoded -H "Content-Length: -1" POST "$B/q/LE2/answer")
expect_refused "$code" "Content-Length -1"
code=$(req -c -D small.txt -t multipart/form-data POST "$B/q/LE2/answer")
expect_refused "$code" "multipart without a boundary"
code=$(req -c -D small.txt -t text/xml POST "$B/q/LE2/answer")
expect_refused "$code" "text/xml"
printf 'zz\r\nbroken\r\n0\r\n\r\n' >chunks.txt
code=$(req -c -D chunks.txt -t application/x-www-form-urlencoded -H "Transfer-Encoding: chunked" POST "$B/q/LE2/answer")
expect_refused "$code" "broken chunks"
[ "$(state)" = "$before" ] || fail "the database changed"
code=$(req -c GET /)
expect_code 200 "$code" "the list afterwards"
end

begin "the token URL never sends the browser to another site"
for p in //evil.example/ '/%2fevil.example/' '/\evil.example/' '/%5cevil.example/'; do
	code=$(req GET "$p?token=$TOKEN")
	loc=$(sed -n 's/^Location: //Ip' "$head")
	case $loc in
	//*) fail "path //evil.example/ (as $(printf '%s' "$p" | cut -c1-4)): Location //evil.example/" ;;
	/\\*) fail "path /(backslash)evil.example/ (as $(printf '%s' "$p" | tr '\\' '!' | cut -c1-4)): Location /(backslash)evil.example/" ;;
	esac
done
end

begin "a line end in the token URL's path does not make a header"
code=$(req GET "/%0d%0aSet-Cookie:%20evil=1%0d%0aX-Evil:%201?token=$TOKEN")
[ "$code" != 000 ] || fail "no answer"
grep -qi '^Set-Cookie: evil' "$head" && fail "a header was injected"
grep -qi '^X-Evil' "$head" && fail "a header was injected"
code=$(req -c GET /)
expect_code 200 "$code" "the list afterwards"
end

begin "70 connections that never finish their headers: it answers again once they go"
# (while they are open, more than the 64 connections it takes, the browser
# is turned away: any local process can do that without the token)
"$PYTHON" - "$PORT" <<'PY' || fail "the stalled connections could not be made"
import socket, sys, time
held = []
for i in range(70):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    held.append(s)
time.sleep(0.3)
for s in held:
    s.close()
PY
sleep 0.3
code=$(req -c --timeout 5 GET /)
expect_code 200 "$code" "the list afterwards"
end

begin "a second serve on the same port fails clearly; the first goes on"
run timeout 20 "$CIRT" serve --db second.db --port "$PORT"
[ "$status" -ne 0 ] || fail "exit status 0"
[ "$status" -eq 124 ] && fail "it did not stop"
expect_err "cirt: cannot listen on 127.0.0.1:$PORT: Address already in use"
expect_no_out "serving on"
code=$(req -c GET /)
expect_code 200 "$code" "the first server"
end

begin "SIGTERM stops the server with status 0, a line on stderr, and gives back the claim"
code=$(req -c GET "/a/KE/$Y/q/LC1")
expect_code 200 "$code" "the assessment"
printf ':goto TK1\nno\n' | "$CIRT" run --yes --country KE --cycle "$Y" --db m.db >"$out" 2>"$err"
s=$?
[ $s -eq 3 ] || fail "cirt run while the server holds KE: status $s, expected 3"
expect_err "'cirt serve'"
kill -TERM "$SPID"
if wait_gone "$SPID" 10; then
	wait "$SPID"
	s=$?
	forget "$SPID"
	[ $s -eq 0 ] || fail "exit status $s"
	grep -q '^cirt: stopping' "$SERR" || fail "no line on stderr: $(cat "$SERR")"
	[ -z "$(ss -Hltn "sport = :$PORT")" ] || fail "still listening"
	before=$(history)
	printf ':goto TK1\nno\n' | "$CIRT" run --yes --country KE --cycle "$Y" --db m.db >"$out" 2>"$err"
	s=$?
	[ $s -eq 0 ] || fail "cirt run after the server: status $s"
	expect_no_err "is being changed by"
	[ "$(history)" -gt "$before" ] || fail "cirt run saved nothing"
	[ "$(sqlite3 m.db "SELECT value FROM answer WHERE question_id = 'TK1'")" = no ] || fail "TK1 not saved"
else
	fail "still running 10 s after SIGTERM"
fi
end

begin "--idle 2s stops the server by itself after about 2 s, with status 0"
t0=$(date +%s.%N)
if start_server i --idle 2s; then
	if wait_gone "$SPID" 8; then
		t1=$(date +%s.%N)
		wait "$SPID"
		s=$?
		forget "$SPID"
		[ $s -eq 0 ] || fail "exit status $s"
		awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a >= 1.8 && b - a <= 6) }' ||
			fail "stopped after $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s"
		grep -q '^cirt: no request for .*; stopping$' i.err || fail "stderr: $(cat i.err)"
	else
		fail "still running 8 s later"
	fi
else
	fail "did not start: $(cat i.err)"
fi
end

begin "the idle stop says the time as it was given"
grep -qE '^cirt: no request for (2 seconds|2s)' i.err || fail "stderr: $(cat i.err)"
end

begin "a 15 MB file is taken and a 17 MB chunked one refused, each within 6 s"
if start_server u --idle 10m; then
	code=$(req GET "/?token=$TOKEN")
	code=$(req -c GET /)
	ucsrf=$(csrf_of_page)
	code=$(req -c -d "csrf=$ucsrf&country=KE&cycle=$Y&confirm=1" POST /new)
	code=$(req -c -d "csrf=$ucsrf&value=yes" POST "/a/KE/$Y/q/LC1/answer")
	expect_code 303 "$code" "an answer"
	{
		printf '%%PDF-1.7\n'
		head -c $((15 * 1024 * 1024)) /dev/zero | tr '\0' p
	} >15mb.pdf
	code=$(req -c --timeout 6 -F "csrf=$ucsrf" -U 15mb.pdf -n 15mb.pdf POST "/a/KE/$Y/q/LC1/attach")
	if [ "$code" = 000 ]; then
		fail "15 MB: no answer within 6 s"
	else
		expect_code 303 "$code" "15 MB"
		code=$(req -c --timeout 6 --chunked -F "csrf=$ucsrf" -U big.txt -n big.txt POST "/a/KE/$Y/q/LC2/attach")
		expect_code 413 "$code" "17 MB chunked"
	fi
	# a server still busy would take long to see a signal: killed at once
	kill -KILL "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	forget "$SPID"
else
	fail "did not start: $(cat u.err)"
fi
end

begin "no sanitizer report from any server"
for p in $SERVERS; do
	kill -TERM "$p" 2>/dev/null && wait_gone "$p" 10
	wait "$p" 2>/dev/null
	forget "$p"
done
[ "$nservers" -ge 4 ] || fail "only $nservers servers ran"
for e in "$WORK"/*.err; do
	if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' -e 'Sanitizer' "$e"; then
		fail "$(basename "$e"): $(grep -m 3 -e 'Sanitizer' -e 'runtime error:' "$e")"
	fi
done
end
