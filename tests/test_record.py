"""The record's shared facts: which outlet a record comes from, and JSON read with its integers exact."""

from __future__ import annotations

import json
import random

import pytest

from corpus_tools.record import loads_exact, outlet_of


@pytest.mark.parametrize(("fields", "outlet"), [
    ({"domain": "lantern.example"}, "lantern.example"),
    ({"domain": "WWW.Lantern.Example", "url": "https://other.example/a"}, "lantern.example"),
    ({"url": "https://www.lantern.example/2024/05/story"}, "lantern.example"),
    ({"domain": "", "url": "http://Lantern.example:8080/a"}, "lantern.example"),
    ({"domain": 7, "url": "https://lantern.example/a"}, "lantern.example"),
    ({"url": "lantern.example/a"}, ""),
    ({"url": "https://[broken/a"}, ""),
    ({}, ""),
])
def test_the_outlet_is_the_domain_else_the_url_host_in_one_spelling(fields: dict[str, object], outlet: str) -> None:
    assert outlet_of({"id": "r1", "text": "A story.", **fields}) == outlet


def _random_value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return rng.choice([0, 1, -1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**19,
                           -(10**19) + 1, 10**30, rng.randrange(-(10**25), 10**25)])
    if kind == 1:
        return rng.choice([0.5, -2.25, 1e19, -9.3e18, 1e300, 3.0, rng.uniform(-1e20, 1e20)])
    if kind == 2:
        return rng.choice(["", "ferry 12345678901234567890 tickets", "π", "a\nb"])
    if kind == 3:
        return rng.choice([True, False, None])
    if kind == 4:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {f"k{i}": _random_value(rng, depth + 1) for i in range(rng.randrange(4))}


def test_json_is_read_as_the_standard_parser_reads_it_with_every_integer_exact() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        document = json.dumps({"id": "r", "text": "t", "v": _random_value(rng)}).encode()
        expected = json.loads(document)
        assert loads_exact(document) == expected
        assert repr(loads_exact(document)) == repr(expected)
