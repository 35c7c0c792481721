import json, sys
slugs = {l.split("\t")[0] for l in open("/work/brief/issues.txt", encoding="utf-8") if l.strip()}
ok = True; texts = set(); per = {}
for fn, need_expect in (("lines.jsonl", True), ("noise.jsonl", False)):
    raw = open(fn, encoding="utf-8").read()
    for i, line in enumerate(raw.split("\n")[:-1], 1):
        o = json.loads(line)
        t = o.get("text", "")
        if not isinstance(t, str) or not t or "\n" in t or "\r" in t: ok = False; print(fn, i, "bad text")
        if not str(o.get("source", "")).strip(): ok = False; print(fn, i, "no source")
        if t in texts: ok = False; print(fn, i, "duplicate text")
        texts.add(t)
        if need_expect:
            if o.get("expect") not in slugs: ok = False; print(fn, i, "bad expect", o.get("expect"))
            per[o["expect"]] = per.get(o["expect"], 0) + 1
        elif "expect" in o: ok = False; print(fn, i, "noise has expect")
missing = [s for s in slugs if per.get(s, 0) < 2]
if missing: ok = False; print("under 2:", missing)
print("OK" if ok else "FAIL", len(texts), "texts;", sum(per.values()), "lines over", len(per), "issues")
sys.exit(0 if ok else 1)
