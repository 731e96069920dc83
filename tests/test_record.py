"""The record's shared facts: which outlet a record comes from."""

from __future__ import annotations

import pytest

from corpus_tools.record import outlet_of


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
