"""What every recommendation must respect, over generated answers: the flip is the team's own
nearest plausible change, the reasons pull the way of the verdict, thin answers are not confident."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.advice import recommend
from bot.conversation import Conversation, load_conversation
from bot.knowledge import Knowledge, load_knowledge
from tests.conftest import ROOT

CONVERSATION: Conversation = load_conversation(ROOT / "conversations")
KNOWLEDGE: Knowledge = load_knowledge(ROOT / "knowledge")
STEPS = CONVERSATION.options_by_step


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for step in CONVERSATION.steps:
        if draw(st.booleans()) or step.id == "use_case":
            ids = [o.id for o in step.options]
            size = draw(st.integers(1, 3)) if step.kind == "many" else 1
            answers[step.id] = sorted(set(draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size))))
    return answers


# Each property is checked on 75 teams in the fast suite, and again on 150 in the slow suite
# (python -m pytest -m slow) by its twin, `..._thoroughly`, just below it.
SETTINGS = settings(max_examples=75, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(SETTINGS, max_examples=150)


@SETTINGS
@given(answer_sets())
def test_the_flip_changes_only_an_answer_the_team_gave_and_never_adds_hardware_or_targets(
    answers: dict[str, list[str]],
) -> None:
    rec = recommend(KNOWLEDGE, answers, STEPS)
    flip = rec.flip
    if flip is None:
        return
    assert flip.step_id != "hardware"
    assert flip.step_id in answers and flip.from_options == answers[flip.step_id]
    if flip.step_id == "deployment":
        assert set(flip.to_options) < set(answers["deployment"]), "a target may only be dropped"
    if flip.step_id == "existing_stack":
        assert flip.to_options == ["greenfield"], "what already runs is history: only 'starting fresh'"
    assert flip.verdict != rec.verdict
    again = recommend(KNOWLEDGE, {**answers, flip.step_id: flip.to_options}, STEPS)
    assert again.verdict == flip.verdict, "the named change really gives the named verdict"


@pytest.mark.slow
@THOROUGH
@given(answer_sets())
def test_the_flip_changes_only_an_answer_the_team_gave_and_never_adds_hardware_or_targets_thoroughly(
    answers: dict[str, list[str]],
) -> None:
    test_the_flip_changes_only_an_answer_the_team_gave_and_never_adds_hardware_or_targets.hypothesis.inner_test(answers)


@SETTINGS
@given(answer_sets())
def test_every_reason_pulls_toward_the_verdict(answers: dict[str, list[str]]) -> None:
    rec = recommend(KNOWLEDGE, answers, STEPS)
    for criterion in rec.deciding:
        if rec.verdict == "pytorch":
            assert criterion.pytorch > criterion.tensorflow, criterion.name
        elif rec.verdict == "tensorflow":
            assert criterion.tensorflow > criterion.pytorch, criterion.name


@pytest.mark.slow
@THOROUGH
@given(answer_sets())
def test_every_reason_pulls_toward_the_verdict_thoroughly(answers: dict[str, list[str]]) -> None:
    test_every_reason_pulls_toward_the_verdict.hypothesis.inner_test(answers)


@SETTINGS
@given(answer_sets())
def test_a_toss_up_is_only_announced_when_the_totals_are_close(answers: dict[str, list[str]]) -> None:
    rec = recommend(KNOWLEDGE, answers, STEPS)
    thresholds = KNOWLEDGE.advice.thresholds
    if rec.verdict == "either":
        assert abs(rec.margin) <= (thresholds.close_call_below if rec.forced_by else thresholds.either_below)


@pytest.mark.slow
@THOROUGH
@given(answer_sets())
def test_a_toss_up_is_only_announced_when_the_totals_are_close_thoroughly(answers: dict[str, list[str]]) -> None:
    test_a_toss_up_is_only_announced_when_the_totals_are_close.hypothesis.inner_test(answers)


@SETTINGS
@given(answer_sets())
def test_a_toss_ups_first_two_reasons_show_both_sides(answers: dict[str, list[str]]) -> None:
    rec = recommend(KNOWLEDGE, answers, STEPS)
    sides = {c.pytorch > c.tensorflow for c in rec.deciding}
    if rec.verdict == "either" and len(sides) == 2:
        first, second = rec.deciding[:2]
        assert (first.pytorch > first.tensorflow) != (second.pytorch > second.tensorflow)


@pytest.mark.slow
@THOROUGH
@given(answer_sets())
def test_a_toss_ups_first_two_reasons_show_both_sides_thoroughly(answers: dict[str, list[str]]) -> None:
    test_a_toss_ups_first_two_reasons_show_both_sides.hypothesis.inner_test(answers)


@SETTINGS
@given(answer_sets())
def test_a_team_that_answered_almost_nothing_gets_low_confidence(answers: dict[str, list[str]]) -> None:
    thin = dict(list(answers.items())[:2])
    rec = recommend(KNOWLEDGE, thin, STEPS)
    assert rec.confidence == "low" or rec.forced_by is not None


@pytest.mark.slow
@THOROUGH
@given(answer_sets())
def test_a_team_that_answered_almost_nothing_gets_low_confidence_thoroughly(answers: dict[str, list[str]]) -> None:
    test_a_team_that_answered_almost_nothing_gets_low_confidence.hypothesis.inner_test(answers)


def test_all_not_sure_is_low_confidence() -> None:
    assert recommend(KNOWLEDGE, {}, STEPS).confidence == "low"


@pytest.mark.parametrize(
    ("answers", "must", "must_not"),
    [
        ({"use_case": ["vision"], "skills": ["pytorch"], "deployment": ["server"]}, "Triton", "vLLM"),
        ({"use_case": ["audio"], "skills": ["pytorch"], "deployment": ["server"]}, "Triton", "vLLM"),
        ({"use_case": ["llm"], "skills": ["pytorch"], "deployment": ["server"]}, "vLLM", "Triton"),
        (
            {"use_case": ["vision"], "skills": ["pytorch"], "hardware": ["tpu"], "deployment": ["server"]},
            "TPU",
            "Triton",
        ),
        ({"use_case": ["tabular"], "skills": ["python"], "deployment": ["batch"]}, "Gradient-boosted trees", "vLLM"),
    ],
)
def test_what_to_build_with_fits_the_use_case_and_hardware(
    answers: dict[str, list[str]], must: str, must_not: str
) -> None:
    stack = recommend(KNOWLEDGE, answers, STEPS).stack
    assert must in stack and must_not not in stack, stack


def test_a_tensorflow_estate_is_told_about_tf_serving_and_tfx() -> None:
    rec = recommend(KNOWLEDGE, {"existing_stack": ["tf_production"], "skills": ["tensorflow"]}, STEPS)
    said = " ".join(c.text for c in rec.caveats)
    assert "TF Serving" in said and "TFX" in said
    assert all(c.sources for c in rec.caveats)


def test_tabular_data_headlines_trees_first_like_its_note() -> None:
    from bot.render_blocks import headline

    rec = recommend(KNOWLEDGE, {"use_case": ["tabular"], "skills": ["pytorch"], "deployment": ["server"]}, STEPS)
    assert headline(rec).startswith("Trees first") and "trees" in rec.notes[0]


def test_a_tabular_toss_up_headlines_either_framework_not_a_name() -> None:
    answers = {"use_case": ["tabular"], "skills": ["python"], "existing_stack": ["tf_production"], "timeline": ["asap"]}
    rec = recommend(KNOWLEDGE, answers, STEPS)
    assert rec.verdict == "either" and rec.headline == "Trees first; then either framework if you need a neural net"


def test_a_reason_taken_from_the_teams_own_answer_cites_no_unrelated_fact() -> None:
    rec = recommend(KNOWLEDGE, {"skills": ["pytorch"], "existing_stack": ["pytorch_production"]}, STEPS)
    from_answers = [c for c in rec.deciding if c.id in ("team_fit", "migration")]
    assert from_answers, "the team's skills and stack decide this case"
    assert all(c.sources == [] and c.because for c in from_answers)
