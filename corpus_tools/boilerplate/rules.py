"""Boilerplate rules: loading the shipped TOML file and users' files, checking them, compiling them for matching."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from corpus_tools.boilerplate.prefilter import gate_terms, lead_key, leading_keys
from corpus_tools.boilerplate.segment import is_label
from corpus_tools.errors import CorpusError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SCOPES = ("sentence", "line", "paragraph", "block", "trailing")
POSITIONS = ("any", "header", "footer")
RESCUE_GROUPS = ("date", "author", "title")
SUBJECT_GROUP = "subject"
"""The named group that holds whom an `unnamed` rule's unit speaks of."""
BUILTIN = "builtin"
"""How the shipped rule file is named in messages and in `Rule.origin`."""

_TEMPLATE = re.compile(r"\{\{(\w+)\}\}")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_KNOWN_KEYS = {"id", "category", "scope", "pattern", "languages", "position", "ignore_case", "max_words",
               "label", "end", "max_lines", "examples", "counter_examples", "enabled", "description", "gates",
               "unnamed", "run", "page"}


@dataclass(frozen=True)
class Rule:
    """One rule. The pattern is searched in the unit its scope names, as `normalize` leaves text.

    `label` asks that the unit look like a label (no closing punctuation), `max_words` caps the unit's
    length: both keep a rule from ever taking a sentence of news that happens to contain its words.
    """

    id: str
    category: str
    scope: str
    pattern: str
    languages: tuple[str, ...] = ("*",)
    position: str = "any"
    ignore_case: bool = True
    max_words: int | None = None
    label: bool = False
    end: str | None = None
    max_lines: int = 15
    run: bool = False
    """Block rules: every line from the first to the last matches `end` (a list under its label), not only the
    last one."""
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    description: str = ""
    gate_words: tuple[str, ...] = ()
    """Words of which every match contains one, for patterns whose words cannot be derived: added to each
    term of `gate_terms`, or the only term when none can be derived."""
    unnamed: bool = False
    """The unit goes only when the person or body its match names in the group `subject` is named nowhere in
    the text that stays: a bio speaks of someone the story does not, a story's last line of someone in it."""
    page: bool = False
    """A match shows that the scrape caught a notice page (a missing page, a bot check, a script or cookie wall, a
    parked domain) instead of an article: where what stays of the text is shorter than a news brief, it goes too."""
    origin: str = BUILTIN
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    end_regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    gate_terms: tuple[tuple[frozenset[str], ...], ...] = field(init=False, repr=False, compare=False)
    """The word sets a match needs (see `gate_terms`); empty when the pattern guarantees no word."""
    leads: frozenset[str] | None = field(init=False, repr=False, compare=False)
    """What a matching unit must start with (see `leading_keys`); None when the pattern is not anchored so."""

    def __post_init__(self) -> None:
        flags = (re.IGNORECASE if self.ignore_case else 0) | (re.DOTALL if self.scope == "paragraph" else 0)
        object.__setattr__(self, "regex", _compile(self.pattern, flags, self, "pattern"))
        end = _compile(self.end, flags, self, "end") if self.end is not None else None
        object.__setattr__(self, "end_regex", end)
        given = (frozenset(w.lower() for w in self.gate_words),) if self.gate_words else ()
        terms = tuple(given + term for term in gate_terms(self.pattern, flags)) or ((given,) if given else ())
        object.__setattr__(self, "gate_terms", terms)
        object.__setattr__(self, "leads", leading_keys(self.pattern, flags))

    def applies_to(self, language: str | None) -> bool:
        return language is None or "*" in self.languages or language in self.languages


@dataclass(frozen=True)
class RuleFile:
    """A parsed rule file: its version string and its rules in file order."""

    origin: str
    version: str
    rules: tuple[Rule, ...]
    disabled: tuple[str, ...] = ()


def _compile(pattern: str, flags: int, rule: Rule, key: str) -> re.Pattern[str]:
    if _BACKREFERENCE.search(pattern):
        raise CorpusError(f"{rule.origin}: rule '{rule.id}': {key} uses a back-reference, which rules cannot use")
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise CorpusError(f"{rule.origin}: rule '{rule.id}': {key} is not a valid regular expression ({err})") from None


def builtin_rules_text() -> str:
    return files("corpus_tools.boilerplate").joinpath("rules.toml").read_text(encoding="utf-8")


def load_rule_file(origin: str, text: str | None = None, defines: dict[str, str] | None = None) -> RuleFile:
    """Parse one rule file. `defines` are the fragments a user file may use from the shipped file."""
    if text is None:
        try:
            with open(origin, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as err:
            raise CorpusError(f"{origin}: cannot read the rules file ({err.strerror})") from None
        except UnicodeDecodeError:
            raise CorpusError(f"{origin}: the rules file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CorpusError(f"{origin}: not a valid TOML rules file ({err})") from None
    fragments = dict(defines or {})
    for name, value in _table(data.get("define", {}), origin, "[define]").items():
        fragments[name] = _expand(value, fragments, f"{origin}: [define] {name}")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{origin}: rules must be an array of tables, written [[rule]]")
    parsed = [_parse_rule(entry, origin, fragments, index) for index, entry in enumerate(entries, 1)]
    return RuleFile(origin, str(data.get("version", "")), tuple(r for r in parsed if isinstance(r, Rule)),
                    tuple(r for r in parsed if isinstance(r, str)))


@functools.cache
def _builtin_file() -> RuleFile:
    """The shipped rules, parsed once per process: a run asks for them more than once."""
    return load_rule_file(BUILTIN, builtin_rules_text())


@functools.cache
def _builtin_defines() -> tuple[tuple[str, str], ...]:
    fragments: dict[str, str] = {}
    for name, value in _table(tomllib.loads(builtin_rules_text()).get("define", {}), BUILTIN, "[define]").items():
        fragments[name] = _expand(value, fragments, f"{BUILTIN}: [define] {name}")
    return tuple(fragments.items())


def builtin_defines() -> dict[str, str]:
    """The shipped [define] fragments, which user rule files may use."""
    return dict(_builtin_defines())


def _table(value: Any, origin: str, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise CorpusError(f"{origin}: {name} must map names to regular-expression strings")
    return dict(value)


def _parse_rule(entry: Any, origin: str, fragments: dict[str, str], index: int) -> Rule | str:
    """A rule, or the id of a shipped rule that the entry switches off with `enabled = false`."""
    if not isinstance(entry, dict):
        raise CorpusError(f"{origin}: rule #{index} is not a table")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise CorpusError(f"{origin}: rule #{index} has no id")
    where = f"{origin}: rule '{rule_id}'"
    unknown = sorted(set(entry) - _KNOWN_KEYS)
    if unknown:
        raise CorpusError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KNOWN_KEYS))}")
    for switch in ("enabled", "ignore_case", "unnamed", "page"):
        if switch in entry and not isinstance(entry[switch], bool):
            raise CorpusError(f"{where}: '{switch}' must be true or false, not {entry[switch]!r}")
    if entry.get("enabled", True) is False:
        return rule_id
    for key in ("category", "pattern"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise CorpusError(f"{where}: needs a non-empty string '{key}'")
    scope = entry.get("scope", "line")
    if scope not in SCOPES:
        raise CorpusError(f"{where}: scope '{scope}' is not one of {', '.join(SCOPES)}")
    position = entry.get("position", "any")
    if position not in POSITIONS:
        raise CorpusError(f"{where}: position '{position}' is not one of {', '.join(POSITIONS)}")
    if scope == "block" and not isinstance(entry.get("end"), str):
        raise CorpusError(f"{where}: a block rule needs an 'end' pattern for the block's last line")
    languages = entry.get("languages", ["*"])
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise CorpusError(f"{where}: languages must be a list of language codes such as [\"en\"]")
    pattern = _expand(entry["pattern"], fragments, where)
    unnamed = bool(entry.get("unnamed", False))
    found = set(_NAMED_GROUP.findall(pattern))
    groups = found - set(RESCUE_GROUPS) - ({SUBJECT_GROUP} if unnamed else set())
    if groups:
        raise CorpusError(f"{where}: named groups may only be {', '.join(RESCUE_GROUPS)}, not {', '.join(groups)}")
    if unnamed and (scope != "line" or SUBJECT_GROUP not in found):
        raise CorpusError(f"{where}: an 'unnamed' rule needs scope 'line' and a (?P<{SUBJECT_GROUP}>...) group")
    return Rule(
        id=rule_id, category=entry["category"], scope=scope, pattern=pattern, languages=tuple(languages),
        position=position, ignore_case=bool(entry.get("ignore_case", True)),
        max_words=_int(entry.get("max_words"), where, "max_words"), label=bool(entry.get("label", False)),
        end=_expand(entry["end"], fragments, where) if "end" in entry else None,
        max_lines=_int(entry.get("max_lines", 15), where, "max_lines") or 15, run=bool(entry.get("run", False)),
        examples=_strings(entry.get("examples", []), where, "examples"),
        counter_examples=_strings(entry.get("counter_examples", []), where, "counter_examples"),
        description=str(entry.get("description", "")), origin=origin,
        gate_words=_strings(entry.get("gates", []), where, "gates"), unnamed=unnamed,
        page=bool(entry.get("page", False)),
    )


def _expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise CorpusError(f"{where}: {{{{{name}}}}} is not defined in a [define] table")
        return fragments[name]

    return _TEMPLATE.sub(fragment, pattern)


def _int(value: Any, where: str, key: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise CorpusError(f"{where}: {key} must be a positive whole number")
    return value


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise CorpusError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def load_rules(paths: Sequence[str] = (), builtin: bool = True, keep_categories: Iterable[str] = ()
               ) -> tuple[list[Rule], list[str]]:
    """The rules in force and the versions they came from.

    A user rule whose id matches a shipped one replaces it; `enabled = false` switches one off.
    """
    files_: list[RuleFile] = []
    defines = builtin_defines()
    if builtin:
        files_.append(_builtin_file())
    files_.extend(load_rule_file(path, defines=defines) for path in paths)
    by_id: dict[str, Rule] = {}
    for rule_file in files_:
        ids = [r.id for r in rule_file.rules] + list(rule_file.disabled)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise CorpusError(f"{rule_file.origin}: rule id '{repeated[0]}' is used twice")
        for rule_id in rule_file.disabled:
            by_id.pop(rule_id, None)
        for rule in rule_file.rules:
            by_id[rule.id] = rule
    keep = set(keep_categories)
    rules = [r for r in by_id.values() if r.category not in keep]
    versions = [f"{f.origin}@{f.version}" if f.version else f.origin for f in files_]
    return rules, versions


def shipped_rules_replaced(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(file, rule id) for each rule of the user's files that takes a shipped rule's id, and so replaces it."""
    shipped = {rule.id for rule in _builtin_file().rules}
    defines = builtin_defines()
    return [(path, rule.id) for path in paths for rule in load_rule_file(path, defines=defines).rules
            if rule.id in shipped]


_WORD = re.compile(r"\w+")


def check_examples(rules: Iterable[Rule]) -> list[str]:
    """Each rule's examples must match and its counter-examples must not; the problems found, if any."""
    problems = []
    for rule in rules:
        for example in rule.examples:
            if not matches(rule, example):
                problems.append(f"{rule.id}: does not match its example {example!r}")
            elif rule.gate_terms and not any(all(not words.isdisjoint(_WORD.findall(example.lower())) for words in term)
                                             for term in rule.gate_terms):
                problems.append(f"{rule.id}: no term of its gate words {rule.gate_terms} fits its example {example!r}")
            elif rule.leads is not None and lead_key(example) not in rule.leads | {None}:
                problems.append(f"{rule.id}: its example {example!r} does not start as the pattern must")
        for counter in rule.counter_examples:
            if matches(rule, counter):
                problems.append(f"{rule.id}: matches its counter-example {counter!r}")
    return problems


def matches(rule: Rule, unit: str, words: int | None = None) -> re.Match[str] | None:
    """The rule's match in one unit of its scope, honouring its length and label limits.

    `words` is the unit's word count when the caller already knows it (it tests many rules per unit).
    """
    if rule.max_words is not None or rule.label:
        words = len(unit.split()) if words is None else words
        if rule.max_words is not None and words > rule.max_words:
            return None
        if rule.label and not is_label(unit, rule.max_words or 12, words):
            return None
    return rule.regex.search(unit)
