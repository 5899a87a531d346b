"""Turning how people state deadlines ("6 weeks", "by March", "end of Q2") into weeks from today."""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from datetime import date

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3,
    "several": 4, "half": 0.5,
}  # fmt: skip
# A month is a twelfth of a 52-week year, so "3 months" is exactly a quarter (13 weeks) and
# "6 months" half a year: people who say them mean the 1-3 and 3-6 month answers.
_MONTH_WEEKS = 52 / 12
_UNIT_WEEKS = {"day": 1 / 7, "week": 1, "wk": 1, "w": 1, "month": _MONTH_WEEKS, "mo": _MONTH_WEEKS,
               "quarter": 13, "year": 52, "yr": 52, "y": 52}  # fmt: skip
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")  # fmt: skip
_MONTHS = [name[:3] for name in MONTH_NAMES]

# A number word stands apart from its unit ("a year", "two-week"): "any" is not "an y(ear)".
_AMOUNT = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?|(?:" + "|".join(_NUMBER_WORDS) + r")(?=[\s-]))(?:\s+of)?"
    r"(?:\s+whole|\s+full)?\s*(?:-\s*)?"  # "a whole year"
    r"(?P<unit>days?|weeks?|wks?|w|months?|mos?|quarters?|years?|yrs?|y)\b(?!'s)"
)
# "1,500 tickets a day", "3 releases a year": "a" right after a count or a plural is a rate, not
# an amount of time ("give us a year", "in a week", "this a week early" stay amounts).
_NOT_PLURALS = frozenset({"this", "less", "unless", "plus", "was", "has", "does", "its", "yes", "thus", "always"})
# A month by its name or abbreviation, whole ("is decided" holds no December)
_MONTH_NAME = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH = re.compile(
    r"\b(?:by|in|before|until|till|for|end of|end o'?|eo|due|mid|middle of|with|our|the|its|their|to|around|about|"
    r"within|this|make it|fin|fin de|ende|eind|"  # ("latest fin février": the French, German, Dutch "end of")
    r"is|becomes|became|starts|start|so|roughly|approx|say|of|than|like|late|early|come|realistically|ideally|hopefully|"
    r"next(?! may\b))[\s-]+"  # ("the Boat Show next September"; not "the next may be")
    r"(?:the\s+end\s+of\s+|end\s+of\s+)?(?:next\s+)?" + _MONTH_NAME
)
# "by Q1", "end of Q1", and "Q1" alone: the quarter's end; but a quarter named alone that ends past
# half a year is a window mostly inside it ("Q2" said in November, April to June): its middle
_QUARTER = re.compile(r"\b(?P<by>by|for|end of|eo|before|until)?\s*q(?P<q>[1-4])\b(?:\s+(?:of\s+)?(?P<year>20\d\d)\b)?")
# (not a fiscal, financial, academic or school year's end: those end in other months)
_END_OF_YEAR = re.compile(
    r"(?<!fiscal )(?<!financial )(?<!academic )(?<!school )"
    r"\b(?:end of (?:the )?year|eoy|year end|year-end|by new year)\b"
)
_CHRISTMAS = re.compile(r"\b(?:christmas|xmas)\b")
_BEFORE_NEW_YEAR = re.compile(r"\b(?:by|before|until|till|til) (?:the )?new year")
# Days people name as deadlines: (month, day), or None for a day that moves (worked out below).
_NAMED_DAYS = {
    "valentine": (2, 14), "saint valentin": (2, 14), "saint-valentin": (2, 14), "san valentin": (2, 14),
    "halloween": (10, 31), "new year": (1, 1), "new years": (1, 1),
    "black friday": None, "thanksgiving": None, "easter": None, "songkran": (4, 13),
    "chinese new year": None, "lunar new year": None, "tet": None, "semana santa": None, "holy week": None,
    "nowruz": (3, 20), "norooz": (3, 20), "novruz": (3, 20), "golden week": (4, 29), "vaisakhi": (4, 14),
    "baisakhi": (4, 14), "618 festival": (6, 18), "618 sale": (6, 18), "singles day": (11, 11),
    "losar": None, "hanukkah": None, "chanukah": None, "diwali": None, "deepavali": None, "holi": None, "ramadan": None,
    "eid": None, "lebaran": None, "idul fitri": None, "hari raya": None,
    "pesach": None, "passover": None, "ash wednesday": None, "mardi gras": None, "carnival": None,
    "carnaval": None, "good friday": None, "dia de reyes": (1, 6), "three kings day": (1, 6), "epiphany": (1, 6),
    "las posadas": (12, 16), "posadas": (12, 16), "spring festival": None, "waitangi day": (2, 6),
    "anzac day": (4, 25), "australia day": (1, 26), "chuseok": None,
    "father's day": None, "fathers day": None, "mother's day": None, "mothers day": None,
    "memorial day": None, "labor day": None, "labour day": None, "super bowl": None,
    "paddy's day": (3, 17), "patrick's day": (3, 17), "patricks day": (3, 17), "st paddy's": (3, 17),
    "4th of july": (7, 4), "fourth of july": (7, 4), "canada day": (7, 1), "burns night": (1, 25),
    "boxing day": (12, 26), "bonfire night": (11, 5), "guy fawkes": (11, 5),
    "republic day": (1, 26), "may day": (5, 1), "bastille day": (7, 14),
    "pongal": (1, 14), "makar sankranti": (1, 14), "sankranti": (1, 14), "lohri": (1, 13),
    "jamhuri day": (12, 12), "harbolnas": (12, 12), "el gordo": (12, 22), "detty december": (12, 1),
    "pentecost": None, "whitsun": None,
}  # fmt: skip
# Feasts that move: Easter Sunday (the Western date) and the lunar new year, for the years ahead
_MOVING_DAYS = {
    "easter": [(2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2029, 4, 1), (2030, 4, 21)],
    "chinese new year": [(2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3)],
}
_MOVING_DAYS |= {
    "hanukkah": [(2026, 12, 4), (2027, 12, 24), (2028, 12, 12), (2029, 12, 1), (2030, 12, 20)],
    "diwali": [(2026, 11, 8), (2027, 10, 29), (2028, 10, 17), (2029, 11, 5), (2030, 10, 26)],
    "ramadan": [(2027, 2, 8), (2028, 1, 28), (2029, 1, 16), (2030, 1, 5)],  # its first day, give or take one
    "eid": [(2027, 3, 10), (2028, 2, 27), (2029, 2, 14), (2030, 2, 4)],  # Eid al-Fitr, give or take one
    "holi": [(2027, 3, 22), (2028, 3, 11), (2029, 3, 1), (2030, 3, 20)],
    "pesach": [(2027, 4, 22), (2028, 4, 11), (2029, 3, 31), (2030, 4, 18)],
}
_MOVING_DAYS |= {  # the Western church's dates, from Easter's
    "ash wednesday": [(2026, 2, 18), (2027, 2, 10), (2028, 3, 1), (2029, 2, 14), (2030, 3, 6)],
    "mardi gras": [(2026, 2, 17), (2027, 2, 9), (2028, 2, 29), (2029, 2, 13), (2030, 3, 5)],
    "good friday": [(2026, 4, 3), (2027, 3, 26), (2028, 4, 14), (2029, 3, 30), (2030, 4, 19)],
}
_MOVING_DAYS |= {  # the US dates (Mother's Day: the second Sunday of May; Father's Day: the third of June)
    "mother's day": [(2027, 5, 9), (2028, 5, 14), (2029, 5, 13), (2030, 5, 12)],
    "father's day": [(2027, 6, 20), (2028, 6, 18), (2029, 6, 17), (2030, 6, 16)],
    "memorial day": [(2027, 5, 31), (2028, 5, 29), (2029, 5, 28), (2030, 5, 27)],
    "labor day": [(2027, 9, 6), (2028, 9, 4), (2029, 9, 3), (2030, 9, 2)],
    "super bowl": [(2027, 2, 14), (2028, 2, 13), (2029, 2, 11), (2030, 2, 10)],
}
_MOVING_DAYS["mothers day"] = _MOVING_DAYS["mother's day"]
_MOVING_DAYS["fathers day"] = _MOVING_DAYS["father's day"]
_MOVING_DAYS["labour day"] = _MOVING_DAYS["labor day"]
_MOVING_DAYS["carnival"] = _MOVING_DAYS["carnaval"] = _MOVING_DAYS["mardi gras"]
_MOVING_DAYS["lunar new year"] = _MOVING_DAYS["tet"] = _MOVING_DAYS["chinese new year"]
_MOVING_DAYS["spring festival"] = _MOVING_DAYS["chinese new year"]
_MOVING_DAYS["chuseok"] = [(2026, 9, 25), (2027, 9, 15), (2028, 10, 3), (2029, 9, 22), (2030, 9, 12)]
# Losar falls within days of the lunar new year, in the same weeks
_MOVING_DAYS["losar"] = _MOVING_DAYS["chinese new year"]
_MOVING_DAYS["chanukah"] = _MOVING_DAYS["hanukkah"]
# Eid al-Fitr's names in Indonesia and Malaysia
_MOVING_DAYS["lebaran"] = _MOVING_DAYS["idul fitri"] = _MOVING_DAYS["hari raya"] = _MOVING_DAYS["eid"]
_MOVING_DAYS["deepavali"] = _MOVING_DAYS["diwali"]
_MOVING_DAYS["passover"] = _MOVING_DAYS["pesach"]

# Pentecost: seven weeks after Easter
_MOVING_DAYS["pentecost"] = _MOVING_DAYS["whitsun"] = [
    (2026, 5, 24), (2027, 5, 16), (2028, 6, 4), (2029, 5, 20), (2030, 6, 9),
]  # fmt: skip
_MOVING_DAYS["semana santa"] = _MOVING_DAYS["holy week"] = _MOVING_DAYS["easter"]  # (the week before it)
_NAMED_DAY = re.compile(r"\b(" + "|".join(_NAMED_DAYS) + r")(?:'?s)?\b")
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|this weekend|next weekend)\b")
# ("late 2027", "later in 2027": late in the year is due within it, as "in 2027" is)
_END_OF_A_YEAR = re.compile(r"\b(?:end of|by|in|until|till|through|to|before|late|later in)\s+(?P<year>20[2-9][0-9])\b")
_MID_YEAR = re.compile(r"\b(?:mid|middle of)[\s-]+(?P<year>20[2-9][0-9])\b")
# A coming year said alone, or after one word ("2028", "product 2028"): due within that year, as
# "in 2028" is (not "since 2027", "from 2028": when something began or begins)
_YEAR_ALONE = re.compile(r"(?:(?!since |from |after )[a-z-]+ )?(?P<year>20[2-9][0-9])")
_END_OF_WEEK = re.compile(r"\b(?:end of (?:the |this )?week|eow|within the week)\b")
_END_OF_MONTH = re.compile(r"\b(?:end of (?:the |this )?month|eom|month end|within the month)\b")
_HALF_YEAR = re.compile(r"\bhalf (?:a )?year\b|\bsix months\b")
# "next year's budget" dates the budget, not a deadline
_NEXT = re.compile(r"\bnext (?P<unit>week|month|quarter|year)\b(?!'s)")
# "late April next year", "Q2 next year": the month or quarter dates it, in the year named
_IN_NEXT_YEAR = re.compile(r"(?:,\s*|\s+)(?:of\s+|in\s+)?next year\b(?!'s)")
# "next year's Black Friday", "next year's christmas": the day in the year named
_NEXT_YEARS = re.compile(r"\bnext year'?s\s+")
_NTH_QUARTER = re.compile(r"\b(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?P<year>20\d\d))?\b")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_DAY = r"(?P<day>[0-3]?\d(?:st|nd|rd|th)?)"
# A calendar date: "december 15th", "31st jan", "jan 31", "the 5th of january", "2027-01-15".
_DATES = (
    re.compile(rf"\b{_MONTH_NAME}\s+{_DAY}\b(?!\s*(?:weeks?|days?|months?|years?|%))"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH_NAME}\b"),
)
# "april-ish", "april 2027" (the month's start), "the second half of 2027" (the half's start)
_MONTH_ISH = re.compile(rf"\b{_MONTH_NAME}[\s-]ish\b")
_MONTH_ALONE = re.compile(rf"^\s*{_MONTH_NAME}\s*$")  # "April", the whole answer
# "april is fine", "march works", "May is the target": a month said to do, opening the clause
# (not "Jan is our python guy")
_MONTH_WILL_DO = re.compile(
    rf"^\s*{_MONTH_NAME}\s+(?:(?:is|would be|should be|sounds|seems)\s+)?"
    r"(?:fine|ok|okay|good|great|works|would work|realistic|doable|at the latest|latest"
    r"|the target|our target|the deadline|our deadline|the goal|our goal)\b"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH_NAME}\s+(?P<year>20\d\d)\b")
_HALF_OF_YEAR = re.compile(r"\b(?:(?P<half>first|second|1st|2nd) half of|(?P<h>h[12]))\s+(?P<year>20\d\d)\b")
# "01.07.2027" (day first, as in most of Europe); "by 3/31", "3/31 at the latest" (month first,
# as in the US, only beside a word of dating: "12/9" alone may be either; a message's words have
# the slash as a space)
# "15.09.2027", and "15/09/2027" once its slashes are spaces ("09/15/2027": a month cannot pass 12)
_DOTTED_DATE = re.compile(r"\b(?P<day>[0-3]?\d)([. /])(?P<month>[0-3]?\d)\2(?P<year>20\d\d)\b")
_SLASHED_DATE = re.compile(
    r"(?:\b(?:by|due|before|until|till|latest)\s+(?P<m1>1[0-2]|0?[1-9])[/ ](?P<d1>3[01]|[12]\d|0?[1-9])\b)"
    r"|(?:\b(?P<m2>1[0-2]|0?[1-9])[/ ](?P<d2>3[01]|[12]\d|0?[1-9])\s+at the latest\b)"
    # "demo on 20/02": a day past 12 can only come first
    # ("by 20.12", "audit is 15/01")
    r"|(?:\b(?:on|by|due|before|is)\s+(?P<d3>3[01]|2\d|1[3-9])[/ .](?P<m3>1[0-2]|0?[1-9])\b(?![/ .]\d))"
    # "sale starts 12/15": a day past 12 can only come second
    r"|(?:\b(?:on|by|due|before|starts|start|begins)\s+(?P<m4>1[0-2]|0?[1-9])[/ ](?P<d4>3[01]|2\d|1[3-9])\b(?![/ .]\d))"
)
# "inspection is on 2/2/27": a date with a two-digit year, beside a word of dating, day first
_SHORT_YEAR_DATE = re.compile(
    r"\b(?:on|by|due|before|until|till|latest|is)\s+(?P<day>3[01]|[12]\d|0?[1-9])[/ .](?P<month>1[0-2]|0?[1-9])"
    r"[/ .](?P<year>2[6-9])\b"
)
# "demo is saturday morning": the coming such day (not "every saturday morning", nor "on sunday
# night": said of what happens then)
_A_WEEKDAY = re.compile(
    r"(?<!every )(?<!each )(?<!on )\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
    r"(?:morning|afternoon|evening|night)\b"
)
# "demo is sunday", "by friday", "before next monday": the coming such day, said as a date
_BY_WEEKDAY = re.compile(
    r"\b(?:is|by|before|until|till)\s+(?:this\s+|next\s+|coming\s+|this\s+coming\s+)?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!\s*(?:to|-|through|thru)\b)"
)
_ISO_DATE = re.compile(r"\b(?P<year>20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# "early jan", "late march", "beginning of april": a month with where in it
_PART_OF_MONTH = re.compile(
    r"\b(?P<part>early|late|start of|beginning of|the start of|first days of|first week of|the first days of"
    rf"|the first week of|last days of|last week of|the last days of|the last week of)\s+{_MONTH_NAME}\b"
)
# "the last Monday in November", "first weekend of October": a day that a month's calendar places
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NTH_WEEKDAY = re.compile(
    r"\b(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    rf"|weekend)\s+(?:in|of)\s+{_MONTH_NAME}"
)
_HALF_YEAR_WEEKS = 26
_MONTH_SPAN = re.compile(
    _MONTH_NAME.replace("?P<month>", "?:")
    + r"\s*(?:to|-|till|until|through|thru)\s*"
    + _MONTH_NAME.replace("?P<month>", "?:")
    + r"(?!\s*20\d\d)"  # ("oct-dec 2027" dates a window)
)
# "march end", "dec-end": that month's end, said the other way round (not "may end": a verb)
_MONTH_END = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s-]+end\b"
)
_SEASON_WEEKS = 13  # a season starting sooner than this is "this" season, not "next"
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
# "autumn 2027": the season's first day
# (or the year first: "model year 2028 spring")
_SEASON_YEAR = re.compile(
    r"\b(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>20\d\d)\b"
    r"|\b(?P<year_first>20\d\d)\s+(?P<season_after>spring|summer|fall|autumn|winter)\b"
)
_NEXT_SEASON = re.compile(r"\b(?:next|this|by|in the|before)\s+(?P<season>spring|summer|fall|autumn|winter)\b")


# Month names in the languages our users mix into English ("31 maart", "15 mars 2027", "20. Januar"),
# read as the English month (only where a month would be read: after "by", before a day, ...)
_FOREIGN_MONTHS = {
    "january": "januar janvier enero januari gennaio janeiro styczen",
    "february": "februar fevrier février febrero februari febbraio fevereiro",
    "march": "märz marz maerz mars marzo maart março maret",
    "april": "avril abril aprile",
    "may": "mai mayo mei maggio maio",
    "june": "juin junio juni giugno junho",
    "july": "juillet julio juli luglio julho",
    "august": "aout août agosto augustus agustus",
    "september": "septembre septiembre settembre setembro",
    "october": "oktober octobre octubre ottobre outubro",
    "november": "novembre noviembre novembro",
    "december": "dezember decembre décembre diciembre dicembre dezembro desember",
}
_ENGLISH_MONTH = {foreign: english for english, names in _FOREIGN_MONTHS.items() for foreign in names.split()}
_FOREIGN_MONTH = re.compile(r"\b(" + "|".join(sorted(_ENGLISH_MONTH, key=len, reverse=True)) + r")\b")
# "6 months or more", "a year plus": past the amount said
_MORE_THAN = re.compile(r"\b(?:more than|longer than|over|at least|beyond)\s*$")
_OR_MORE = re.compile(r"\s*(?:or more|or longer|or so more|plus|\+|or above|at least)\b")


# What every pattern of `weeks_until` needs at least one of: a digit, a month's name, a unit of
# time, a named day or season. A text without any is dated by none of them, so the forty patterns
# are not tried (most clauses read hold none; tests/test_reading_dates.py checks this against the corpus).
_MAY_BE_DATED = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(?:days?|weeks?|wks?|w|months?|mos?|quarters?|years?|yrs?|y|tomorrow|tmrw|weekend|christmas|xmas|eo[ywm]"
    r"|spring|summer|fall|autumn|winter|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\b(?:" + "|".join(sorted((re.escape(day) for day in _NAMED_DAYS), key=len, reverse=True)) + r")"
)


@functools.lru_cache(maxsize=1024)
def weeks_until(text: str, today: date) -> float | None:
    """Weeks from `today` to the deadline `text` states, or None when it states none.

    (Remembered for recent texts: one reading asks this of the same clause in several places.)"""
    lowered = _FOREIGN_MONTH.sub(lambda m: _ENGLISH_MONTH[m[1]], text.lower())
    if not _MAY_BE_DATED.search(lowered):
        return None  # (most clauses: no word any pattern below needs)
    if (span := _MONTH_SPAN.search(lowered)) and lowered.strip() != span.group(0):
        # "main crop is oct to march so we need it this season": a season, not a date
        lowered = _MONTH_SPAN.sub(" ", lowered)
    if (match := _IN_NEXT_YEAR.search(lowered)) and match.start() > 0:
        rest = lowered[: match.start()] + lowered[match.end() :]
        weeks = weeks_until(rest, today) if _dated_within_year(rest) else None
        if weeks is not None:  # the coming April is next year's unless this year's is still to come
            return _in_next_year(weeks, today)
    if (match := _NEXT_YEARS.search(lowered)) and (_CHRISTMAS.search(lowered) or _NAMED_DAY.search(lowered)):
        # "before next year's Black Friday": that day a year on, not the one two days away
        weeks = weeks_until(lowered[: match.start()] + lowered[match.end() :], today)
        if weeks is not None:
            return _in_next_year(weeks, today)
    if _TOMORROW.search(lowered):
        return 1 / 7
    if christmas_said := _CHRISTMAS.search(lowered):
        christmas = date(today.year if today <= date(today.year, 12, 24) else today.year + 1, 12, 24)
        return _in_year_said((christmas - today).days / 7, lowered[christmas_said.end() :], today)
    if match := _NAMED_DAY.search(lowered):
        # "the shutdown before new year, 20 Dec": the day said outright is the date to go by
        outright = _weeks_to_calendar_date(lowered, today)
        if outright is None and match[1] in ("new year", "new years") and _BEFORE_NEW_YEAR.search(lowered):
            return _counted_to_month_end(today, 12)  # "before new year": the year's end, as "by year end"
        named = _weeks_to_named_day(today, match[1])
        return outright or (None if named is None else _in_year_said(named, lowered[match.end() :], today))
    if match := _HALF_OF_YEAR.search(lowered):
        second = match["half"] in ("second", "2nd") or match["h"] == "h2"
        return _weeks_to(today, date(int(match["year"]), 7 if second else 1, 1))
    if match := _MONTH_YEAR.search(lowered):
        return _weeks_to(today, date(int(match["year"]), _MONTHS.index(match["month"][:3]) + 1, 1))
    if match := _MID_YEAR.search(lowered):  # "mid-2027": its first of July
        return _weeks_to(today, date(int(match["year"]), 7, 1))
    if match := _END_OF_A_YEAR.search(lowered) or _YEAR_ALONE.fullmatch(lowered.strip(" .!")):
        year = int(match["year"])
        return max((date(year + 1, 1, 1) - today).days, 0) / 7 if year >= today.year else None
    if _END_OF_MONTH.search(lowered):
        return _weeks_to_month_end(today, today.month)
    if _END_OF_WEEK.search(lowered):
        return 1.0
    if match := _HALF_YEAR.search(lowered):
        return 27.0 if _MORE_THAN.search(lowered[: match.start()]) else 26.0
    if match := _amount(lowered):
        raw = match["n"]
        amount = float(raw) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
        # ("6 months or more", "more than six months": past half a year)
        more = 1 if _OR_MORE.match(lowered, match.end()) or _MORE_THAN.search(lowered[: match.start()]) else 0
        return amount * _UNIT_WEEKS[match["unit"].rstrip("s") or "w"] + more
    if match := _NEXT.search(lowered):
        return {"week": 1.0, "month": _MONTH_WEEKS, "quarter": 13.0, "year": 52.0}[match["unit"]]
    if match := _DOTTED_DATE.search(lowered):
        try:
            day, month = int(match["day"]), int(match["month"])
            return _weeks_to(today, date(int(match["year"]), *((day, month) if month > 12 else (month, day))))
        except ValueError:  # "31.02.2027"
            return None
    if match := _SHORT_YEAR_DATE.search(lowered):
        try:
            return _weeks_to(today, date(2000 + int(match["year"]), int(match["month"]), int(match["day"])))
        except ValueError:  # "on 31/2/27"
            return None
    if match := _SLASHED_DATE.search(lowered):
        month = int(match["m1"] or match["m2"] or match["m3"] or match["m4"])
        day = int(match["d1"] or match["d2"] or match["d3"] or match["d4"])
        return _weeks_to_day(today, month, day)
    if match := _ISO_DATE.search(lowered):
        return _weeks_to(today, date(int(match["year"]), int(match["month"]), int(match["day"].rstrip("stndrh"))))
    if (weeks := _weeks_to_calendar_date(lowered, today)) is not None:
        return weeks
    if match := _A_WEEKDAY.search(lowered) or _BY_WEEKDAY.search(lowered):
        ahead = (_WEEKDAYS.index(match["day"]) - today.weekday()) % 7 or 7
        return ahead / 7
    if match := _NTH_WEEKDAY.search(lowered):
        return _weeks_to_nth_weekday(today, _MONTHS.index(match["month"][:3]) + 1, match["nth"], match["day"])
    if match := _PART_OF_MONTH.search(lowered):
        month = _MONTHS.index(match["month"][:3]) + 1
        return _weeks_to_day(today, month, 24 if match["part"] == "late" or "last" in match["part"] else 7)
    if match := _MONTH_END.search(lowered):  # ("march end, before summer peak": March's end)
        return ((_MONTHS.index(match["month"][:3]) + 1 - today.month) % 12) * _MONTH_WEEKS
    if match := _SEASON_YEAR.search(lowered):
        season_year = match["year"] or match["year_first"]
        start = date(int(season_year), _SEASONS[match["season"] or match["season_after"]], 1)
        return _weeks_to(today, start) if start > today else None
    if match := _NEXT_SEASON.search(lowered):
        month = _SEASONS[match["season"]]
        weeks = _weeks_to_day(today, month, 1)
        # "next winter", said a few weeks before this one starts, is the one after it
        if weeks is not None and match.group(0).startswith("next") and weeks < _SEASON_WEEKS:
            weeks += 52
        return weeks
    if match := (
        _MONTH.search(lowered)
        or _MONTH_ISH.search(lowered)
        or _MONTH_ALONE.search(lowered)
        or _MONTH_WILL_DO.search(lowered)
    ):
        month = _MONTHS.index(match["month"][:3]) + 1
        # People count a named month in months: "end of May", said in November, is six months
        # away (3-6 months), "by June" seven, "end of Feb" three, whatever the day of the month.
        at_end = "end" in match.group(0) or match.group(0).startswith("eo")
        ahead = (month - today.month) % 12 or (0 if at_end else 12)  # ("by November" in November: next year's)
        if match.group(0).startswith("before") and not at_end and ahead > 1:
            ahead -= 1  # "before June" is done by the end of May
        return ahead * _MONTH_WEEKS
    if quarters := list(_QUARTER.finditer(lowered)):  # "Q1 ... so by end of Q1": the end said
        match = next((m for m in quarters if m["by"]), quarters[0])
        last_month = int(match["q"]) * 3
        if match["year"]:  # "Q4 2027": that year's quarter, however far
            after = date(int(match["year"]) + (last_month == 12), last_month % 12 + 1, 1)
            if after <= today:
                return None
            end = (after - today).days / 7
        else:
            end = _weeks_to_month_end(today, last_month)
        return end if match["by"] or end <= _HALF_YEAR_WEEKS else end - 13 / 2
    if match := _NTH_QUARTER.search(lowered):  # "by the end of the first quarter of 2027"
        last_month = _ORDINALS[match["nth"]] * 3
        if match["year"]:
            return _weeks_to(today, date(int(match["year"]) + (last_month == 12), last_month % 12 + 1, 1))
        return _weeks_to_month_end(today, last_month)
    if _END_OF_YEAR.search(lowered):
        return _counted_to_month_end(today, 12)
    return None


_COUNT = re.compile(r"^\d[\d,.]*[km]?$")  # "1,500", "4k", "1.5m" (tickets a day)
_PER_UNIT = re.compile(r"\s*(?:/|\ba\b|\bper\b|\beach\b|\bevery\b)?\s*(?:day|week|wk|month|year)s?\b")
_ONE_DAY_AMOUNT = (["in"], ["within"], ["for"], ["about"], ["only"], ["just"], ["takes"], ["needs"])
_HOW_OFTEN = frozenset({"once", "twice", "thrice", "times"})  # "twice a day" is no deadline


def _weeks_to_calendar_date(lowered: str, today: date) -> float | None:
    """Weeks to a day of a month said by name ("december 15th", "20 Dec"), if `lowered` says one."""
    for pattern in _DATES:
        match = pattern.search(lowered)
        # "may 3" is more often "we may 3x it" than the third of May: only "may 3rd" is a date, or
        # "may 1" opening what is said or after a word of dating ("May 1 hard stop", "by may 1")
        if match and not (
            match["month"] == "may"
            and match["day"].isdigit()
            and pattern is _DATES[0]
            and lowered[: match.start()].split()[-1:] not in _BEFORE_MAY_THE_MONTH
        ):
            month, day = _MONTHS.index(match["month"][:3]) + 1, int(match["day"].rstrip("stndrh"))
            if 28 <= day == monthrange(today.year, month)[1]:
                return _counted_to_month_end(today, month)  # "by 31st dec": the end of December
            if day == 1 and month != today.month % 12 + 1:
                # "before the contract starts 1 March": the end of February (not next month's first)
                return _counted_to_month_end(today, (month - 2) % 12 + 1)
            return _weeks_to_day(today, month, day)
    return None


_BEFORE_MAY_THE_MONTH: tuple[list[str], ...] = (
    [],
    ["by"],
    ["before"],
    ["on"],
    ["until"],
    ["till"],
    ["from"],
    ["due"],
    ["after"],
    # ("go-live is now May 1", "launch may 1", "deadline: may 1")
    ["live"],
    ["launch"],
    ["launches"],
    ["release"],
    ["ship"],
    ["ships"],
    ["deadline"],
    ["ready"],
    ["now"],
    ["is"],
)


def names_a_day(text: str) -> bool:
    """Whether `text` names a day of a month by the month's name ("20 Dec", "december 15th")."""
    return any(pattern.search(text.lower()) for pattern in _DATES)


def _dated_within_year(text: str) -> bool:
    """Whether `text` names a month, a quarter or a season (which "next year" then places)."""
    patterns = (_MONTH, _MONTH_ISH, _MONTH_ALONE, _PART_OF_MONTH, _QUARTER, _NTH_QUARTER, *_DATES)
    return any(p.search(text) for p in patterns) or any(season in text.split() for season in _SEASONS)


def _amount(lowered: str) -> re.Match[str] | None:
    """The first amount of time in `lowered` that is not a rate ("tickets a day")."""
    for match in _AMOUNT.finditer(lowered):
        if match["n"] in ("a", "an"):
            before = lowered[: match.start()].split()[-1:]
            word = before[0].strip(",.;:") if before else ""
            if (
                _COUNT.match(word)
                or word in _HOW_OFTEN
                or (len(word) > 3 and word.endswith("s") and word not in _NOT_PLURALS)
            ):
                continue
        if _PER_UNIT.match(lowered, match.end()):
            continue  # "2 days/week", "3 days a week": how often, not how long
        if (
            match["n"] == "one"
            and match["unit"] == "day"
            and lowered[: match.start()].split()[-1:] not in _ONE_DAY_AMOUNT
        ):
            continue  # "if one day we want it on the iPad": someday, not a day from now
        return match
    return None


def _in_next_year(weeks: float, today: date) -> float:
    """`weeks` from `today`, moved a year on if they fall in this year."""
    this_year_left = (date(today.year + 1, 1, 1) - today).days / 7
    return weeks if weeks >= this_year_left else weeks + 52


_YEAR_AFTER = re.compile(r"^\s*(?:(?P<year>20\d\d)\b|next year\b)")


def _in_year_said(weeks: float, after: str, today: date) -> float:
    """Weeks to a named day's next date, or to that day in the year said right after it ("Black
    Friday 2027", "christmas next year")."""
    said = _YEAR_AFTER.match(after)
    if said is None:
        return weeks
    year = int(said["year"]) if said["year"] else today.year + 1
    upcoming = date.fromordinal(today.toordinal() + round(weeks * 7))
    return weeks + max(0, year - upcoming.year) * 365.25 / 7


def _weeks_to_named_day(today: date, name: str) -> float | None:
    """Weeks to the next Valentine's Day, Black Friday (the day after the fourth Thursday of
    November), Thanksgiving (that Thursday), and the like."""
    fixed = _NAMED_DAYS[name]
    if fixed is not None:
        return _weeks_to_day(today, *fixed)
    if name in _MOVING_DAYS:
        upcoming = [date(*day) for day in _MOVING_DAYS[name] if date(*day) >= today]
        return (upcoming[0] - today).days / 7 if upcoming else None
    for year in (today.year, today.year + 1):
        first = date(year, 11, 1)
        thursday = first.toordinal() + (3 - first.weekday()) % 7 + 21  # the fourth Thursday
        day = date.fromordinal(thursday + (name == "black friday"))
        if day >= today:
            return (day - today).days / 7
    return None  # pragma: no cover - next year's always comes


def _weeks_to_nth_weekday(today: date, month: int, nth: str, weekday: str) -> float | None:
    """Weeks to the next "last Monday in November" (a weekend is its Saturday)."""
    wanted = _WEEKDAYS.index("saturday" if weekday == "weekend" else weekday)
    for year in (today.year, today.year + 1):
        first = date(year, month, 1)
        if nth == "last":
            last = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
            day = date.fromordinal(last - (date.fromordinal(last).weekday() - wanted) % 7)
        else:
            weeks_in = int(nth[0]) - 1 if nth[0].isdigit() else ["first", "second", "third", "fourth"].index(nth)
            day = date.fromordinal(first.toordinal() + (wanted - first.weekday()) % 7 + 7 * weeks_in)
        if day >= today:
            return (day - today).days / 7
    return None  # pragma: no cover - next year's always comes


def _counted_to_month_end(today: date, month: int) -> float:
    """Weeks to the end of the coming `month`, counted in months as people count a named month
    ("end of May" is one month more than "end of April"; "end of the year", said in late November,
    is a month away), or in weeks within the month itself."""
    ahead = (month - today.month) % 12
    return ahead * _MONTH_WEEKS if ahead else _weeks_to_month_end(today, month)


def _weeks_to_month_end(today: date, month: int) -> float:
    """Weeks to the end of the coming `month` (1-12; 0 means last December)."""
    if month == 0:
        month = 12
    year = today.year if month >= today.month else today.year + 1
    target = date(year + (month == 12), month % 12 + 1, 1)
    return max((target - today).days, 0) / 7


def _weeks_to(today: date, day: date) -> float | None:
    """Weeks to `day`, counted as people count a date some months off: in months, whatever the day
    of the month ("31 May", said in November, is six months away: 3-6 months; "28.02.2027" three)."""
    if day < today:
        return None
    months = (day.year - today.year) * 12 + day.month - today.month
    if _COUNTED_IN_MONTHS[0] <= months <= _COUNTED_IN_MONTHS[1]:
        return months * _MONTH_WEEKS
    return (day - today).days / 7


# Where the answers' bounds (three and six months) fall, a date counts in months; nearer, days
# count ("in 3 weeks" against "by Christmas" is within a month or not), and further off they match
# the lifespans and allocations the deadline reading weighs in weeks.
_COUNTED_IN_MONTHS = (3, 6)


def _weeks_to_day(today: date, month: int, day: int) -> float | None:
    """Weeks to the next `day` of `month` (this year's, or next year's once it has passed)."""
    try:
        this_year = date(today.year, month, day)
        return _weeks_to(today, this_year if this_year >= today else date(today.year + 1, month, day))
    except ValueError:  # "feb 31"
        return None


def starts_with_amount(text: str) -> bool:
    """Whether `text` opens with an amount of time ("2 years of keras"), not a date."""
    match = _AMOUNT.match(text.lower())
    return match is not None
