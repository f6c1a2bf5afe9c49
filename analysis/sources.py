"""Who says so: profile the source of every attribution.

Per attribution (:func:`describe_sources`):

* ``identification``: ``named`` | ``institutional`` | ``anonymous`` | ``vague`` | ``pronoun`` | ``self`` | ``none``
* ``kind``: ``person`` | ``official`` | ``media`` | ``expert`` | ``organization`` | ``document`` | ``unknown``
* ``side``: affiliation from the actor dictionary (:mod:`analysis.actors`, ``lexicons/actors.yaml``,
  user-extensible), e.g. ``russia``, ``ukraine``, ``united-states``, ``trump-campaign``
* ``resolved_text``: pronoun sources resolved to an earlier antecedent or a transcript's speaker; an
  office named without a person resolved to its holder on the article's date
* ``anonymity_reason``: the stated reason for anonymity ("speaking on condition of anonymity ...")
* ``source_evidence``: the lexicon entries that decided (``actors.yaml: TASS; ...``)

Decisions a teacher may ask about:

* A personal relation without a name ("your friend", "my father", "his wife", "a friend", "her
  neighbour", "the victim's mother", "relatives") is ``anonymous``, kind ``person``, evidence
  "unnamed individual described by a relation" (``source_types.yaml: anonymous.relations``): no body
  or role speaks (not institutional) and the person is specific (not vague). A quantifier keeps it
  vague ("some friends"); a name makes it named ("his wife, Jane Roe"); professional roles ("his
  lawyer") stay institutional; the relative of a public figure (a person in the actor dictionary or
  a capitalised office: "the President's wife", "Donald Trump's son") is identified through that
  figure, so institutional.

* Who is "I" in a transcript (:func:`speaker_turns`, ``lexicons/speaker_turns.yaml``): a turn marker
  ("Vladimir Putin:", "President of Russia Vladimir Putin:", "SECRETARY BLINKEN:" at a line or sentence
  start) makes every I/me/we/us source up to the next marker that speaker, named as the label names
  them, with the side and kind the actor dictionary gives the name (evidence "speaker turn
  '<label>:'"). "We" in a turn is the speaker speaking for their side: resolved_text names the
  speaker, side is the speaker's. A turn by an unnamed speaker ("Question:", "Remark:") leaves its
  I/we unresolved; an upper-case heading ("FACT SHEET:") ends a turn and resolves nothing; a
  headline naming a speech ("Speech by President of Ukraine Volodymyr Zelenskyy in ...", "... -
  address by the President of Ukraine") makes the release that speaker's. Without any of these the
  nearest fitting source or name before the pronoun is taken, as before. Measured on the 1,795
  Kremlin and Ukrainian-presidency releases: first-person sources with a side 2,513/3,090 -> 2,868
  (Kremlin) and 1,019/1,279 -> 1,268 (Ukraine); attributed content words with a known side 62.1% ->
  66.2% and 86.3% -> 87.8%; in a random sample of 40 changed rows 8 were right before, 40 after.

* Who is "the President": an office named without a person ("the President of Ukraine", "Russia's
  President"), or the bare role ("the President", "the Head of State") in a release of the office's
  own outlet (``outlet_homes`` with ``office`` in actors.yaml), resolves to the holder on the
  article's date (``offices``: holders with from/until dates), so pronouns standing for it do too.
  Identification stays ``institutional`` (the text names a role; the evidence says "office
  'President of Ukraine' held by Volodymyr Zelensky on 2022-03-01"); undated articles resolve
  nothing. On the Kremlin and Ukrainian releases 1,745 of 16,955 rows resolve this way (1,568 to
  Zelensky, 177 to Putin), and the top-sources table counts one actor's spellings together
  (:func:`top_sources`): Zelenskyy's rows were split over "Volodymyr Zelenskyy" (2,111),
  "President" (1,251) and "Head of State" (489), now one bar of 3,985. PolNeAR train: no row changes.

* A joint source of several sides ("Vladimir Putin and Emmanuel Macron", "the United States and NATO":
  a plain coordination whose parts each name an actor) has no single side: ``side`` is null and the
  evidence names the sides. It used to take the last name's side. 56 rows of the war corpora and 23 of
  PolNeAR train change. Appositions and clauses ("Jo Roe, a Democrat and former senator") are one party.

* A source opening with a possessive ("Russian forces, according to their own accounts", "his
  advisers") takes the side of its owner: the nearest actor before it in the sentence ("his"/"her":
  a person of that gender), evidence "possessive 'their' -> 'Russian'". The seed article's last claim
  now shows as Russia's own account. 32 rows of PolNeAR train and 4 of the war corpora gain a side.

* A definite description that names an earlier source again by its noun ("the source claimed" after
  "A source close to the investigation told TASS", "the poll" after "a new statewide poll") refers back
  to it: ``resolved_text`` is the first mention, evidence "refers back to ...", and
  :func:`analysis.attribution.extract_attributions` gives it the first mention's relay (``via``, TASS).
  The noun must head the earlier phrase ("a State Department official" is no department). PolNeAR
  train: 42 rows, all read right; war corpora: 2.

Corpus tables: :func:`source_profile`, :func:`side_balance`, :func:`outlet_sourcing`,
:func:`top_sources`, :func:`cue_stance_by_outlet` and the views of notebook 02. Parties that did
not comment: :mod:`analysis.no_comment`.

Everything is rule based: word lists and patterns live in YAML under ``analysis/lexicons/``
(``actors.yaml``, ``source_types.yaml``), are loaded once and compiled to regular expressions.

>>> import pandas as pd
>>> text = "Peskov said the talks failed. Analysts say more is coming."
>>> rows = pd.DataFrame({"attribution_id": [0, 1], "source_text": ["Peskov", "Analysts"],
...                      "source_start": [0, 30], "source_end": [6, 38]})
>>> describe_sources(text, rows)[["identification", "kind", "side"]].values.tolist()
[['named', 'official', 'russia'], ['vague', 'expert', <NA>]]
"""
from __future__ import annotations

import bisect
import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from . import paths, segment
from .corpus import period_freq
from .actors import (  # noqa: F401  (re-exported: the actor dictionary lived here)
    ACTORS_FILE, Actor, ActorDictionary, ActorMatch, _as_actors, _read_yaml, find_actors,
    load_actors,
)
from .patterns import trie_pattern

__all__ = [
    "describe_sources",
    "describe_columns",
    "speaker_turns",
    "load_actors",
    "find_actors",
    "load_source_types",
    "source_profile",
    "side_balance",
    "outlet_sourcing",
    "top_sources",
    "cue_stance_by_outlet",
    "DESCRIBE_COLUMNS",
    "IDENTIFICATIONS",
    "KINDS",
]

IDENTIFICATIONS = ["named", "institutional", "anonymous", "vague", "pronoun", "self", "none"]
KINDS = ["person", "official", "media", "expert", "organization", "document", "unknown"]
DESCRIBE_COLUMNS = ["identification", "resolved_text", "kind", "side", "anonymity_reason", "source_evidence"]

_STRING = pd.StringDtype("python")  # nullable strings (as in analysis.attribution); builds fastest
TYPES_FILE = "source_types.yaml"


# --------------------------------------------------------------------------- source types
def _variants(term: str) -> list[str]:
    """A term plus its regular plural forms (analyst -> analysts; authority -> authorities)."""
    out = [term]
    if term.endswith("man"):
        out.append(term[:-3] + "men")
    elif term.endswith("y") and len(term) > 2 and term[-2] not in "aeiou":
        out.append(term[:-1] + "ies")
    elif term.endswith(("s", "x", "ch", "sh")):
        out.append(term + "es")
    else:
        out.append(term + "s")
    return out


def _term_regex(terms: Iterable[str]) -> re.Pattern:
    alts = {t.lower() for t in terms if t}
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])" + trie_pattern(alts) + r"(?![\w-])", re.IGNORECASE)


def _group_regex(patterns: list[dict]) -> tuple[re.Pattern, list[dict]]:
    """One alternation of named groups g0, g1 ... so a single search says which entry matched."""
    if not patterns:
        return re.compile(r"(?!x)x"), []
    body = "|".join(f"(?P<g{i}>{p['pattern']})" for i, p in enumerate(patterns))
    return re.compile(body, re.IGNORECASE), patterns


@dataclass(frozen=True, eq=False)
class SourceTypes:
    """Compiled ``source_types.yaml``."""

    pronoun_class: Mapping[str, str]  # pronoun -> person | plural | thing | other
    relative: frozenset  # relative pronouns (who, which, that): resolved to the noun phrase just before
    pronoun_gender: Mapping[str, str]  # she -> f, he -> m
    gender_regex: re.Pattern  # gendered titles and role nouns ("Mrs.", "spokeswoman")
    gender_of: Mapping[str, str]
    self_regex: re.Pattern
    self_entries: list
    mastheads: frozenset
    self_cue: re.Pattern
    anonymous_regex: re.Pattern
    anonymous_entries: list
    reason_regex: re.Pattern
    reason_entries: list
    vague_terms: frozenset
    quantifier: re.Pattern
    kind_regex: re.Pattern
    kind_of: Mapping[str, str]
    plural_forms: frozenset
    bodies: frozenset
    common_words: frozenset
    indefinite: re.Pattern  # indefinite determiners of unnamed individuals, at the start of a span
    on_record: frozenset  # role words that stay institutional after an indefinite article
    relations: frozenset  # personal relation nouns ("friend", "father"): unnamed individuals, anonymous
    speakers: frozenset  # I, we: antecedent must be a person or an organisation, never a text or an event
    clause_markers: frozenset  # subject/object pronouns that show a span is a clause, not a noun phrase
    negatives: frozenset  # nobody, everyone, someone: never an antecedent
    distributive: frozenset  # both, each, either, neither: + noun = an identified set
    trailing: frozenset  # time words and adverbs that may end a span after a name ("today", "also")
    verbs_adverbs: frozenset  # words the Pattern lexicon tags as past/3rd-person verbs or adverbs
    crowd_numbers: frozenset  # hundred, thousand, million: "two million people" is a crowd
    subject_pronouns: frozenset  # he, we, they, you ... (not possessives): may open a run-on span
    owners: frozenset  # my, our, your: "my dad" is never the antecedent of I or we
    known_group_det: frozenset  # the, these ...: "the researchers" is a known group


def _pattern_lexicon_entries() -> list[list[str]]:
    """The (word, tag, ...) lines of the Pattern/Brill lexicon shipped with TextBlob (comments left
    out); empty when TextBlob or its lexicon file is missing."""
    import importlib.util

    spec = importlib.util.find_spec("textblob")
    if spec is None or spec.origin is None:
        return []
    try:
        with open(Path(spec.origin).parent / "en" / "en-lexicon.txt", encoding="utf-8") as fh:
            return [parts for parts in (line.split() for line in fh if not line.startswith(";")) if len(parts) >= 2]
    except OSError:  # pragma: no cover - textblob data missing
        return []


@functools.lru_cache(maxsize=1)
def _pattern_lexicon_common_words() -> frozenset:
    """Lower-cased words the Pattern/Brill lexicon (shipped with TextBlob) tags as common words."""
    words = set()
    for parts in _pattern_lexicon_entries():
        if not parts[1].startswith("NNP") and parts[0].islower():
            words.add(parts[0])
            if parts[1] == "NNS":
                words.add(parts[0] + "\tNNS")  # marks plural common nouns ("businesspeople")
        elif parts[0][:1].isupper() and not parts[1].startswith(("NNP", "JJ")):
            words.add(parts[0] + "\tCAP")  # a capitalised word tagged common ("Today", "Namely")
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _pattern_lexicon_verbs_adverbs() -> frozenset:
    """Lower-case words the Pattern/Brill lexicon tags VBD, VBN, VBZ or RB ("expressed", "also")."""
    return frozenset(parts[0] for parts in _pattern_lexicon_entries()
                     if parts[1] in {"VBD", "VBN", "VBZ", "RB"} and parts[0].islower())


_POSSESSIVE_CLASS = {"his": "person", "her": "person", "my": "person", "their": "plural", "our": "plural",
                     "its": "thing", "your": "other"}


def _pronoun_classes(pron: Mapping) -> dict[str, str]:
    out: dict[str, str] = {}
    for group, cls in [("other", "other"), ("possessive", None), ("relative_thing", "thing"),
                       ("relative_person", "person"), ("thing", "thing"), ("plural", "plural"),
                       ("person", "person")]:
        for word in pron.get(group, []) or []:
            word = str(word).lower()
            out[word] = cls or _POSSESSIVE_CLASS.get(word, "other")
    return out


@functools.lru_cache(maxsize=1)
def load_source_types() -> SourceTypes:
    """Compiled ``lexicons/source_types.yaml`` (cached).

    >>> st = load_source_types()
    >>> st.pronoun_class["he"], st.kind_of["analysts"]
    ('person', 'expert')
    """
    data = _read_yaml(paths.LEXICONS / TYPES_FILE)
    pron = data.get("pronouns", {})
    self_regex, self_entries = _group_regex(data.get("self", {}).get("patterns", []))
    cue_regex, _ = _group_regex(data.get("self", {}).get("self_cues", {}).get("patterns", []))
    anon = data.get("anonymous", {})
    anon_regex, anon_entries = _group_regex(anon.get("patterns", []))
    indef = anon.get("indefinite_roles", {}) or {}
    genders = data.get("genders", {}) or {}
    gender_of = {v: g for key, g in (("female", "f"), ("male", "m")) for t in genders.get(key, []) or []
                 for v in _variants(str(t).lower())}
    reason_regex, reason_entries = _group_regex(anon.get("reasons", {}).get("patterns", []))
    vague = data.get("vague", {})
    vague_terms = {v.lower() for t in vague.get("terms", []) for v in _variants(str(t))}
    quant = vague.get("quantifier_heads", {}).get("terms", [])
    kind_of: dict[str, str] = {}
    plural: set[str] = set()
    relations = {v for t in (anon.get("relations", {}) or {}).get("terms", []) or []
                 for v in _variants(str(t).lower())}
    for kind, group in (data.get("kinds", {}) or {}).items():
        if not isinstance(group, Mapping):
            continue
        for term in group.get("terms", []):
            forms = _variants(str(term).lower())
            for i, form in enumerate(forms):
                kind_of.setdefault(form, kind)
                if i:
                    plural.add(form)
    for term in (anon.get("relations", {}) or {}).get("terms", []) or []:  # relation nouns are person words
        for i, form in enumerate(_variants(str(term).lower())):
            kind_of.setdefault(form, "person")
            if i:
                plural.add(form)
    plural |= {"people", "police", "authorities", "troops", "forces", "media", "staff", "many", "some",
               "others", "several", "they", "we"}
    bodies = {v.lower() for t in data.get("bodies", {}).get("terms", []) for v in _variants(str(t))}
    bodies |= {w for w, k in kind_of.items() if k in {"organization", "document"}}
    quantifier = re.compile(
        r"^(?:" + "|".join(re.escape(q) for q in sorted(quant, key=len, reverse=True)) + r")\b", re.IGNORECASE
    ) if quant else re.compile(r"(?!x)x")
    return SourceTypes(
        pronoun_class=_pronoun_classes(pron),
        pronoun_gender={**{str(w).lower(): "f" for w in pron.get("female", []) or []},
                        **{str(w).lower(): "m" for w in pron.get("male", []) or []}},
        gender_regex=_term_regex(gender_of),
        gender_of=gender_of,
        relative=frozenset(str(w).lower() for g in ("relative_person", "relative_thing") for w in pron.get(g, []) or []),
        self_regex=self_regex,
        self_entries=self_entries,
        mastheads=frozenset(str(t).lower() for t in data.get("self", {}).get("masthead", {}).get("terms", [])),
        self_cue=cue_regex,
        anonymous_regex=anon_regex,
        anonymous_entries=anon_entries,
        reason_regex=reason_regex,
        reason_entries=reason_entries,
        vague_terms=frozenset(vague_terms),
        quantifier=quantifier,
        kind_regex=_term_regex(kind_of),
        kind_of=kind_of,
        plural_forms=frozenset(plural),
        bodies=frozenset(bodies),
        common_words=_pattern_lexicon_common_words(),
        indefinite=re.compile(r"^(?:" + "|".join(re.escape(d) for d in sorted(
            indef.get("determiners", []), key=len, reverse=True)) + r")\b", re.IGNORECASE)
        if indef.get("determiners") else re.compile(r"(?!x)x"),
        on_record=frozenset(v for t in indef.get("on_record", []) for v in _variants(str(t).lower())),
        relations=frozenset(relations),
        speakers=frozenset(str(w).lower() for w in pron.get("speakers", []) or []),
        clause_markers=frozenset(str(w).lower() for w in pron.get("clause_markers", []) or []),
        negatives=frozenset(str(w).lower() for w in vague.get("not_antecedents", {}).get("terms", []) or []),
        distributive=frozenset(str(w).lower() for w in vague.get("distributive", {}).get("terms", []) or []),
        trailing=frozenset(str(w).lower() for w in data.get("trailing_words", {}).get("terms", []) or []),
        verbs_adverbs=_pattern_lexicon_verbs_adverbs(),
        crowd_numbers=frozenset(str(w).lower() for w in indef.get("crowd_numbers", []) or []),
        owners=frozenset(str(w).lower() for w in pron.get("owners", []) or []),
        subject_pronouns=frozenset(str(w).lower() for g in ("person", "plural", "thing", "other")
                                   for w in pron.get(g, []) or []) - {str(w).lower() for w in
                                                                      pron.get("possessive", []) or []} - {"one"},
        known_group_det=frozenset(str(w).lower() for w in vague.get("known_groups", {}).get("determiners", [])
                                  or []),
    )


# --------------------------------------------------------------------------- classify one source
_POSTMOD = re.compile(
    r",|\(|\s[-–—]\s|\s(?:of|for|at|from|with|in|on|to|close to|familiar|who|whom|whose|which|that|speaking|"
    r"living (?:in|at)|working (?:in|at|for|on|with)|based (?:in|at|on|near)|"
    r"citing|according|by|representing|inside|within|near|involved|knowledgeable|briefed|under|said|told|"
    # a participle after a poll or a report: "a new Post-ABC poll released Sunday"
    r"released|published|conducted|taken|commissioned|issued|posted)\b",
)
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.\-]*[\w])?\.?")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
                "your", "one", "two", "three", "four", "another", "some", "many", "several"}
_DEFINITE = re.compile(r"^(?:the|this|that|these|those|his|her|its|their|our|my|your)\b|^\w+['’]s\b",
                       re.IGNORECASE)
_TITLES = {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "adm.", "prof.", "rev.",
           "president", "senator", "governor", "secretary", "minister", "mayor", "judge", "general",
           "spokesman", "spokeswoman", "spokesperson", "ambassador", "chancellor", "director", "chairman"}
_POSSESSOR = re.compile(r"([A-Z][\w.\-]*(?:\s+(?:and\s+)?[A-Z][\w.\-]*)*)['’]s?\s+(?:[\w\-]+\s+){0,2}$")
_TITLE_KIND = {"mr": "person", "mrs": "person", "ms": "person", "miss": "person", "dr": "expert", "prof": "expert",
               "sen": "official", "rep": "official", "gov": "official", "gen": "official", "col": "official",
               "lt": "official", "adm": "official", "president": "official", "senator": "official",
               "governor": "official", "secretary": "official", "minister": "official", "mayor": "official",
               "judge": "official", "general": "official", "ambassador": "official", "chancellor": "official",
               "spokesman": "official", "spokeswoman": "official", "spokesperson": "official",
               "director": "official", "chairman": "official"}
_WORDS = re.compile(r"\w+(?:['’]\w+)*")
# cheap pre-check (plain substring tests): only texts with one of these can state an anonymity reason
_REASON_HINTS = ("anonym", "condition", "authori", "permitted", "allowed to", "be named", "be identified",
                 "by name", "sensitiv", "background", "fear of", "to discuss", "security reasons",
                 "safety reasons", "cleared to")


@dataclass
class _Profile:
    identification: str
    kind: str
    side: str | None
    evidence: list
    person_like: bool = False
    plural: bool = False
    body: bool = False
    reason_ok: bool = True  # may an anonymity reason nearby make it anonymous
    pronoun: str | None = None  # person | plural | thing | other, for pronoun sources
    name: str | None = None  # the proper name inside the span, used when a pronoun resolves to it
    relative: bool = False  # who / which / that
    gender: str | None = None  # "f" | "m" when known (pronoun resolution)
    speaker: bool = False  # I / we: stands for people or an organisation
    antecedent_ok: bool = True  # may a pronoun resolve to this source (not a clause, not "nobody")
    owned: bool = False  # opened by my/our/your ("my dad"): never the antecedent of I or we


def _strip_token(tok: str) -> str:
    tok = re.sub(r"['’]s$", "", tok)
    if tok.endswith(".") and tok.count(".") == 1 and tok.lower() not in _TITLES:
        tok = tok[:-1]
    return tok


_GENERIC_LABELS = frozenset({"www", "en", "eng", "english", "news", "com", "org", "net", "gov", "edu", "int",
                             "co", "uk", "ua", "ru", "us", "de", "fr", "eu", "info", "online", "media"})


def _squeeze(name: str) -> str:
    """Lower-cased name without a leading "the" and without spaces, dots, hyphens, underscores."""
    return re.sub(r"[\s._\-]+", "", re.sub(r"^the\s+", "", name.lower()))


@functools.lru_cache(maxsize=256)
def _outlet_labels(outlet: str, st: SourceTypes) -> frozenset:
    """Names an outlet may call itself by: its host's distinctive labels ("en.wikinews.org" ->
    "wikinews"), its whole name squeezed ("white_house" -> "whitehouse"). Role or body words
    ("president.gov.ua", "kremlin.ru") are left out: "the President" there is a person, not the site.

    >>> sorted(_outlet_labels("en.wikinews.org", load_source_types()))
    ['enwikinewsorg', 'wikinews']
    >>> sorted(_outlet_labels("president.gov.ua", load_source_types()))
    ['presidentgovua']
    """
    labels = {lab for lab in re.split(r"[.]", outlet.lower()) if len(lab) >= 4 and lab not in _GENERIC_LABELS}
    words = {w for lab in labels for w in re.split(r"[_\-]", lab)}
    if any(w in st.kind_of or w in st.bodies for w in words):
        labels = {lab for lab in labels if not any(w in st.kind_of or w in st.bodies for w in re.split(r"[_\-]", lab))}
    return frozenset({_squeeze(lab) for lab in labels} | {_squeeze(outlet)})


def _is_proper(tok: str, first: bool, st: SourceTypes, actors: ActorDictionary) -> bool:
    """Capitalised word that is a name, not a capitalised common word or a nationality adjective."""
    core = _strip_token(tok)
    if not core or not core[0].isupper():
        return False
    low = core.lower()
    if core in actors.lookup:
        return actors.lookup[core][1]
    if low in st.kind_of or low in st.vague_terms or low in _DETERMINERS or low in st.pronoun_class \
            or low.rstrip(".") + "." in _TITLES or low in _TITLES or st.quantifier.fullmatch(low):
        return False
    if low in st.common_words:
        # A capitalised common word: a name only mid-span and when its capital is not explained away.
        return not first and not core.isupper()
    return True


_INITIAL = re.compile(r"^[A-Z]\.$")
_CONTRACTION = re.compile(r"['’](?:re|ve|d|ll|m|s)$")
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})


def _trailing_words(tokens: list, st: SourceTypes) -> int:
    """How many lower-case verbs, adverbs or time words end the span after a capitalised word
    ("Vladimir Putin expressed", "Duda also", "President Biden today"): spans that ran on past the
    name. 0 when there are none or no capitalised word precedes them.

    >>> st = load_source_types()
    >>> [_trailing_words(list(_TOKEN.finditer(s)), st) for s in ["Ann Lee also noted", "the officials"]]
    [2, 0]
    """
    n = 0
    for tok in reversed(tokens):
        word = tok.group(0)
        if word[:1].islower() and (word in st.trailing or word in st.verbs_adverbs):
            n += 1
        else:
            break
    if n and n < len(tokens) and tokens[-n - 1].group(0)[:1].isupper():
        return n
    return 0
_RELATIVE_START = re.compile(r"\s*(?:who|whom|whose|which|that|where|when|while|whose)\b", re.IGNORECASE)
_NAME_SUFFIX = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iii.", "iv"})


def _trailing_person(span: str, found, st: SourceTypes, actors: ActorDictionary) -> str | None:
    """The personal name that ends a titled span ("Secretary of Defense Lloyd J. Austin III" ->
    "Lloyd J. Austin III"): a person in the actor dictionary, or two or more capitalised words that
    are not common words (middle initials and Jr./III allowed).

    >>> from analysis.actors import load_actors
    >>> st, actors = load_source_types(), load_actors()
    >>> _trailing_person("Secretary of Energy Jennifer M. Granholm", actors.find("x"), st, actors)
    'Jennifer M. Granholm'
    >>> _trailing_person("Ministry of Foreign Affairs", [], st, actors) is None
    True
    """
    tokens = list(_TOKEN.finditer(span))
    end = len(tokens)
    while end and _strip_token(tokens[end - 1].group(0)).lower() in _NAME_SUFFIX:
        end -= 1
    for a in found:
        if a.alias and a.actor.type == "person" and tokens[:end] and a.end >= tokens[end - 1].end():
            return span[a.start:tokens[-1].end()]
    run = []
    for tok in reversed(tokens[:end]):
        word = tok.group(0)
        core = _strip_token(word)
        if _INITIAL.match(word) and run:
            run.insert(0, tok)
            continue
        if core[:1].isupper() and core.lower() not in st.common_words and core.lower() not in st.kind_of \
                and _is_proper(word, False, st, actors):
            run.insert(0, tok)
            continue
        break
    if sum(not _INITIAL.match(t.group(0)) for t in run) >= 2:
        return span[run[0].start():tokens[-1].end()]
    return None


def _classify(src: str, cue: str, types: SourceTypes, actors: ActorDictionary, outlet: str | None,
              initial: bool = True) -> _Profile:
    """Profile one source span. ``initial``: the span opens a sentence (its first capital means nothing)."""
    st = types
    stripped = src.strip().strip("\"'“”‘’")
    low = stripped.lower()
    # 1. the outlet itself
    m = st.self_regex.search(stripped)
    if m:
        return _Profile("self", "media", None, [f"{TYPES_FILE}: self '{m.group(0)}'"], body=True)
    if outlet and low in {outlet.lower(), "the " + outlet.lower()}:
        return _Profile("self", "media", None, [f"outlet name '{outlet}'"], body=True)
    if outlet and _squeeze(low) in _outlet_labels(outlet, st):  # "Wikinews" on en.wikinews.org
        known = actors.lookup.get(stripped) or actors.lookup.get(re.sub(r"^[Tt]he\s+", "", stripped))
        actor = known[0] if known and known[1] else None
        return _Profile("self", actor.kind if actor else "media", actor.side if actor else None,
                        [f"outlet '{outlet}' names itself '{stripped}'"], body=True)
    if outlet:  # another name of the same outlet ("The Ledger" in The Harbour Ledger, "VNA")
        mine = actors.lookup.get(outlet)
        theirs = actors.lookup.get(stripped) or actors.lookup.get(re.sub(r"^[Tt]he\s+", "", stripped))
        if mine and theirs and mine[0].name == theirs[0].name:
            return _Profile("self", "media", mine[0].side,
                            [f"actors.yaml: '{stripped}' and the outlet '{outlet}' are {mine[0].name}"],
                            body=True)
    if low in st.mastheads and cue and st.self_cue.search(cue):
        return _Profile("self", "media", None, [f"{TYPES_FILE}: self masthead '{stripped}' + cue '{cue}'"],
                        body=True)
    if low in st.mastheads and stripped.split()[-1][:1].isupper() and stripped not in actors.lookup:
        # "The Post said": another newspaper, named ("the star" in lower case is a celebrity)
        return _Profile("named", "media", None, [f"{TYPES_FILE}: masthead '{stripped}' (a newspaper)"], body=True,
                        reason_ok=False, name=stripped)
    # 2. a bare pronoun ("We’re" and "I've" are spans that ran into a contraction)
    pclass = st.pronoun_class.get(low)
    if pclass is None and _CONTRACTION.search(low):
        low = _CONTRACTION.sub("", low)
        pclass = st.pronoun_class.get(low)
    if pclass is None:  # "I suggest", "we kept": a pronoun whose span ran on into its verb
        words = stripped.split()
        if 2 <= len(words) <= 3 and words[0].lower() in st.subject_pronouns and all(
                w[:1].islower() and w.lower().strip(",.") not in st.kind_of for w in words[1:]):
            low = words[0].lower()
            pclass = st.pronoun_class.get(low)
    if pclass is not None:
        ran_on = "" if low == stripped.lower() else f" (the span '{stripped}' runs on past it)"
        return _Profile("pronoun", "unknown", None, [f"{TYPES_FILE}: pronoun '{low}'{ran_on}"],
                        person_like=pclass == "person", plural=pclass == "plural", body=pclass == "thing",
                        pronoun=pclass, relative=low in st.relative, gender=st.pronoun_gender.get(low),
                        speaker=low in st.speakers)
    # 3. analyse the span: pre-modified head, kind words, actor mentions
    pm = _POSTMOD.search(stripped)
    pre_end = pm.start() if pm else len(stripped)
    pre = stripped[:pre_end].rstrip()
    if not pre:  # e.g. a span that starts with a comma
        pre, pre_end, pm = stripped, len(stripped), None
    tokens = list(_TOKEN.finditer(pre))
    trailing = _trailing_words(tokens, st)
    if trailing:  # "Vladimir Putin expressed", "Duda also": the name is the head, not the verb after it
        pre = pre[:tokens[-trailing].start()].rstrip()
        tokens = tokens[:-trailing]
    found = actors.find(stripped)
    evidence: list[str] = []
    side = None
    side_match = next((a for a in found if a.end <= pre_end and a.actor.side), None) or next(
        (a for a in found if a.actor.side and a.alias), None) or next((a for a in found if a.actor.side), None)
    if side_match is not None:
        side = side_match.actor.side
        evidence.append(f"{ACTORS_FILE}: {side_match.actor.name} ('{side_match.surface}' -> side {side})")
    else:
        for regex, pside, pname in actors.patterns:
            pmatch = regex.search(stripped)
            if pmatch:
                side = pside
                evidence.append(f"{ACTORS_FILE}: {pname} ('{pmatch.group(0)}' -> side {side})")
                break
    kind_matches = list(st.kind_regex.finditer(pre))
    head = tokens[-1] if tokens else None
    head_low = _strip_token(head.group(0)).lower() if head else ""
    head_alias = next((a for a in found if head and a.alias and a.start <= head.start() < a.end), None)
    proper_run: list[re.Match] = []
    if head and head_alias is None:
        for tok in reversed(tokens):
            if _is_proper(tok.group(0), initial and tok.start() == tokens[0].start(), st, actors):
                proper_run.insert(0, tok)
            else:
                break
        if not proper_run and len(tokens) == 1 and _lone_name(head.group(0), st, actors):
            proper_run = [head]  # "Brown said": a lone capitalised word is a surname
        if proper_run and pre[proper_run[0].start():proper_run[-1].end()].lower() in st.kind_of or all(
                _strip_token(t.group(0)).lower() in _NAME_SUFFIX for t in proper_run) or (
                len(proper_run) == 1 and _strip_token(proper_run[0].group(0)) + "\tCAP" in st.common_words
                and not _strip_token(proper_run[0].group(0)).isupper()
                and not (len(tokens) > 1 and tokens[-2].group(0)[:1].isupper())):
            # a capitalised role ("the First Lady"), a lone "Jr." or a lone word the lexicon tags as
            # common in capitals ("Today", "Namely", "Reducing") is no name
            proper_run = []
        if not proper_run and len(tokens) >= 2 and head.group(0)[:1].isupper() and \
                tokens[-2].group(0).lower().rstrip(".") in _COURTESY and st.kind_of.get(head_low) != "official":
            proper_run = [head]  # "Mr. Singer" is a surname; "Mr President", "Mr. Speaker" stay roles
    appositive_name = None
    if head_alias is None and not proper_run and pm is not None and stripped[pm.start()] == ",":
        appositive_name = _appositive_name(stripped, pm.start(), st, actors)

    def kind_before(pos: int) -> re.Match | None:
        before = [k for k in kind_matches if k.end() <= pos]
        return before[-1] if before else None

    def appositive_kind() -> str | None:
        if pm is None or not stripped[pm.start():pm.start() + 1] == ",":
            return None
        seg = stripped[pm.start() + 1:]
        if _RELATIVE_START.match(seg):  # ", who studies at ...": a clause, not an appositive noun
            return None
        cut = _POSTMOD.search(seg, 1)
        found_kinds = list(st.kind_regex.finditer(seg, 0, cut.start() if cut else min(len(seg), 60)))
        return st.kind_of.get(found_kinds[-1].group(0).lower()) if found_kinds else None

    # named: the head is a proper name (from the dictionary or a capitalised unknown word)
    if head_alias is not None:
        actor = head_alias.actor
        k = kind_before(head_alias.start)
        kind = (st.kind_of.get(k.group(0).lower()) if k else None) or appositive_kind() or actor.kind
        evidence = [f"{ACTORS_FILE}: {actor.name} (named '{head_alias.surface}' -> side {actor.side})"]
        return _Profile("named", kind, actor.side or side, evidence, person_like=actor.type == "person",
                        body=actor.type != "person", reason_ok=False, name=head_alias.surface)
    if appositive_name is not None:
        kind = (st.kind_of.get(kind_matches[-1].group(0).lower()) if kind_matches else None) or "person"
        evidence.insert(0, f"proper name in apposition '{appositive_name}'")
        return _Profile("named", kind, side, _dedupe(evidence), person_like=True, reason_ok=False,
                        name=appositive_name)
    # "Secretary of Defense Lloyd J. Austin III": a title, an "of" (or "to the") phrase, then the name
    titled_name = (_trailing_person(stripped, found, st, actors)
                   if pm is not None and stripped[pm.start():].lstrip().lower().startswith(
                       ("of ", "to the ", "- ", "– ", "— ")) else None)
    # ("Adviser to the President of Ukraine Mykhailo Podolyak", "Deputy Prime Minister - Minister for ... Iryna Vereshchuk")
    if titled_name is not None:
        kind = (st.kind_of.get(kind_matches[-1].group(0).lower()) if kind_matches else None) or "person"
        person_match = next((a for a in found if a.alias and a.actor.type == "person"), None)
        if person_match is not None:
            side = person_match.actor.side or side
        evidence.insert(0, f"title, then the proper name '{titled_name}'")
        return _Profile("named", kind, side, _dedupe(evidence), person_like=True, reason_ok=False,
                        name=titled_name)
    if proper_run:
        name = " ".join(t.group(0) for t in proper_run)
        k = kind_before(proper_run[0].start())
        kind_word = st.kind_of.get(k.group(0).lower()) if k else None
        title = _strip_token(tokens[-len(proper_run) - 1].group(0)).lower().rstrip(".") \
            if len(tokens) > len(proper_run) else ""
        titled = title in _TITLE_KIND
        person = len(proper_run) >= 2 or titled or kind_word in {"official", "expert", "person", "media"}
        title_kind = _TITLE_KIND.get(title)
        if title == "the" and len(proper_run) >= 2 and kind_word is None and not any(
                a.alias and a.actor.type == "person" for a in found):
            # "the National Conference of State Legislatures": people take no article, bodies do;
            # "the Global Times": a masthead word at the end makes it a newspaper
            paper = proper_run[-1].group(0).lower() in {m.split()[-1] for m in st.mastheads}
            evidence.insert(0, f"proper name '{name}' after 'the' (" + ("a newspaper)" if paper else "an organisation)"))
            return _Profile("named", "media" if paper else "organization", side, _dedupe(evidence), body=True,
                            reason_ok=False, name=pre[proper_run[0].start():proper_run[-1].end()])
        kind = kind_word or title_kind or appositive_kind() or ("person" if person else "unknown")
        evidence.insert(0, f"proper name '{name}'")
        return _Profile("named", kind, side, _dedupe(evidence), person_like=person, plural=" and " in pre,
                        reason_ok=False, name=pre[proper_run[0].start():proper_run[-1].end()])
    kind_match = kind_matches[-1] if kind_matches else None
    kind_word = kind_match.group(0).lower() if kind_match else None
    kind = st.kind_of.get(kind_word) if kind_word else None
    plural = head_low in st.plural_forms or (head_low.endswith("s") and head_low[:-1] in st.kind_of) \
        or " and " in pre
    body = head_low in st.bodies or (kind_word in st.bodies if kind_word else False)
    # a capitalised organisation name ending in a body noun ("Russian Defense Ministry", "Supreme Court")
    if head is not None and body and head.group(0)[:1].isupper() and len(tokens) >= 2:
        prev = _strip_token(tokens[-2].group(0))
        if prev[:1].isupper() and prev.lower() not in _DETERMINERS and not (
            prev in actors.lookup and not actors.lookup[prev][1]
        ) and not (initial and tokens[-2].start() == tokens[0].start() and prev.lower() in st.common_words
                   and prev.lower() in st.kind_of):
            start_tok = len(tokens) - 2
            while start_tok > 0 and _strip_token(tokens[start_tok - 1].group(0))[:1].isupper() and \
                    _strip_token(tokens[start_tok - 1].group(0)).lower() not in _DETERMINERS:
                start_tok -= 1
            name = pre[tokens[start_tok].start():head.end()]
            evidence.insert(0, f"capitalised organisation name '{name}'")
            return _Profile("named", kind or "organization", side, _dedupe(evidence), body=True,
                            plural=False, reason_ok=False, name=name)
    # a document with a named author ("Lavrov's statement", "a report by TASS")
    if kind == "document" and kind_match is not None:
        poss = _POSSESSOR.search(pre, 0, kind_match.start())
        if poss and all(_is_proper(t, False, st, actors) for t in poss.group(1).replace(" and ", " ").split()):
            author = poss.group(1)
            author_side = next((a.actor.side for a in found if a.alias and a.start < kind_match.start()), side)
            evidence.insert(0, f"proper name '{author}' (author of a {kind_word})")
            return _Profile("named", "document", author_side, _dedupe(evidence), body=True, reason_ok=False,
                            name=author)
    if kind == "document" and pm is not None:
        author = next((a for a in found if a.alias and a.start >= pre_end), None)
        if author is not None:
            evidence = [f"{ACTORS_FILE}: {author.actor.name} (author of a {kind_word} -> side {author.actor.side})"]
            return _Profile("named", "document", author.actor.side, evidence, body=True, reason_ok=False)
    if kind is None:
        alias_any = next((a for a in found if a.alias), None)
        kind = alias_any.actor.kind if alias_any else "unknown"
    person_like = not body and not plural and kind in {"person", "official", "expert", "media", "organization"}
    # anonymous: unnamed individuals
    anon = st.anonymous_regex.search(stripped)
    if anon:
        entry = st.anonymous_entries[int(anon.lastgroup[1:])]
        evidence.insert(0, f"{TYPES_FILE}: anonymous '{anon.group(0).strip()}' ({entry['note']})")
        return _Profile("anonymous", kind, side, _dedupe(evidence), person_like=person_like, plural=plural,
                        body=body)
    # an unnamed individual described by a relation: "your friend", "my father", "the victim's mother"
    if kind_word in st.relations and kind_match.end() >= len(pre) - 1 and not st.quantifier.search(stripped):
        public = next((a.surface for a in found if a.alias and a.actor.type == "person"), None) or next(
            (k.group(0) for k in st.kind_regex.finditer(stripped)
             if st.kind_of.get(k.group(0).lower()) == "official" and not k.start() <= kind_match.start() < k.end()
             and k.group(0)[:1].isupper()), None)
        if public is not None:  # "the President's wife", "Donald Trump's son": identified through the figure
            evidence.insert(0, f"{TYPES_FILE}: relation '{kind_word}' of the public figure '{public}'")
            return _Profile("institutional", "person", side, _dedupe(evidence), person_like=not plural,
                            plural=plural)
        evidence.insert(0, f"{TYPES_FILE}: relation '{kind_word}' (unnamed individual described by a relation)")
        return _Profile("anonymous", "person", side, _dedupe(evidence), person_like=not plural, plural=plural)
    # vague: crowds ("analysts", "critics", "some say", "Republicans across the country")
    # an indefinite role noun: an unnamed individual ("a senior official", "two U.S. officials")
    det = st.indefinite.search(pre)
    if det and pre[det.end():].split()[:1] and pre[det.end():].split()[0].lower() in st.crowd_numbers:
        det = None  # "two million people": a crowd, not unnamed individuals
    if det and kind_match is not None and kind in {"person", "official", "expert", "media", "organization"} \
            and not body and kind_word not in st.on_record and kind_match.end() >= len(pre) - 1 \
            and (not plural or det.group(0).lower() not in {"a", "an", "one", "another"}):
        evidence.insert(0, f"{TYPES_FILE}: anonymous indefinite role '{det.group(0)} ... {kind_word}'")
        return _Profile("anonymous", kind, side, _dedupe(evidence), person_like=person_like, plural=plural,
                        body=body)
    if det and det.group(0).lower() in {"a", "an", "one"} and kind_match is None and head is not None and \
            _strip_token(head.group(0)) in actors.lookup and not actors.lookup[_strip_token(head.group(0))][1] \
            and not head_low.endswith("s"):
        # "a Republican who ...", "a Ukrainian": one unnamed member of a side
        evidence.insert(0, f"{TYPES_FILE}: anonymous indefinite '{det.group(0)} {head.group(0)}'")
        return _Profile("anonymous", "person", side, _dedupe(evidence), person_like=True)
    quant = st.quantifier.search(stripped)
    if quant and quant.group(0).lower() in st.distributive:
        rest = stripped[quant.end():].strip().lower()
        if rest and not rest.startswith("of ") and rest not in st.pronoun_class:  # "both leaders", "each side"
            evidence.insert(0, f"{TYPES_FILE}: '{quant.group(0)}' + noun: a known set")
            return _Profile("institutional", kind, side, _dedupe(evidence), plural=True, body=body)
    bare_plural = plural and kind in {"person", "expert", "document", "media", "organization"} and tokens and \
        not any(a.alias for a in found) and \
        tokens[0].group(0).lower() not in _DETERMINERS and not _DEFINITE.search(pre)
    # "a group", "a report": an indefinite body or text with no name or affiliation
    indefinite_body = det is not None and det.group(0).lower() in {"a", "an"} and body and not found and \
        not any(_is_proper(t.group(0), False, st, actors) for t in _TOKEN.finditer(stripped))
    head_adjective = head is not None and kind_match is None and \
        _strip_token(head.group(0)) in actors.lookup and not actors.lookup[_strip_token(head.group(0))][1] \
        and head_low.endswith("s")
    first_low = tokens[0].group(0).lower() if tokens else ""
    if head_low in st.vague_terms and kind == "expert" and first_low in st.known_group_det and not quant:
        evidence.insert(0, f"{TYPES_FILE}: known group '{first_low} ... {head_low}'")
        return _Profile("institutional", kind, side, _dedupe(evidence), plural=plural, body=body)
    if head_low in st.vague_terms or quant or low in st.vague_terms or head_adjective or bare_plural \
            or indefinite_body:
        affiliated = any(a.alias and a.start >= pre_end for a in found) or any(
            _is_proper(t.group(0), False, st, actors) for t in _TOKEN.finditer(stripped, pre_end)
        )
        if not affiliated or head_adjective:
            if quant:
                why = f"{TYPES_FILE}: vague quantifier '{quant.group(0)}'"
            elif head_low in st.vague_terms or low in st.vague_terms:
                why = f"{TYPES_FILE}: vague '{head_low if head_low in st.vague_terms else low}'"
            elif head_adjective:
                why = f"{ACTORS_FILE}: vague group '{head.group(0)}'"
            elif bare_plural:
                why = f"bare plural '{head.group(0)}' (no determiner, no name)"
            else:
                why = f"indefinite '{kind_word}' without a name"
            evidence.insert(0, why)
            return _Profile("vague", kind, side, _dedupe(evidence), plural=plural or not indefinite_body,
                            body=body)
        evidence.insert(0, f"{TYPES_FILE}: crowd '{head_low}' with a named affiliation")
        return _Profile("institutional", kind, side, _dedupe(evidence), plural=True, body=body)
    if kind_match is not None:
        evidence.insert(0, f"{TYPES_FILE}: {kind} '{kind_word}'")
        return _Profile("institutional", kind, side, _dedupe(evidence), person_like=person_like,
                        plural=plural, body=body)
    if found:
        evidence.insert(0, f"{ACTORS_FILE}: affiliation '{found[0].surface}'")
        return _Profile("institutional", kind, side, _dedupe(evidence), plural=plural, body=body)
    if _DEFINITE.search(stripped):
        evidence.insert(0, "definite noun phrase without a name")
        return _Profile("institutional", kind, side, _dedupe(evidence), person_like=person_like,
                        plural=plural, body=body)
    if any(_is_proper(t.group(0), False, st, actors) for t in _TOKEN.finditer(stripped, pre_end)):
        evidence.insert(0, "noun phrase with a named affiliation")
        return _Profile("institutional", kind, side, _dedupe(evidence), plural=plural, body=body)
    evidence.insert(0, "unspecified noun phrase")
    return _Profile("vague", kind, side, _dedupe(evidence), plural=plural, body=body)


def _lone_name(tok: str, st: SourceTypes, actors: ActorDictionary) -> bool:
    """A source that is one capitalised word not in any list is a surname ("Brown", "Hunter")."""
    core = _strip_token(tok)
    low = core.lower()
    if not core[:1].isupper() or core.isupper() and len(core) > 4:
        return False
    if core in actors.lookup or low in st.kind_of or low in st.vague_terms or low in _DETERMINERS \
            or low in st.pronoun_class or low in _TITLES or st.quantifier.match(low):
        return False
    if low in st.common_words and low.endswith(("s", "people", "men", "folk")):
        return False  # a capitalised plural common noun ("Independents", "Businesspeople")
    if core + "\tCAP" in st.common_words or low in _NAME_SUFFIX:
        return False  # "Today", "Inflation", "Namely", "Reducing": the lexicon tags them common; "Jr."
    return low + "\tNNS" not in st.common_words


def _appositive_name(text: str, comma: int, st: SourceTypes, actors: ActorDictionary) -> str | None:
    """The person name closing the apposition after ``comma`` ("an ally, Secretary Tom Vilsack,")."""
    end = text.find(",", comma + 1)
    seg_end = end if end > 0 else len(text)
    toks = list(_TOKEN.finditer(text, comma + 1, seg_end))
    if not toks:
        return None
    alias = [a for a in actors.find(text, comma + 1, seg_end) if a.alias and a.actor.type == "person"]
    if alias and alias[-1].end >= toks[-1].end():
        return alias[-1].surface
    run = []
    for tok in reversed(toks):
        if _is_proper(tok.group(0), False, st, actors):
            run.insert(0, tok.group(0))
        else:
            break
    if len(run) >= 2:
        return " ".join(run)
    run = []
    for tok in toks:  # "David Woodard of Clemson University"
        word = tok.group(0)
        if not run and _strip_token(word).lower() in _TITLES:
            continue
        if _is_proper(word, False, st, actors) and _strip_token(word).lower() not in st.common_words:
            run.append(word)
        else:
            break
    return " ".join(run) if len(run) >= 2 else None


@functools.lru_cache(maxsize=65536)
def _classify_cached(src: str, cue: str, types: SourceTypes, actors: ActorDictionary, outlet: str | None,
                     initial: bool) -> _Profile:
    """:func:`_classify`, memoised (names such as "Trump" or "he" recur); callers must copy the result."""
    prof = _classify(src, cue, types, actors, outlet, initial)
    if prof.identification != "pronoun" and prof.gender is None:
        prof.gender = _gender_of(src, prof, types, actors)
    if prof.identification != "pronoun":
        prof.owned = src.strip().split(" ", 1)[0].lower() in types.owners
    if prof.identification != "pronoun":  # a name inside a clause-like span still resolves to the name
        prof.antecedent_ok = _antecedent_ok(src, types) or (
            prof.name is not None and prof.name.lower() not in types.negatives)
    return prof


_SPEAKER_KINDS = frozenset({"person", "official", "media", "expert", "organization"})


def _antecedent_ok(src: str, st: SourceTypes) -> bool:
    """May a pronoun stand for this source? Not an indefinite pronoun ("nobody", "everyone") and not
    a clause taken for a source, told by a subject or object pronoun inside it ("whatever they", "my
    parents wanted me to", "I think many"), unless coordinated or after "of" ("Ann and I", "both of
    you").

    >>> st = load_source_types()
    >>> _antecedent_ok("the mayor and I", st), _antecedent_ok("whatever they", st), _antecedent_ok("Nobody", st)
    (True, False, False)
    """
    words = [w.lower() for w in _WORDS.findall(src)]
    if not words or words[0] in st.negatives or " ".join(words[:2]) in st.negatives:
        return False
    if len(words) > 1 and words[0] in st.clause_markers and words[1] not in {"and", "or", "nor"}:
        return False  # "We know everyone", "I think many"
    return not any(w in st.clause_markers and words[k - 1] not in {"and", "or", "of", "nor"}
                   for k, w in enumerate(words) if k)


def _gender_of(src: str, prof: _Profile, st: SourceTypes, actors: ActorDictionary) -> str | None:
    """Gender of a source from a title (Mr., Mrs.), the actor dictionary (its name) or a gendered role word."""
    g = st.gender_regex.search(src)
    if g and g.group(0).lower().rstrip(".") in {"mr", "mrs", "ms", "miss"}:
        return st.gender_of.get(g.group(0).lower())
    if prof.name and prof.name in actors.gender:
        return actors.gender[prof.name]
    for m in actors.find(src):
        if m.alias and m.surface in actors.gender and (prof.name is None or m.surface in prof.name):
            return actors.gender[m.surface]
    return st.gender_of.get(g.group(0).lower()) if g else None


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- describe_sources
def _int_or_none(value) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return int(value)


def _str_or_none(value) -> str | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    return str(value)


def _find_reason(text: str, sent: tuple[int, int], start: int, end: int, others: list[tuple[int, int]],
                 st: SourceTypes) -> tuple[str, str] | None:
    """The anonymity reason next to ``text[start:end]`` within its sentence, if any.

    A reason counts when it overlaps the source or when no other source stands between the two.
    """
    best: tuple[int, str, str] | None = None
    for m in st.reason_regex.finditer(text, sent[0], sent[1]):
        if not m.group(0).strip():
            continue
        lo, hi = (end, m.start()) if m.start() >= end else (m.end(), start)
        if m.start() < end and m.end() > start:
            dist = 0
        elif any(lo <= s < hi or lo < e <= hi for s, e in others):
            continue
        else:
            dist = max(0, hi - lo)
        clause_end = _CLAUSE_END.search(text, m.end(), sent[1])
        stop = clause_end.start() if clause_end else sent[1]
        reason = text[m.start():stop].strip()
        if best is None or dist < best[0]:
            best = (dist, reason, st.reason_entries[int(m.lastgroup[1:])]["note"])
    return (best[1], best[2]) if best else None


_CLAUSE_END = re.compile(r"[,;:.)—–]|\s-\s")


def _sentence_around(text: str, start: int, end: int, margin: int = 400) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, split locally (a window of ``margin`` characters)."""
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    for a, b in segment.sentence_spans(text[lo:hi]):
        if lo + a <= start < lo + b:
            return lo + a, max(lo + b, end)
    return lo, hi


def _text_candidates(text: str, actors: ActorDictionary) -> list[tuple[int, str, bool, bool]]:
    """Mentions that may be antecedents: (start, surface, is_person, is_group), from the actor dictionary."""
    return [
        (m.start, m.surface, m.actor.type == "person", m.actor.type != "person")
        for m in actors.find(text)
        if m.alias
    ]


def describe_sources(
    text: str,
    attributions: pd.DataFrame,
    *,
    outlet: str | None = None,
    actors=None,
    published=None,
) -> pd.DataFrame:
    """Add the source profile columns to ``attributions`` (same rows, same order).

    Needs ``source_text``/``source_start``/``source_end`` (null for no source); ``cue_text`` helps
    (``The Post has learned`` is ``self``). Added columns: ``identification``, ``resolved_text``,
    ``kind``, ``side``, ``anonymity_reason``, ``source_evidence``. ``outlet`` (optional) is the
    publishing outlet's name, so a source that names it is ``self``; ``actors`` the user's extra actor
    entries (a YAML path, a dict, or a dictionary from :func:`load_actors`), added to the shipped ones.
    ``published`` (optional) is the article's date: actors with dated ``periods`` in the dictionary
    take the side in force then.

    >>> import pandas as pd
    >>> text = "Vladimir Putin spoke on Monday. He said the war would go on."
    >>> rows = pd.DataFrame({"attribution_id": [0], "source_text": ["He"],
    ...                      "source_start": [32], "source_end": [34]})
    >>> describe_sources(text, rows)[["identification", "resolved_text", "side"]].values.tolist()
    [['pronoun', 'Vladimir Putin', 'russia']]
    """
    text = text or ""
    frame = attributions if attributions is not None else pd.DataFrame()
    present = set(frame.columns.tolist())
    if present & set(DESCRIBE_COLUMNS):  # described before: replace
        frame = frame.drop(columns=[c for c in DESCRIBE_COLUMNS if c in present])
    n = len(frame)

    def get(col: str) -> list:
        return frame[col].to_numpy(dtype=object).tolist() if col in present else [None] * n

    added = pd.DataFrame(
        describe_columns(text, get("source_text"), get("source_start"), get("source_end"), get("cue_text"),
                         outlet=outlet, actors=actors, published=published),
        index=frame.index, columns=DESCRIBE_COLUMNS, dtype=_STRING,
    )
    return pd.concat([frame, added], axis=1)


def describe_columns(
    text: str,
    src_texts: list,
    starts: list,
    ends: list,
    cues: list,
    *,
    outlet: str | None = None,
    actors=None,
    published=None,
) -> dict[str, list]:
    """:func:`describe_sources` on plain lists (one item per attribution), as column lists.

    The fast path used by the pipeline: no DataFrame is built.

    >>> describe_columns("Analysts said so.", ["Analysts"], [0], [8], ["said"])["identification"]
    ['vague']
    """
    text = text or ""
    n = len(src_texts)
    actors = _as_actors(actors)
    st = load_source_types()
    spans = [(_int_or_none(s), _int_or_none(e)) for s, e in zip(starts, ends)]
    low_text = text.lower()
    need_reason = any(h in low_text for h in _REASON_HINTS)
    profiles: list[_Profile | None] = []
    reasons: list[str | None] = []
    for i in range(n):
        s, e = spans[i]
        src = _str_or_none(src_texts[i])
        if src is None and s is not None and e is not None and 0 <= s < e <= len(text):
            src = text[s:e]
        if src is None or not src.strip():
            profiles.append(None)
            reasons.append(None)
            continue
        initial = True
        if s is not None and 0 < s <= len(text):
            before = text[max(0, s - 40):s].rstrip(" \t\"'“‘(")
            initial = not before or before[-1] in ".!?\n:;”’\"'"
        cue = (_str_or_none(cues[i]) or "") if src.strip().lower() in st.mastheads else ""
        prof = copy.copy(_classify_cached(src, cue, st, actors, outlet, initial))
        prof.evidence = list(prof.evidence)
        if prof.side is None and prof.identification == "institutional" and outlet:
            home = actors.home_side(src, outlet)  # "the Head of State" in the presidency's release
            if home:
                prof.side = home
                prof.evidence.append(f"actors.yaml: home role '{src.strip()}' of outlet '{outlet}' ({home})")
        reason = None
        if need_reason and s is not None and e is not None and prof.identification in {
            "anonymous", "institutional", "vague", "pronoun"
        } and any(h in low_text[max(0, s - 400):e + 400] for h in _REASON_HINTS):
            sent = _sentence_around(text, s, e)
            others = [sp for j, sp in enumerate(spans) if j != i and sp[0] is not None and sp[1] is not None
                      and sent[0] <= sp[0] < sent[1]]
            found_reason = _find_reason(text, sent, s, e, others, st)
            reason = found_reason[0] if found_reason else None
            if found_reason and prof.reason_ok and prof.identification in {"institutional", "vague"}:
                prof.identification = "anonymous"
                prof.evidence.insert(0, f"{TYPES_FILE}: anonymity reason ({found_reason[1]})")
        profiles.append(prof)
        reasons.append(reason if prof.identification in {"anonymous", "pronoun"} else None)
    held = _office_holders(text, spans, src_texts, profiles, actors, outlet, published)
    resolved, sides, kinds, notes = _resolve_pronouns(text, spans, src_texts, profiles, actors, outlet)
    ident = [p.identification if p else "none" for p in profiles]
    for i, (office, holder) in held.items():  # "the President" on president.gov.ua in 2022: Zelensky
        resolved[i], kinds[i] = holder, "official"
        sides[i] = office.side or sides[i]
        profiles[i].evidence.append(f"{ACTORS_FILE}: office '{office.name}' held by {holder} on "
                                    f"{str(published)[:10]}")
    evidence = ["; ".join(p.evidence) if p else None for p in profiles]
    for i, p in enumerate(profiles):
        if p is not None and p.identification == "pronoun" and resolved[i] is not None:
            evidence[i] = f"{evidence[i]} -> '{resolved[i]}'"
        if notes[i] is not None:
            evidence[i] = f"{evidence[i]}; {notes[i]}"
    if actors.dated and published is not None:
        _dated_sides(actors, published, resolved, sides, evidence)
    for i, p in enumerate(profiles):  # "Russian forces, according to their own accounts": whose accounts
        if p is not None and sides[i] is None and p.identification in {"institutional", "anonymous"}:
            owner = _possessor(text, spans[i], actors, published)
            if owner is not None:
                sides[i] = owner[1]
                evidence[i] = f"{evidence[i]}; possessive '{owner[2]}' -> '{owner[0]}' ({ACTORS_FILE}: side {owner[1]})"
    for i, p in enumerate(profiles):  # "Vladimir Putin and Emmanuel Macron": no single side
        if p is not None and sides[i] is not None and p.identification in {"named", "institutional"}:
            src = _str_or_none(src_texts[i]) or (text[spans[i][0]:spans[i][1]] if spans[i][0] is not None else "")
            joint = _joint_sides(src, actors, published)
            if joint:
                sides[i] = None
                evidence[i] = f"{evidence[i]}; joint source of several sides ({joint}): no single side"
    antecedent = {i: j for i, j in _definite_antecedents(text, spans, src_texts, profiles).items() if i not in held}
    for i, j in antecedent.items():  # "the source claimed" after "A source close to the investigation told TASS"
        resolved[i] = resolved[j]
        sides[i] = sides[i] or sides[j]
        evidence[i] = f"{evidence[i]}; refers back to '{resolved[j]}'"
    return {"identification": ident, "resolved_text": resolved, "kind": kinds, "side": sides,
            "anonymity_reason": reasons, "source_evidence": evidence,
            "antecedent": [antecedent.get(i) for i in range(n)]}


_DEFINITE_ANAPHOR = re.compile(r"(?:the|this|that)\s+(?P<noun>[a-z][a-z-]+)", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _intro_pattern(noun: str) -> re.Pattern:
    """The indefinite phrase that introduces ``noun`` ("a source close to", "an official who")."""
    return re.compile(r"(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}" + re.escape(noun)
                      + r"(?:$|,|\s+(?:[a-z]+ed|[a-z]+ing|of|at|in|on|from|for|with|by|close|near|who|that|which|"
                        r"familiar|speaking|to|inside|within)\b)", re.IGNORECASE)


def _definite_antecedents(text: str, spans: list, src_texts: list, profiles: list) -> dict[int, int]:
    """{row: earlier row} for a definite description that names an earlier source again by its noun
    ("the source" after "A source close to the investigation", "the official" after "a senior
    official"); only anonymous or institutional sources of two words, and the earlier one introduced
    the noun with an indefinite article."""
    out: dict[int, int] = {}
    order = sorted((i for i in range(len(profiles)) if profiles[i] is not None and spans[i][0] is not None),
                   key=lambda i: spans[i][0])
    for k, i in enumerate(order):
        if profiles[i].identification not in {"anonymous", "institutional"}:
            continue
        src = (_str_or_none(src_texts[i]) or text[spans[i][0]:spans[i][1]]).strip()
        m = _DEFINITE_ANAPHOR.fullmatch(src)
        if not m:
            continue
        # the noun heads the earlier phrase: nothing after it, or a modifier ("of", "close to", "who",
        # "interviewed by"), not another noun ("a State Department | official" is no department)
        intro = _intro_pattern(m.group("noun").lower())
        for j in reversed(order[:k]):
            earlier = (_str_or_none(src_texts[j]) or text[spans[j][0]:spans[j][1]])
            if profiles[j].identification != "pronoun" and intro.match(earlier.strip()):
                out[i] = j
                break
    return out


def _office_holders(text: str, spans: list, src_texts: list, profiles: list, actors: ActorDictionary,
                    outlet: str | None, published) -> dict:
    """{row: (office, holder)} for institutional sources that name an office held by someone on the
    article's date (:meth:`analysis.actors.ActorDictionary.office_holder`); the profile takes the
    holder's name, so a pronoun standing for "the President" resolves to the holder as well."""
    if not actors.offices or published is None:
        return {}
    out = {}
    for i, prof in enumerate(profiles):
        if prof is None or prof.identification != "institutional":
            continue
        src = _str_or_none(src_texts[i])
        s, e = spans[i]
        if src is None and s is not None and e is not None:
            src = text[s:e]
        found = actors.office_holder(src or "", outlet, published)
        if found:
            out[i] = found
            prof.name = found[1]
    return out


_POSSESSIVE_START = re.compile(r"(?P<pos>their|its|his|her)\s", re.IGNORECASE)


def _possessor(text: str, span: tuple, actors: ActorDictionary, published) -> tuple[str, str, str] | None:
    """(mention, side, possessive) for a source opening with a possessive ("their own accounts", "his
    lawyer"): the nearest actor mention before it in the same sentence that has a side; "his"/"her"
    need a person (of that gender when known).

    >>> t = "Russian forces, according to their own accounts, are advancing."
    >>> _possessor(t, (t.index("their"), t.index("accounts") + 8), load_actors(), None)
    ('Russian', 'russia', 'their')
    """
    s, e = span
    if s is None or e is None:
        return None
    m = _POSSESSIVE_START.match(text, s, e)
    if not m:
        return None
    pos = m.group("pos").lower()
    lo = _sentence_around(text, s, e)[0]
    for mention in reversed(actors.find(text, lo, s)):
        if pos in {"his", "her"}:
            if mention.actor.type != "person" or not mention.alias:
                continue
            gender = actors.gender.get(mention.surface)
            if gender and gender != ("m" if pos == "his" else "f"):
                continue
        side = mention.actor.side_on(published)
        if side:
            return mention.surface, side, m.group("pos")
    return None


_CONJUNCTS = re.compile(r"\s+and\s+|\s+&\s+")
_NOT_PLAIN_COORDINATION = re.compile(r"[,;:()—–]|\s-\s|\b(?:who|whom|whose|which|that|including|such as|both)\b",
                                     re.IGNORECASE)


def _joint_sides(source: str, actors: ActorDictionary, published) -> str | None:
    """"russia, france" when a plain coordinated source ("Vladimir Putin and Emmanuel Macron", "The
    Presidents of Ukraine and France"; no comma, dash, clause or "including") joins parts whose first
    actor mention has different sides.

    >>> _joint_sides("Vladimir Putin and Emmanuel Macron", load_actors(), None)
    'russia, france'
    >>> _joint_sides("Putin and his spokesman Dmitry Peskov", load_actors(), None) is None
    True
    """
    if (" and " not in source and " & " not in source) or _NOT_PLAIN_COORDINATION.search(source):
        return None  # an appositive or clause ("Jo Roe, a Democrat and former senator") is one party
    found = []
    for part in _CONJUNCTS.split(source):
        mentions = actors.find(part)
        if not any(m.alias for m in mentions):
            return None  # a part without a name ("Democratic front-runner and ... Hillary Clinton"): one person
        side = mentions[0].actor.side_on(published)
        if side and side not in found:
            found.append(side)
    return ", ".join(found) if len(found) > 1 else None


def _dated_sides(actors: ActorDictionary, published, names: list, sides: list, evidence: list) -> None:
    """In place: a side that came from an actor with dated ``periods`` becomes the side in force on
    ``published`` ("Donald Trump" is trump-campaign in 2016, united-states in 2018)."""
    for i, name in enumerate(names):
        if sides[i] is None or not name:
            continue
        for m in actors.find(name):
            if m.actor.periods and m.actor.side == sides[i]:
                now = m.actor.side_on(published)
                if now != sides[i]:
                    sides[i] = now
                    evidence[i] = (f"{evidence[i]}; {ACTORS_FILE}: {m.actor.name} on {str(published)[:10]}"
                                   f" -> side {now}")
                break


def _fits(pron: _Profile, cand: _Profile) -> bool:
    if pron.gender and cand.gender and pron.gender != cand.gender:
        return False
    if not cand.antecedent_ok or (pron.speaker and (cand.kind not in _SPEAKER_KINDS or cand.owned)):
        return False  # "we" is never "the study", "I" never "my dad"; nothing is "nobody" or a clause
    if pron.pronoun == "person":  # he / she / who
        return cand.person_like and not cand.plural and not cand.body
    if pron.pronoun == "plural":  # they / we
        return cand.plural or cand.body
    if pron.pronoun == "thing":  # it / which
        return cand.body
    return False  # you, one: never resolved


_LEFT_DET = re.compile(r"\b(?:the|a|an|this|that|his|her|their|its)\s", re.IGNORECASE)


def _left_antecedent(text: str, start: int, pron: _Profile, actors: ActorDictionary):
    """(name, profile) of the noun phrase just before a relative pronoun at ``start``, if it fits."""
    st = load_source_types()
    lo = max(0, start - 160)
    left = text[lo:start].rstrip().rstrip(",").rstrip()
    if not left or left[-1:] in ".!?;:\"”":
        return None
    toks = list(_TOKEN.finditer(left))
    run = []
    for tok in reversed(toks):
        if _is_proper(tok.group(0), False, st, actors):
            run.insert(0, tok)
        else:
            break
    candidates = []
    if run:
        candidates.append(left[run[0].start():run[-1].end()])
    dets = list(_LEFT_DET.finditer(left, max(0, len(left) - 60)))
    if dets and len(left[dets[-1].start():].split()) <= 7:  # the nearest "the/a ... noun" phrase
        candidates.append(left[dets[-1].start():])
    for cand_text in candidates:
        cand = _classify_cached(cand_text, "", st, actors, None, False)
        if cand.identification not in {"pronoun", "none"} and _fits(pron, cand):
            return cand.name or cand_text, cand
    return None


_MAX_ANTECEDENT_WORDS = 12  # "the Deputy Head of the Office of the President of Ukraine" fits

# --------------------------------------------------------------------------- speaker turns
TURNS_FILE = "speaker_turns.yaml"
TURN_COLUMNS = ["turn_id", "label_start", "label_end", "start", "end", "label", "speaker", "kind", "side", "rule"]
# a colon, then a blank or a line break, then a capital, a digit or an opening quote: "Putin: Thank you"
_TURN_COLON = re.compile(r":(?:[ \t]*\n\s*|[ \t]+)(?=[\"“«‘'(\[]?[A-Z0-9])")
# where a label may start: a line break, a sentence end (not an initial "J." or a title "Mr."), "* * *"
_TURN_START = re.compile(r"\n|(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)[.!?…][\"”’»)\]]*[ \t]+"
                         r"|[*)][ \t]+")
_TURN_MAX_CHARS = 300  # "Chairman of the RUSNANO Management Company Management Board Sergei Kulikov" fits
_TURN_MAX_WORDS = 16
# a scraped name card repeats the name reversed: "Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister"
_NAME_CARD = re.compile(r"\b([A-Z][\w’'\-]+) ([A-Z][\w’'\-]+) \2 \1")
# words that make the text before a name a clause, not a title ("Here is what I told Emmanuel Macron:")
_TURN_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "am", "will", "would", "can", "could",
                         "shall", "should", "may", "might", "must", "do", "does", "did", "have", "has", "had",
                         "let", "ask", "tell", "say", "thank", "thanks", "invite", "give", "call", "turn",
                         # a greeting, not a title: "Mr. President, ladies and gentlemen, ... President Biden:"
                         "ladies", "gentlemen", "friends", "colleagues", "everyone", "everybody", "fellow"})
_TURN_CONNECTORS = frozenset({"of", "the", "and", "for", "to", "on", "at", "in", "de", "del", "der", "van",
                              "von", "el", "al", "bin", "ibn"})
_HEADLINE_CHARS = 400  # a first line this short, followed by a blank line, is a headline
# words that cannot open a label: "As to President Putin:", "And oh yes, Carly Fiorina:", "To the Congress:"
_TURN_OPENERS = frozenset({"as", "and", "but", "so", "oh", "yes", "no", "dear", "regarding", "to", "for", "with",
                           "from", "by", "about", "at", "in", "on", "of", "if", "when", "then", "also", "now"})
# a speaker's name holds letters, blanks and name punctuation only (no "Bison/Aurochs" of a figure legend)
_TURN_NAME_CHARS = re.compile(r"[^\W\d_][\w'’.\-\s]*")
# a word glued to the next one ("Phil CollinsImage"), unless a Mc/Mac name ("McDonald")
_GLUED = re.compile(r"(?<!\bMc)(?<!\bMac)[a-z][A-Z]")
# an aside that ends a label: "Xi Jinping (retranslated)", "Vladimir Putin(on early career guidance)"
_TURN_ASIDE = re.compile(r"\s*\([^()]{1,60}\)$")


@dataclass(frozen=True)
class _Turn:
    """One speaker turn: ``text[label_start:label_end]`` is the label, the turn runs ``start``-``end``."""

    label_start: int
    label_end: int
    start: int  # first character after the colon
    end: int  # the next marker's label start, the headline's end or the text's end (exclusive)
    label: str
    speaker: str | None  # the personal name; None for an unnamed turn ("Question")
    kind: str
    side: str | None
    rule: str  # turn-marker | turn-marker-unnamed | turn-heading (+ -headline: a marker in the headline)


@functools.lru_cache(maxsize=1)
def _unnamed_turn_labels() -> frozenset:
    """Labels of turns by unnamed speakers ("Question", "Remark"), lower case, from ``speaker_turns.yaml``."""
    data = _read_yaml(paths.LEXICONS / TURNS_FILE) or {}
    return frozenset(str(t).lower() for t in (data.get("unnamed", {}) or {}).get("terms", []) or [])


# where the speaker named in a speech headline stops: "... Volodymyr Zelenskyy in the Parliament of Greece"
_SPEECH_STOP = r"(?:to|in|at|on|during|for|after|before|with|about|from|via|and|following|regarding)"


@functools.lru_cache(maxsize=1)
def _speech_headline() -> re.Pattern:
    """"<speech noun> by|of <speaker>" in a headline (``speaker_turns.yaml: speeches``); group ``who``."""
    data = _read_yaml(paths.LEXICONS / TURNS_FILE) or {}
    terms = [str(t) for t in (data.get("speeches", {}) or {}).get("terms", []) or []]
    if not terms:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + trie_pattern({t.lower() for t in terms}) + r")\s+(?:by|of)\s+(?P<who>"
                      r"(?:(?!" + _SPEECH_STOP + r"\b)[\w.'’\-]+\s*){1,14}?)(?=\s+" + _SPEECH_STOP +
                      r"\b|[,:;.!?\"“”]|\s*$)", re.IGNORECASE)


def _turn_name(label: str, tokens: list, st: SourceTypes, actors: ActorDictionary) -> str | None:
    """The personal name that ends a turn label: as :func:`_trailing_person`, or two or more
    capitalised words ending in one that is no common word ("Maxim Dreval": in a label every word is
    capitalised, so a first name that is also a common word counts), or a lone person of the actor
    dictionary ("Zelensky"). After "of"/"the" a name of three or more words keeps its last two
    ("President of Transneft Nikolai Tokarev"); a run holding a country or body is no name."""
    found = actors.find(label)
    name = _trailing_person(label, found, st, actors)
    if name is None:
        run = []
        for tok in reversed(tokens):
            core = _strip_token(tok.group(0))
            if core[:1].isupper() and core.lower() not in st.kind_of and core.lower() not in _DETERMINERS \
                    and (run or core.lower() not in st.common_words) and core.lower() not in st.pronoun_class:
                run.insert(0, tok)
            else:
                break
        if len(run) >= 2:
            name = label[run[0].start():]
    if name is None and len(tokens) == 1:  # "Zelensky:", "Trump:"
        entry = actors.lookup.get(_strip_token(tokens[0].group(0)))
        name = label if entry and entry[1] and entry[0].type == "person" else None
    if name is None:
        return None
    start = len(label) - len(name)
    person = [a for a in found if a.alias and a.actor.type == "person" and a.start >= start]
    if any(a.alias and a.actor.type != "person" and a.start >= start for a in found) and not person:
        return None  # "Russia – India", "Mongolia Ukhnaagiin ..." without a known person
    words = name.split()
    before = label[:start].split()
    if len(words) >= 3 and before and before[-1].lower() in _TURN_CONNECTORS and not person:
        name = " ".join(words[-2:])
    return name


def _caps_speaker(label: str, st: SourceTypes, actors: ActorDictionary, outlet: str | None):
    """(speaker, kind, side) of an upper-case label ("THE PRESIDENT", "SECRETARY BLINKEN", "MS. SIMONS"),
    read in title case; a label that names no person or official ("FACT SHEET", "READOUT") is a
    heading: (None, "heading", None).

    >>> st, actors = load_source_types(), load_actors()
    >>> _caps_speaker("SECRETARY BLINKEN", st, actors, None), _caps_speaker("FACT SHEET", st, actors, None)
    (('BLINKEN', 'official', 'united-states'), (None, 'heading', None))
    """
    titled = " ".join(w[:1] + w[1:].lower() for w in label.split())
    prof = _classify_cached(titled, "", st, actors, outlet, True)
    if prof.identification == "named" and prof.kind == "unknown" and " " not in titled and \
            titled.lower() not in st.common_words and titled.lower() not in st.kind_of:
        return label, "person", None  # a lone surname: "TAPPER:", "BENENSON:"
    if prof.kind not in {"person", "official", "expert", "media"} or prof.identification not in {
            "named", "institutional", "anonymous"}:
        return None, "heading", None
    at = titled.find(prof.name) if prof.identification == "named" and prof.name else -1
    speaker = label[at:at + len(prof.name)] if at >= 0 else label
    side = prof.side
    if side is None and prof.identification != "named" and outlet:  # "SENIOR ADMINISTRATION OFFICIAL:" in
        side = actors.homes.get(str(outlet).strip().lower())  # a government's own transcript is its official
    return speaker, prof.kind, side


def _turn_speaker(label: str, st: SourceTypes, actors: ActorDictionary, outlet: str | None):
    """(speaker, kind, side) of a turn label that ends in a personal name, else None. The text before
    the name may be a title ("President of Russia Vladimir Putin") but no clause (no pronoun, no verb).
    The name goes through the actor dictionary like any source; when it has no side there, the title
    may give one. A role of the outlet's own head ("President", "Head of State" on president.gov.ua)
    is a speaker too.

    >>> st, actors = load_source_types(), load_actors()
    >>> _turn_speaker("President of Russia Vladimir Putin", st, actors, None)
    ('Vladimir Putin', 'official', 'russia')
    >>> _turn_speaker("Here is what I told Vladimir Putin", st, actors, None) is None
    True
    """
    card = _NAME_CARD.search(label)
    if card:  # "Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister"
        label = label[:card.end(2)]
    label = _TURN_ASIDE.sub("", label).strip()  # "Xi Jinping (retranslated)"
    label = re.sub(r"^(?:<…>|\.\.\.|…)\s*", "", label)  # "<…> Vladimir Putin": an excerpt goes on
    tokens = list(_TOKEN.finditer(label))
    if not tokens or _GLUED.search(label) or tokens[0].group(0).lower() in _TURN_OPENERS:
        return None
    if label.isupper() and len(tokens) <= 8:
        return _caps_speaker(label, st, actors, outlet)
    if len(tokens) > _TURN_MAX_WORDS:  # a headline run into the label: its last words
        label = label[tokens[-_TURN_MAX_WORDS].start():]
        tokens = list(_TOKEN.finditer(label))
    home = actors.home_side(label, outlet)
    if home:
        return label, "official", home
    name = _turn_name(label, tokens, st, actors)
    if name is None or not _TURN_NAME_CHARS.fullmatch(name):
        return None
    head = len(label) - len(name)  # where the name starts
    title_start = 0
    for tok in tokens:
        if tok.start() >= head:
            break
        word = tok.group(0)
        low = word.lower()
        if word == "I" or (low in st.pronoun_class and not word.isupper()) or low in _TURN_VERBS or (
                word[:1].islower() and low in st.verbs_adverbs):
            return None
        if word[:1].islower() and low not in _TURN_CONNECTORS:
            title_start = tok.end()  # the title starts after the last lower-case word ("session moderator")
    by_name = _classify_cached(name, "", st, actors, outlet, True)
    by_title = _classify_cached(label[title_start:].strip(), "", st, actors, outlet, True)
    kind = by_title.kind if by_title.kind in _SPEAKER_KINDS else by_name.kind
    return name, kind if kind in _SPEAKER_KINDS else "person", by_name.side or by_title.side


def _speaker_turns(text: str, actors: ActorDictionary, outlet: str | None = None) -> list[_Turn]:
    """The speaker turns of a transcript, in text order (empty when it has no turn markers)."""
    st = load_source_types()
    unnamed = _unnamed_turn_labels()
    brk = text.find("\n\n")
    headline_end = brk if 0 < brk <= _HEADLINE_CHARS and "\n" not in text[:brk] else -1
    markers = []
    for m in _TURN_COLON.finditer(text):
        colon = m.start()
        lo = max(0, colon - _TURN_MAX_CHARS)
        start = None
        for b in _TURN_START.finditer(text, lo, colon):
            start = b.end()
        if start is None:
            if lo > 0:
                continue  # no sentence start within reach: a long sentence with a colon, no label
            start = 0
        while start < colon and text[start] in " \t\r\n*":
            start += 1
        label = text[start:colon].rstrip()
        if not label or (markers and start < markers[-1][1]):
            continue
        if _TURN_ASIDE.sub("", label).lower() in unnamed:  # "Question", "Question(retranslated)"
            markers.append((start, start + len(label), m.end(), label, None, "person", None, "turn-marker-unnamed"))
            continue
        found = _turn_speaker(label, st, actors, outlet)
        if found is not None and start < headline_end and any(  # a headline's label is a title and a name
                w[:1].islower() and w not in _TURN_CONNECTORS for w in label.split()):
            found = None
        if found is not None:
            rule = "turn-heading" if found[1] == "heading" else "turn-marker"
            markers.append((start, start + len(label), m.end(), label, *found, rule))
    speech = _speech_turn(text, headline_end, markers, st, actors, outlet) if headline_end > 0 else None
    if speech is not None:
        markers.insert(0, speech)
    if not markers:
        return []
    turns = []
    known: dict[str, tuple] = {}  # "TAPPER" after "JAKE TAPPER", "Putin" after "Vladimir Putin": the same speaker
    for k, (ls, le, body, label, speaker, kind, side, rule) in enumerate(markers):
        if rule == "speech-headline":  # the whole release up to its first turn marker
            end = markers[k + 1][0] if k + 1 < len(markers) else len(text)
            turns.append(_Turn(ls, le, 0, end, label, speaker, kind, side, rule))
            continue
        if speaker is not None and rule == "turn-marker":
            if " " not in speaker.strip() and speaker.lower() in known:
                speaker, kind, side = known[speaker.lower()]
            else:
                known.setdefault(speaker.split()[-1].lower(), (speaker, kind, side))
        end = markers[k + 1][0] if k + 1 < len(markers) else len(text)
        if ls < headline_end:  # "Volodymyr Zelenskyy: We will ..." as a headline: that line only
            end, rule = min(end, headline_end), rule + "-headline"
        turns.append(_Turn(ls, le, body, end, label, speaker, kind, side, rule))
    return turns


def _speech_turn(text: str, headline_end: int, markers: list, st: SourceTypes, actors: ActorDictionary,
                 outlet: str | None):
    """The marker tuple of a speech named in the headline ("Speech by President of Ukraine Volodymyr
    Zelenskyy in the Parliament of Greece"), or None: no speech headline, a turn marker in the
    headline, or no speaker (a person, or an official with a side) named after "by"/"of"."""
    if markers and markers[0][0] < headline_end:
        return None
    m = _speech_headline().search(text, 0, headline_end)
    if m is None:
        return None
    who = m.group("who").strip()
    found = _turn_speaker(who, st, actors, outlet) if who[:1].isalpha() else None
    if found is None or found[1] == "heading":
        prof = _classify_cached(who, "", st, actors, outlet, True)
        side = prof.side or (actors.home_side(who, outlet) if prof.identification == "institutional" else None)
        if prof.kind not in _SPEAKER_KINDS or side is None:
            return None  # "Address of the Day", "speech of support"
        found = (prof.name or who, prof.kind, side)
    return (m.start("who"), m.end("who"), m.start("who"), who, *found, "speech-headline")


def speaker_turns(text: str, *, actors=None, outlet: str | None = None) -> pd.DataFrame:
    """The speaker turns of a transcript: one row per turn marker ("Vladimir Putin: ...").

    A marker is a label and a colon at the start of a line or a sentence. A label that ends in a
    personal name (a person of the actor dictionary, or two or more capitalised words that are no
    common words; a title may come before: "President of Russia Vladimir Putin") is a named turn
    (rule ``turn-marker``); a label of ``lexicons/speaker_turns.yaml`` ("Question", "Remark") is a
    turn by an unnamed speaker (``turn-marker-unnamed``). An upper-case label is read in title case
    ("SECRETARY BLINKEN", "THE PRESIDENT"; an unnamed official takes the side of the outlet's home,
    as in a government's own transcript); one naming no person or official ("FACT SHEET") is a
    heading (``turn-heading``: it ends a turn, resolves nothing). A turn runs from the colon to the
    next marker; a marker in the headline (the first line, before a blank line) covers that line only
    (rule suffix ``-headline``). Without a marker in the headline, a headline naming a speech
    ("Speech by ... Volodymyr Zelenskyy in ...", "... - address by the President of Ukraine";
    ``speaker_turns.yaml: speeches``) makes one turn from the text's start to the first marker (rule
    ``speech-headline``, its label the speaker's words in the headline). Columns: ``turn_id``,
    ``label_start``/``label_end`` (the label), ``start``/``end`` (the turn after the colon, end
    exclusive), ``label``, ``speaker`` (the name as the label gives it; null when unnamed), ``kind``
    and ``side`` (from the actor dictionary, as for sources), ``rule``.

    >>> text = "Talks\\n\\nVladimir Putin: I welcome you. Question: May I ask? Vladimir Putin: Yes."
    >>> speaker_turns(text)[["speaker", "side", "rule"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Vladimir Putin', 'russia', 'turn-marker'], [<NA>, <NA>, 'turn-marker-unnamed'],
     ['Vladimir Putin', 'russia', 'turn-marker']]
    """
    turns = _speaker_turns(text or "", _as_actors(actors), outlet)
    data = {"turn_id": list(range(len(turns))), **{c: [getattr(t, c) for t in turns] for c in TURN_COLUMNS[1:]}}
    return pd.DataFrame({c: pd.array(v, dtype="int64" if c in {"turn_id", "label_start", "label_end", "start", "end"}
                                     else _STRING) for c, v in data.items()}, columns=TURN_COLUMNS)


def _turn_at(turns: list[_Turn], pos: int) -> _Turn | None:
    """The turn whose text holds ``pos`` (after its colon, before its end), if any."""
    k = bisect.bisect_right([t.start for t in turns], pos) - 1
    if k < 0 or not turns[k].start <= pos < turns[k].end or turns[k].rule.startswith("turn-heading"):
        return None
    return turns[k]


def _resolve_pronouns(text, spans, src_texts, profiles, actors, outlet=None):
    """resolved_text, side, kind and a resolution note per row; pronouns take their antecedent's.

    In this order: I/me/we/us inside a speaker turn (:func:`speaker_turns`) is the turn's speaker
    (note ``speaker_turns.yaml: speaker turn '<label>:' (<rule>)``; an unnamed turn leaves it
    unresolved); a relative pronoun takes the noun phrase just before it; any other pronoun the
    nearest fitting attribution source before it, else the nearest fitting actor-dictionary name
    before it. The nearest name was the weak point of transcripts: the Kremlin's "President of
    Russia Vladimir Putin: President Tokayev, friends, I ..." gave "I" to Tokayev. Measured on the
    Kremlin and Ukrainian-presidency releases (2,745 of their 4,415 I/we sources change): a random
    40 of the changed rows were right 8 times before, 40 times after; first-named and most-mentioned
    person were tried before and were worse than the nearest name. PolNeAR train: 10 rows change
    (one CNN transcript's I goes from Donald Trump to the anchor and the governor who speak).

    >>> st, actors = load_source_types(), load_actors()
    >>> text = "Vladimir Putin: President Tokayev, I welcome you."
    >>> prof = _classify_cached("I", "", st, actors, None, False)
    >>> _resolve_pronouns(text, [(34, 35)], ["I"], [prof], actors)[:3]
    (['Vladimir Putin'], ['russia'], ['official'])
    """
    n = len(profiles)
    resolved: list[str | None] = []
    sides: list[str | None] = []
    kinds: list[str] = []
    notes: list[str | None] = [None] * n
    for i, p in enumerate(profiles):
        if p is None:
            resolved.append(None)
            sides.append(None)
            kinds.append("unknown")
        else:
            s, e = spans[i]
            src = _str_or_none(src_texts[i])
            if src is None and s is not None and e is not None:
                src = text[s:e]
            resolved.append(src.strip() if src else None)
            sides.append(p.side)
            kinds.append(p.kind)
    pronoun_rows = [i for i, p in enumerate(profiles) if p is not None and p.identification == "pronoun"]
    if not pronoun_rows:
        return resolved, sides, kinds, notes
    mentions = None
    turns = None
    order = sorted(range(n), key=lambda j: (spans[j][0] is None, spans[j][0] or 0))
    for i in sorted(pronoun_rows, key=lambda j: spans[j][0] if spans[j][0] is not None else -1):
        s = spans[i][0]
        if s is None:
            resolved[i] = None
            continue
        pron = profiles[i]
        if pron.speaker:  # I / we inside a transcript's speaker turn: the speaker
            if turns is None:
                turns = _speaker_turns(text, actors, outlet)
            turn = _turn_at(turns, s) if turns else None
            if turn is not None:
                resolved[i], sides[i] = turn.speaker, turn.side
                kinds[i] = turn.kind
                notes[i] = f"{TURNS_FILE}: speaker turn '{turn.label}:' ({turn.rule})"
                continue
        if pron.relative:  # "..., who said": the noun phrase right before the pronoun
            left = _left_antecedent(text, s, pron, actors)
            if left is not None:
                resolved[i], sides[i], kinds[i] = left[0], left[1].side, left[1].kind
                continue
        best = None
        for j in order:  # nearest preceding fitting attribution source (non-pronoun, or already resolved)
            sj = spans[j][0]
            if j == i or sj is None or sj >= s or profiles[j] is None:
                continue
            cand = profiles[j]
            if cand.identification == "pronoun":
                continue
            if cand.identification in {"none"} or not _fits(pron, cand):
                continue
            if not cand.name and len((resolved[j] or "").split()) > _MAX_ANTECEDENT_WORDS:
                continue  # a clause taken for a source is no antecedent
            best = j
        if best is not None:
            resolved[i] = profiles[best].name or resolved[best]
            sides[i], kinds[i] = sides[best], kinds[best]
            continue
        if mentions is None:
            mentions = _text_candidates(text, actors)
        if pron.pronoun not in {"person", "plural", "thing"}:
            resolved[i] = None
            continue
        fit = [m for m in mentions if m[0] < s and (m[2] if pron.pronoun == "person" else m[3])
               and not (pron.gender and actors.gender.get(m[1], pron.gender) != pron.gender)]
        if fit:
            start, surface, _, _ = fit[-1]
            actor, _ = actors.lookup[surface]
            resolved[i], sides[i], kinds[i] = surface, actor.side, actor.kind
        else:
            resolved[i] = None
            kinds[i] = "person" if pron.person_like else "unknown"
    return resolved, sides, kinds, notes


# --------------------------------------------------------------------------- corpus tables
def _demo_results():
    """A two-article Results for the examples below (not real data)."""
    from .pipeline import Results

    texts = ["TASS said the bridge fell. Analysts said it did not. The ministry declined to comment.",
             "Zelensky said the bridge stands."]
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["wire", "daily"], "text": texts})
    rows = []
    for aid, text, spans in [("a1", texts[0], [("TASS", "said", "the bridge fell"), ("Analysts", "said", "it did not")]),
                             ("a2", texts[1], [("Zelensky", "said", "the bridge stands")])]:
        for i, (src, cue, content) in enumerate(spans):
            s, c, t = text.index(src), text.index(cue, text.index(src)), text.index(content, text.index(src))
            rows.append({"article_id": aid, "attribution_id": i, "source_text": src, "source_start": s,
                         "source_end": s + len(src), "cue_text": cue, "cue_start": c, "cue_end": c + len(cue),
                         "content_text": content, "content_start": t, "content_end": t + len(content),
                         "via": None, "chain_depth": 0, "cue_stance": "neutral"})
    att = pd.DataFrame(rows)
    from .no_comment import find_no_comment

    no_comment = pd.concat([find_no_comment(t).assign(article_id=a) for a, t in zip(["a1", "a2"], texts)])
    return Results(articles=articles, tables={"attributions": att, "no_comment": no_comment})


def _table(results, name: str) -> pd.DataFrame:
    tables = getattr(results, "tables", {}) or {}
    df = tables.get(name)
    return df if df is not None else pd.DataFrame({"article_id": pd.Series(dtype="string")})


def _described(results) -> pd.DataFrame:
    """The attributions table with source profiles (described here when the pipeline did not)."""
    att = _table(results, "attributions")
    if "identification" in att.columns or not len(att):
        if "identification" not in att.columns:
            att = att.assign(**{c: pd.Series(dtype=_STRING) for c in DESCRIBE_COLUMNS})
        return att
    arts = results.articles
    texts = dict(zip(arts["article_id"].astype(str), arts["text"]))
    outlets = dict(zip(arts["article_id"].astype(str), arts["outlet"])) if "outlet" in arts else {}
    dates = dict(zip(arts["article_id"].astype(str), arts["published"])) if "published" in arts else {}
    parts = [describe_sources(texts.get(str(aid), ""), grp, outlet=_str_or_none(outlets.get(str(aid))),
                              published=dates.get(str(aid)))
             for aid, grp in att.groupby("article_id", sort=False)]
    return pd.concat(parts).loc[att.index]


def _content_words(att: pd.DataFrame, results) -> pd.Series:
    """Number of words in each attribution's content span (content_text, else the offsets)."""
    if not len(att):
        return pd.Series(dtype="int64", index=att.index)
    if "content_text" in att.columns:
        contents = att["content_text"].astype(object).where(att["content_text"].notna(), None).tolist()
    else:
        contents = [None] * len(att)
    if any(c is None for c in contents) and {"content_start", "content_end"} <= set(att.columns):
        texts = dict(zip(results.articles["article_id"].astype(str), results.articles["text"]))
        for k, (aid, s, e) in enumerate(zip(att["article_id"].astype(str), att["content_start"], att["content_end"])):
            if contents[k] is None and _int_or_none(s) is not None and _int_or_none(e) is not None:
                contents[k] = texts.get(aid, "")[int(s):int(e)]
    return pd.Series([len(_WORDS.findall(c)) if c else 0 for c in contents], index=att.index, dtype="int64")


def _chain_depths(att: pd.DataFrame) -> pd.Series:
    """chain_depth when given; else computed from ``via`` (the attribution_id it is relayed through)."""
    if "chain_depth" in att.columns:
        return pd.to_numeric(att["chain_depth"], errors="coerce").fillna(0).astype("int64")
    if "via" not in att.columns:
        return pd.Series(0, index=att.index, dtype="int64")
    depths = []
    for aid, grp in att.groupby("article_id", sort=False):
        via = dict(zip(grp["attribution_id"].tolist(), grp["via"].tolist()))
        for key in grp["attribution_id"].tolist():
            d, cur, seen = 0, via.get(key), set()
            while _int_or_none(cur) is not None and cur not in seen and d < 20:
                seen.add(cur)
                d += 1
                cur = via.get(int(cur))
            depths.append(d)
    return pd.Series(depths, index=pd.concat([g for _, g in att.groupby("article_id", sort=False)]).index,
                     dtype="int64").reindex(att.index)


def _article_ids(results) -> pd.Index:
    return pd.Index(results.articles["article_id"].astype("string"), name="article_id")


def side_balance(results) -> pd.DataFrame:
    """Share of each article's attributed content words per side: one row per (article, side).

    Columns ``article_id``, ``side`` (``unknown`` when the source has none), ``content_words``,
    ``share`` (of the article's attributed content words). Articles without attributions have no rows.

    >>> side_balance(_demo_results())[["article_id", "side", "content_words"]].values.tolist()
    [['a1', 'russia', 3], ['a1', 'unknown', 3], ['a2', 'ukraine', 3]]
    """
    att = _described(results)
    cols = ["article_id", "side", "content_words", "share"]
    if not len(att):
        return pd.DataFrame({"article_id": pd.Series(dtype="string"), "side": pd.Series(dtype=_STRING),
                             "content_words": pd.Series(dtype="int64"), "share": pd.Series(dtype="float64")})
    return (
        att.assign(article_id=att["article_id"].astype("string"),
                   side=att["side"].astype(_STRING).fillna("unknown"),
                   content_words=_content_words(att, results))
        .groupby(["article_id", "side"], as_index=False)["content_words"].sum()
        .assign(share=lambda d: d["content_words"] / d.groupby("article_id")["content_words"].transform("sum"))
        .sort_values(["article_id", "content_words", "side"], ascending=[True, False, True])
        .reset_index(drop=True)[cols]
    )


def source_profile(results) -> pd.DataFrame:
    """One row per article: how its sources are identified, what kind, which sides, right of reply.

    Columns: ``article_id``, ``n_attributions``, ``n_<identification>`` (named, institutional,
    anonymous, vague, pronoun, self, none), ``n_<kind>`` (person, official, media, expert,
    organization, document, unknown), ``share_anonymous_or_vague`` (of all attributions; NaN without
    any), ``max_chain_depth`` (0 = no relayed claims), ``asked_for_comment`` (a no-comment phrase
    occurs), ``n_no_comment``, ``sides_quoted`` (sorted, comma-separated), ``n_sides_quoted``, and
    ``words_<side>``: share of the attributed content words per side (see :func:`side_balance`).

    >>> p = source_profile(_demo_results())
    >>> p[["article_id", "n_attributions", "n_named", "n_vague", "asked_for_comment", "sides_quoted"]].values.tolist()
    [['a1', 2, 1, 1, True, 'russia'], ['a2', 1, 1, 0, False, 'ukraine']]
    """
    ids = _article_ids(results)
    att = _described(results)
    a = att.assign(
        article_id=att["article_id"].astype("string"),
        identification=att["identification"].astype(_STRING).fillna("none"),
        kind=att["kind"].astype(_STRING).fillna("unknown"),
        chain_depth=_chain_depths(att),
    )

    def counts(col: str, levels: list[str]) -> pd.DataFrame:
        if not len(a):
            return pd.DataFrame(0, index=ids, columns=levels, dtype="int64")
        return (a.groupby(["article_id", col]).size().unstack(fill_value=0)
                .reindex(index=ids, columns=levels, fill_value=0).astype("int64"))

    ident = counts("identification", IDENTIFICATIONS).add_prefix("n_")
    kinds = counts("kind", KINDS).add_prefix("n_")
    grouped = a.groupby("article_id")
    n_attr = grouped.size().reindex(ids, fill_value=0).astype("int64") if len(a) else pd.Series(0, index=ids)
    depth = grouped["chain_depth"].max().reindex(ids, fill_value=0).astype("int64") if len(a) \
        else pd.Series(0, index=ids, dtype="int64")
    sides = grouped["side"].agg(lambda s: ", ".join(sorted(set(s.dropna().astype(str))))) if len(a) \
        else pd.Series(dtype=object)
    sides = sides.reindex(ids).fillna("")
    nc = _table(results, "no_comment")
    n_nc = (nc.assign(article_id=nc["article_id"].astype("string")).groupby("article_id").size()
            .reindex(ids, fill_value=0).astype("int64")) if len(nc) else pd.Series(0, index=ids, dtype="int64")
    balance = side_balance(results)
    words = (balance.pivot(index="article_id", columns="side", values="share")
             .reindex(ids).fillna(0.0).add_prefix("words_")) if len(balance) else pd.DataFrame(index=ids)
    words.columns = [c.replace("-", "_") for c in words.columns]
    out = pd.concat([n_attr.rename("n_attributions"), ident, kinds], axis=1)
    out = out.assign(
        share_anonymous_or_vague=(out["n_anonymous"] + out["n_vague"]) / out["n_attributions"].where(
            out["n_attributions"] > 0),
        max_chain_depth=depth.astype("Int64"),
        asked_for_comment=(n_nc > 0).astype(bool),
        n_no_comment=n_nc,
        sides_quoted=sides.astype(_STRING),
        n_sides_quoted=sides.map(lambda s: len(s.split(", ")) if s else 0).astype("int64"),
    )
    return pd.concat([out, words], axis=1).rename_axis("article_id").reset_index()


def outlet_sourcing(results) -> pd.DataFrame:
    """One row per outlet: articles, attributions per article and the share of each identification class.

    Columns ``outlet``, ``n_articles``, ``n_attributions``, ``attributions_per_article``,
    ``share_<identification>`` (of the outlet's attributions) and ``share_anonymous_or_vague``.

    >>> o = outlet_sourcing(_demo_results())
    >>> o[["outlet", "n_articles", "attributions_per_article", "share_named"]].values.tolist()
    [['daily', 1, 1.0, 1.0], ['wire', 1, 2.0, 0.5]]
    """
    arts = results.articles.assign(
        article_id=results.articles["article_id"].astype("string"),
        outlet=(results.articles["outlet"] if "outlet" in results.articles.columns
                else pd.Series(None, index=results.articles.index, dtype=object)).astype(_STRING).fillna("unknown"),
    )
    att = _described(results)
    a = att.assign(article_id=att["article_id"].astype("string"),
                   identification=att["identification"].astype(_STRING).fillna("none"))
    a = a.merge(arts[["article_id", "outlet"]], on="article_id", how="left").assign(
        outlet=lambda d: d["outlet"].fillna("unknown"))
    n_articles = arts.groupby("outlet").size().rename("n_articles")
    if len(a):
        shares = (a.groupby(["outlet", "identification"]).size().unstack(fill_value=0)
                  .reindex(columns=IDENTIFICATIONS, fill_value=0))
    else:
        shares = pd.DataFrame(columns=IDENTIFICATIONS, dtype="int64")
    n_attr = shares.sum(axis=1).rename("n_attributions")
    out = pd.concat([n_articles, n_attr], axis=1).fillna(0).astype("int64")
    frac = shares.div(n_attr.where(n_attr > 0), axis=0).reindex(out.index).add_prefix("share_")
    return (
        pd.concat([out, frac], axis=1)
        .assign(attributions_per_article=lambda d: d["n_attributions"] / d["n_articles"].where(d["n_articles"] > 0),
                share_anonymous_or_vague=lambda d: d["share_anonymous"] + d["share_vague"])
        .rename_axis("outlet").reset_index()
        [["outlet", "n_articles", "n_attributions", "attributions_per_article",
          *[f"share_{i}" for i in IDENTIFICATIONS], "share_anonymous_or_vague"]]
        .sort_values("outlet").reset_index(drop=True)
    )


_NAME_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NAME_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+")
_NAME_EDGES = re.compile(r"^[\s\"'“”‘’,.;:()\-–—]+|[\s\"'“”‘’,.;:()\-–—]+$")


# "An internal inspection report, seen by The Ledger": the outlet that saw the document is not its source
_HANDED_TO = re.compile(r"\b(?:seen|obtained|reviewed|viewed|shown|provided|given|leaked|sent|passed|"
                        r"made available)\s+(?:by|to)\s+$", re.IGNORECASE)


def _normalise_name(name: str, actors: ActorDictionary) -> tuple[str, str]:
    """(display name, grouping key): the dictionary's full alias in the text's spelling when the head
    is a known actor ("Mr. Trump" -> "Donald Trump") and that actor's entry as the key, so spellings
    of one actor ("Zelensky", "Zelenskyy") count together; else the tidied text, case-folded."""
    tidy = _NAME_EDGES.sub("", re.sub(r"\s+", " ", name))
    tidy = re.sub(r"['’]s$", "", _NAME_DETERMINER.sub("", tidy))
    untitled = _NAME_TITLE.sub("", tidy)
    tidy = untitled if untitled[:1].isupper() else tidy
    # an appositive or a post-modifier names the source's office or employer, not the source:
    # "Mira Holt, the director of the Water Authority" and "Colonel Ivo Radek of the Directorate"
    # are Mira Holt and Ivo Radek; "Its director, Mira Holt" is Mira Holt
    for part in tidy.split(", ") if ", " in tidy or " of " in tidy else []:
        head = re.split(r" (?:of|for|at|from) ", part, maxsplit=1)[0]
        head = _NAME_TITLE.sub("", _NAME_DETERMINER.sub("", head))
        hit = [m for m in actors.find(head) if m.alias]
        if hit and hit[-1].end == len(head) and not _HANDED_TO.search(head, 0, hit[-1].start):
            last = hit[-1].surface.split()[-1]
            shown = next((a for a in hit[-1].actor.aliases if a.split()[-1] == last), hit[-1].surface)
            return shown, "actor:" + hit[-1].actor.name
    found = [m for m in actors.find(tidy) if m.alias]
    if found and found[-1].end == len(tidy) and not _HANDED_TO.search(tidy, 0, found[-1].start):
        last = found[-1].surface.split()[-1]
        # the first alias of the same entry that ends with the same word ("Mr. Trump" -> "Donald Trump")
        shown = next((a for a in found[-1].actor.aliases if a.split()[-1] == last), found[-1].surface)
        return shown, "actor:" + found[-1].actor.name
    return tidy, tidy.casefold()


def top_sources(results, n: int = 20, actors=None) -> pd.DataFrame:
    """The ``n`` most frequent sources, names normalised (pronouns count for their antecedent).

    ``actors`` is the extra actor dictionary the run was analysed with (``analyze(actors=...)``),
    so that its people count together too ("Brevik", "Foreign Minister Tomas Brevik").

    Columns ``source`` (canonical actor name when the dictionary knows it, "Mr. Trump" -> "Donald
    Trump"; else the text without leading article), ``n``, ``n_articles``, and the most frequent
    ``identification`` (among the rows that name the source rather than say "he" or "we", when
    there are any), ``kind`` and ``side``. Sources without a name (none, unresolved pronouns) are
    left out.

    >>> top_sources(_demo_results())[["source", "n", "identification", "side"]].values.tolist()
    [['Analysts', 1, 'vague', <NA>], ['TASS', 1, 'named', 'russia'], ['Volodymyr Zelensky', 1, 'named', 'ukraine']]
    """
    att = _described(results)
    cols = ["source", "n", "n_articles", "identification", "kind", "side"]
    if not len(att):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.startswith("n") else _STRING) for c in cols})
    actors = load_actors(actors) if not isinstance(actors, ActorDictionary) else actors
    names = att["resolved_text"].astype(object).where(att["resolved_text"].notna(), None)
    cache: dict[str, tuple[str, str]] = {}
    normalised = [cache.setdefault(x, _normalise_name(x, actors)) if isinstance(x, str) and x.strip() else (None, None)
                  for x in names]
    a = att.assign(source=[n for n, _ in normalised], key=[k for _, k in normalised]).dropna(subset=["source"])
    a = a[a["source"].str.len() > 0]
    if not len(a):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.startswith("n") else _STRING) for c in cols})

    out = a.groupby("key").agg(n=("key", "size"), n_articles=("article_id", "nunique"))
    out = out.sort_values("n", ascending=False).head(n)
    a = a[a["key"].isin(out.index)]

    def most_frequent(rows: pd.DataFrame, col: str) -> pd.Series:
        return (rows.dropna(subset=[col]).groupby(["key", col]).size().rename("m").reset_index()
                .sort_values(["key", "m", col], ascending=[True, False, True]).drop_duplicates("key")
                .set_index("key")[col].reindex(out.index).astype(object))

    for col in ["source", "identification", "kind", "side"]:  # the most frequent value per source
        out[col] = most_frequent(a, col)
    # how the source is identified when it is named, not as "he" / "we" (then pronoun, if only that)
    named = most_frequent(a[a["identification"].astype(object) != "pronoun"], "identification")
    out["identification"] = named.where(named.notna(), out["identification"])
    return (
        out.sort_values(["n", "source"], ascending=[False, True]).reset_index(drop=True)
        .astype({"source": _STRING, "n": "int64", "n_articles": "int64", "identification": _STRING,
                 "kind": _STRING, "side": _STRING})[cols]
    )


def cue_stance_by_outlet(results) -> pd.DataFrame:
    """How each outlet introduces claims: counts and shares of cue stances per outlet.

    ``cue_stance`` comes from the attribution stage (e.g. neutral "said" vs. distancing "claimed");
    missing values count as ``unknown``. Columns ``outlet``, ``cue_stance``, ``n``, ``share``
    (within the outlet).

    >>> cue_stance_by_outlet(_demo_results()).values.tolist()
    [['daily', 'neutral', 1, 1.0], ['wire', 'neutral', 2, 1.0]]
    """
    att = _table(results, "attributions")
    cols = ["outlet", "cue_stance", "n", "share"]
    if not len(att):
        return pd.DataFrame({"outlet": pd.Series(dtype=_STRING), "cue_stance": pd.Series(dtype=_STRING),
                             "n": pd.Series(dtype="int64"), "share": pd.Series(dtype="float64")})
    arts = results.articles
    outlets = pd.DataFrame({
        "article_id": arts["article_id"].astype("string"),
        "outlet": (arts["outlet"] if "outlet" in arts.columns else pd.Series(None, index=arts.index, dtype=object)
                   ).astype(_STRING).fillna("unknown"),
    })
    stance = att["cue_stance"] if "cue_stance" in att.columns else pd.Series(None, index=att.index, dtype=object)
    return (
        pd.DataFrame({"article_id": att["article_id"].astype("string"),
                      "cue_stance": stance.astype(_STRING).fillna("unknown")})
        .merge(outlets, on="article_id", how="left")
        .assign(outlet=lambda d: d["outlet"].fillna("unknown"))
        .groupby(["outlet", "cue_stance"], as_index=False).size().rename(columns={"size": "n"})
        .assign(share=lambda d: d["n"] / d.groupby("outlet")["n"].transform("sum"))
        .sort_values(["outlet", "n", "cue_stance"], ascending=[True, False, True])
        .reset_index(drop=True)
        .astype({"outlet": _STRING, "cue_stance": _STRING, "n": "int64"})[cols]
    )


# ------------------------------------------------------------------ views for notebook 02


def _with_outlet_and_date(results, att: pd.DataFrame) -> pd.DataFrame:
    arts = results.articles
    meta = pd.DataFrame({
        "article_id": arts["article_id"].astype("string"),
        "outlet": arts["outlet"].astype(str) if "outlet" in arts.columns else "unknown",
        "published": arts["published"] if "published" in arts.columns else pd.NaT,
    })
    return att.assign(article_id=att["article_id"].astype("string")).merge(meta, on="article_id",
                                                                            how="left")


def identification_over_time(results, freq: str = "D") -> pd.DataFrame:
    """Attributions per period (``freq``: "D", "W", "MS") and identification class: a wide
    table indexed by period start (UTC), one column per class present. Undated articles are
    left out.

    >>> identification_over_time(_demo_results()).sum().to_dict()
    {}
    """
    att = _with_outlet_and_date(results, _described(results))
    att = att[att["published"].notna()]
    if not len(att):
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    period = (pd.to_datetime(att["published"], utc=True).dt.tz_localize(None)
              .dt.to_period(period_freq(freq)).dt.start_time.rename("period"))
    ident = att["identification"].astype(_STRING).fillna("none").rename("identification")
    wide = (att.groupby([period, ident]).size().unstack(fill_value=0)
            .reindex(columns=[i for i in IDENTIFICATIONS if i in set(ident)], fill_value=0))
    full = pd.period_range(wide.index.min(), wide.index.max(), freq=period_freq(freq)).start_time
    wide = wide.reindex(full, fill_value=0)
    wide.index.name, wide.columns.name = "period", None
    return wide


def relays(results) -> pd.DataFrame:
    """Every relayed attribution ("agencies, via TASS"): ``article_id``, ``outlet``,
    ``attribution_id``, ``source``, ``identification``, ``via_source``, ``chain_depth``,
    ``content_text``. Deepest chains first.

    >>> relays(_demo_results()).columns.tolist()[:4]
    ['article_id', 'outlet', 'attribution_id', 'source']
    """
    att = _with_outlet_and_date(results, _described(results))
    cols = ["article_id", "outlet", "attribution_id", "source", "identification", "via_source",
            "chain_depth", "content_text"]
    if not len(att) or "via" not in att.columns:
        return pd.DataFrame(columns=cols)
    att = att.assign(chain_depth=_chain_depths(att).to_numpy())
    names = {(a, i): (r if isinstance(r, str) and r else s)
             for a, i, r, s in zip(att["article_id"], att["attribution_id"],
                                   att.get("resolved_text", att["source_text"]), att["source_text"])}
    rel = att[att["via"].notna()]
    via_source = [n if isinstance(n := names.get((a, int(v))), str) and n else vt for a, v, vt in
                  zip(rel["article_id"], rel["via"], rel.get("via_text", rel["via"]))]
    return (rel.assign(source=[names.get((a, i)) for a, i in zip(rel["article_id"],
                                                                 rel["attribution_id"])],
                       via_source=via_source)
            .reindex(columns=cols)
            .sort_values(["chain_depth", "article_id", "attribution_id"],
                         ascending=[False, True, True])
            .reset_index(drop=True))


def chain_depth_by_outlet(results) -> pd.DataFrame:
    """Attributions per outlet and relay depth: wide, index ``outlet``, columns
    ``heard directly`` (depth 0), ``relayed once`` (1), ``relayed twice or more`` (2+).

    >>> chain_depth_by_outlet(_demo_results()).columns.tolist()
    ['heard directly', 'relayed once', 'relayed twice or more']
    """
    att = _with_outlet_and_date(results, _described(results))
    labels = ["heard directly", "relayed once", "relayed twice or more"]
    if not len(att):
        return pd.DataFrame(columns=labels)
    depth = _chain_depths(att).clip(upper=2).map(dict(enumerate(labels))).rename("depth")
    return (att.groupby([att["outlet"], depth.to_numpy()]).size().unstack(fill_value=0)
            .reindex(columns=labels, fill_value=0).rename_axis(index="outlet", columns=None))


def side_balance_by_outlet(results) -> pd.DataFrame:
    """Share of attributed content words given to each side, per outlet (wide: index
    ``outlet``, one column per side, rows sum to 1; ``unknown`` = source without a known side).

    >>> side_balance_by_outlet(_demo_results()).round(2).to_dict("index")["wire"]["russia"]
    0.5
    """
    bal = side_balance(results)
    if not len(bal):
        return pd.DataFrame()
    bal = _with_outlet_and_date(results, bal)
    wide = bal.groupby(["outlet", "side"])["content_words"].sum().unstack(fill_value=0)
    order = wide.sum().sort_values(ascending=False).index.tolist()
    order = [c for c in order if c != "unknown"] + (["unknown"] if "unknown" in order else [])
    wide = wide[order]
    return wide.div(wide.sum(axis=1).where(lambda s: s > 0, 1), axis=0).rename_axis(
        index="outlet", columns=None)


def right_of_reply_by_outlet(results) -> pd.DataFrame:
    """Per outlet: ``n_articles``, ``asked_for_comment`` (articles that say some party declined,
    did not respond or has yet to comment) and its ``share``.

    >>> right_of_reply_by_outlet(_demo_results())[["outlet", "n_articles"]].values.tolist()
    [['daily', 1], ['wire', 1]]
    """
    prof = _with_outlet_and_date(results, source_profile(results)[["article_id",
                                                                    "asked_for_comment"]])
    return (prof.groupby("outlet")
            .agg(n_articles=("article_id", "size"),
                 asked_for_comment=("asked_for_comment", "sum"))
            .assign(share=lambda d: d["asked_for_comment"] / d["n_articles"])
            .reset_index()
            .astype({"asked_for_comment": "int64"}))


_MOVED_TO_NO_COMMENT = {"find_no_comment", "no_comment_stage", "load_no_comment_rules", "NO_COMMENT_COLUMNS",
                        "NoCommentRules"}


def __getattr__(name: str):
    """The right-of-reply functions moved to :mod:`analysis.no_comment`; old imports keep working."""
    if name in _MOVED_TO_NO_COMMENT:
        from . import no_comment

        return getattr(no_comment, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
