"""How people give the deadline in their own way (fresh voices of dev55-dev70, written by helpers
who never saw the vocabulary files): month names of their own language, a date in numbers, a guess
with a question mark, "or more"."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_understanding import advised_with, until


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("early access launch 15 mars 2027", "half_year"),
        # a month's first day is the month before's end: by 1 March is by the end of February (dev88)
        ("end of Feb, before the new contract starts 1 March", "quarter"),
        ("before the contract starts 1 March", "quarter"),
        # "May 1" opening a clause is the month's first day, not "we may 1" (dev84)
        ("before the cooling season. May 1 at the latest", "half_year"),
        # a code freeze is a deadline, over the show it is for; Holi by its dates (dev85)
        ("the code freeze is 18 december, for the trade fair in february", "asap"),
        ("has to be ready before holi", "half_year"),
        # a correction of oneself: the date it gives, or the next one after it (dev26, dev81)
        ("october, no wait, february", "quarter"),
        ("the festival is in october... wait no that was last month. next up is the carnival, february", "quarter"),
        # what started in a month is past; what is wanted is as soon as possible (dev80)
        ("the harvest already started in october... so as soon as possible", "asap"),
        ("latest fin février", "quarter"),
        ("my contract ends 31 maart so before that!!", "half_year"),
        ("dashain tihar is over so... 2 months?", "quarter"),  # a guess, not a question
        ("ummm the regional robotics competition is 14/2/27", "quarter"),
        ("make it april, after the spring tune-up rush", "half_year"),
        ("put 6 months or more", "long"),
        ("No rush. More than six months is acceptable.", "long"),
        ("found it, sponsor audit is 15/01", "quarter"),
        ("new ward opens 4 January, the app update must be in the stores by 20.12", "asap"),
        ("my manager says 'by fiscal year end', that's March 31", "half_year"),  # said again, precisely
        # a date given as the one to go by, over those before it
        ("before summer peak? it's already summer here haha. realistically end of april", "half_year"),
        ("before black friday next yr lol jk. end of january realistically", "quarter"),
        (
            "the sap usually starts running mid-March so it has to work before the first run. let's say end of "
            "February",
            "quarter",
        ),
        ("voor de zomer? eh, before summer i mean, say end of april", "half_year"),
        # a date said again after "like", more precisely ("may" there is the month, not a maybe)
        ("ideally before summer, like may", "half_year"),
        ("we go live before summer, like end of april hopefully", "half_year"),
        ("no fixed date, maybe 8 months", "long"),  # a guess at the deadline asked
        ("asap. the old model nearly died last week", "asap"),  # why it is urgent takes nothing back
        # a quarter with its year is that year's quarter, not this year's (dev30)
        ("the board signed off on Q4 2027 for the first production rover.", "long"),
        # a month first when the day cannot be a month (dev52); going on leave is time off (dev82)
        ("year end sale starts 12/15, want it live before", "asap"),
        ("she wants a demo by dec 18 before everyone goes on leave", "asap"),
        # a day of a month right after a dated clause says its date again, as the day (dev61)
        ("the shutdown before new year, 20 Dec", "asap"),
    ],
)
def test_a_deadline_in_a_voice_of_its_own_is_read(chat: Chat, said: str, stored: str) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == [stored]


def test_a_real_question_about_a_deadline_is_no_answer(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("is 6 weeks enough?")
    assert "timeline" not in chat.state.answers


def test_a_what_if_opening_with_say_dates_what_it_supposes_not_the_launch(chat: Chat) -> None:
    advised_with(chat, timeline=["quarter"])
    chat.say("and say Tyler goes back to school next fall and I gotta hire somebody... does it matter which "
             "one's easier to hire for")  # fmt: skip
    assert (chat.state.proposed or chat.state.answers)["timeline"] == ["quarter"]


def test_a_what_if_about_a_variant_of_the_product_dates_the_variant_not_the_launch(chat: Chat) -> None:
    # "an iOS version next year" is when the new target comes, not the first version's deadline (dev104)
    advised_with(chat, timeline=["half_year"], deployment=["android"])
    chat.say("what if we also make an iOS version next year?")
    assert chat.state.proposed["deployment"] == ["android", "ios"]
    assert chat.state.proposed["timeline"] == ["half_year"]


def test_a_first_version_asked_about_in_a_what_if_still_dates_the_launch(chat: Chat) -> None:
    advised_with(chat, timeline=["half_year"], deployment=["android"])
    chat.say("what if we also need iOS, with a first version in 3 weeks?")
    assert chat.state.proposed["deployment"] == ["android", "ios"]
    assert chat.state.proposed["timeline"] == ["asap"]


def test_a_text_no_date_pattern_could_match_is_passed_over_only_when_none_would() -> None:
    """weeks_until passes over text holding no digit, month, unit of time or named day (most
    clauses): over the corpus's messages and their clauses, no text passed over holds a date."""
    import re
    from datetime import date

    import bot.durations as durations
    from tests.test_reading_corpus import DEV, HOLDOUT, corpus

    texts = {e["text"] for name in (*DEV, *HOLDOUT) for e in corpus(name)}
    texts |= {part for text in list(texts) for part in re.split(r"[,.;!?]", text)}
    today = date(2026, 11, 25)
    sample = sorted(texts)[::12]  # (a twelfth of them: the everyday suite stays fast)
    passed_over = [text for text in sample if durations.weeks_until.__wrapped__(text, today) is None]
    passed_over = [text for text in passed_over if not durations._MAY_BE_DATED.search(text.lower())]
    kept, durations._MAY_BE_DATED = durations._MAY_BE_DATED, re.compile("")
    try:
        dated = [text for text in passed_over if durations.weeks_until.__wrapped__(text, today) is not None]
    finally:
        durations._MAY_BE_DATED = kept
    assert not dated
    assert len(passed_over) > 5000  # (most clauses, to check)
