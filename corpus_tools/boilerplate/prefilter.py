"""What a rule's expression says about the units it can match, read from its parse: the words every match
contains (gate terms) and how a matching unit starts (lead keys), so that a rule runs only on units that fit."""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import re._parser as sre_parse
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_parse

MIN_GATE = 3
"""Shorter words ("by", "ad") occur in nearly every text and would gate nothing."""
_MAX_LITERALS = 256
_WORD = re.compile(r"\w+")
_CLOSING_AT = {"AT_BEGINNING", "AT_BEGINNING_STRING", "AT_BOUNDARY", "AT_END", "AT_END_STRING"}

_Item = tuple[str, Any]
"""("lit", literal strings) | ("gap", "closed" / "transparent" / "open") | ("branch", [items, ...]) |
("inner", items): a repeated group or a lookahead, whose words count but whose edges are not known |
("optional", items): a group that may be absent; it keeps a word boundary when it ends on one."""


@functools.lru_cache(maxsize=4096)
def _parsed(pattern: str, flags: int) -> Any:
    """The parse of a pattern, shared by the three analyses of each rule (the parser is slow)."""
    try:
        return sre_parse.parse(pattern, flags)
    except re.error:
        return None


def gate_terms(pattern: str, flags: int = 0) -> tuple[tuple[frozenset[str], ...], ...]:
    """Which words a match needs, as alternatives (terms) of conjunctions: every match hits each set of
    lower-case whole words of at least one term. `^This (?:article|story) (?:appeared|ran)` has one term
    of three sets; `^(?:Comments are closed|Leave a comment)` has a term per alternative of its first
    alternation. Requiring a whole term wakes a rule on far fewer lines than requiring one word. Empty when
    some alternative needs no word: the rule then always runs."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return ()
    items = _items(list(parsed))
    split = next((i for i, (kind, _) in enumerate(items) if kind == "branch"), None)
    alternatives = [items] if split is None else [items[:split] + alt + items[split + 1:] for alt in items[split][1]]
    terms = []
    for alternative in alternatives:
        found = sorted(_word_sets(alternative, left=False, right=False), key=_gate_quality, reverse=True)
        term = tuple(dict.fromkeys(map(frozenset, found)))
        if not term:
            return ()
        terms.append(term)
    return tuple(dict.fromkeys(terms))


def _items(parsed: list[tuple[Any, Any]]) -> list[_Item]:
    """Flatten a parsed pattern into literal runs, gaps and opaque parts."""
    items: list[_Item] = []
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL" and not (chr(value).isalnum() or chr(value) == "_"):
            items.append(("gap", "closed"))
        elif name == "LITERAL":
            items.append(("lit", {chr(value)}))
        elif name == "SUBPATTERN":
            items.extend(_items(list(value[-1])))
        elif name == "BRANCH":
            alternatives = [_items(list(branch)) for branch in value[1]]
            strings: set[str] | None = set()
            for alt in alternatives:
                joined = _concatenate([v for _, v in alt]) if all(k == "lit" for k, _ in alt) else None
                strings = strings | joined if strings is not None and joined is not None else None
            if strings is not None and len(strings) <= _MAX_LITERALS:
                items.append(("lit", strings))
            elif any(alt[:1] and alt[0][0] == "lit" for alt in alternatives):
                prefix = _hoisted(items)
                items.append(("branch", [prefix + alt for alt in alternatives]))
            else:
                items.append(("branch", alternatives))
        elif name == "AT":
            items.append(("gap", "closed" if str(value) in _CLOSING_AT else "open"))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = value[0], value[1], list(value[2])
            flat = _items(inner)
            optional = _concatenate([v for _, v in flat]) if all(k == "lit" for k, _ in flat) else None
            if low == 0 and high == 1 and optional is not None:
                items.append(("lit", {""} | optional))
            elif _non_word(inner):
                items.append(("gap", "closed" if low >= 1 else "transparent"))
            elif low >= 1:
                items.append(("inner", flat))
            else:
                items.append(("optional", flat))
        elif name == "IN" and _word_characters(value):
            items.append(("lit", {chr(item_value) for _, item_value in value}))  # [Ff]ree: "free" in lower case
        elif name == "IN":
            items.append(("gap", "closed" if _non_word([(op, value)]) else "open"))
        elif name == "ASSERT" and value[0] == 1:
            items.append(("inner", _items(list(value[1]))))
            items.append(("gap", "transparent"))
        elif name in ("ASSERT", "ASSERT_NOT"):
            items.append(("gap", "transparent"))  # a lookbehind or a negative lookaround consumes nothing
        else:
            items.append(("gap", "open"))
    return items


def _hoisted(items: list[_Item]) -> list[_Item]:
    """Take the run of literals that ends `items` off it. The parser moves the letters that all alternatives
    start with in front of them (`(?:subscribe|sign up)` becomes `s(?:ubscribe|ign up)`), which leaves no
    alternative a whole word: put back in front of each, they are whole again. Where every alternative starts
    with a gap (`Support(?: us| our work)`), the run is a word of its own and stays a set of its own."""
    start = len(items)
    while start > 0 and items[start - 1][0] == "lit":
        start -= 1
    run = items[start:]
    del items[start:]
    return run


def _non_word(parsed: list[tuple[Any, Any]]) -> bool:
    """True when the element can only match characters that are not word characters (spaces, punctuation)."""
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL":
            if chr(value).isalnum() or chr(value) == "_":
                return False
        elif name == "IN":
            for item_op, item_value in value:
                item = str(item_op)
                if item == "CATEGORY" and str(item_value) not in ("CATEGORY_SPACE", "CATEGORY_NOT_WORD"):
                    return False
                if item == "LITERAL" and (chr(item_value).isalnum() or chr(item_value) == "_"):
                    return False
                if item not in ("CATEGORY", "LITERAL"):
                    return False
        else:
            return False
    return True


def _word_characters(items: list[tuple[Any, Any]]) -> bool:
    """True when a character class lists single word characters only (`[Ff]`, `[Uu]`): one of them is a literal."""
    return bool(items) and all(str(op) == "LITERAL" and (chr(value).isalnum() or chr(value) == "_")
                               for op, value in items)


def _concatenate(parts: list[set[str]]) -> set[str] | None:
    strings = {""}
    for part in parts:
        strings = {a + b for a in strings for b in part}
        if len(strings) > _MAX_LITERALS:
            return None
    return strings


def _closed_after(items: list[_Item], start: int, right: bool) -> bool:
    """Whether a word boundary is certain at items[start] (looking right), given the context after the list."""
    for offset, (kind, value) in enumerate(items[start:]):
        if kind == "gap" and value == "transparent":
            continue
        if kind == "lit":
            return all(s and not (s[0].isalnum() or s[0] == "_") for s in value)
        if kind == "branch":
            after = _closed_after(items, start + offset + 1, right)
            return all(_closed_after(alternative, 0, after) for alternative in value)
        if kind == "optional":
            return _closed_after(value, 0, False) and _closed_after(items, start + offset + 1, right)
        return kind == "gap" and value == "closed"
    return right


def _ends_closed(items: list[_Item]) -> bool:
    for kind, value in reversed(items):
        if kind == "gap" and value == "transparent":
            continue
        if kind == "lit":
            return all(s and not (s[-1].isalnum() or s[-1] == "_") for s in value)
        if kind == "branch":
            return all(_ends_closed(alternative) for alternative in value)
        if kind == "inner":
            return _ends_closed(value)
        return kind == "gap" and value == "closed"
    return False


def _necessary_words(items: list[_Item], left: bool, right: bool) -> set[str] | None:
    """The best set of whole words of which a match must contain one, or None."""
    candidates = _word_sets(items, left, right)
    return max(candidates, key=_gate_quality) if candidates else None


def _gate_quality(words: set[str]) -> tuple[int, int]:
    """Longer words are rarer, and so are fewer of them."""
    return min(len(w) for w in words), -len(words)


def _word_sets(items: list[_Item], left: bool, right: bool) -> list[set[str]]:
    """The sets of whole words of which a match must contain one word each."""
    candidates: list[set[str]] = []
    closed = left
    index = 0
    while index < len(items):
        kind, value = items[index]
        if kind == "gap":
            closed = value == "closed" or (value == "transparent" and closed)
            index += 1
            continue
        if kind == "optional":
            closed = closed and _ends_closed(value)
            index += 1
            continue
        if kind in ("branch", "inner"):
            groups = value if kind == "branch" else [value]
            after = _closed_after(items, index + 1, right) if kind == "branch" else False
            found = [_necessary_words(group, closed if kind == "branch" else False, after) for group in groups]
            if all(found):
                candidates.append(set().union(*found))  # type: ignore[arg-type]
            closed = False
            index += 1
            continue
        end = index
        while end < len(items) and items[end][0] == "lit":
            end += 1
        strings = _concatenate([v for _, v in items[index:end]])
        if strings:
            words = [_longest_complete_word(s.lower(), closed, _closed_after(items, end, right)) for s in strings]
            if all(words):
                candidates.append(set(words))  # type: ignore[arg-type]
            closed = all(s and not (s[-1].isalnum() or s[-1] == "_") for s in strings)
        else:
            closed = False
        index = end
    return candidates


def _longest_complete_word(string: str, left: bool, right: bool) -> str | None:
    best = None
    for match in _WORD.finditer(string):
        closed_left = match.start() > 0 or left
        closed_right = match.end() < len(string) or right
        word = match.group()
        if closed_left and closed_right and len(word) >= MIN_GATE and (best is None or len(word) > len(best)):
            best = word
    return best


_LEAD = re.compile(r"\w+|\W", re.DOTALL)
_MAX_LEADS = 256


def lead_key(unit: str) -> str | None:
    """How a unit starts, as `leading_keys` names it: its first word in lower case, or its first character
    when that is not a word character. None where case folding could make lower() disagree with the regular
    expression engine (a word outside ASCII, a cased symbol): such a unit is tested against every rule."""
    match = _LEAD.match(unit)
    if match is None:
        return ""
    key = match.group()
    if key[0].isalnum() or key[0] == "_":
        return key.lower() if key.isascii() else None
    return key if key.lower() == key == key.upper() else None


def leading_keys(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lead keys (see `lead_key`) of every unit the pattern can match, for patterns anchored at the start.

    `^(?:Become|Join) ...` can only match a unit whose first word is "become" or "join": one dictionary
    lookup per unit rules out every such rule that cannot match, where running each would cost a call.
    None when the pattern is not anchored at the start, or its first word is not a known literal.
    """
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    if parsed.state.flags & re.MULTILINE:
        return None
    keys: set[str] = set()
    if not _leads(list(parsed), "", False, keys) or not keys:
        return None
    if flags & re.IGNORECASE and any(c in key for key in keys for c in "\u0130\u0131\u017f\u212a"):
        return None  # these fold to or from ASCII letters, so lower() would not say what the engine matches
    return frozenset(keys)


def _leads(items: list[tuple[Any, Any]], prefix: str, anchored: bool, keys: set[str]) -> bool:
    """Add to `keys` the lead key of every way `items` can begin a match after `prefix` (word characters
    whose word has not ended yet); False when some way cannot be known."""
    if len(keys) > _MAX_LEADS:
        return False
    if not items:
        return False  # the pattern may end inside the first word, or before any character: no key
    (op, value), rest = items[0], items[1:]
    name = str(op)
    if name == "AT":
        where = str(value)
        if where in ("AT_BEGINNING", "AT_BEGINNING_STRING") and not prefix:
            return _leads(rest, prefix, True, keys)
        if where in ("AT_BOUNDARY", "AT_END", "AT_END_STRING") and prefix and anchored:
            keys.add(prefix.lower())
            return True
        return False
    if not anchored:
        return False
    if name in ("ASSERT", "ASSERT_NOT"):
        return _leads(rest, prefix, anchored, keys)  # a lookaround consumes nothing; ignoring it widens the keys
    if name == "SUBPATTERN":
        add_flags, del_flags = value[1], value[2]
        if (add_flags | del_flags) & re.MULTILINE:
            return False
        return _leads(list(value[-1]) + rest, prefix, anchored, keys)
    if name == "BRANCH":
        return all(_leads(list(branch) + rest, prefix, anchored, keys) for branch in value[1])
    if name == "LITERAL":
        return _add_char(chr(value), rest, prefix, keys)
    if name == "IN":
        if all(str(item_op) == "LITERAL" for item_op, _ in value):
            return all(_add_char(chr(item_value), rest, prefix, keys) for _, item_value in value)
        if prefix and _non_word([(op, value)]):
            keys.add(prefix.lower())
            return True
        return False
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, inner = value[0], value[1], list(value[2])
        if low == 0 and not _leads(rest, prefix, anchored, keys):
            return False
        if high == 0:
            return True
        if prefix and _non_word(inner):
            keys.add(prefix.lower())
            return True
        return high == 1 and _leads(inner + rest, prefix, anchored, keys)
    return False


def _add_char(char: str, rest: list[tuple[Any, Any]], prefix: str, keys: set[str]) -> bool:
    if char.isalnum() or char == "_":
        return _leads(rest, prefix + char, True, keys)
    if prefix:
        keys.add(prefix.lower())
    elif char.lower() == char == char.upper():
        keys.add(char)
    else:
        return False
    return True
