"""Pair rules beside similarity: the news options, recurring reports and short notices under other titles.

Shared by the candidate pass, the representative checks and `explain`, so a pair gets one verdict wherever it
is looked at.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from corpus_tools.dates import NO_DATE
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.signatures import EMPTY
from corpus_tools.dedup.table import FrozenTable
from corpus_tools.dedup.verify import NEAR_IDENTICAL, Rarity, missing_share, rare_scores, rarity, sample_scores

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
LONG_REPORT_TOKENS = 300
"""Words under which a record can still be an issue of a longer recurring report (a weekly petroleum or
crush report, a monthly credit statistic), told from a story cut days later by LONG_FIGURES_AGREE."""
LONG_FIGURES_AGREE = 0.5
"""FIGURES_AGREE where either record has REPORT_TOKENS words or more: the next issue of a longer report
changes most of its figures (9-27% agree on Reuters-21578's weekly reports), a story expanded or cut days
later keeps most of them (83%)."""
SHORT_BODY = 30
"""Tokens below which a record's text is a notice whose subject is named only in its title."""
DAILY_MINUTES = 30
"""Minutes by which two records dated on different days at about the same time of day may differ and be two
issues of a daily report: a central bank's operation or a market's forecast goes out at one hour every day,
a refile or a correction within hours of its first version."""
MINUTES_A_DAY = 24 * 60
SUBJECT_HOLDERS = 16
"""Records that may hold a title word for it to be a name the titles of one story share (as the engine's
candidates by subject count them)."""
TITLES_AGREE = 0.5
"""Jaccard of title words under which two short notices are about different subjects."""


class PairRules:
    """The rules for pairs of rows of one frozen table."""

    def __init__(self, cfg: DedupConfig, table: FrozenTable) -> None:
        self.cfg = cfg
        self.table = table
        self._titles: Rarity | None = None
        self._words: Rarity | None = None
        self._held: npt.NDArray[np.uint8] | None = None
        self._short: Mask | None = None

    def allowed(self, i: I64, j: I64) -> Mask:
        """Pairs that the news options permit to be compared at all, and that are not two issues of a
        recurring report (days or hours apart, or at the same hour of two days) nor two short notices under
        other titles."""
        meta = self.table.meta
        day_i, day_j = meta["day"][i].astype(np.int64), meta["day"][j].astype(np.int64)
        dated = (day_i != NO_DATE) & (day_j != NO_DATE)
        ok: Mask = (~self.recurring(i, j) & ~self.other_titles(i, j) & ~self.other_times(i, j)
                    & ~self.other_tickers(i, j) & ~self.other_subjects(i, j))
        if self.cfg.window_days is not None:
            ok &= ~dated | (np.abs(day_i - day_j) <= self.cfg.window_days)
        if self.cfg.same_domain == "skip":
            outlet_i, outlet_j = meta["outlet"][i], meta["outlet"][j]
            ok &= (outlet_i == 0) | (outlet_i != outlet_j)
        return ok

    def held_apart(self, i: I64, j: I64) -> Mask:
        """Pairs that say outright they are two stories, whatever they share and whatever a third record
        shares with both: two short notices under other titles, two times of day, two companies' tickers. A
        round-up that quotes two banks' prime rate moves is near each, and must not join them; a refile of
        today's daily report, sent a little later, must not join yesterday's issue."""
        result = np.zeros(len(i), dtype=np.bool_)
        # Clustering asks this of a few pairs at a time, thousands of times: the rules run only on the pairs
        # whose two records both carry what one of them needs.
        kinds = self._kinds()
        maybe = (kinds[i] & kinds[j]) != 0
        if maybe.any():
            i, j = i[maybe], j[maybe]
            result[maybe] = (self.other_titles(i, j) | self.other_times(i, j) | self.other_tickers(i, j)
                             | self.daily_issues(i, j) | self.other_subjects(i, j))
        return result

    def _kinds(self) -> npt.NDArray[np.uint8]:
        """Per record, which of the rules of `held_apart` it could take part in (a bit each)."""
        if self._held is None:
            table, meta = self.table, self.table.meta
            short = (table.title_count > 0) & self._short_bodies()
            report = (table.tokens < REPORT_TOKENS) & (table.figure_count > 0)
            self._held = (short.astype(np.uint8) | (meta["clock"] != 0).astype(np.uint8) << 1
                          | (meta["initial"] != 0).astype(np.uint8) << 2
                          | (report & (meta["minute"] > 0)).astype(np.uint8) << 3
                          | ((table.tokens < REPORT_TOKENS) & (meta["name"] != 0)).astype(np.uint8) << 4)
        return self._held

    def _short_bodies(self) -> Mask:
        """Per record, whether its text has fewer than SHORT_BODY words besides its title: worked out once, as
        clustering asks the rules about one pair at a time."""
        if self._short is None:
            self._short = (self.table.tokens - self.table.title_count) < SHORT_BODY
        return self._short

    def other_titles(self, i: I64, j: I64) -> Mask:
        """Pairs of short notices whose titles share fewer than half their words. A dividend notice or a
        results table names its company only in its title: the same body under two titles is two stories."""
        counts, short = self.table.title_count, self._short_bodies()
        result: Mask = (counts[i] > 0) & (counts[j] > 0) & short[i] & short[j]
        if result.any():
            agree = sample_scores(self.table.title_words, counts, i[result], j[result]).jaccard
            result[result] = agree < TITLES_AGREE
        if result.any():
            # Unless the two give the same figures and each holds the other's title: one notice that names
            # its company in its text, told under two headlines ("ACME LOWERS PRICE OF LEAD", "ACME CUTS LEAD
            # PRICE IN CANADA"). A market's notices for two cities differ in their figures.
            alike = self.same_figures(i[result], j[result])
            alike[alike] = self.title_missing(i[result][alike], j[result][alike]) < SUBJECT_MISSING
            result[result] = ~alike
        return result

    def same_figures(self, i: I64, j: I64) -> Mask:
        """Pairs whose figures (as written) are the same, or that give none."""
        counts = self.table.figure_count
        result: Mask = (counts[i] == counts[j])
        figured = result & (counts[i] > 0)
        if figured.any():
            result[figured] = sample_scores(self.table.figures, counts, i[figured], j[figured]).jaccard >= 1.0
        return result

    def title_missing(self, i: I64, j: I64) -> npt.NDArray[np.float64]:
        """The larger of the two rarity-weighted shares of a title's words absent from the other record (see
        `StoryCheck.missing`)."""
        if self._titles is None:
            self._titles = rarity(self.table.subject, self.table.subject_count)
        table = self.table
        one = missing_share(table.subject, table.subject_count, table.words, table.word_count, i, j, self._titles)
        other = missing_share(table.subject, table.subject_count, table.words, table.word_count, j, i, self._titles)
        result: npt.NDArray[np.float64] = np.maximum(one, other)
        return result

    def other_subjects(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles name other subjects first and share no rare word (one that at most SUBJECT_HOLDERS
        records hold), below near-identity: titles that open on two rare words, neither of which the other
        record holds ("HALVORSEN SHIPPING ISSUES ...", "TAMSWORTH ELECTRIC PRICES BOND ..."), or one template
        around two names ("ST PAUL HOGS SEEN STEADY", "ST LOUIS HOGS SEEN STEADY"; "TOKYO OPTICAL ISSUES ...",
        "KEIHANSHIN REAL ESTATE ISSUES ...": see `_template_names`), where neither record holds most words of
        the other's name. A rewrite's headline says the same in other words, or names its subject in the other
        story, or shares a rare name with the other headline ("ENI UNIT AGIP PETROLI BUYS STAKE", "ITALY'S
        AGIP PETROLI BUYS STAKE"). Titles that open with the same two words name one subject ("MOUNTAIN STATES
        <MTSR> ADDES TWO PROPERTIES", a refile's "MOUNTAIN STATES ADDS TWO MINERALS PROPERTIES"), and pairs
        about one company by ticker are left to the ticker rules."""
        meta, table = self.table.meta, self.table
        head, name, tokens = meta["head"], meta["name"], table.tokens
        result: Mask = ((name[i] != 0) & (name[j] != 0) & (name[i] != name[j]) & (tokens[i] < REPORT_TOKENS)
                        & (tokens[j] < REPORT_TOKENS))
        result &= ~((meta["company"][i] != 0) & (meta["company"][i] == meta["company"][j]))
        if not result.any():
            return result
        i, j, pending = i[result], j[result], np.flatnonzero(result)
        opener_i, opener_j = head[i, 0], head[j, 0]
        apart: Mask = np.asarray((opener_i != opener_j) & self._rare(opener_i) & self._rare(opener_j))
        if apart.any():
            apart[apart] = ~self._holds(i[apart], opener_j[apart]) & ~self._holds(j[apart], opener_i[apart])
        rest = np.flatnonzero(~apart)
        if len(rest):
            apart[rest] = self._one_template(i[rest], j[rest])
        if apart.any():
            apart[apart] = ~self._share_rare_title_word(i[apart], j[apart])
        if apart.any():
            near = sample_scores(table.sample, table.shingles, i[apart], j[apart]).jaccard >= NEAR_IDENTICAL
            apart[apart] = ~near
        result[pending] = apart
        return result

    def _one_template(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles are one template around two names (see `_template_names`), whose titles say the
        rest alike, and where neither record holds most words of the other's name."""
        head = self.table.meta["head"]
        name_i, name_j = self._template_names(head[i], head[j], self._lacking(head[i], j), self._lacking(head[j], i))
        result: Mask = np.asarray(name_i.any(axis=1))
        if result.any():
            result[result] = self._rest_agrees(i[result], j[result], head[i[result]], head[j[result]],
                                               name_i[result], name_j[result])
        if result.any():
            result[result] = (~self._holds_most(i[result], head[j[result]], name_j[result])
                              & ~self._holds_most(j[result], head[i[result]], name_i[result]))
        return result

    @staticmethod
    def _template_names(head_i: npt.NDArray[np.uint32], head_j: npt.NDArray[np.uint32], lacking_i: Mask,
                        lacking_j: Mask) -> tuple[Mask, Mask]:
        """The names two titles fill one template with, as masks over their first words (none where they are
        not one template): after the words both open with, a run of words the other title lacks in each, and
        then the same word in both, where the template goes on ("ST [PAUL] HOGS", "ST [LOUIS] HOGS";
        "[TOKYO OPTICAL] ISSUES", "[KEIHANSHIN REAL ESTATE] ISSUES")."""
        rows, width = np.arange(len(head_i)), head_i.shape[1]
        common = np.logical_and.accumulate((head_i == head_j) & (head_i != 0), axis=1).sum(axis=1)
        after = np.arange(width) >= common[:, None]
        name_i = np.logical_and.accumulate(lacking_i | ~after, axis=1) & after
        name_j = np.logical_and.accumulate(lacking_j | ~after, axis=1) & after
        next_i, next_j = common + name_i.sum(axis=1), common + name_j.sum(axis=1)
        resumes = (name_i.any(axis=1) & name_j.any(axis=1) & (next_i < width) & (next_j < width))
        resumes[resumes] = ((head_i[rows[resumes], next_i[resumes]] == head_j[rows[resumes], next_j[resumes]])
                            & (head_i[rows[resumes], next_i[resumes]] != 0))
        return name_i & resumes[:, None], name_j & resumes[:, None]

    def _rest_agrees(self, i: I64, j: I64, head_i: npt.NDArray[np.uint32], head_j: npt.NDArray[np.uint32],
                     name_i: Mask, name_j: Mask) -> Mask:
        """Whether two titles, less their names, share at least TITLES_AGREE of their words (Jaccard, on the
        titles' samples): a template says the rest alike ("... HOGS SEEN STEADY - PRIVATE SOURCES"), two
        headlines that happen to share a word or two do not ("LARS WHITLOCK RESPONDS TO ANTITRUST COMPLAINT
        MOVE", "COLDSTREAM ANTITRUST COMPLAINT: WHAT WE KNOW SO FAR")."""
        subject, counts = self.table.subject, self.table.subject_count
        width = subject.shape[1]

        def rest(rows: I64, heads: npt.NDArray[np.uint32], names: Mask) -> tuple[npt.NDArray[np.uint32], Mask]:
            sample = subject[rows]
            return sample, _filled(counts[rows], width) & ~_among(sample, heads, names)

        sample_i, valid_i = rest(i, head_i, name_i)
        sample_j, valid_j = rest(j, head_j, name_j)
        shared = (_among(sample_i, sample_j, valid_j) & valid_i).sum(axis=1)
        union = valid_i.sum(axis=1) + valid_j.sum(axis=1) - shared
        result: Mask = shared >= TITLES_AGREE * np.maximum(union, 1)
        return result

    def _lacking(self, heads: npt.NDArray[np.uint32], others: I64) -> Mask:
        """Which of each title's first words (`heads`) the other record's title lacks: absent from its first
        words and from its title's sample."""
        subject, counts = self.table.subject, self.table.subject_count
        width = subject.shape[1]
        other_heads = self.table.meta["head"][others]
        in_sample = _among(heads, subject[others], _filled(counts[others], width))
        result: Mask = (heads != 0) & ~in_sample & ~_among(heads, other_heads, other_heads != 0)
        return result

    def _holds_most(self, rows: I64, heads: npt.NDArray[np.uint32], named: Mask) -> Mask:
        """Whether each record holds more than half the words of a name (the `named` words of `heads`): a
        roundup that quotes one bank's move holds its name, if not the headline's verb."""
        held = np.zeros(len(rows), dtype=np.int64)
        for column in range(heads.shape[1]):
            asked = named[:, column]
            if asked.any():
                held[asked] += self._holds(rows[asked], heads[asked, column])
        result: Mask = 2 * held > named.sum(axis=1)
        return result

    def _holds(self, rows: I64, values: npt.NDArray[np.uint32]) -> Mask:
        """Whether each record's word sample holds the value, or cannot show it (above the sample's limit)."""
        words, counts = self.table.words, self.table.word_count
        width = words.shape[1]
        sample = words[rows]
        limit = np.where(counts[rows] > width, sample[:, width - 1], EMPTY)
        result: Mask = _among(values[:, None], sample, _filled(counts[rows], width))[:, 0] | (values > limit)
        return result

    def _rare(self, values: npt.NDArray[np.uint32]) -> Mask:
        """Whether each word (hash) is held by at most SUBJECT_HOLDERS records: a name, not a headline's word."""
        result: Mask = self.word_rarity().holders_of(values) <= SUBJECT_HOLDERS
        return result

    def word_rarity(self) -> Rarity:
        """How many records hold each sampled word, counted once."""
        if self._words is None:
            self._words = rarity(self.table.words, self.table.word_count)
        return self._words

    def _share_rare_title_word(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles share a word that at most SUBJECT_HOLDERS records hold: a name."""
        subject, counts = self.table.subject, self.table.subject_count
        width = subject.shape[1]
        a = subject[i]
        shared = _among(a, subject[j], _filled(counts[j], width)) & _filled(counts[i], width)
        rare = self._rare(a.ravel()).reshape(a.shape)
        result: Mask = np.asarray((shared & rare).any(axis=1))
        return result

    def other_times(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles or first lines give different times of day: two issues of an intraday report
        (a market at 11:20 and at 11:31) share their words and most figures, a refile keeps its time."""
        clock = self.table.meta["clock"]
        result: Mask = (clock[i] != 0) & (clock[j] != 0) & (clock[i] != clock[j])
        return result

    def other_tickers(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles name exchange tickers of different initials: one template (a price posting, a
        contract award, a results table) filled in for two companies."""
        initial = self.table.meta["initial"]
        result: Mask = (initial[i] != 0) & (initial[j] != 0) & (initial[i] != initial[j])
        return result

    def recurring(self, i: I64, j: I64) -> Mask:
        """Pairs of reports dated more than RECURRING_DAYS apart where the one with fewer figures has some not
        in the other (under REPORT_TOKENS words; from there to LONG_REPORT_TOKENS, most of them), or two short
        notices (under SHORT_BODY words besides the title) that give no figure in digits and differ. The same
        template with other figures on another day is the next issue of a recurring report (a market report,
        a weekly statistic; "seven grain ships loading" then "three"), not a correction of one figure: that
        comes the same day."""
        table = self.table
        day_i, day_j = table.meta["day"][i].astype(np.int64), table.meta["day"][j].astype(np.int64)
        apart = (day_i != NO_DATE) & (day_j != NO_DATE) & (np.abs(day_i - day_j) > RECURRING_DAYS)
        result: Mask = self.reports(i, j, apart, LONG_REPORT_TOKENS)
        if result.any():
            agree = sample_scores(table.figures, table.figure_count, i[result], j[result]).containment
            longer = np.maximum(table.tokens[i[result]], table.tokens[j[result]]) >= REPORT_TOKENS
            result[result] = agree < np.where(longer, LONG_FIGURES_AGREE, FIGURES_AGREE)
        short = self._short_bodies()
        worded: Mask = (apart & (table.figure_count[i] == 0) & (table.figure_count[j] == 0) & short[i] & short[j]
                        & (table.text_hash[i] != table.text_hash[j]))
        return result | worded | self.daily_issues(i, j)

    def daily_issues(self, i: I64, j: I64) -> Mask:
        """Pairs of reports dated on different days at the same hour (see `same_hour`) where either has a
        figure the other lacks: the next issue of a daily report (a central bank's operation, a market's
        forecast) changes its amounts, and may give one more or one fewer."""
        day_i, day_j = self.table.meta["day"][i].astype(np.int64), self.table.meta["day"][j].astype(np.int64)
        result = self.reports(i, j, (day_i != NO_DATE) & (day_j != NO_DATE) & (day_i != day_j))
        if result.any():
            result[result] = self.same_hour(i[result], j[result])
        if result.any():
            agree = sample_scores(self.table.figures, self.table.figure_count, i[result], j[result]).jaccard
            result[result] = agree < 1.0
        return result

    def reports(self, i: I64, j: I64, dated: Mask, longest: int = REPORT_TOKENS) -> Mask:
        """Of the pairs `dated`, those that could be two issues of a report: both with figures, both under
        `longest` words."""
        counts, tokens = self.table.figure_count, self.table.tokens
        result: Mask = (dated & (counts[i] > 0) & (counts[j] > 0) & (tokens[i] < longest) & (tokens[j] < longest))
        return result

    def same_hour(self, i: I64, j: I64) -> Mask:
        """Pairs dated with a time whose times of day lie within DAILY_MINUTES of each other."""
        minute = self.table.meta["minute"]
        minute_i, minute_j = minute[i].astype(np.int64), minute[j].astype(np.int64)
        gap = np.abs(minute_i - minute_j)
        result: Mask = (minute_i > 0) & (minute_j > 0) & (np.minimum(gap, MINUTES_A_DAY - gap) <= DAILY_MINUTES)
        return result


STORY_WORDS = 0.7
"""Rarity-weighted share of the smaller record's words the other must hold for the story-level check."""
COMPANY_FIGURES_AGREE = 0.3
"""Share of figures that must agree for the story-level check where both records are about the same company
(see `StoryCheck.same_company`) and either their titles share at least TITLES_AGREE of their words (the same
event) or their leads agree (see LEAD_AGREE): the company's table re-sent with figures re-rounded or other
line items, or a rewrite that leaves out some figures and rounds others, is one story; the company is
already pinned down, so one shared amount suffices."""
STORY_DAYS = 1
"""Days a rewrite, a correction or the full report after a flash may lie from its first version. Further
apart, the same names and figures are the next instance of a recurring event (a quarterly dividend)."""
SUBJECT_MISSING = 0.4
"""Rarity-weighted share of a title's words that may be absent from the other record: a rewrite keeps
the subject (a company, a place, a market) and words it rephrases; two issues of a template under other
subjects lack each other's names."""
UNEQUAL_LENGTHS = 3
FULL_VERSION_LEAD = 0.5
"""A story UNEQUAL_LENGTHS times as long as a short item in prose is that item's full version (the report after
a first take) only if its lead keeps FULL_VERSION_LEAD of the item's lead words (weighted as
`StoryCheck.openings` weighs them); otherwise it is a story that quotes the item (the day's main story of a
plea, and the White House's reaction to it), and neither the story-level check nor containment joins them. A
short table (of TABLE_AMOUNTS amounts or more) has no lead to keep: the story of the same results tells them in
words."""
LEAD_AGREE = 0.7
"""Rarity-weighted share of the shorter lead's words the other lead must hold for a pair about one company
to be one story told twice (a buyer's and a seller's release of one deal, a flash and its full report): a
rewrite restates who did what to whom first; the next step of an affair opens on a new lead and repeats
the old one further down, as background."""
RESTATED_WORDS = 0.5
"""STORY_WORDS for a pair whose leads agree and whose titles name one company (by ticker, or by the words
they open with where neither gives a ticker): the rest of a rewrite is in its own words."""
TABLE_AMOUNTS = 5
"""Different amounts from which a record is a table (a company's results, a statistic's lines): two tables of
one company's same event (see `StoryCheck.same_event`) need RESTATED_WORDS of the rare words, as a restated
lead does. The wire re-reports a company's results as operating figures, with the quarter beside the year or
with another note, and two such tables differ in their rare words (the note's names, "operating", "nine
months") more than in their company and period."""
RESTATED_MISSING = 0.6
"""SUBJECT_MISSING for a pair whose leads agree and that names one company by its ticker: its titles may name
the deal from either side ("HALVERN FOODS <HLV> TO SELL BAKERY UNIT", "MARLOW BAKING BUYING HALVERN <HLV>
UNIT")."""


class StoryCheck:
    """A second way to be copies, for pairs whose shingles fall short: a rewrite, an abridged or expanded
    version, a correction, within STORY_DAYS of each other. Most of the smaller record's rare words
    (names, places, figures) are in the other, every figure of the record with fewer figures is in the
    other, and the titles (where both have one) name the same subject. Two issues of a template differ in
    exactly those. Where the company is pinned down by its ticker, the same event or a restated lead stands
    in for most of the figures and, with the lead, for the title and much of the wording (see the levels
    above)."""

    def __init__(self, table: FrozenTable) -> None:
        self.table = table
        self.words = rarity(table.words, table.word_count)
        self.titles = rarity(table.subject, table.subject_count)
        self.leads = rarity(table.lead, table.lead_count)
        self.openings = Rarity(self.leads.known, self.leads.holders, self.leads.records + 1)
        """Lead words weighted as `leads`, but as if one more record held none of them: among a few records every
        word two leads share is held by all and weighs nothing by `leads`, yet whether a story opens as an item
        does must show there too."""

    def passes(self, i: I64, j: I64) -> Mask:
        table = self.table
        day_i, day_j = table.meta["day"][i].astype(np.int64), table.meta["day"][j].astype(np.int64)
        result: Mask = (day_i == NO_DATE) | (day_j == NO_DATE) | (np.abs(day_i - day_j) <= STORY_DAYS)
        if not result.any():
            return result
        near = np.flatnonzero(result)
        i, j = i[near], j[near]
        figures, missing, words = self.levels(i, j)
        # Cheapest test first: amounts are 8 hashes a record, title words 8 against 64, words 64 against 64.
        counts = table.amount_count
        ok: Mask = np.ones(len(i), dtype=np.bool_)
        figured = (counts[i] > 0) & (counts[j] > 0)
        if figured.any():
            agree = sample_scores(table.amounts, counts, i[figured], j[figured]).containment
            ok[figured] = agree >= figures[figured]
        titled = ok & (table.subject_count[i] > 0) & (table.subject_count[j] > 0)
        if titled.any():
            ok[titled] = self.missing(i[titled], j[titled]) < missing[titled]
        if ok.any():
            _, rare = rare_scores(table.words, table.word_count, i[ok], j[ok], self.words)
            ok[ok] = rare >= words[ok]
        if ok.any():
            ok[ok] = ~self.quotes_item(i[ok], j[ok])
        result[near] = ok
        return result

    def quotes_item(self, i: I64, j: I64) -> Mask:
        """Pairs of a short item in prose and a story UNEQUAL_LENGTHS times as long whose lead does not keep
        FULL_VERSION_LEAD of the item's lead words: a story that tells the item further down (the day's main
        story and a reaction to it), not the item's full version."""
        table = self.table
        short, long, shorter = self._lengths(i, j)
        result: Mask = (long >= UNEQUAL_LENGTHS * short) & (table.amount_count[shorter] < TABLE_AMOUNTS)
        if result.any():
            _, kept = rare_scores(table.lead, table.lead_count, i[result], j[result], self.openings)
            result[result] = kept < FULL_VERSION_LEAD
        return result

    def item_in_prose(self, i: I64, j: I64) -> Mask:
        """Pairs whose shorter record has SHORT_BODY words or more besides its title: an item with a first
        sentence of its own. A shorter notice or card has none, and its lead takes in its title (see
        `features.lead_sample`), which says nothing of where a longer story tells it."""
        short, _long, shorter = self._lengths(i, j)
        result: Mask = short - self.table.title_count[shorter] >= SHORT_BODY
        return result

    def _lengths(self, i: I64, j: I64) -> tuple[I64, I64, I64]:
        """Per pair, the shorter and the longer record's length in tokens, and which record is the shorter
        (`i` where they are as long). Only the pairs' lengths are read, never the whole table's."""
        tokens_i, tokens_j = self.table.tokens[i].astype(np.int64), self.table.tokens[j].astype(np.int64)
        return np.minimum(tokens_i, tokens_j), np.maximum(tokens_i, tokens_j), np.where(tokens_i <= tokens_j, i, j)

    def levels(self, i: I64, j: I64) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64],
                                               npt.NDArray[np.float64]]:
        """Per pair, the share of figures that must agree, the share of title words that may be missing and
        the share of rare words needed: FIGURES_AGREE, SUBJECT_MISSING and STORY_WORDS, lowered for a pair
        about one company that tells the same event or restates its lead."""
        company = self.same_company(i, j)
        restated = company | self.named_alike(i, j)
        if restated.any():
            restated[restated] = self.restated(i[restated], j[restated])
        vouched = restated & company
        event = self.same_event(i, j, company)
        counts = self.table.amount_count
        tables = event & (counts[i] >= TABLE_AMOUNTS) & (counts[j] >= TABLE_AMOUNTS)
        return (np.where(vouched | event, COMPANY_FIGURES_AGREE, FIGURES_AGREE),
                np.where(vouched, RESTATED_MISSING, SUBJECT_MISSING),
                np.where(restated | tables, RESTATED_WORDS, STORY_WORDS))

    def restated(self, i: I64, j: I64) -> Mask:
        """Pairs whose leads agree: at least LEAD_AGREE of the shorter lead's words are in the other's lead (see
        `lead_agreement`)."""
        result: Mask = self.lead_agreement(i, j) >= LEAD_AGREE
        return result

    def lead_agreement(self, i: I64, j: I64) -> npt.NDArray[np.float64]:
        """Per pair, the share of the shorter lead's words in the other's lead, each weighted by its rarity among
        leads."""
        _, agree = rare_scores(self.table.lead, self.table.lead_count, i, j, self.leads)
        result: npt.NDArray[np.float64] = agree
        return result

    def same_event(self, i: I64, j: I64, company: Mask | None = None) -> Mask:
        """Pairs about the same company (see `same_company`, or given) whose titles share at least
        TITLES_AGREE of their words."""
        result = self.same_company(i, j) if company is None else company.copy()
        if result.any():
            counts = self.table.subject_count
            agree = sample_scores(self.table.subject, counts, i[result], j[result]).jaccard
            result[result] = agree >= TITLES_AGREE
        return result

    def same_company(self, i: I64, j: I64) -> Mask:
        """Pairs that name the same company: by the ticker of their titles or, where a title gives none, of
        their leads, or by tickers of the same letters (one typed with two letters swapped); or, where one
        title gives a ticker and the other none, by the name their titles open with (see
        `features.company_keys`)."""
        meta = self.table.meta
        company, name, ticker, letters = meta["company"], meta["name"], meta["ticker"], meta["letters"]
        result: Mask = ((company[i] != 0) & (company[i] == company[j])
                        | (letters[i] != 0) & (letters[i] == letters[j])
                        | ((ticker[i] == 0) != (ticker[j] == 0)) & (name[i] != 0) & (name[i] == name[j]))
        return result

    def named_alike(self, i: I64, j: I64) -> Mask:
        """Pairs whose titles give no ticker and open with the same name (see `features.company_keys`)."""
        meta = self.table.meta
        name, ticker = meta["name"], meta["ticker"]
        result: Mask = (ticker[i] == 0) & (ticker[j] == 0) & (name[i] != 0) & (name[i] == name[j])
        return result

    def missing(self, i: I64, j: I64) -> npt.NDArray[np.float64]:
        """The larger of the two shares of a title's words absent from the other record."""
        table = self.table
        one = missing_share(table.subject, table.subject_count, table.words, table.word_count, i, j, self.titles)
        other = missing_share(table.subject, table.subject_count, table.words, table.word_count, j, i, self.titles)
        result: npt.NDArray[np.float64] = np.maximum(one, other)
        return result


def _filled(counts: npt.NDArray[np.int32], width: int) -> Mask:
    """Which columns of each row's sample hold a value: a sample of fewer than `width` values is padded."""
    result: Mask = np.arange(width) < np.minimum(counts, width)[:, None]
    return result


def _among(values: npt.NDArray[np.uint32], samples: npt.NDArray[np.uint32], filled: Mask) -> Mask:
    """Per row, which of its `values` are among the `filled` columns of its row of `samples`."""
    result: Mask = ((values[:, :, None] == samples[:, None, :]) & filled[:, None, :]).any(axis=2)
    return result
