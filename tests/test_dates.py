"""Dates as sources write them: read into ISO 8601 where they can be, kept as written where not."""

from __future__ import annotations

import pytest

from corpus_tools.dates import NO_DATE, day_number, iso_date, iso_date_multilingual, minute_number, reuters_date


@pytest.mark.parametrize(("written", "iso"), [
    ("December 31, 2017", "2017-12-31"), ("Dec 31, 2017", "2017-12-31"), ("31 December 2017", "2017-12-31"),
    ("2017/12/31", "2017-12-31"), ("12/31/2017", "2017-12-31"), (" 2017-12-31T10:00:00Z ", "2017-12-31T10:00:00Z"),
    ("yesterday", "yesterday"), ("", ""),
])
def test_common_news_forms_become_iso(written: str, iso: str) -> None:
    assert iso_date(written) == iso


@pytest.mark.parametrize(("written", "iso"), [
    ("12/31/2017", "2017-12-31"), ("31/12/2017", "2017-12-31"), ("13/04/2017", "2017-04-13"),
    ("04/13/2017", "2017-04-13"), ("05/05/2017", "2017-05-05"), ("03/04/2017", "03/04/2017"),
    ("05/01/2017", "05/01/2017"), ("31/31/2017", "31/31/2017"), ("02/30/2017", "02/30/2017"),
])
def test_a_slashed_date_is_read_in_the_one_order_it_fits_and_kept_where_it_fits_both(written: str, iso: str) -> None:
    """Read month-first, "03/04/2017" of a day-first export became March 4 without a word."""
    assert iso_date(written) == iso


@pytest.mark.parametrize(("written", "iso"), [
    ("March 3, 2017", "2017-03-03"), ("May 14th, 2024", "2024-05-14"), ("14.05.2024", "2024-05-14"),
    ("15. Mai 2024", "2024-05-15"), ("18 mai 2024", "2024-05-18"), ("17 de maio de 2024", "2024-05-17"),
    ("15. juni 2024", "2024-06-15"), ("31.02.2024", "31.02.2024"),
])
def test_byline_dates_in_several_languages_become_iso_where_they_can_be_read(written: str, iso: str) -> None:
    assert iso_date_multilingual(written) == iso


def test_reuters_dates_keep_the_time_and_drop_the_hundredths() -> None:
    assert reuters_date(" 26-FEB-1987 15:01:01.79") == "1987-02-26T15:01:01"
    assert reuters_date("31-FEB-1987 15:01:01.79") == "31-FEB-1987 15:01:01.79"


def test_day_numbers_count_days_and_mark_what_cannot_be_read() -> None:
    assert day_number("1987-03-02T10:00:00") - day_number("1987-02-27") == 3
    assert day_number("1987-02-30") == day_number("March 2, 1987") == day_number(None) == NO_DATE
    assert day_number("2024-W05-1") == day_number("2024-029") == NO_DATE  # week and ordinal dates sort apart as text


def test_the_time_of_day_of_an_iso_date_is_read_and_a_bare_date_has_none() -> None:
    assert minute_number("1987-03-31T11:43:51") == 11 * 60 + 43 + 1
    assert minute_number("2024-05-02 00:00") == 1
    assert minute_number("2024-05-02") == 0
    assert minute_number(None) == 0
