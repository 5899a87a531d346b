"""Real phrasings - typos, slang, Slack markup, invisible characters - and where they land."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation import Conversation
from bot.dialogue import Advisor
from bot.durations import weeks_until
from bot.matching import Matcher
from bot.normalising import normalise, normalised, plain_letters_only
from bot.state import State
from bot.typos import typo_of
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def matcher(conversation: Conversation) -> Matcher:
    return Matcher(conversation)


def placed(matcher: Matcher, text: str, pending: str | None = None) -> set[tuple[str, str]]:
    return {(m.step_id, m.option_id) for m in matcher.mentions(text, pending)}


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # skills: slang, suffixes, slashes, typos
        ("tf2/keras", {("skills", "tensorflow"), ("skills", "keras")}),  # both: TF2 and its Keras
        ("pytorch-ish team", {("skills", "pytorch")}),
        ("torch-ish", {("skills", "pytorch")}),
        ("<!channel> pytorh", {("skills", "pytorch")}),
        ("py\u200btorch", {("skills", "pytorch")}),  # zero-width space from a copy-paste
        ("\ufeffkeras\u200d", {("skills", "keras")}),
        ("ＰｙＴｏｒｃｈ", {("skills", "pytorch")}),  # full-width letters
        ("🚀 pytorch 🔥", {("skills", "pytorch")}),
        ("tensorflw", {("skills", "tensorflow")}),
        ("kears", {("skills", "keras")}),  # two letters swapped
        ("pytroch and jax/flax", {("skills", "pytorch"), ("skills", "jax")}),
        ("<@U123ABC> we know tf", {("skills", "tensorflow")}),
        # deployment: typos, several at once, one word that means two options
        ("andriod", {("deployment", "android")}),
        ("androd app", {("deployment", "android")}),
        ("ios and android", {("deployment", "ios"), ("deployment", "android")}),
        ("a mobile app", {("deployment", "ios"), ("deployment", "android")}),
        ("iphone app", {("deployment", "ios")}),  # not a typo of "phone app" (which means Android too)
        ("iOS-only app", {("deployment", "ios")}),
        ("esp32", {("deployment", "microcontroller")}),
        ("coral usb", {("deployment", "coral")}),
        ("jetson orin nano", {("deployment", "jetson")}),
        ("serving it from K8s behind a rest api", {("deployment", "server")}),
        ("a web demo", {("deployment", "browser")}),
        # use case and existing stack: hyphenated and multi-word phrases
        ("pose-detection", {("use_case", "vision")}),
        ("LLM chatbot", {("use_case", "llm")}),
        ("we don't train anything", {("use_case", "pretrained_only")}),
        ("tf.js", {("existing_stack", "tfjs_app")}),
        ("TF Serving", {("existing_stack", "tf_production")}),
        # hardware
        ("H100", {("hardware", "nvidia")}),
        ("our macbooks", {("hardware", "apple")}),
        ("a few Intel Arc cards", {("hardware", "intel")}),
        ("a100s and some 3090s", {("hardware", "nvidia")}),  # plurals of model names
        ("two T4s on azure", {("hardware", "nvidia")}),  # a short one, with a digit
        ("our ios apps", {("deployment", "ios")}),  # (no plural of "io"; "ios devs" is a trade)
        ("cortex-m4", {("deployment", "microcontroller")}),  # not Apple's M4
        ("Edge Impulse", {("deployment", "microcontroller")}),  # not an edge Linux box
        ("no ml experience", {("skills", "beginners")}),
    ],
)
def test_a_phrasing_lands_on_its_option(matcher: Matcher, said: str, expected: set[tuple[str, str]]) -> None:
    assert placed(matcher, said) == expected


@pytest.mark.parametrize(
    ("said", "pending", "expected"),
    [
        ("K8s", "deployment", {("deployment", "server")}),  # a place to run only when that is asked
        ("K8s", "hardware", set()),
        ("in the cloud", "hardware", set()),
        ("colab", "hardware", {("hardware", "nvidia")}),  # Colab is where training happens
        ("colab", "deployment", set()),
        ("pytorch", "existing_stack", {("existing_stack", "pytorch_production")}),  # the pending question first
        ("pytorch", "skills", {("skills", "pytorch")}),
        ("nothing", "skills", {("skills", "beginners")}),
        ("nothing", "use_case", set()),
    ],
)
def test_words_that_answer_only_their_own_question(
    matcher: Matcher, said: str, pending: str, expected: set[tuple[str, str]]
) -> None:
    assert placed(matcher, said, pending) == expected


@pytest.mark.parametrize(
    ("said", "not_expected"),
    [
        ("GPUs for training", ("use_case", "pretrained_only")),  # never a typo of its opposite
        ("we do something with images", ("skills", "beginners")),
        ("it in prod", ("existing_stack", "tf_production")),  # short words are never typos
        ("the production line", ("existing_stack", "tf_production")),
    ],
)
def test_a_phrase_never_lands_on_its_opposite(matcher: Matcher, said: str, not_expected: tuple[str, str]) -> None:
    assert not_expected not in placed(matcher, said)


@pytest.mark.parametrize(
    "said",
    [
        "hello there",
        "",
        "\u200b\u200b",
        "🙂🙂🙂",
        "we found that",  # "found" is one letter from "sound", which is not a typo
        "pi",  # short words only match exactly
    ],
)
def test_chatter_places_nothing(matcher: Matcher, said: str) -> None:
    assert placed(matcher, said) == set()


@pytest.mark.parametrize(
    ("said", "not_expected"),
    [
        ("payment history + contact attempts", ("use_case", "nlp")),  # not a typo of "contracts"
        ("would you recommend differently?", ("use_case", "recsys")),  # the bot recommends
        ("our lighting desk is from 1998", ("skills", "pytorch")),  # a word, not "lightning" misspelt
        ("back from the control room", ("use_case", "robotics")),
        ("the tensorflow intro course this spring", ("timeline", "asap")),  # not "this sprint"
        ("port calls in Gdynia", ("use_case", "audio")),
        ("a LINE bot for preorders but theres zero ml in it", ("skills", "beginners")),
        # one word of a phrase is another word, not a slip: no "model that listens"
        ("want a model that learns to steer it", ("use_case", "audio")),
        ("it is just one time each week", ("deployment", "batch")),  # not "one time each day"
        ("we are a small manga publisher", ("use_case", "research")),  # who publishes, not "publish"
    ],
)
def test_a_real_word_is_not_a_typo_of_an_option(matcher: Matcher, said: str, not_expected: tuple[str, str]) -> None:
    assert not_expected not in placed(matcher, said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("recommend drinks and toppings per member", ("use_case", "recsys")),
        ("we train with lightning", ("skills", "pytorch")),
        ("pytroch", ("skills", "pytorch")),
        ("it must be still working in many years", ("priorities", "long_term")),  # another ending
        ("a model that listnes and writes it down", ("use_case", "audio")),  # a slip
    ],
)
def test_what_the_real_words_guard_leaves_alone(matcher: Matcher, said: str, expected: tuple[str, str]) -> None:
    assert expected in placed(matcher, said)


def test_numbers_must_match_for_a_typo(matcher: Matcher) -> None:
    assert ("existing_stack", "tf1_legacy") not in placed(matcher, "TensorFlow 2")
    assert ("existing_stack", "tf1_legacy") in placed(matcher, "tensorflow 1")


def test_no_means_the_pending_question_only_while_it_is_asked(matcher: Matcher) -> None:
    assert placed(matcher, "no", pending="existing_stack") == {("existing_stack", "greenfield")}
    assert placed(matcher, "nope", pending="priorities") == {("priorities", "nothing_else")}
    assert placed(matcher, "no", pending="use_case") == set()
    # "nothing" is "new to ML" for skills, but "nothing in production" while that is asked
    assert placed(matcher, "nothing", pending="existing_stack") == {("existing_stack", "greenfield")}
    assert placed(matcher, "nothing", pending="skills") == {("skills", "beginners")}


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("6 weeks", "quarter"),
        ("in 6 weeks", "quarter"),
        ("asap", None),  # a word, not a duration: placed as a synonym instead
        ("3 months", "quarter"),  # exactly a quarter, not "3-6 months"
        ("no wait, timeline is 3 months", "quarter"),
        ("6 months", "half_year"),
        ("in two weeks", "asap"),
        ("10 days", "asap"),
        ("by feb", "quarter"),  # from 25 Nov: ten weeks
        ("by March", "half_year"),  # from 25 Nov to 1 March is over 13 weeks
        ("end of Q2", "long"),
        ("half a year", "half_year"),
        ("in a couple of months", "quarter"),
        ("next year", "long"),
        ("late April next year", "half_year"),  # the month dates it, in the year named (it read as a year away)
        ("december next year", "long"),  # this December has not passed, so next year's is a year away
        ("by the end of the first quarter of 2027", "half_year"),
        ("we are 3 devs", None),
        ("5+ yrs support", None),  # how long it must be supported, not a deadline
        ("registrar inspection is on 2/2/27 so before that pls", "quarter"),  # a two-digit year, day first
        ("demo is saturday morning", "asap"),  # the coming Saturday
        ("we retrain every saturday morning", None),  # a habit, no deadline
    ],
)
def test_deadlines_fall_in_the_right_timeline_option(
    conversation: Conversation, matcher: Matcher, said: str, option: str | None
) -> None:
    assert matcher.duration(conversation.step("timeline"), said, TODAY) == option


def test_asap_and_no_rush_are_timeline_words(matcher: Matcher) -> None:
    assert placed(matcher, "asap") == {("timeline", "asap")}
    assert placed(matcher, "no rush") == {("timeline", "long")}


def test_months_are_a_twelfth_of_a_year() -> None:
    assert weeks_until("3 months", TODAY) == pytest.approx(13.0)
    assert weeks_until("12 months", TODAY) == pytest.approx(52.0)


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("help", "help"),
        ("HELP!", "help"),
        ("go back", "back"),
        ("restrat", "restart"),
        ("start over", "restart"),
        ("cancle", "cancel"),
        ("not sure", "unsure"),
        ("idk", "unsure"),
        ("dunno", "unsure"),
        ("yes", "confirm"),
        ("looks good", "confirm"),
        ("we use pytorch on android", None),
        ("android", None),
    ],
)
def test_commands_are_recognised_through_typos(matcher: Matcher, said: str, command: str | None) -> None:
    assert matcher.command(said) == command


def test_normalise_drops_markup_and_invisible_characters() -> None:
    assert normalise("<!here> *PyTorch*\u200b, <https://x.example|link>!") == "pytorch link"
    assert normalise("pose-detection on-device 1-3 months") == "pose detection on device 1-3 months"


def test_text_already_normal_is_kept_and_numbers_with_units_still_split() -> None:
    assert normalise("we don't use fast.ai") == "we don't use fast.ai"
    # plain-looking, but not normal: the count and the unit are read apart
    assert normalise("8xh100 under 50ms") == "8 x h100 under 50 ms"
    # a bound is said in words; an arrow between names stays no bound
    assert normalise("so > 6 months, latency <50ms") == "so more than 6 months latency under 50 ms"
    assert normalise("tf -> pytorch") == "tf pytorch"
    assert normalise("we use c++ and c#") == "we use c++ and c#"


@given(st.text(alphabet="abcxyz019 .'-+#/:<>@ABXÉé\u200bms", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_shortcut_for_normal_text_gives_what_normalising_in_full_does(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == normalised(once) == once
    assert normalise(text.lower()) == normalised(text.lower())


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("before the budget meeting on december 15th", 20 / 7),
        # a month's last day is its end, counted in months as "end of January" is
        ("go live committed for 31st jan", 2 * 52 / 12),
        ("jan 31", 2 * 52 / 12),
        ("jan 30", 66 / 7),
        ("due date 2027-01-15", 51 / 7),
        ("the 5th of january", 41 / 7),
        ("the competition season in autumn 2027", 280 / 7),  # a season and its year: its first day
        ("product release is planned for model year 2028 spring", 462 / 7),  # (the year first)
        ("summer of 2027", 188 / 7),
        ("May is the target.", 26.0),  # a month said to be the target, as "may is fine"
        ("june is our deadline", 30 + 1 / 3),
        ("demo is sunday", 4 / 7),  # the coming Sunday (the 25th of November 2026 is a Wednesday)
        ("we need it by next friday", 2 / 7),
    ],
)
def test_calendar_dates_are_deadlines(said: str, weeks: float) -> None:
    assert weeks_until(said, TODAY) == pytest.approx(weeks)


def test_may_as_a_verb_is_no_date() -> None:
    assert weeks_until("we may 3 times retrain it", TODAY) is None


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("in any case", None),  # "any" is not "an y(ear)"
        ("we get 1,500 tickets a day in zendesk", None),  # a rate
        ("3 releases a year", None),
        ("give us a year", 52.0),
        ("we need it in a month", 52 / 12),
        ("a two-week sprint", 2.0),
    ],
)
def test_rates_and_words_that_only_look_like_amounts_are_no_deadline(said: str, weeks: float | None) -> None:
    assert weeks_until(said, TODAY) == (pytest.approx(weeks) if weeks is not None else None)


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("before black friday", 2 / 7),  # Friday 27 November 2026, two days after TODAY
        ("first one before next year's Black Friday", 366 / 7),  # (dev106) Friday 26 November 2027
        ("before next year's christmas", 29 / 7 + 52),  # (a year on counts as 52 weeks)
        ("valentine's day launch", 3 * 52 / 12),  # (3-6 months ahead a date counts in months)
        ("it has to go out with our April release", 5 * 52 / 12),
        # feasts people name, fixed and moving (from 25 Nov 2026), and accents folded
        (normalise("Before Tết holiday"), 73 / 7),
        ("by nowruz this coming march", 4 * 52 / 12),
        ("before golden week", 5 * 52 / 12),
        ("by hanukkah", 9 / 7),
        ("before ramadan", 75 / 7),
        # a day the month's calendar places: Monday 30 November 2026, Saturday 5 June 2027
        ("dumping day is the last monday in november", 5 / 7),
        ("the exhibit opens the first saturday in june", 192 / 7),
        ("the festival is the first weekend of october", 311 / 7),
        # a quarter: by its end, but one named alone that ends past half a year by its middle
        ("by end of Q1", 127 / 7),
        ("Q1", 127 / 7),
        ("by Q2", 218 / 7),
        ("Q2", 218 / 7 - 6.5),
    ],
)
def test_named_days_and_a_months_release_are_deadlines(said: str, weeks: float) -> None:
    assert weeks_until(said, TODAY) == pytest.approx(weeks)


def test_a_phrase_with_a_gap_matches_only_when_the_gap_names_no_option(matcher: Matcher) -> None:
    assert placed(matcher, "nothing like this is in production anywhere") == {("existing_stack", "greenfield")}
    assert placed(matcher, "the office has no machine learning system in production") == {
        ("existing_stack", "greenfield")
    }
    assert ("existing_stack", "greenfield") not in placed(matcher, "no pytorch in production, it's all tf serving")


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("the real prod launch is april", 5 * 52 / 12),
        ("April", 5 * 52 / 12),  # the whole answer
        ("spring release, so april-ish", 5 * 52 / 12),
        # a named month is counted in months, as people count: "end of May" said in November is
        # six months away (3-6 months), "by June" seven, "end of Feb" three
        ("end of may", 26.0),
        ("by june", 7 * 52 / 12),
        ("by end of february", 13.0),
        # a day past 12 written first is a day ("demo on 20/02"); "until 24/12" dates a period
        ("funders demo on 20/02", 3 * 52 / 12),
        ("the market is open until 24/12", None),
        ("for the ministry contract that starts april 2027", 5 * 52 / 12),
        ("go live in the second half of 2027", 218 / 7),
        ("a jetson was mentioned but nothing is decided", None),  # "dec" of "decided" is no December
        ("we mark the junction", None),
    ],
)
def test_a_month_named_plainly_is_a_date_and_only_a_whole_month_name(said: str, weeks: float | None) -> None:
    assert weeks_until(said, TODAY) == (pytest.approx(weeks) if weeks is not None else None)


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("next release: 01.07.2027", 218 / 7),  # day first
        ("our PM says 3/31 at the latest", 4 * 52 / 12),  # month first, beside "at the latest"
        ("due 3/31", 4 * 52 / 12),
        # days do not move a date over the answers' bounds: the 28th of February is three months
        # away and the 31st of May six, as the months of February and May are
        ("due 28.02.2027", 3 * 52 / 12),
        ("the grant year closes 31 may 2027", 6 * 52 / 12),
        ("the hearing is 12/9", None),  # either way round: no date
        ("tf 2.4 since 2020", None),  # a version number
    ],
)
def test_dates_written_with_dots_or_slashes(said: str, weeks: float | None) -> None:
    assert weeks_until(normalise(said), TODAY) == (pytest.approx(weeks) if weeks is not None else None)


def test_accented_letters_are_the_plain_ones_and_other_scripts_are_dropped() -> None:
    assert normalise("Limón café, Tết") == "limon cafe tet"
    assert normalise("our 東京 cluster") == "our cluster"


def test_as_written_accented_letters_and_other_scripts_stay() -> None:
    # (the language check reads the letters as written: "d ployer sur des t l phones" is no French)
    assert normalise("On doit déployer sur des téléphones!", fold=False) == "on doit déployer sur des téléphones"
    assert normalise("our 東京 cluster_x", fold=False) == "our 東京 cluster x"


def test_a_message_in_another_language_opening_with_an_accented_yes_is_not_a_yes(advisor: Advisor) -> None:
    # (accents are folded for options and dates, not for commands: "Sí" read as "si" confirmed)
    reading = advisor.read(
        "Sí, claro, lo usamos así desde hace años.", State(phase="asking", pending="deployment"), TODAY
    )
    assert reading.kind == "other_language" and reading.command is None


def test_a_denial_after_a_list_reaches_its_items_and_a_page_of_names_is_read(advisor: Advisor) -> None:
    reading = advisor.read("nvidia gpus amd and tpus are out", State(phase="asking", pending="hardware"), TODAY)
    assert reading.found and all(f.negated for f in reading.found)
    # (each item of a list was tried again for every mention beside it: a fuzzed page of names in a
    # row never finished; a denial now reaches back over a list's length, not a page)
    page = " ".join(["nvidia gpus amd"] * 100) + " are out"
    reading = advisor.read(page, State(phase="asking", pending="hardware"), TODAY)
    assert reading.found[-1].negated and not reading.found[0].negated


def test_month_numbers_in_korean_japanese_or_chinese_are_named_for_reading_not_for_commands() -> None:
    assert normalise("2027 4월") == "april 2027"
    assert normalise("2027年3月20日") == "march 2027 20"
    # (commands are read in plain letters only: a month number there names no month)
    assert "april" not in plain_letters_only("2027 4월")


@given(phrase_index=st.integers(min_value=0), cut=st.integers(min_value=0), slip=st.sampled_from("xaeo -"))
@settings(max_examples=300, deadline=None)
def test_a_command_slip_is_never_passed_over_by_the_quick_check(
    matcher: Matcher, phrase_index: int, cut: int, slip: str
) -> None:
    # A command phrase with a letter dropped, changed or added: whatever the full scoring of each
    # command's phrases makes of it, the quick check that may skip that scoring must agree.
    phrases = [p for ps in matcher.command_phrases().values() for p in ps]
    phrase = phrases[phrase_index % len(phrases)]
    at = cut % (len(phrase) + 1)
    slips = (phrase[:at] + phrase[at + 1 :], phrase[:at] + slip + phrase[at + 1 :], phrase[:at] + slip + phrase[at:])
    for written in slips:
        said = normalise(written)
        for cutoff in (85.0, 90.0):
            scored = any(p.typo_of(said, cutoff) for p in matcher._command_phrases.values())
            if scored:
                assert matcher._any_command.near_any(said, cutoff), said


@given(phrase_index=st.integers(min_value=0), cut=st.integers(min_value=0), slip=st.sampled_from("xaeo -"))
@settings(max_examples=300, deadline=None)
def test_typos_of_option_phrases_are_scored_as_plainly_against_the_phrases_of_their_first_letter(
    matcher: Matcher, phrase_index: int, cut: int, slip: str
) -> None:
    # The prepared groups (by first letter, initials, numbers) are only a speed-up: the answer is
    # the one scoring every phrase of the span's first letter gives.
    groups = [g for g in matcher._by_length.values() if g.candidates]
    group = groups[phrase_index % len(groups)]
    phrase = group.candidates[(phrase_index // len(groups)) % len(group.candidates)]
    at = cut % (len(phrase) + 1)
    slips = (phrase[:at] + phrase[at + 1 :], phrase[:at] + slip + phrase[at + 1 :], phrase[:at] + slip + phrase[at:])
    for said in slips:
        if not said.strip() or said != " ".join(said.split()):
            continue
        same_letter = [p for p in group.candidates if p[0] == said[0]]
        assert group.typo_of(said, 85.0) == typo_of(said, same_letter, 85.0)
