#!/usr/bin/env python3
"""Builds tests/eval/match/postings.jsonl: one posting per O*NET occupation (all 1,016).

Inputs: O*NET occupation_data.tsv and technology_skills.tsv (CC BY 4.0, see core/data/NOTICE.md
and tests/eval/match/README.md). The output is deterministic (O*NET code order), LF-terminated,
and committed, so the evaluation runs without the O*NET files.

    python3 scripts/build_match_eval_postings.py [--onet DIR] [--out FILE]

Each line is a Job record an import accepts (api-v2.md §4.2) plus the key "onet_code":
    {"title": singular O*NET title, "company": "O*NET", "source": "onet",
     "description": O*NET description + the occupation's technology examples,
     "onet_code": "15-1252.00"}
These are the "O*NET-described postings" of the matching benchmark: a résumé is matched against
all of them, and the hit counts as correct when its onet_code is in the résumé's accept list
(tests/eval/match/cases.jsonl).
"""

import argparse
import json
import os
import sys

import build_taxonomy as taxonomy  # read_tsv, clean, singular_main: the taxonomy's rules

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ONET = os.path.join(REPO, "..", "shared", "datasets", "onet")
DEFAULT_OUT = os.path.join(REPO, "tests", "eval", "match", "postings.jsonl")

# Plural words in O*NET titles that are not the job's head noun and stay as written
# ("Roustabouts, Oil and Gas", "Farmworkers, Farm, Ranch, and Aquacultural Animals").
KEEP_PLURAL = {"Gas", "Animals", "Engines", "Fibers", "Programs", "Surfaces", "Tiles", "Trades",
               "Vehicles"}


def singular_title(onet_title):
    """The whole O*NET title in the singular: "Software Developers" -> "Software Developer",
    "Accountants and Auditors" -> "Accountant and Auditor", qualifiers kept."""
    words = onet_title.split()
    singular = taxonomy.singular_main(onet_title).split()
    if len(words) != len(singular):
        return " ".join(singular)
    out = []
    for before, after in zip(words, singular):
        out.append(before if before.rstrip(",") in KEEP_PLURAL else after)
    return " ".join(out)


def build(onet_dir):
    _, occupations = taxonomy.read_tsv(os.path.join(onet_dir, "occupation_data.tsv"))
    header, rows = taxonomy.read_tsv(os.path.join(onet_dir, "technology_skills.tsv"))
    col = {name: i for i, name in enumerate(header)}
    examples = {}
    for row in rows:
        code = row[col["O*NET-SOC Code"]]
        name = taxonomy.clean(row[col["Example"]])
        examples.setdefault(code, [])
        if name not in examples[code]:
            examples[code].append(name)
    lines = []
    for code, title, description in sorted(occupations):
        text = " ".join(description.split())
        if examples.get(code):
            text += "\n\nTechnology used: " + ", ".join(examples[code]) + "."
        record = {
            "title": singular_title(taxonomy.clean(title)),
            "company": "O*NET",
            "source": "onet",
            "description": text,
            "onet_code": code,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onet", default=DEFAULT_ONET, help="folder with the O*NET TSV files")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output file")
    args = parser.parse_args()
    for name in ("occupation_data.tsv", "technology_skills.tsv"):
        if not os.path.isfile(os.path.join(args.onet, name)):
            sys.exit(f"{os.path.join(args.onet, name)} not found; pass --onet DIR")
    text = build(args.onet)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(args.out, REPO)}: {text.count(chr(10))} postings, "
          f"{len(text.encode())} bytes")


if __name__ == "__main__":
    main()
