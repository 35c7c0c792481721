import json, collections, sys
slugs=[l.split("\t")[0] for l in open("/work/brief/issues.txt",encoding="utf-8").read().splitlines() if l.strip()]
assert len(slugs)==30
texts=set(); cnt=collections.Counter(); ok=True
for fn,need_expect in (("lines.jsonl",True),("noise.jsonl",False)):
    raw=open(fn,encoding="utf-8").read()
    for i,phys in enumerate(raw.split("\n")[:-1],1):
        r=json.loads(phys)
        t=r.get("text","")
        if not t or "\n" in t or "\r" in t: print(fn,i,"bad text"); ok=False
        if not str(r.get("source","")).strip(): print(fn,i,"no source"); ok=False
        if t in texts: print(fn,i,"dup"); ok=False
        texts.add(t)
        if need_expect:
            if r.get("expect") not in slugs: print(fn,i,"bad slug"); ok=False
            cnt[r["expect"]]+=1
        elif "expect" in r: print(fn,i,"noise has expect"); ok=False
for s in slugs:
    if cnt[s]<2: print("too few",s); ok=False
print("lines",sum(cnt.values()),"noise",len(texts)-sum(cnt.values()),"OK" if ok else "FAIL")
sys.exit(0 if ok else 1)
