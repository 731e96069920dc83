"""What other cleaners make of a span-judged set, scored by the same rule as strip, for scale.

    python -m corpus_tools.evaluate.strip_baselines TRUTH CORPUS

C4-style line rules (Raffel et al. 2020): keep a line only when it ends in terminal punctuation, has at least
three words and holds no "javascript", "lorem ipsum", curly bracket or policy notice; drop a page left with
fewer than five sentences. jusText (the library
trafilatura depends on) classifies each line, given to it as an HTML paragraph, with its English stoplist;
good paragraphs stay. Neither sees the input twice, as strip does.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Sequence

from corpus_tools.evaluate.strip import Tally
from corpus_tools.evaluate.strip_judged import load_judged, score_record
from corpus_tools.record import Record

_TERMINAL = re.compile(r"[.!?\"'\u201d\u2019]$")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_C4_BANNED = re.compile(r"javascript|lorem ipsum|[{}]|terms of use|privacy policy|cookie policy|uses cookies",
                        re.IGNORECASE)


def c4_lines(text: str) -> str:
    kept = [line for line in text.splitlines() if line.strip() and _TERMINAL.search(line.strip())
            and len(line.split()) >= 3 and not _C4_BANNED.search(line)]
    page = "\n".join(kept)
    return page if len(_SENTENCE_END.findall(page)) >= 5 else ""


def justext_lines(text: str) -> str:
    import justext

    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode(), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def score(corpus: Sequence[Record], truth: dict[str, Record], clean: Callable[[str], str]) -> Tally:
    tally = Tally()
    for record in corpus:
        judged = truth[record["id"]]
        spans = [(int(s), int(e), str(k)) for (s, e), k in zip(judged["boilerplate_spans"],
                                                                judged["boilerplate_kinds"], strict=True)]
        score_record(record["text"], clean(record["text"]), spans, tally, record["id"])
    return tally


def main(argv: Sequence[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python -m corpus_tools.evaluate.strip_baselines TRUTH CORPUS (a span-judged set, "
                 "e.g. real-boilerplate/truth.jsonl.gz real-boilerplate/corpus.jsonl.gz)")
    corpus, truth = load_judged(argv[0], argv[1])
    corpus = [record for record in corpus if record["id"] in truth]
    for name, clean in (("C4-style line rules", c4_lines), ("jusText on the lines", justext_lines)):
        tally = score(corpus, truth, clean)
        print(f"{name}: precision {tally.precision:.3f}, recall {tally.recall:.3f}, body lost {tally.body_lost:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
