"""Convert the Phoenix / PETRARCH2 actor and agent dictionaries into Flashpoint registry files.

Reads ../shared/phoenix (or the folder given as the first argument) and writes, under
src/flashpoint/data/actors/:

  agents.tsv          generic agent nouns ("farmers", "mayor", "riot police") -> sector
  phoenix_people.tsv  people with dated roles (same columns as people.tsv)
  phoenix_groups.tsv  armed non-state groups, IGOs and NGOs (same columns as groups.tsv)

Rerun it after editing the selection rules below; the curated files (sectors.tsv, people.tsv,
groups.tsv, organizations.tsv) always win: a word, name or alias they already hold is left out.
Selection prefers precision: no things (vehicles, buildings, weapons), no one-word person names,
no people whose roles all ended before MIN_ROLE_END, no companies.

Usage: python scripts/convert_phoenix_actors.py [PHOENIX_DIR]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "flashpoint" / "data" / "actors"
sys.path.insert(0, str(ROOT / "src"))

from flashpoint.datafiles import read_table  # noqa: E402
from flashpoint.nlp.registry import _ISO3, SECTORS, slug  # noqa: E402

MIN_ROLE_END = "1946-01-01"  # people whose every role ended before this are left out (news archives reach back to the 1980s)
# The dictionaries stop in 2019: a role they leave open ends here, so a later article codes the
# person by country alone rather than by a post they may no longer hold.
DATA_END = "2020-01-01"

# CAMEO agent codes that are not Flashpoint sectors -> ours (None: no sector).
SECTOR_MAP = {
    "AGR": "CVL", "LAB": "CVL", "PPL": "CVL", "CVL": "CVL", "ELI": None, "ENV": "NGO", "HRI": "NGO",
    "DEV": "GOV", "RAD": "UAF", "INS": "REB", "SEP": "REB", "MNC": "BUS", "SET": "CVL",
    "MUS": "REL", "CHR": "REL", "CTH": "REL", "BUD": "REL", "HIN": "REL", "JEW": "REL", "SHI": "REL",
    "SUN": "REL", "ITH": "REL", "MOS": "REL", "JAN": "REL", "SIK": "REL", "DOX": "REL", "TAO": "REL",
    "CON": "REL", "ZRO": "REL", "ALE": "REL", "PRO": "REL", "NRM": "REL",
}
RELIGION = frozenset(k for k, v in SECTOR_MAP.items() if v == "REL")

# Agent entries whose head word is a thing, a place or an abstraction, never an actor.
THING_HEADS = frozenset("""
airliner aircraft airplane plane jet helicopter ship vessel boat tanker freighter ferry warship
battleship battlewagon frigate destroyer cruiser submarine carrier corvette gunboat dreadnought
tank vehicle truck missile rocket bomb weapon gun artillery neighbourhood neighborhood district
area region zone industry sector market economy business jail prison camp base station plant
factory building headquarters house home office monastary monastery temple mosque church school
university hospital clinic embassy consulate airport port harbour harbor road city town village
system programme program network website newspaper magazine paper journal broadcast television
radio channel budget treasury fund bank exchange stock share jumbojet supertanker containership
jetliner jetfighter kfir mig hmmwv humvee barracks bomber phalanx echelon settlement community
kingdom infirmary sanatorium sanatarium sanitarium college schoolhouse preschool kindergarten
kindergarden conservatory insurgency insurgence rebellion revolt uprising religion gangdom gangland
governance bureaucracy blog publication gazette tabloid telecom tv aerospace airline airway
agrobusiness chamber assemblage chancery judicatory judicature consistory polity authority check
checkpoint post
""".split())
# Whole agent phrases that name things.
THING_PHRASES = frozenset({"jet fighter", "jet fighters", "fighter jet", "fighter plane", "fighter aircraft"})
# Single words too common as English words or names to stand for an actor on their own.
AMBIGUOUS_WORDS = frozenset("""
boss chief head member party right left side power state house court cabinet office press
parliament congress assembly council committee body board union league army force government
guard watch mason baker cook hunter fisher miner porter smith page major general private man men
child childs childrens persons doc cantor advocate deputy counsel naval naturalized state-owned
semi-official islamic jewish jewishes mob rabble echelon assemblies intelligences medias
""".split())

LICENCE = """\
# Derived from the Phoenix / PETRARCH2 dictionaries (openeventdata/petrarch2, commit 676801c),
# copyright (c) 2014 Open Event Data Alliance, under the MIT licence:
#
#   Permission is hereby granted, free of charge, to any person obtaining a copy of this
#   software and associated documentation files (the "Software"), to deal in the Software
#   without restriction, including without limitation the rights to use, copy, modify, merge,
#   publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
#   to whom the Software is furnished to do so, subject to the following conditions:
#   The above copyright notice and this permission notice shall be included in all copies or
#   substantial portions of the Software.
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
#
# Generated by scripts/convert_phoenix_actors.py: edit the script's rules and rerun it rather
# than editing this file by hand (the curated files win over it anyway).
"""

SMALL = frozenset("of the and for in on to de del la al el bin ibn da du des von van".split())


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def phrase(raw: str) -> str:
    """A Phoenix phrase ("NURI_AL-MALIKI_") as words ("NURI AL-MALIKI")."""
    text = raw.split("#", 1)[0].strip()
    text = re.sub(r"\([^)]*\)", " ", text)  # "(AAIA)" acronyms: too ambiguous to keep
    return re.sub(r"[_\s]+", " ", text).strip(" +")


def titled(words: str) -> str:
    """Title case as the news writes a name: "ARMY OF GOD" -> "Army of God", "AL-QAEDA" -> "al-Qaeda"."""
    out = []
    for index, word in enumerate(words.split()):
        parts = []
        for part in word.split("-"):
            low = part.lower()
            if low in SMALL and (index > 0 or "-" in word):
                parts.append(low)
            else:
                parts.append(low[:1].upper() + low[1:])
        out.append("-".join(parts))
    return " ".join(out)


def code_parts(code: str) -> tuple[str | None, str | None]:
    """(ISO3 country or None, our sector or None) of a CAMEO actor code such as IRQGOV or IMGMUSALQ."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    country = chunks[0] if chunks and chunks[0] in _ISO3 else None
    rest = chunks[1:] if country else chunks
    sectors = []
    for chunk in rest:
        if chunk in SECTORS:
            sectors.append(chunk)
        elif chunk in SECTOR_MAP:
            sectors.append(SECTOR_MAP[chunk] if SECTOR_MAP[chunk] else "")
    strong = [s for s in sectors if s and s != "REL"]
    if strong:
        return country, strong[0]
    if "REL" in sectors:
        return country, "REL"
    return country, None


def _date(value: str) -> str | None:
    value = value.strip()
    if len(value) == 6 and value.isdigit():
        year = int(value[:2])
        value = ("20" if year <= 30 else "19") + value
    if len(value) != 8 or not value.isdigit():
        return None
    month, day = int(value[4:6]), int(value[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def parse_actor_file(path: Path):
    """Records (names, [(code, start, end)]) of a Phoenix actor dictionary."""
    records: list[tuple[list[str], list[tuple[str, str | None, str | None]]]] = []
    current: tuple[list[str], list] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        codes = re.findall(r"\[([^\]]+)\]", line)
        body = re.sub(r"\[[^\]]*\]", " ", line)
        if line.startswith(("\t", " ")) and not body.strip(" \t+"):
            if current is not None:
                current[1].extend(_restriction(c) for c in codes)
            continue
        if line.startswith("+"):
            if current is not None:
                name = phrase(body)
                if name:
                    current[0].append(name)
                current[1].extend(_restriction(c) for c in codes)
            continue
        name = phrase(body)
        current = ([name] if name else [], [_restriction(c) for c in codes])
        records.append(current)
    return [(names, [c for c in codes if c is not None]) for names, codes in records if names]


def _restriction(text: str) -> tuple[str, str | None, str | None] | None:
    parts = text.split()
    if not parts:
        return None
    code = parts[0].lstrip("~")
    if len(parts) == 1:
        return code, None, None
    span = parts[1]
    if span.startswith(">"):
        return code, _date(span[1:]) or "1900-01-01", None
    if span.startswith("<"):
        return code, "1900-01-01", _date(span[1:])
    if "-" in span:
        start, end = span.split("-", 1)
        return code, _date(start), _date(end)
    return code, None, None


# -- agents --------------------------------------------------------------------------------
def _plural(word: str) -> str:
    last = word.split()[-1]
    head = word[: len(word) - len(last)]
    if last.endswith("man"):
        return head + last[:-3] + "men"
    if last.endswith("person"):
        return head + last[:-6] + "people"
    if re.search(r"[^aeiou]y$", last):
        return head + last[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", last):
        return head + last + "es"
    return head + last + "s"


def convert_agents(phoenix: Path, taken: set[str]) -> list[tuple[str, str, str]]:
    macros: dict[str, list[str]] = {}
    rows: dict[str, tuple[list[str], str]] = {}
    for line in (phoenix / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip().lower() for w in macro.group(2).split(",")]
            continue
        code = re.search(r"\[~?([A-Z]+)\]", line)
        if not code:
            continue
        _, sector = code_parts("---" + code.group(1))
        if sector is None or sector not in SECTORS:
            continue
        plural = re.search(r"\{([^}]*)\}", line)
        body = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).strip()
        if re.search(r"\d", body):
            continue  # "F_16": a weapon
        forms: list[tuple[str, str | None]] = []
        found = re.search(r"![A-Z]+!", body)
        if found and found.group(0) in macros:
            for fill in macros[found.group(0)]:
                forms.append((_words(body.replace(found.group(0), fill)), ""))  # the macro lists plurals
        else:
            explicit = None
            if plural is not None:
                explicit = _words(plural.group(1))
            forms.append((_words(body), explicit))
        for word, explicit in forms:
            if not word or _is_thing(word) or word in AMBIGUOUS_WORDS or word.endswith(".") or word in THING_PHRASES:
                continue
            variants = [word]
            if explicit:
                variants.append(explicit)
            elif explicit is None and not _uncountable(word):
                variants.append(_plural(word))
            variants = [v for v in dict.fromkeys(variants) if v not in taken and v not in AMBIGUOUS_WORDS]
            if not variants:
                continue
            for v in variants:
                taken.add(v)
            rows[variants[0]] = (variants, sector)
    out = []
    for key, (variants, sector) in sorted(rows.items(), key=lambda kv: (kv[1][1], kv[0])):
        out.append(("|".join(variants), sector, variants[-1] if len(variants) > 1 else variants[0]))
    return out


def _is_thing(word: str) -> bool:
    """A vehicle, building, weapon or abstraction by its head word, singular or plural."""
    last = word.split()[-1]
    singular = {last, last[:-1] if last.endswith("s") else last, last[:-2] if last.endswith("es") else last,
                last[:-3] + "y" if last.endswith("ies") else last}
    return bool(singular & THING_HEADS)


def _uncountable(word: str) -> bool:
    """No regular plural: "riot police", "medical staff", "minister for energy"."""
    words = word.split()
    return word.endswith(("men", "people", "police", "staff", "personnel", "clergy", "s")) or any(
        w in ("of", "for", "and", "on", "in") for w in words)


def _words(text: str) -> str:
    return re.sub(r"[_\s]+", " ", text).strip().lower()


# -- people --------------------------------------------------------------------------------
def convert_people(phoenix: Path, known: set[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    for names, codes in parse_actor_file(phoenix / "Phoenix.Countries.actors.txt"):
        dated = [(c, s, e) for c, s, e in codes if s or e]
        if not dated:
            continue  # a country, a body or an undated entry: not a person with roles
        full = [n for n in names if len(n.split()) >= 2 and not any(ch.isdigit() for ch in n)]
        if not full:
            continue
        name = titled(full[0])
        ident = slug(name)
        aliases = [titled(n) for n in full[1:]]
        if ident in seen or _plain(name) in known or any(_plain(a) in known for a in aliases):
            continue
        roles = []
        for code, start, end in dated:
            country, sector = code_parts(code)
            if country is None:
                continue
            start = start or "1900-01-01"
            end = end or DATA_END
            if end < start:
                continue
            roles.append((country, sector or "", code, start, end or ""))
        if not roles or all(r[4] and r[4] < MIN_ROLE_END for r in roles):
            continue
        seen.add(ident)
        alias_cell = "|".join(dict.fromkeys(a for a in aliases if _plain(a) != _plain(name)))
        # The role that starts latest first: the linker takes the first row that covers a date.
        for index, (country, sector, code, start, end) in enumerate(sorted(roles, key=lambda r: r[3], reverse=True)):
            rows.append([name, alias_cell if index == 0 else "", country, sector, f"Phoenix {code}", start, end])
    return rows


# -- groups and organisations --------------------------------------------------------------
def convert_groups(phoenix: Path, known: set[str], ids: set[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    sources = [("Phoenix.MilNonState.actors.txt", {"REB", "UAF", "CRM", "OPP", "PTY"}),
               ("Phoenix.International.actors.txt", {"IGO", "NGO"})]
    for filename, wanted in sources:
        for names, codes in parse_actor_file(phoenix / filename):
            undated = [c for c, s, e in codes if not s and not e]
            if not undated:
                continue  # dated codes belong to people (a secretary-general), not bodies
            code = undated[0]
            country, sector = code_parts(code)
            if code.startswith(("IGO", "NGO", "IMG")):
                country = None
                sector = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB"}[code[:3]]
            if sector not in wanted:
                continue
            full = [n for n in names if len(n.split()) >= 2 and len(n) >= 8]
            if not full:
                continue
            name = titled(full[0])
            if _plain(name) in known or any(_plain(titled(n)) in known for n in full):
                continue
            ident = "PHX_" + slug(name)[:40].strip("_")
            if ident in ids:
                continue
            ids.add(ident)
            aliases = [titled(n) for n in full[1:]]
            for n in full:
                known.add(_plain(titled(n)))
            rows.append([ident, name, country or "", sector, "|".join(dict.fromkeys(a for a in aliases if a != name))])
    return rows


def _known_names() -> tuple[set[str], set[str], set[str]]:
    """Curated words (sectors), names (people, groups, orgs) and ids, in plain lower case."""
    words: set[str] = set()
    for _, row in read_table(OUT / "sectors.tsv", ["words", "sector", "label", "alone", "weak"]):
        words.update(w.strip().lower() for w in row["words"].split("|"))
    names: set[str] = set()
    for _, row in read_table(OUT / "people.tsv", ["name", "aliases", "country", "sector", "role", "start", "end"]):
        names.update(_plain(n) for n in [row["name"], *row["aliases"].split("|")] if n)
    ids: set[str] = set()
    for filename in ("groups.tsv", "organizations.tsv"):
        for _, row in read_table(OUT / filename, ["id", "name", "country", "sector", "aliases"]):
            ids.add(row["id"])
            names.update(_plain(n) for n in [row["name"], *row["aliases"].split("|")] if n)
    return words, names, ids


def _write(path: Path, header: str, columns: list[str], rows) -> None:
    lines = [LICENCE + header.rstrip("\n"), "\t".join(columns)]
    lines.extend("\t".join(row) for row in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def main(argv: list[str]) -> None:
    phoenix = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "phoenix"
    if not (phoenix / "Phoenix.agents.txt").exists():
        phoenix = Path("/work/shared/phoenix")
    words, names, ids = _known_names()
    _write(OUT / "agents.tsv",
           "# Generic agent nouns: kinds of actor ('farmers', 'riot police', 'mayor'), from Phoenix.agents.txt.\n"
           "# Words already in sectors.tsv are left out (sectors.tsv wins); vehicles, buildings and other\n"
           "# things are left out. A word links as a generic actor; after a country word or a group\n"
           "# it combines like a sector word ('Iraqi farmers' -> IRQ_CVL).\n"
           "# columns: words (singular|plural, any case)  sector  label (the name of the generic actor)\n",
           ["words", "sector", "label"], convert_agents(phoenix, set(words)))
    _write(OUT / "phoenix_people.tsv",
           "# People with dated roles, from Phoenix.Countries.actors.txt: same columns as people.tsv.\n"
           f"# Only people with a role ending on or after {MIN_ROLE_END}, names of two words or more; a role the\n"
           f"# dictionaries leave open ends on {DATA_END} (they stop in 2019).\n"
           "# people already in people.tsv are left out. These names link exactly, never by near spelling.\n",
           ["name", "aliases", "country", "sector", "role", "start", "end"], convert_people(phoenix, set(names)))
    _write(OUT / "phoenix_groups.tsv",
           "# Armed non-state groups (Phoenix.MilNonState.actors.txt) and IGOs/NGOs (Phoenix.International.actors.txt):\n"
           "# same columns as groups.tsv. Names of two words or more; names already in groups.tsv or\n"
           "# organizations.tsv are left out. They link only where the text capitalises them.\n",
           ["id", "name", "country", "sector", "aliases"], convert_groups(phoenix, names, ids))


if __name__ == "__main__":
    main(sys.argv)
