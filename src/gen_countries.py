#!/usr/bin/env python3
"""Generate the country register (country_table) for the build.

Reads questionnaires/countries.csv (codes, ITU region, kind; the names of
fictional countries) and Debian's iso-codes ISO 3166-1 data for the member
states' English names, which are also the keys of iso-codes' translations.
Writes C to standard output; a bad row, an unknown region or a member
state that iso-codes lacks stops the build with FILE:LINE: message.
"""
import json
import sys

REGIONS = {"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"}


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    csv_path, iso_path = sys.argv[1], sys.argv[2]
    try:
        iso = {c["alpha_2"]: c for c in json.load(open(iso_path, encoding="utf-8"))["3166-1"]}
    except (OSError, ValueError, KeyError) as e:
        sys.exit("%s: cannot read the ISO 3166-1 data: %s (Debian package iso-codes)" % (iso_path, e))
    rows = []
    bad = False
    with open(csv_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("alpha2,"):
                continue
            cols = line.split(",")
            where = "%s:%d: " % (csv_path, n)
            if len(cols) not in (5, 6) or cols[4] not in ("member", "demo") or cols[3] not in REGIONS:
                print(where + "expected alpha2,alpha3,name,region,member|demo[,names]", file=sys.stderr)
                bad = True
                continue
            a2, a3, name, region, kind = cols[:5]
            names = cols[5] if len(cols) == 6 else ""
            if names and (kind != "demo" or not all(
                    len(p.split("=", 1)) == 2 and p.split("=", 1)[0].isalpha() and p.split("=", 1)[1]
                    for p in names.split(";"))):
                print(where + "only a fictional country has its own names, as fr=...;ru=...",
                      file=sys.stderr)
                bad = True
                continue
            if kind == "member":
                entry = iso.get(a2)
                if entry is None or entry.get("alpha_3") != a3:
                    print(where + "%s/%s is not in the ISO 3166-1 data of iso-codes" % (a2, a3),
                          file=sys.stderr)
                    bad = True
                    continue
                name = entry["name"]
            elif not name:
                print(where + "a fictional country needs its name", file=sys.stderr)
                bad = True
                continue
            own = "NULL"
            if names:
                pairs = [p.split("=", 1) for p in names.split(";")]
                own = "(const char *const[]){%s, NULL}" % ", ".join(
                    "%s, %s" % (c_string(l), c_string(n)) for l, n in pairs)
            rows.append('\t{%s, %s, %s, REGION_%s, %d, %s},' % (c_string(a2), c_string(a3), c_string(name),
                                                                region, kind == "demo", own))
    if bad:
        sys.exit(1)
    print('#include "country.h"')
    print("const struct country country_table[] = {")
    print("\n".join(rows))
    print("};")
    print("const size_t country_table_count = sizeof(country_table) / sizeof(country_table[0]);")


main()
