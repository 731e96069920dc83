"""WARC and WARC.gz: each HTML response becomes a record through the same extraction as an .html file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.article import extract_article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_records(stream: IO[bytes], display: str, skipped: Counter[str]) -> Iterator[tuple[int, Any]]:
    """(response number, record or BadRecord) for each HTML response with status 200.

    The id is the WARC-Record-ID, `url` the WARC-Target-URI and `warc_date` the WARC-Date; `date` is the
    publication date trafilatura finds, else the WARC-Date. Requests, metadata, non-HTML and non-200
    responses, and pages without article text are not articles: `skipped` counts them by reason."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError(f"{display}: reading WARC needs warcio: pip install 'corpus-tools[warc]'") from None
    head = stream.peek(5)[:5] if hasattr(stream, "peek") else b"WARC/"
    if head and head != b"WARC/":
        yield 1, BadRecord(display, 1, "not a readable WARC file (it does not start with a WARC/1.x header)",
                           "is it compressed in a way its name does not say?")
        return
    number = 0
    try:
        for entry in ArchiveIterator(stream):
            if entry.rec_type != "response":
                skipped[f"WARC {entry.rec_type} records"] += 1
                continue
            number += 1
            headers = entry.http_headers
            status = headers.get_statuscode() if headers is not None else None
            content_type = (headers.get_header("Content-Type") or "") if headers is not None else ""
            if status != "200":
                skipped["responses with a status other than 200"] += 1
                continue
            if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                skipped["responses that are not HTML"] += 1
                continue
            page = entry.content_stream().read()
            if entry.raw_stream.limit:
                # The file ended inside this record's block: the page was cut short, and nothing follows it.
                raise ArchiveLoadFailed(f"the file ends inside response {number}")
            fields = extract_article(page)
            if fields is None:
                skipped["HTML responses without article text"] += 1
                continue
            warc_date = entry.rec_headers.get_header("WARC-Date")
            record = {
                "id": entry.rec_headers.get_header("WARC-Record-ID"),
                **fields,
                "url": entry.rec_headers.get_header("WARC-Target-URI") or fields.get("url"),
                "date": fields.get("date") or warc_date,
                "warc_date": warc_date,
            }
            yield number, {key: value for key, value in record.items() if value is not None}
        # warcio stops quietly where a compressed file breaks off; reading on makes the decompressor say so.
        stream.read()
    except (ArchiveLoadFailed, AttributeError, ValueError) as err:
        # warcio fails with AttributeError or ValueError on a header it cannot parse (no HTTP status line, a
        # Content-Length that is not a number).
        reason = "a record header it cannot parse" if isinstance(err, AttributeError) else " ".join(str(err).split())
        yield number + 1, BadRecord(display, None, f"not a readable WARC file ({reason})", "is the file complete?")
