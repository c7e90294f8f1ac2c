#!/usr/bin/env python3
"""Write a bundle of N answers, unsigned (sign it with build/tools/bundle-sign),
for timing the checks of a large bundle. With HISTORY events (default N) the
history gives every answer, each hash computed; with fewer, the answers beyond
are forged beside the history, as an attacker would add them.
usage: big_bundle.py N OUT [HISTORY]"""
import hashlib
import json
import sys


def field(s):
    if s is None:
        return b"-,"
    s = str(s).encode()
    return str(len(s)).encode() + b":" + s + b","


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    events = int(sys.argv[3]) if len(sys.argv) > 3 else n
    country, cycle = "KE", 2026
    history, answers = [], []
    prev = "0" * 64
    when = "2026-11-30T10:00:00.000Z"

    def add(question, fld, new_state, new_value):
        nonlocal prev
        seq = len(history) + 1
        h = {"seq": seq, "question_id": question, "field": fld, "old_state": "none",
             "old_value": None, "new_state": new_state, "new_value": new_value,
             "changed_by": "Bench", "changed_at": when, "reason": "", "version": 2,
             "source": None, "prev_hash": prev}
        parts = ["cirt-history-2", country, cycle, seq, question, fld, "none", None,
                 new_state, new_value, "Bench", when, "", None, prev]
        h["hash"] = prev = hashlib.sha256(b"".join(field(p) for p in parts)).hexdigest()
        history.append(h)

    add("", "created", "draft", "bench-other 1 " + "0" * 64)
    for i in range(n):
        q = "Q%d" % i
        if i < events:
            add(q, "answer", "value", "yes")
        answers.append({"question_id": q, "state": "value", "value": "yes", "evidence": "",
                        "comment": "", "flagged": False, "answered_by": "Bench",
                        "answered_at": when, "source": None})
    doc = {"format": "cirt-bundle", "format_version": 2, "exported_at": when,
           "exported_by": "Bench",
           "questionnaire": {"id": "bench-other", "version": "1", "sha256": "0" * 64},
           "assessment": {"country": country, "cycle": cycle, "status": "draft",
                          "mission_start": "2026-11-30", "mission_end": "2026-11-30",
                          "assessors": "Bench", "created_at": when, "updated_at": when},
           "answers": answers, "history": history}
    with open(out, "w") as f:
        json.dump(doc, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
