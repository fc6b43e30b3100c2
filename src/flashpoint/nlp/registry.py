"""The actor registry: countries, sector words, armed groups, IGOs/NGOs and people, read from
the tab-separated files in ``flashpoint/data/actors`` and checked line by line at load."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

SECTORS = frozenset(
    "GOV MIL COP LEG JUD SPY PTY OPP REB UAF CVL MED NGO IGO BUS REL ETH REF CRM EDU HLH".split()
)
COUNTRY_KINDS = frozenset({"name", "adj", "people", "capital", "org"})
ALONE_MODES = frozenset({"state", "group", "generic", "none", "thing"})
COREF_TARGETS = frozenset({"PERSON", "ARMED", "CRM", "ORG", "COUNTRY", "NONPERSON"})
_ID_RE = re.compile(r"^[A-Z0-9_]+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)


@dataclass(frozen=True)
class Entry:
    """A named actor: an armed group, an IGO/NGO, a medium or a named state body."""

    id: str
    name: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    kind: str = "group"  # group / org / country-org
    cased: bool = False  # links only where the text capitalises the name (converted Phoenix names)


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str | None
    role: str
    start: str
    end: str | None  # None while held


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    exact: bool = False  # links by its exact names only, never by near spelling (converted Phoenix people)

    def at(self, date: str | None) -> tuple[str | None, str | None]:
        """(country, sector) for the role held on ``date`` (YYYY[-MM[-DD]]); the latest role when no date."""
        if not self.roles:
            return None, None
        if not date:
            latest = max(self.roles, key=lambda r: r.start)
            return latest.country, latest.sector
        day = (date + "-01-01")[:10] if len(date) < 10 else date[:10]
        for role in self.roles:
            if role.start <= day and (role.end is None or day < role.end):
                return role.country, role.sector
        past = [r for r in self.roles if r.start <= day]
        nearest = max(past, key=lambda r: r.start) if past else min(self.roles, key=lambda r: r.start)
        return nearest.country, None


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class SectorWord:
    words: tuple[str, ...]
    sector: str
    label: str
    alone: str
    weak: bool
    agent: bool = False  # a generic agent noun from agents.tsv: a common noun, never a name


@dataclass(frozen=True)
class CorefRule:
    phrases: tuple[str, ...]
    refers: str
    window: int


@dataclass
class Registry:
    """Everything the actor linker knows; built by ``load_registry`` or by hand in tests."""

    countries: dict[str, Country]
    entries: dict[str, Entry]
    people: dict[str, Person]
    sectors: list[SectorWord]
    coref: list[CorefRule]
    name_cues: dict[str, str]
    combining_forms: dict[str, str] = field(default_factory=dict)  # "franco" -> FRA, in hyphenated compounds only

    def country_words(self) -> dict[str, tuple[str, str]]:
        """Lower-case country name, adjective or people -> (ISO3 code, country name)."""
        words: dict[str, tuple[str, str]] = {}
        for country in self.countries.values():
            for word in (*country.names, *country.adjectives, *country.people):
                words.setdefault(word.lower(), (country.code, country.name))
        return words

    def counts(self) -> dict[str, int]:
        """How many of each kind of actor the registry holds."""
        by_sector: dict[str, int] = {}
        for entry in self.entries.values():
            if entry.kind == "group":
                by_sector["groups"] = by_sector.get("groups", 0) + 1
            elif entry.kind == "org":
                key = entry.sector or "other"
                by_sector[key] = by_sector.get(key, 0) + 1
        return {
            "countries": len(self.countries),
            "groups": by_sector.get("groups", 0),
            "igos": by_sector.get("IGO", 0),
            "ngos": by_sector.get("NGO", 0),
            "media": by_sector.get("MED", 0),
            "people": len(self.people),
            "person_roles": sum(len(p.roles) for p in self.people.values()),
        }


_LEADING_THE = re.compile(r"^(the)\s+", re.I)
_NON_ID = re.compile(r"[^A-Z0-9]+")


def slug(text: str) -> str:
    """An id from a name: "Nouri al-Maliki" -> "NOURI_AL_MALIKI"."""
    plain = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = _LEADING_THE.sub("", plain.strip())
    return _NON_ID.sub("_", plain.upper()).strip("_") or "UNKNOWN"


def _aliases(path: Path, number: int, cell: str, *, required: bool = True) -> tuple[str, ...]:
    parts = tuple(a.strip() for a in cell.split("|") if a.strip())
    if required and not parts:
        raise DataFileError(str(path), number, "no aliases given")
    return parts


def _check_country(path: Path, number: int, code: str, *, allow_empty: bool) -> str | None:
    if not code and allow_empty:
        return None
    if code not in _ISO3:
        raise DataFileError(str(path), number, f"'{code}' is not an ISO 3166-1 alpha-3 country code")
    return code


def _check_sector(path: Path, number: int, sector: str, *, allow_empty: bool) -> str | None:
    if not sector and allow_empty:
        return None
    if sector not in SECTORS:
        raise DataFileError(str(path), number, f"unknown sector '{sector}' (one of {', '.join(sorted(SECTORS))})")
    return sector


def _check_date(path: Path, number: int, value: str, what: str) -> None:
    if not _DATE_RE.match(value):
        raise DataFileError(str(path), number, f"{what} date '{value}' is not YYYY-MM-DD")


def load_countries(path: Path) -> tuple[dict[str, Country], list[Entry]]:
    """Every pycountry country with the names, demonyms and capitals of ``countries.tsv``, and its named state bodies."""
    extra: dict[str, dict[str, list[str]]] = {}
    orgs: list[Entry] = []
    for number, row in read_table(path, ["country", "kind", "sector", "aliases"]):
        code = _check_country(path, number, row["country"], allow_empty=False)
        kind = row["kind"]
        if kind not in COUNTRY_KINDS:
            raise DataFileError(str(path), number, f"unknown kind '{kind}' (one of {', '.join(sorted(COUNTRY_KINDS))})")
        aliases = _aliases(path, number, row["aliases"])
        if kind in ("org", "capital"):
            sector = _check_sector(path, number, row["sector"], allow_empty=False)
        elif row["sector"]:
            raise DataFileError(str(path), number, f"a '{kind}' row takes no sector")
        else:
            sector = None
        if kind == "org":
            orgs.append(Entry(f"{code}_{sector}", "", code, sector, aliases, kind="country-org"))
        extra.setdefault(code, {}).setdefault(kind, []).extend(aliases)
    countries: dict[str, Country] = {}
    for record in pycountry.countries:
        code = record.alpha_3
        mine = extra.get(code, {})
        iso_names = [getattr(record, a, None) for a in ("common_name", "name", "official_name")]
        iso_names = [n for n in iso_names if n and "," not in n and "(" not in n]
        names = list(dict.fromkeys(mine.get("name", []) + iso_names))
        display = names[0] if names else record.name
        adjectives = mine.get("adj", [])
        countries[code] = Country(
            code=code,
            name=display,
            adjective=adjectives[0] if adjectives else display,
            names=tuple(names),
            adjectives=tuple(adjectives),
            people=tuple(mine.get("people", [])),
            capitals=tuple(mine.get("capital", [])),
        )
    return countries, orgs


def load_entries(path: Path, kind: str, seen: dict[str, Entry]) -> None:
    """Groups or organisations (id, name, country, sector, aliases) into ``seen``."""
    for number, row in read_table(path, ["id", "name", "country", "sector", "aliases"]):
        ident = row["id"]
        if not _ID_RE.match(ident):
            raise DataFileError(str(path), number, f"id '{ident}' must be capital letters, digits and _")
        if ident in seen:
            raise DataFileError(str(path), number, f"id '{ident}' is already used")
        if not row["name"]:
            raise DataFileError(str(path), number, "the name is empty")
        country = _check_country(path, number, row["country"], allow_empty=True)
        sector = _check_sector(path, number, row["sector"], allow_empty=False)
        aliases = _aliases(path, number, row["aliases"], required=False)
        seen[ident] = Entry(ident, row["name"], country, sector, tuple(dict.fromkeys((row["name"],) + aliases)), kind)


def load_people(path: Path, known: dict[str, Person] | None = None, *, exact: bool = False) -> dict[str, Person]:
    """People with their dated roles, keyed by id; with ``known``, people already there are kept as they are."""
    people: dict[str, Person] = {}
    kept = known or {}
    columns = ["name", "aliases", "country", "sector", "role", "start", "end"]
    for number, row in read_table(path, columns):
        if not row["name"]:
            raise DataFileError(str(path), number, "the name is empty")
        country = _check_country(path, number, row["country"], allow_empty=True)
        sector = _check_sector(path, number, row["sector"], allow_empty=True)
        _check_date(path, number, row["start"], "start")
        end = row["end"] or None
        if end is not None:
            _check_date(path, number, end, "end")
            if end < row["start"]:
                raise DataFileError(str(path), number, f"end {end} is before start {row['start']}")
        ident = slug(row["name"])
        if ident in kept:
            continue
        person = people.get(ident)
        if person is None:
            person = people[ident] = Person(ident, row["name"], exact=exact)
        for alias in _aliases(path, number, row["aliases"], required=False):
            if alias not in person.aliases:
                person.aliases.append(alias)
        person.roles.append(Role(country, sector, row["role"], row["start"], end))
    return people


def load_sectors(path: Path) -> list[SectorWord]:
    """Sector words, checking that no word is given twice."""
    words_seen: dict[str, int] = {}
    result: list[SectorWord] = []
    for number, row in read_table(path, ["words", "sector", "label", "alone", "weak"]):
        words = _aliases(path, number, row["words"])
        sector = _check_sector(path, number, row["sector"], allow_empty=False)
        if row["alone"] not in ALONE_MODES:
            raise DataFileError(str(path), number, f"alone must be one of {', '.join(sorted(ALONE_MODES))}")
        if row["weak"] not in ("", "yes", "no"):
            raise DataFileError(str(path), number, "weak must be yes, no or empty")
        if not row["label"]:
            raise DataFileError(str(path), number, "the label is empty")
        for word in words:
            if word.lower() in words_seen:
                raise DataFileError(str(path), number, f"'{word}' is already given on line {words_seen[word.lower()]}")
            words_seen[word.lower()] = number
        result.append(SectorWord(words, sector, row["label"], row["alone"], row["weak"] == "yes"))
    return result


def load_agents(path: Path, sectors: list[SectorWord]) -> list[SectorWord]:
    """Generic agent nouns (agents.tsv) as sector words that stand alone; words sectors.tsv gives are skipped."""
    taken = {w.lower() for word in sectors for w in word.words}
    result: list[SectorWord] = []
    for number, row in read_table(path, ["words", "sector", "label"]):
        words = tuple(w for w in _aliases(path, number, row["words"]) if w.lower() not in taken)
        sector = _check_sector(path, number, row["sector"], allow_empty=False)
        if not row["label"]:
            raise DataFileError(str(path), number, "the label is empty")
        if not words:
            continue
        for word in words:
            if word.lower() in taken:
                raise DataFileError(str(path), number, f"'{word}' is given twice")
            taken.add(word.lower())
        result.append(SectorWord(words, sector, row["label"], "generic", False, agent=True))
    return result


def load_coref(path: Path) -> list[CorefRule]:
    rules: list[CorefRule] = []
    for number, row in read_table(path, ["phrases", "refers", "window"]):
        if row["refers"] not in COREF_TARGETS:
            raise DataFileError(str(path), number, f"refers must be one of {', '.join(sorted(COREF_TARGETS))}")
        if not row["window"].isdigit():
            raise DataFileError(str(path), number, f"window '{row['window']}' is not a whole number")
        rules.append(CorefRule(_aliases(path, number, row["phrases"]), row["refers"], int(row["window"])))
    return rules


def load_combining_forms(path: Path) -> dict[str, str]:
    """Prefixes that stand for a country only inside a hyphenated compound ("Franco-German")."""
    forms: dict[str, str] = {}
    for number, row in read_table(path, ["form", "country"]):
        code = _check_country(path, number, row["country"], allow_empty=False)
        if not row["form"]:
            raise DataFileError(str(path), number, "the form is empty")
        forms[row["form"].lower()] = code  # type: ignore[assignment]
    return forms


def load_name_cues(path: Path) -> dict[str, str]:
    cues: dict[str, str] = {}
    for number, row in read_table(path, ["words", "sector"]):
        sector = _check_sector(path, number, row["sector"], allow_empty=False)
        for word in _aliases(path, number, row["words"]):
            cues[word.lower()] = sector
    return cues


def read_registry(directory: Path) -> Registry:
    """Read and check every file of the registry in ``directory`` (no caching)."""
    countries, state_bodies = load_countries(directory / "countries.tsv")
    entries: dict[str, Entry] = {}
    load_entries(directory / "groups.tsv", "group", entries)
    load_entries(directory / "organizations.tsv", "org", entries)
    if (directory / "phoenix_groups.tsv").exists():
        converted: dict[str, Entry] = {}
        load_entries(directory / "phoenix_groups.tsv", "group", converted)
        for ident, entry in converted.items():
            if ident in entries:
                raise DataFileError(str(directory / "phoenix_groups.tsv"), 0, f"id '{ident}' is already used")
            kind = "org" if entry.sector in ("IGO", "NGO") else "group"
            entries[ident] = Entry(entry.id, entry.name, entry.country, entry.sector, entry.aliases, kind, cased=True)
    for org in state_bodies:
        country = countries[org.country or ""]
        key = f"{org.id}:{len(entries)}"
        label = SECTOR_NOUNS.get(org.sector or "", org.sector or "")
        entries[key] = Entry(org.id, f"{country.adjective} {label}".strip(), org.country, org.sector, org.aliases, "country-org")
    people = load_people(directory / "people.tsv")
    if (directory / "phoenix_people.tsv").exists():
        people.update(load_people(directory / "phoenix_people.tsv", people, exact=True))
    sectors = load_sectors(directory / "sectors.tsv")
    if (directory / "agents.tsv").exists():
        sectors.extend(load_agents(directory / "agents.tsv", sectors))
    return Registry(
        countries=countries,
        entries=entries,
        people=people,
        sectors=sectors,
        coref=load_coref(directory / "coref.tsv"),
        name_cues=load_name_cues(directory / "name_cues.tsv"),
        combining_forms=load_combining_forms(directory / "combining_forms.tsv")
        if (directory / "combining_forms.tsv").exists() else {},
    )


# The noun used in a built name such as "Iraqi military" or "Somali government".
SECTOR_NOUNS = {
    "GOV": "government", "MIL": "military", "COP": "police", "LEG": "legislature", "JUD": "judiciary",
    "SPY": "intelligence", "PTY": "party", "OPP": "opposition", "REB": "rebels", "UAF": "militia",
    "CVL": "civilians", "MED": "media", "NGO": "NGO", "IGO": "IGO", "BUS": "business", "REL": "religious",
    "ETH": "ethnic group", "REF": "refugees", "CRM": "criminals", "EDU": "education", "HLH": "health",
}


@lru_cache(maxsize=4)
def _cached(directory: str) -> Registry:
    return read_registry(Path(directory))


def load_registry(path: str | Path | None = None) -> Registry:
    """The registry in ``path`` (default: the files shipped in the package), read once per process."""
    return _cached(str(Path(path) if path is not None else DATA_DIR))
