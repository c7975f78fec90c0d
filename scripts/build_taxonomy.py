#!/usr/bin/env python3
"""Builds the shipped taxonomy (core/data/skills.tsv, core/data/titles.tsv) from O*NET data.

Inputs: O*NET occupation_data.tsv and technology_skills.tsv (CC BY 4.0, see core/data/NOTICE.md)
plus the hand-curated core/data/skill_aliases.tsv, skills_extra.tsv and title_aliases.tsv.
The output is deterministic (same inputs, same bytes), LF-terminated, and committed, so the
library builds without the O*NET files.

    python3 scripts/build_taxonomy.py [--onet DIR] [--out DIR] [--report]

Output format (both files): '#' lines are comments, then a header row, then one row per entry.
`forms` lists the spellings the matcher looks for, separated by '|'; a spelling may end in a
rule suffix: `~c` exact case only, `~x` skills context only, `~cx` both.
"""

import argparse
import collections
import html
import math
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ONET = os.path.join(REPO, "..", "shared", "datasets", "onet")
DATA = os.path.join(REPO, "core", "data")
RELATED_LIMIT = 10

# Vendor prefixes whose removal leaves the product name people write ("Apache Kafka" -> "Kafka").
_VENDOR_TEXT = """
    Adobe|Adobe Systems|Agilent|Allscripts|Amazon|Amazon Web Services|Amazon Web Services AWS
    |Apache|Apple|Atlassian|Autodesk|Avid|Avid Technology|BMC|Bentley|Bentley Systems|Blackbaud
    |Bloomberg|CA|CA Technologies|Cadence|Cerner|Cisco|Cisco Systems|Citrix|Cloudera|Corel
    |Dassault Systemes|ESRI|Eclipse|Elastic|Embarcadero|Epicor|Facebook|GE|GE Healthcare
    |Golden Software|Google|Grafana Labs|HP|HashiCorp|Hewlett-Packard|IBM|Infor
    |Informatica Corporation|Intergraph|Intuit|JetBrains|Kronos|Lawson|McKesson|Mentor Graphics
    |Meta|Micro Focus|Microsoft|Mozilla|Novell|Oracle|PTC|Quest|Red Hat|RockWare|Rockwell
    |Rockwell Automation|SAP|SAS|Sage|Salesforce|Siemens|Splunk|Sun Microsystems|Symantec
    |Synopsys|Teradata|The MathWorks|The Mathworks|Thomson Reuters|Trimble|Unity Technologies
    |Unreal Technology|VMware|Wolfram|Wolfram Research|Xilinx|Yardi Systems"""
VENDORS = sorted((v.strip() for v in _VENDOR_TEXT.split("|")), key=len, reverse=True)

# Category nouns: a vendor's "Oracle CRM" does not own the word "CRM".
GENERIC_ACRONYMS = set(
    """API BI CAD CAM CAE CMS CRM DBMS DMS EDI EHR EMR ERP GIS HCM HMI HRIS HRMS IDE LIMS LMS
    MDM MES MRP PACS PIM PLM PLC POS RIS SCADA SCM SDK SIS SRM TMS WMS CF EE PM IQ XA CI IS IT
    OS UI UX QA DB""".split()
)

# Words that never become a skill spelling on their own, lower case: common English words, first
# names, all-caps words seen in headings ("LEAD", "FIRST"). A derived alias that is one of these
# is dropped; an O*NET one-word name that is one of these matches only in exact case within a
# skills context, unless core/data/skill_aliases.tsv decides otherwise for it. learn_english()
# adds the vocabulary of O*NET's own prose.
ENGLISH = set(
    """a access aces acrobat act ads air algae algorithmic analysis analytics analyze angular ant
    anti antivirus apex apps arena aspen audition automation autopilot aztec azure bamboo
    barcode bars base basecamp basic beehive biofeedback blackboard blast blender blink blogger
    bob bootstrap bowtie box brokerage calendar calibre candi canopy captivate casa case
    cassandra cats central cents chat chatbot checkout chef chrome cis claims classroom clear
    clinical clipper cloud cobalt cocoa collaborate colleague com combustion comet compass
    compilers compounder concept concur confluence connect continuum contribute cortex cubic
    cyclone darwin database debuggers decompilers delphi derivatives designer diameter dig
    direct director disassembler distiller docs doe domino dossier dracula drive dynamics
    element email emulators encoder encompass enforce enigma enterprise entourage epic epics
    erupt etc ethereal excavator excel exchange fear ferret fields firewall first flash flask
    flex floods flume forth fortify gaussian gazebo google grail grape gravity groovy gump
    harvest heed her hercules hive honeypot hotspot illustrator impact impala insight
    interpreter interviewer inventor inventory invoice iris iss jersey julia kant keynote
    kinesis kismet label latitude laws lead learn lisa logger logician loom mac magic mahout
    maintenance making matrix maven maya mechanical meet mel middleware millennium minos money
    monitor moss multitask navigator notebook notes numbers office opus outlook pads pages
    paint paintbrush painter paradox pascal pass passer past pat paw pear penultimate
    persuasion pest phishing photogrammetric pig place plan pod post potent presentation
    presenter prince pro processor professional profilers project prometheus publisher puff
    pulse puppet quest quicken quip rad radius raps rational rats recipe redshift reduce
    reports rhino ross route ruby saber safari sage sam samba sand sax scheme scholar sea
    seesaw selenium shazam sheets shiny sites sketch slack slides smarts smoke sofie softphone
    software spark spectroscopy spreadsheet spring spyware square squeegee stan storm struts
    studio sunrise surfer swift systems tableau tam tanks target teams telemetry telephony
    thunderbird tim tomcat tool travis trill trim unity vagrant vector velvet ventura video
    vigilant vision vista webinar wiki windchill windows word works workspace world zoom""".split()
)

# Last words that make a vendor-less remainder a description ("Web Services", "Risk Management").
GENERIC_HEADS = set(
    """Management Manager System Systems Server Servers Suite Solution Solutions Services Service
    Software Intelligence Prevention Control Monitor Pipeline Analytics Cloud Edition Client
    Platform Network Database Data Tools Toolbox Analyst Applications Application Environment
    Framework Module Modules Portal Center Centre Protection Security Gateway Planner Planning
    Reporting Scheduling Accounting Payroll Financials Marketing Automation Compliance Capture
    Tracker Engine Explorer Designer Developer Builder Studio Professional Enterprise Online
    Mobile Office Desktop Express Standard Business Edge Gate""".split()
)
SMALL_WORDS = {"of", "for", "and", "the", "a", "an", "in", "on", "to", "with"}

SUFFIX_SOFTWARE = " software"


def strip_software(name):
    return name[: -len(SUFFIX_SOFTWARE)] if name.endswith(SUFFIX_SOFTWARE) else name


def fold(text):
    """The matcher's key: ASCII lower case, whitespace runs collapsed."""
    return " ".join(text.split()).lower()


def clean(name):
    name = " ".join(html.unescape(name).split())
    # "ESRI ArcGIS (analytical or scientific feature)" is ArcGIS.
    name = re.sub(r"\s*\([^)]*\bfeature\)$", "", name)
    return name


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    rows = [line.split("\t") for line in lines if line.strip()]
    return rows[0], rows[1:]


def read_curated(path, columns):
    """Curated TSV: '#' comments, a header row, then rows (missing trailing cells are '')."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                header_seen = True
                if cells[: len(columns)] != columns:
                    sys.exit(f"{path}: header must be {columns}")
                continue
            if len(cells) > len(columns):
                sys.exit(f"{path}:{number}: too many cells")
            cells += [""] * (len(columns) - len(cells))
            rows.append([c.strip() for c in cells] + [number])
    return rows


def learn_english(onet_dir):
    """Adds the lower-case words of O*NET's own prose (occupation descriptions and category
    titles) to ENGLISH: "Sales software" and "Chat software" describe, "Ansible software" names."""
    _, occupations = read_tsv(os.path.join(onet_dir, "occupation_data.tsv"))
    _, technologies = read_tsv(os.path.join(onet_dir, "technology_skills.tsv"))
    pattern = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
    for row in occupations:
        ENGLISH.update(pattern.findall(row[2]))
    for row in technologies:
        ENGLISH.update(pattern.findall(row[3]))


def generic_word(word):
    """An English word or a made-up generic one: "Chat", "Flowcharting", "Anti-spyware"."""
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        return all(generic_word(p) for p in parts)
    if is_english(word):
        return True
    return word[1:].islower() and bool(
        re.search(r"(ing|tion|sion|ics|ogy|phy|ment|ance|ence|ity|ery|ical)$", word.lower())
    )


def is_english(word):
    if any(c.isupper() for c in word[1:]) and any(c.islower() for c in word[1:]):
        return False  # "TypeScript", "ProFile": a coined name
    return word.lower() in ENGLISH


def marked(word, first):
    """A word that names a product rather than describing: 'HubSpot', 'ArcGIS', '3D', 'Creative'."""
    if any(ch.isdigit() for ch in word):
        return True
    if any(ch.isupper() for ch in word[1:]):
        return True
    return not first and word[:1].isupper()


def trailing_acronym(name):
    """('long form', 'ACR') when `name` ends in an acronym of its words, else None.

    "Structured query language SQL" -> ("Structured query language", "SQL");
    "Google Compute Engine (GCE)" -> ("Google Compute Engine", "GCE"). The acronym's letters must
    be word initials (optionally followed by more letters of the same word), so product names in
    capitals ("Tyler Technologies MUNIS") are not taken for acronyms.
    """
    m = re.match(r"^(.*\S)\s+\(([A-Z][A-Za-z0-9]+)\)$", name) or re.match(
        r"^(.*\S)\s+([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)$", name
    )
    if not m:
        return None
    long_form, acronym = m.group(1), m.group(2)
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w.lower() for w in re.split(r"[\s/-]+", long_form) if w]
    if len(letters) < 2 or len(words) < 2:
        return None

    def align(i, w, initials):
        if i == len(letters):
            return initials >= 2
        if w == len(words):
            return False
        if align(i, w + 1, initials):  # a word the acronym skips ("for", a vendor)
            return True
        word = words[w]
        if word[0] != letters[i]:
            return False
        j, p = i + 1, 1
        while True:  # the initial, then 0..n further letters of the same word
            if align(j, w + 1, initials + 1):
                return True
            if j == len(letters):
                return False
            p = word.find(letters[j], p)
            if p < 0:
                return False
            j, p = j + 1, p + 1

    return (long_form, acronym) if align(0, 0, 0) else None


def descriptive(text):
    """Several words and none of them a product word: 'Structured query language'."""
    words = text.split()
    return len(words) >= 2 and not any(marked(w, i == 0) for i, w in enumerate(words))


def generic(name):
    """True for descriptive names ('Programming languages', 'Email software')."""
    return descriptive(name) and not trailing_acronym(name)


def strip_vendor(name):
    for vendor in VENDORS:
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 1:
            return vendor, name[len(vendor) + 1 :]
    return None, name


class Skill:
    def __init__(self, name):
        self.name = name  # display name
        self.onet = []  # O*NET example names merged here
        self.occupations = set()
        self.categories = collections.Counter()
        self.hot = False
        self.forms = []  # (spelling, rule)
        self.related_seed = []  # curated related (extras)
        self.matchable = True


def parse_flags(text, path, number):
    flags = {f.strip() for f in text.split(",") if f.strip()}
    unknown = flags - {"case", "context", "display", "merge", "off"}
    if unknown:
        sys.exit(f"{path}:{number}: unknown flags {sorted(unknown)}")
    return flags


def rule(flags):
    return ("c" if "case" in flags else "") + ("x" if "context" in flags else "")


def auto_rule(spelling, derived):
    """Default match rule of a spelling nobody curated."""
    words = spelling.split()
    if len(spelling) == 1:
        return "cx"
    if len(words) == 1 and is_english(spelling):
        return "cx"
    if len(words) == 1 and spelling.lower() in ENGLISH:
        return "c"  # "ProFile" is a product, "profile" a word
    if derived and re.fullmatch(r"[A-Z0-9][A-Z0-9&.+/-]*", spelling):
        return "c"  # acronyms taken from a long name: 'RATS', 'SAS'
    if len(spelling) <= 2:
        return "c"
    return ""


def build_skills(onet_dir, report):
    header, rows = read_tsv(os.path.join(onet_dir, "technology_skills.tsv"))
    col = {name: i for i, name in enumerate(header)}
    examples = {}
    for row in rows:
        name = clean(row[col["Example"]])
        e = examples.setdefault(name, {"occ": set(), "cat": collections.Counter(), "hot": False})
        e["occ"].add(row[col["O*NET-SOC Code"]])
        e["cat"][row[col["Commodity Title"]]] += 1
        e["hot"] = e["hot"] or row[col["Hot Technology"]] == "Y"

    alias_path = os.path.join(DATA, "skill_aliases.tsv")
    curated = read_curated(alias_path, ["alias", "canonical", "flags"])
    extra_path = os.path.join(DATA, "skills_extra.tsv")
    extras = read_curated(extra_path, ["name", "category", "hot", "related"])

    # 1. Display names: automatic, then curated 'display' and 'merge' rows.
    display = {}
    for name in examples:
        shown = name
        acr = trailing_acronym(strip_software(name))
        if name.endswith(SUFFIX_SOFTWARE):
            rest = name[: -len(SUFFIX_SOFTWARE)]
            words = rest.split()
            if acr and descriptive(acr[0]):
                shown = acr[1] + SUFFIX_SOFTWARE  # "Customer relationship management CRM software"
            elif any(marked(w, i == 0) for i, w in enumerate(words)) or (
                len(words) == 1 and not generic_word(rest)
            ):
                shown = rest
        elif acr and descriptive(acr[0]):
            shown = acr[1]  # "Structured query language SQL" -> "SQL"
        display[name] = shown
    # Two long forms sharing an acronym keep their full names.
    shown_count = collections.Counter(fold(d) for n, d in display.items() if d != n)
    example_keys = {fold(n) for n in examples}
    for name, shown in display.items():
        if shown != name and shown_count[fold(shown)] > 1 and fold(shown) not in example_keys:
            display[name] = name
    for alias, canonical, flags_text, number in curated:
        flags = parse_flags(flags_text, alias_path, number)
        if "display" in flags:
            if canonical not in examples:
                sys.exit(f"{alias_path}:{number}: 'display' needs an O*NET example name")
            display[canonical] = alias

    skills = {}  # folded display -> Skill

    def skill_for(shown):
        key = fold(shown)
        if key not in skills:
            skills[key] = Skill(shown)
        return skills[key]

    for name in sorted(examples):
        s = skill_for(display[name])
        e = examples[name]
        s.onet.append(name)
        s.occupations |= e["occ"]
        s.categories.update(e["cat"])
        s.hot = s.hot or e["hot"]

    def resolve(canonical):
        if fold(canonical) in skills:
            return skills[fold(canonical)]
        if canonical in display:
            return skills[fold(display[canonical])]
        return None

    # Curated 'merge': a second O*NET spelling of the same technology.
    for alias, canonical, flags_text, number in curated:
        flags = parse_flags(flags_text, alias_path, number)
        if "merge" not in flags:
            continue
        source, target = resolve(alias), resolve(canonical)
        if not source or not target:
            sys.exit(f"{alias_path}:{number}: cannot merge {alias!r} into {canonical!r}")
        if source is target:
            continue
        target.onet += source.onet
        target.occupations |= source.occupations
        target.categories.update(source.categories)
        target.hot = target.hot or source.hot
        del skills[fold(source.name)]
        for name in source.onet:
            display[name] = target.name

    for name, category, hot, related, number in extras:
        if fold(name) in skills:
            sys.exit(f"{extra_path}:{number}: {name!r} is already an O*NET skill")
        s = skill_for(name)
        s.categories[category] += 1
        s.hot = hot == "Y"
        s.related_seed = [r for r in related.split("|") if r]

    # 2. Forms. Priority: 3 curated, 2 a name O*NET or the curation gave, 1 derived.
    candidates = collections.defaultdict(list)  # folded -> [(spelling, rule, priority, skill)]

    def add(s, spelling, rule_, priority):
        spelling = " ".join(spelling.split())
        if spelling:
            candidates[fold(spelling)].append((spelling, rule_, priority, s))

    def describes(name):
        # "Programming languages" describes; "Salesforce software" (shown as "Salesforce") names.
        return generic(name) and display.get(name) == name

    for s in skills.values():
        names = list(s.onet) or [s.name]
        if s.onet and all(describes(n) for n in s.onet):
            s.matchable = False  # never matched in text; curation may add forms
            continue
        add(s, s.name, auto_rule(s.name, False), 2)
        for name in names:
            if not describes(name):
                add(s, name, auto_rule(name, False), 2)
            for variant in derived_forms(name, s.hot):
                add(s, variant, auto_rule(variant, True), 1)
        if s.name != names[0]:
            for variant in derived_forms(s.name, s.hot):
                add(s, variant, auto_rule(variant, True), 1)

    off = set()
    for alias, canonical, flags_text, number in curated:
        flags = parse_flags(flags_text, alias_path, number)
        if "merge" in flags:
            continue
        if "off" in flags:
            off.add(fold(alias))
            continue
        s = resolve(canonical)
        if not s:
            sys.exit(f"{alias_path}:{number}: unknown canonical skill {canonical!r}")
        s.matchable = True
        add(s, alias, rule(flags), 3)

    conflicts = []
    for key in sorted(candidates):
        if key in off:
            continue
        cands = candidates[key]
        top = max(c[2] for c in cands)
        kept = [c for c in cands if c[2] == top]
        owners = {id(c[3]) for c in kept}
        if len(owners) > 1:
            exact = all("c" in c[1] for c in kept) and len({c[0] for c in kept}) == len(kept)
            if not exact:
                if top == 1:
                    conflicts.append((key, sorted({c[3].name for c in kept})))
                    continue
                if top == 3:
                    sys.exit(f"skill_aliases.tsv: {key!r} maps to several skills")
                # Two O*NET names equal but for case: the hotter, then the first, wins.
                kept.sort(key=lambda c: (not c[3].hot, c[3].name))
                kept = [c for c in kept if c[3] is kept[0][3]]
        seen = set()
        for spelling, rule_, priority, s in kept:
            ident = (spelling if "c" in rule_ else key, rule_)
            if (id(s), ident) in seen:
                continue
            seen.add((id(s), ident))
            s.forms.append((spelling, rule_))

    related = compute_related(skills)

    if report:
        print(f"skills: {len(skills)}", file=sys.stderr)
        print(f"derived aliases dropped as ambiguous: {len(conflicts)}", file=sys.stderr)
        for key, names in conflicts[:400]:
            print(f"  {key!r}: {names}", file=sys.stderr)

    lines = [
        "# AlignCV skills taxonomy. Generated by scripts/build_taxonomy.py: edit the curated files",
        "# (skill_aliases.tsv, skills_extra.tsv) and the script, not this file. Derived from O*NET",
        "# data (CC BY 4.0); see NOTICE.md.",
        "# forms: spellings matched in text, '|'-separated; suffix ~c exact case, ~x skills",
        "# context only. category: UNSPSC commodity titles, most frequent first. hot: O*NET Hot",
        "# Technology (curated for the extra skills).",
        "# related: canonical names, best first (co-occurrence across O*NET occupations).",
        "name\tforms\tcategory\thot\trelated",
    ]
    for s in sorted(skills.values(), key=lambda s: (s.name.lower(), s.name)):
        forms = sorted(s.forms, key=lambda f: (f[0] != s.name, f[0].lower(), f[0], f[1]))
        cells = [
            s.name,
            "|".join(f"{sp}~{r}" if r else sp for sp, r in forms),
            "|".join(c for c, _ in sorted(s.categories.items(), key=lambda kv: (-kv[1], kv[0]))),
            "Y" if s.hot else "N",
            "|".join(related.get(s.name, [])),
        ]
        for cell in cells:
            assert "\t" not in cell and "\n" not in cell, cell
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n", skills


def product_like(text):
    """Whether a vendor-less or ' software'-less remainder still names one product."""
    words = text.split()
    if not words or "?" in text:
        return False
    if len(words) == 1:
        return not generic_word(text) and text.upper() not in GENERIC_ACRONYMS and len(text) >= 3
    if any(marked(w, True) or not w[:1].isalnum() for w in words):
        return True  # "SQL Server", "3ds Max", "Visual J++"
    title_case = all(w[:1].isupper() or w in SMALL_WORDS for w in words)
    return title_case and words[-1] not in GENERIC_HEADS and not all(is_english(w) for w in words)


def derived_forms(name, hot):
    """Other spellings of one O*NET name: without ' software', vendor, or long form; acronym."""
    out = []
    base = strip_software(name)
    if base != name and product_like(base):
        out.append(base)
    vendor, rest = strip_vendor(base)
    if vendor and product_like(rest):
        out.append(rest)
    acr = trailing_acronym(base)
    if acr:
        long_form, acronym = acr
        # Three-letter acronyms collide with everything ("DOE", "CIS"): only well-known ones.
        wanted = len(acronym) >= 4 or hot or descriptive(long_form)
        wanted = wanted or any(c.isdigit() for c in acronym)
        if (
            wanted
            and len(acronym) >= 3
            and not is_english(acronym)
            and (descriptive(long_form) or acronym not in GENERIC_ACRONYMS)
        ):
            out.append(acronym)
            if vendor:
                out.append(f"{vendor} {acronym}")  # "Amazon EC2"
        # A descriptive long form is prose ("Management information systems"): hot ones only.
        if len(long_form.split()) >= 2 and long_form.split()[0].lower() not in SMALL_WORDS and (
            hot or not descriptive(long_form)
        ):
            out.append(long_form)
            v2, rest2 = strip_vendor(long_form)
            if v2 and product_like(rest2):
                out.append(rest2)
    return [o for o in out if o != name]


def compute_related(skills):
    """Per skill, the skills most often used by the same occupations (cosine over occupations)."""
    by_occupation = collections.defaultdict(list)
    for s in skills.values():
        for occ in s.occupations:
            by_occupation[occ].append(s)
    related = {}
    for s in skills.values():
        if not s.matchable:
            continue  # never found in text, so nobody asks for its neighbours
        counts = collections.Counter()
        for occ in s.occupations:
            for other in by_occupation[occ]:
                if other is not s and other.matchable:
                    counts[id(other)] += 1
        if not counts:
            continue
        others = {id(o): o for occ in s.occupations for o in by_occupation[occ]}
        mine = set(s.categories)
        scored = []
        for oid, n in counts.items():
            o = others[oid]
            same_category = bool(mine & set(o.categories))
            # One shared occupation is chance unless the two also share a category.
            if n < 2 and not same_category:
                continue
            score = n / math.sqrt(len(s.occupations) * len(o.occupations))
            if same_category:
                score += 0.1
            if o.hot:
                score += 0.05
            scored.append((-round(score, 9), o.name.lower(), o.name))
        scored.sort()
        # Few occupations give a weak signal: keep fewer (and the file small).
        limit = RELATED_LIMIT if s.hot or len(s.occupations) >= 3 else RELATED_LIMIT // 2
        related[s.name] = [name for _, _, name in scored[:limit]]
    # Curated links of the extra skills, both ways: the extra's own list first, and on the other
    # side after the five strongest co-occurring skills.
    names = {fold(s.name): s.name for s in skills.values()}
    incoming = collections.defaultdict(list)
    for s in sorted(skills.values(), key=lambda s: (s.name.lower(), s.name)):
        if not s.related_seed:
            continue
        mine = []
        for rank, seed in enumerate(s.related_seed):
            target = names.get(fold(seed))
            if not target:
                sys.exit(f"skills_extra.tsv: {s.name}: unknown related skill {seed!r}")
            mine.append(target)
            incoming[target].append((rank, not s.hot, s.name.lower(), s.name))
        related[s.name] = mine + [r for r in related.get(s.name, []) if r not in mine]
    for target, links in incoming.items():
        # At most three per skill, those that named it first: Python has many extras.
        extra = [name for *_, name in sorted(links)[:3]]
        theirs = [r for r in related.get(target, []) if r not in extra]
        related[target] = (theirs[:5] + extra + theirs[5:])[: RELATED_LIMIT + 2]
    for name in related:
        related[name] = related[name][: RELATED_LIMIT + 2]
    return related


# ---------------------------------------------------------------------------------------------
# Titles

NON_HEAD = set(
    """Sales Operations Systems Services Products Sciences Goods Arts Affairs Claims Benefits
    Promotions Resources Records Studies Works Parts Materials Relations Communications Means
    Athletics Activities Lands Grounds Forces Securities Commodities Utilities Facilities
    Properties Industries Humanities Specialties Foods Customs News Sports""".split()
)
IRREGULAR = {
    "Mechanics": "Mechanic",
    "Men": "Man",
    "Midwives": "Midwife",
    "Paramedics": "Paramedic",
    "Women": "Woman",
}
UNCOUNTABLE = {"Clergy", "Infantry", "Police", "Staff"}
# One-word titles that are everyday words in a résumé ("Model" of a data model) or too vague.
TITLE_STOP = set(
    """Model Guide Monitor Member Carrier Dealer Builder Driver Helper Guard Host Merchant Keyer
    Finisher Operator Sorter Runner Tender Cook Fire Area Manager Engineer Developer Analyst
    Specialist Technician Worker Assistant Officer Clerk Agent Representative Supervisor
    Coordinator Administrator Consultant Associate Intern Lead Director Caster Cutter Grader
    Checker Sampler Shaper Trimmer Pourer Measurer Packer Packager Sewer Surface Transit Cleaner
    Buyer Controller Inspector Installer Assembler Infantry Clergy Scout Presser Molder Faller
    Taper Etcher Stocker Tester""".split()
)


def is_plural_head(word):
    base = word.split("--")[-1].split("/")[-1]
    if base in IRREGULAR:
        return True
    if base in NON_HEAD or base in UNCOUNTABLE or base.endswith(("ss", "us", "ics")):
        return False
    return base.endswith("s")


def singular_word(word):
    if "--" in word:
        return "--".join(singular_word(w) for w in word.split("--"))
    if "/" in word:
        return "/".join(singular_word(w) for w in word.split("/"))
    if word in IRREGULAR:
        return IRREGULAR[word]
    if not is_plural_head(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|ch|sh|x)es$", word):
        return word[:-2]
    return word[:-1]


def singular(phrase):
    words = phrase.split()
    return " ".join(words[:-1] + [singular_word(words[-1])])


def title_variants(title):
    """Singular canonical titles for one O*NET occupation title; the first is its main one."""
    title = re.sub(r",? (Except|Including) .*$", "", title)
    parts = [p.strip() for p in title.split(",")]
    # Conjunct list: everything up to the part that starts with "and"/"or"; the rest qualifies.
    end = 1
    for i, p in enumerate(parts):
        # "Farmers, Ranchers, and Other Agricultural Managers" lists; "Hosts and Hostesses,
        # Restaurant, Lounge, and Coffee Shop" qualifies: a list ends in a plural head.
        if i > 0 and re.match(r"^(and|or) ", p) and is_plural_head(p.split()[-1]):
            end = i + 1
    conjuncts = parts[:end]
    qualifiers = parts[end:]
    if "All Other" in qualifiers and len(conjuncts) == 1 and len(conjuncts[0].split()) == 1:
        return []
    pieces = []
    for c in conjuncts:
        c = re.sub(r"^(and|or) ", "", c)
        pieces.extend(x.strip() for x in re.split(r" (?:and|or) ", c))
    words = " ".join(pieces).split()
    if any(w[:1].islower() for w in words):
        # "Agents and Business Managers of Artists": no safe split.
        return [singular_main(", ".join(conjuncts))]
    variants = []
    pending = []
    prefix = None
    for piece in pieces:
        piece = re.sub(r"^Other ", "", piece)
        ws = piece.split()
        if is_plural_head(ws[-1]):
            head = singular_word(ws[-1])
            for mod in pending:
                variants.append(f"{mod} {head}")
            pending = []
            if prefix is None:
                prefix = " ".join(ws[:-1])
            if len(ws) == 1 and prefix:
                variants.append(f"{prefix} {head}")
            else:
                variants.append(singular(piece))
        else:
            pending.append(piece)
    if not variants:
        return [singular_main(", ".join(conjuncts))]
    out = []
    for v in variants:
        if v not in out:
            out.append(v)
    return out


def singular_main(main):
    """Singular of a whole title: each plural head before "and"/"or", a comma or the end, up to a
    phrase like "of Artists" ("Captains, Mates, and Pilots of Water Vessels")."""
    words = main.split()
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w[:1].islower() and w not in ("and", "or"):
            break
        bare = w.rstrip(",")
        if bare[:1].isupper() and is_plural_head(bare) and (nxt in ("", "and", "or") or
                                                            w.endswith(",") or nxt[:1].islower()):
            words[i] = singular_word(bare) + w[len(bare):]
    return " ".join(words)


class Title:
    def __init__(self, name):
        self.name = name
        self.codes = []
        self.forms = []


def title_rule(spelling):
    return "c" if len(spelling.split()) == 1 else ""


def build_titles(onet_dir, report):
    header, rows = read_tsv(os.path.join(onet_dir, "occupation_data.tsv"))
    col = {name: i for i, name in enumerate(header)}
    titles = {}
    candidates = collections.defaultdict(list)  # folded -> [(spelling, rule, priority, Title)]

    def title_for(name):
        if fold(name) not in titles:
            titles[fold(name)] = Title(name)
        return titles[fold(name)]

    def add(t, spelling, priority):
        spelling = " ".join(spelling.split())
        if " " not in spelling and {spelling, singular_word(spelling)} & TITLE_STOP:
            return
        candidates[fold(spelling)].append((spelling, title_rule(spelling), priority, t))

    for row in sorted(rows):
        code, onet_title = row[col["O*NET-SOC Code"]], clean(row[col["Title"]])
        variants = [v for v in title_variants(onet_title) if not v.endswith(" Occupation")]
        if not variants:
            continue
        for i, v in enumerate(variants):
            t = title_for(v)
            if code not in t.codes:
                t.codes.append(code)
            add(t, v, 2)
        plural = re.sub(r",? (Except|Including) .*$", "", onet_title)
        if "," not in plural:
            # "Accountant and Auditor", and O*NET's own "Software Developers".
            for whole in (singular_main(plural), plural):
                if fold(whole) not in titles:
                    add(title_for(variants[0]), whole, 1)

    alias_path = os.path.join(DATA, "title_aliases.tsv")
    for alias, canonical, onet, number in read_curated(alias_path, ["alias", "canonical", "onet"]):
        t = titles.get(fold(canonical))
        if t is None:
            if not onet:
                sys.exit(f"{alias_path}:{number}: new title {canonical!r} needs an O*NET code")
            t = title_for(canonical)
            add(t, canonical, 3)
        for code in onet.split("|") if onet else []:
            if code not in t.codes:
                t.codes.append(code)
        spelling = " ".join(alias.split())
        candidates[fold(spelling)].append(
            (spelling, "c" if len(spelling.split()) == 1 else "", 3, t)
        )

    for key in sorted(candidates):
        cands = candidates[key]
        top = max(c[2] for c in cands)
        kept = [c for c in cands if c[2] == top]
        kept.sort(key=lambda c: c[3].name)
        if len({id(c[3]) for c in kept}) > 1:
            if top == 3:
                sys.exit(f"title_aliases.tsv: {key!r} maps to several titles")
            if report:
                print(f"  title form {key!r}: {sorted({c[3].name for c in kept})}", file=sys.stderr)
            continue
        spelling, rule_, _, t = kept[0]
        t.forms.append((spelling, rule_))

    if report:
        print(f"titles: {len(titles)}", file=sys.stderr)
    lines = [
        "# AlignCV job titles. Generated by scripts/build_taxonomy.py: edit title_aliases.tsv and",
        "# the script, not this file. Derived from O*NET data (CC BY 4.0); see NOTICE.md.",
        "# forms: spellings matched in text, '|'-separated; suffix ~c exact case.",
        "# onet: O*NET-SOC 2019 codes of the occupations the title stands for.",
        "title\tforms\tonet",
    ]
    for t in sorted(titles.values(), key=lambda t: (t.name.lower(), t.name)):
        forms = sorted(t.forms, key=lambda f: (f[0] != t.name, f[0].lower(), f[0]))
        cells = [
            t.name,
            "|".join(f"{sp}~{r}" if r else sp for sp, r in forms),
            "|".join(sorted(t.codes)),
        ]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n", titles


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    lines, size = text.count("\n"), len(text.encode())
    print(f"wrote {os.path.relpath(path, REPO)}: {lines} lines, {size} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onet", default=DEFAULT_ONET, help="folder with the O*NET TSV files")
    parser.add_argument("--out", default=DATA, help="output folder (default core/data)")
    parser.add_argument("--report", action="store_true", help="print curation hints to stderr")
    args = parser.parse_args()
    for name in ("occupation_data.tsv", "technology_skills.tsv"):
        if not os.path.isfile(os.path.join(args.onet, name)):
            sys.exit(f"{os.path.join(args.onet, name)} not found; pass --onet DIR")
    learn_english(args.onet)
    skills_text, _ = build_skills(args.onet, args.report)
    titles_text, _ = build_titles(args.onet, args.report)
    write(os.path.join(args.out, "skills.tsv"), skills_text)
    write(os.path.join(args.out, "titles.tsv"), titles_text)


if __name__ == "__main__":
    main()
