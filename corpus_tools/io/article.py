"""Article text and metadata out of one HTML page (trafilatura), for .html files and WARC responses alike."""

from __future__ import annotations

from typing import Any

import orjson

METADATA_FIELDS = (("title", "title"), ("source", "url"), ("hostname", "domain"), ("date", "date"))


def extract_article(html: str | bytes) -> dict[str, Any] | None:
    """`text`, and `title`, `url`, `domain`, `date` and `meta.author` where the page has them; None when the
    page holds no article text. Bytes are decoded by trafilatura from the page's own charset."""
    import trafilatura

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False)
    if not extracted:
        return None
    meta = orjson.loads(extracted)
    fields: dict[str, Any] = {"text": meta.get("text") or ""}
    for source, target in METADATA_FIELDS:
        if meta.get(source):
            fields[target] = meta[source]
    if meta.get("author"):
        fields["meta"] = {"author": meta["author"]}
    return fields
