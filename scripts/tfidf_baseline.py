#!/usr/bin/env python3
"""Plain TF-IDF cosine baseline for the matching evaluation (tests/eval/match).

Every résumé in cases.jsonl is compared with every posting in postings.jsonl (one per O*NET
occupation) by the cosine of their TF-IDF vectors; the postings are ranked by that score (ties
by onet_code). A résumé counts as matched at rank r when the r-th posting's onet_code is the
first one in its accept list. Reported, over all résumés:

    top-1  share of résumés whose best posting is accepted
    top-3  share with an accepted posting among the best three
    MRR    mean of 1/r (0 when no accepted posting is ranked at all)

The vectorizer mirrors scikit-learn's TfidfVectorizer defaults, fitted on the postings: lower
case, tokens of two or more letters/digits (plus trailing '+'/'#': "c++", "c#"), English stop
words removed, raw term counts, smoothed idf = ln((1 + n) / (1 + df)) + 1, L2-normalised rows.
Standard library only.

    python3 scripts/tfidf_baseline.py [--cases FILE] [--postings FILE] [--sublinear]
                                      [--per-category] [--show N]
"""

import argparse
import collections
import json
import math
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(REPO, "tests", "eval", "match")

# scikit-learn's ENGLISH_STOP_WORDS (a copy of the Glasgow list), lower case.
STOP_WORDS = set(
    """a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond bill both bottom but by call can
    cannot cant co con could couldnt cry de describe detail do done down due during each eg
    eight either eleven else elsewhere empty enough etc even ever every everyone everything
    everywhere except few fifteen fifty fill find fire first five for former formerly forty
    found four from front full further get give go had has hasnt have he hence her here
    hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in
    inc indeed interest into is it its itself keep last latter latterly least less ltd made many
    may me meanwhile might mill mine more moreover most mostly move much must my myself name
    namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere
    of off often on once one only onto or other others otherwise our ours ourselves out over own
    part per perhaps please put rather re same see seem seemed seeming seems serious several she
    should show side since sincere six sixty so some somehow someone something sometime
    sometimes somewhere still such system take ten than that the their them themselves then
    thence there thereafter thereby therefore therein thereupon these they thick thin third this
    those though three through throughout thru thus to together too top toward towards twelve
    twenty two un under until up upon us very via was we well were what whatever when whence
    whenever where whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves""".split()
)
TOKEN = re.compile(r"[a-z0-9][a-z0-9]+[+#]*|[a-z][+#]+")


def tokens(text):
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP_WORDS]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Tfidf:
    def __init__(self, documents, sublinear=False):
        self.sublinear = sublinear
        counts = [collections.Counter(tokens(d)) for d in documents]
        df = collections.Counter()
        for c in counts:
            df.update(c.keys())
        n = len(documents)
        self.idf = {t: math.log((1 + n) / (1 + k)) + 1 for t, k in df.items()}
        self.rows = [self._vector(c) for c in counts]
        self.index = collections.defaultdict(list)  # term -> [(row, weight)]
        for i, row in enumerate(self.rows):
            for t, w in row.items():
                self.index[t].append((i, w))

    def _vector(self, counts):
        v = {}
        for t, k in counts.items():
            if t in self.idf:
                tf = 1 + math.log(k) if self.sublinear else k
                v[t] = tf * self.idf[t]
        norm = math.sqrt(sum(w * w for w in v.values()))
        return {t: w / norm for t, w in v.items()} if norm else {}

    def scores(self, text):
        query = self._vector(collections.Counter(tokens(text)))
        out = collections.defaultdict(float)
        for t, q in query.items():
            for i, w in self.index[t]:
                out[i] += q * w
        return out


def evaluate(cases, postings, sublinear=False):
    """Per case: (rank of the first accepted posting or None, [top postings])."""
    model = Tfidf([p["title"] + "\n" + p["description"] for p in postings], sublinear)
    results = []
    for case in cases:
        scores = model.scores(case["text"])
        order = sorted(range(len(postings)), key=lambda i: (-scores.get(i, 0.0),
                                                            postings[i]["onet_code"]))
        accept = set(case["accept"])
        rank = next((r for r, i in enumerate(order, 1) if postings[i]["onet_code"] in accept), None)
        top = order[:3]
        results.append((rank, [postings[i] for i in top], [scores.get(i, 0.0) for i in top]))
    return results


def summary(ranks):
    n = len(ranks)
    top1 = sum(1 for r in ranks if r == 1) / n
    top3 = sum(1 for r in ranks if r is not None and r <= 3) / n
    mrr = sum(1 / r for r in ranks if r) / n
    return top1, top3, mrr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=os.path.join(EVAL, "cases.jsonl"))
    parser.add_argument("--postings", default=os.path.join(EVAL, "postings.jsonl"))
    parser.add_argument("--sublinear", action="store_true", help="use 1 + ln(tf) term weights")
    parser.add_argument("--per-category", action="store_true", help="figures per category")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="show the best three postings of the first N résumés missed at top-1")
    args = parser.parse_args()

    cases = read_jsonl(args.cases)
    postings = read_jsonl(args.postings)
    known = {p["onet_code"] for p in postings}
    for case in cases:
        missing = [c for c in case["accept"] if c not in known]
        if missing:
            raise SystemExit(f"{case['id']}: accept codes without a posting: {missing}")
    results = evaluate(cases, postings, args.sublinear)
    ranks = [r for r, _, _ in results]
    top1, top3, mrr = summary(ranks)
    weights = "sublinear tf" if args.sublinear else "raw tf"
    print(f"TF-IDF cosine baseline ({weights}): {len(cases)} résumés x {len(postings)} postings")
    print(f"top-1 {top1:.1%}   top-3 {top3:.1%}   MRR {mrr:.3f}")

    if args.per_category:
        by_cat = collections.defaultdict(list)
        for case, r in zip(cases, ranks):
            by_cat[case["category"]].append(r)
        print(f"\n{'category':24} {'n':>3} {'top-1':>7} {'top-3':>7} {'MRR':>6}")
        for cat in sorted(by_cat):
            t1, t3, m = summary(by_cat[cat])
            print(f"{cat:24} {len(by_cat[cat]):3} {t1:7.0%} {t3:7.0%} {m:6.3f}")

    shown = 0
    for case, (rank, top, scores) in zip(cases, results):
        if shown >= args.show or rank == 1:
            continue
        shown += 1
        print(f"\n{case['id']} (accept {', '.join(case['accept'])}): first accepted at rank {rank}")
        for p, s in zip(top, scores):
            print(f"  {s:.3f}  {p['onet_code']}  {p['title']}")


if __name__ == "__main__":
    main()
