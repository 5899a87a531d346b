"""Finding cue phrases in normalised words: whole words only, `*` gaps of one to three words."""

from bot.phrasing import gap_words, has_phrase, objects_of


def test_a_phrase_is_found_only_as_whole_words() -> None:
    assert has_phrase("we ship on android", ["on android"])
    assert not has_phrase("we ship on androids", ["on android"])
    assert not has_phrase("xon android", ["on android"])
    assert has_phrase("android", ["android"])


def test_a_gap_stands_for_one_to_three_words() -> None:
    take_out = ["take * out"]
    assert has_phrase("take the browser out", take_out)
    assert has_phrase("please take the web demo out now", take_out)
    assert not has_phrase("take out", take_out)
    assert not has_phrase("take the old web demo out", take_out)


def test_phrases_are_literal_text_not_patterns() -> None:
    assert has_phrase("we use c++ daily", ["c++"])
    assert not has_phrase("we use cc daily", ["c.."])


def test_a_list_changed_after_use_is_read_as_it_is_now() -> None:
    cues = ["scratch that"]
    assert not has_phrase("actually make it ios", cues)
    cues.append("actually")
    assert has_phrase("actually make it ios", cues)
    cues.clear()
    assert not has_phrase("scratch that", cues)
    assert not has_phrase("anything", [""])


def test_what_a_removal_acts_on() -> None:
    words = _words("we dropped the old server and ran it on the phone")
    assert objects_of(words, ["dropped"]) == {2, 3, 4}  # "the old server", up to "and"
    assert objects_of(words, ["ditched"]) == set()
    assert gap_words(_words("take the browser out"), ["take * out"]) == {1, 2}
    # a phrase that starts with its gap is still looked for
    assert gap_words(_words("the browser out"), ["* out"]) == {0, 1}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())
