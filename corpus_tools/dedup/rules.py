"""Pair rules beside similarity: the news options, recurring reports and short notices under other titles.

Shared by the candidate pass, the representative checks and `explain`, so a pair gets one verdict wherever it
is looked at.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.features import NO_DATE
from corpus_tools.dedup.table import FrozenTable
from corpus_tools.dedup.verify import sample_scores

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

FIGURES_AGREE = 0.9
"""Share of the figures of the record with fewer that the other must hold to be the same issue of a report."""
RECURRING_DAYS = 1
"""Days two dated records with other figures may lie apart and still be one story (a refile, a correction).
Further apart, they are two issues of a recurring report."""
REPORT_TOKENS = 200
"""Words under which a record with figures can be an issue of a recurring report (a market report, a
weekly statistic); a long story re-dated and cut loses figures with its paragraphs."""
SHORT_BODY = 30
"""Tokens below which a record's text is a notice whose subject is named only in its title."""
TITLES_AGREE = 0.5
"""Jaccard of title words under which two short notices are about different subjects."""


class PairRules:
    """The rules for pairs of rows of one frozen table."""

    def __init__(self, cfg: DedupConfig, table: FrozenTable) -> None:
        self.cfg = cfg
        self.table = table

    def allowed(self, i: I64, j: I64) -> Mask:
        """Pairs that the news options permit to be compared at all, and that are not two issues of a
        recurring report nor two short notices under other titles."""
        meta = self.table.meta
        day_i, day_j = meta["day"][i].astype(np.int64), meta["day"][j].astype(np.int64)
        dated = (day_i != NO_DATE) & (day_j != NO_DATE)
        ok: Mask = ~self.recurring(i, j) & ~self.other_titles(i, j)
        if self.cfg.window_days is not None:
            ok &= ~dated | (np.abs(day_i - day_j) <= self.cfg.window_days)
        if self.cfg.same_domain == "skip":
            outlet_i, outlet_j = meta["outlet"][i], meta["outlet"][j]
            ok &= (outlet_i == 0) | (outlet_i != outlet_j)
        return ok

    def other_titles(self, i: I64, j: I64) -> Mask:
        """Pairs of short notices whose titles share fewer than half their words. A dividend notice or a
        results table names its company only in its title: the same body under two titles is two stories."""
        counts, body = self.table.title_count, self.table.tokens - self.table.title_count
        result: Mask = (counts[i] > 0) & (counts[j] > 0) & (body[i] < SHORT_BODY) & (body[j] < SHORT_BODY)
        if result.any():
            agree = sample_scores(self.table.title_words, counts, i[result], j[result]).jaccard
            result[result] = agree < TITLES_AGREE
        return result

    def recurring(self, i: I64, j: I64) -> Mask:
        """Pairs of reports (under REPORT_TOKENS words) dated more than RECURRING_DAYS apart where the one with
        fewer figures has some not in the other. The same template with other figures on another day is the
        next issue of a recurring report (a market report, a weekly statistic), not a correction of one
        figure: that comes the same day."""
        day_i, day_j = self.table.meta["day"][i].astype(np.int64), self.table.meta["day"][j].astype(np.int64)
        apart = (day_i != NO_DATE) & (day_j != NO_DATE) & (np.abs(day_i - day_j) > RECURRING_DAYS)
        counts, tokens = self.table.figure_count, self.table.tokens
        result: Mask = (apart & (counts[i] > 0) & (counts[j] > 0) & (tokens[i] < REPORT_TOKENS)
                        & (tokens[j] < REPORT_TOKENS))
        if result.any():
            agree = sample_scores(self.table.figures, counts, i[result], j[result]).containment
            result[result] = agree < FIGURES_AGREE
        return result
