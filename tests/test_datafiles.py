"""Every data file loads, the files agree with each other, and a broken file stops the bot at
load with one error naming the file and the field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.admin_wording import load_admin_wording
from bot.conversation import Conversation, load_conversation
from bot.datafiles import DataFileError
from bot.dialogue import Advisor, Said, State
from bot.interface_wording import load_interface_wording
from bot.knowledge import Knowledge, as_of_date, check_advice_against, load_knowledge
from bot.matching import Matcher
from bot.pages import load_pages
from tests.conftest import CONSULT, ROOT, TODAY

VERDICTS = {"tensorflow", "pytorch", "either"}


# -- the shipped files ------------------------------------------------------------------------------


def test_every_data_file_loads_and_builds_an_advisor() -> None:
    knowledge = load_knowledge(ROOT / "knowledge")
    conversation = load_conversation(ROOT / "conversations")
    Advisor(conversation, knowledge, CONSULT)
    assert sorted(p.name for p in (ROOT / "knowledge").glob("*.yaml")) == [
        "advice.yaml",
        "criteria.yaml",
        "facts.yaml",
        "followups.yaml",
        "frameworks.yaml",
        "sources.yaml",
    ]
    assert sorted(p.name for p in (ROOT / "conversations").glob("*.yaml")) == [
        "admin.yaml",
        "advisor.yaml",
        "interface.yaml",
        "pages.yaml",
    ]
    load_pages(ROOT / "conversations")
    load_admin_wording(ROOT / "conversations")
    load_interface_wording(ROOT / "conversations")


def test_every_rule_names_real_steps_and_options(knowledge: Knowledge, conversation: Conversation) -> None:
    options = {s.id: {o.id for o in s.options} for s in conversation.steps} | {"winner": VERDICTS}
    for rule in knowledge.advice.rules:
        for step_id, wanted in rule.when.items():
            assert step_id in options, f"rule {rule.id}: unknown step {step_id}"
            assert set(wanted) <= options[step_id], f"rule {rule.id}: unknown option in {wanted}"


def test_every_option_means_something_to_the_advice(knowledge: Knowledge, conversation: Conversation) -> None:
    used = {(step, option) for r in knowledge.advice.rules for step, opts in r.when.items() for option in opts}
    used |= {(step, option) for step, opts in knowledge.advice.neutral.items() for option in opts}
    for step in conversation.steps:
        for option in step.options:
            assert (step.id, option.id) in used, f"{step.id}/{option.id} is in no rule and not neutral"


def test_an_option_named_neutral_is_in_no_rule(knowledge: Knowledge) -> None:
    # "neutral" means it tilts nothing; an option both neutral and in a rule is a contradiction.
    in_rules = {(s, o) for r in knowledge.advice.rules for s, opts in r.when.items() for o in opts}
    for step_id, neutral in knowledge.advice.neutral.items():
        for option_id in neutral:
            assert (step_id, option_id) not in in_rules, f"{step_id}/{option_id}"


def test_every_fact_has_a_source_and_a_date_no_later_than_today(knowledge: Knowledge) -> None:
    for fact in knowledge.facts:
        assert fact.urls or fact.judgement, f"{fact.id} has no URL and is not labelled judgement"
        assert as_of_date(fact.as_of) <= TODAY, f"{fact.id} is dated in the future"


def test_every_criterion_rests_on_dated_sourced_facts(knowledge: Knowledge) -> None:
    fact_ids = {f.id for f in knowledge.facts}
    for criterion in knowledge.criteria:
        assert criterion.facts, criterion.id
        assert set(criterion.facts) <= fact_ids, criterion.id
        for fact in (knowledge.fact(f) for f in criterion.facts):
            assert fact.sources and fact.as_of


def test_every_criterion_that_moved_from_the_seed_says_why(knowledge: Knowledge) -> None:
    moved = [c for c in knowledge.criteria if c.changed_from_seed]
    assert {c.id for c in moved} >= {"research", "server_deployment", "mobile", "ecosystem", "community"}
    for criterion in moved:
        assert criterion.change_reason and len(criterion.change_reason) > 20, criterion.id
    assert [c.id for c in knowledge.criteria if c.group == "seed"] == [
        "research",
        "server_deployment",
        "ease",
        "mobile",
        "ecosystem",
        "community",
    ]


def test_every_cited_fact_exists(knowledge: Knowledge) -> None:
    fact_ids = {f.id for f in knowledge.facts}
    cited = [s for f in knowledge.facts for s in f.sources if not s.startswith("https://")]
    cited += [f for c in knowledge.criteria for f in c.facts]
    cited += [f for r in knowledge.advice.rules for cav in r.caveats for f in cav.facts]
    cited += [f for fu in knowledge.followups for f in fu.facts]
    assert set(cited) <= fact_ids, set(cited) - fact_ids


def test_every_rule_weight_and_score_names_a_real_criterion(knowledge: Knowledge) -> None:
    criteria = {c.id for c in knowledge.criteria}
    for rule in knowledge.advice.rules:
        assert set(rule.weights) | set(rule.scores) <= criteria, rule.id


def test_yes_no_on_off_stay_words(conversation: Conversation) -> None:
    assert "yes" in conversation.commands.confirm
    assert "no" in conversation.step("existing_stack").option("greenfield").when_asked  # type: ignore[union-attr]


# -- broken copies --------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of knowledge/ and conversations/ to break."""
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "conversations", tmp_path / "conversations")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_all(data: Path) -> Advisor:
    return Advisor(load_conversation(data / "conversations"), load_knowledge(data / "knowledge"), CONSULT)


def load_error(data: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load_all(data)
    message = str(caught.value)
    assert "\n" not in message  # one line
    return message


def test_an_unknown_key_names_the_file_and_the_key(data: Path) -> None:
    edit(
        data / "knowledge" / "facts.yaml",
        "    favours: tensorflow\n",
        "    favours: tensorflow\n    favors: x\n",
    )
    message = load_error(data)
    assert "facts.yaml" in message and "facts.0.favors" in message


def test_a_bad_as_of_date_names_the_file_and_the_field(data: Path) -> None:
    edit(data / "knowledge" / "facts.yaml", 'as_of: "2024-09-04"', 'as_of: "4 Sep 2024"')
    message = load_error(data)
    assert "facts.yaml" in message and ".as_of" in message and "YYYY" in message


def test_an_impossible_date_is_refused_too(data: Path) -> None:
    edit(data / "knowledge" / "facts.yaml", 'as_of: "2024-09-04"', 'as_of: "2024-13-04"')
    assert ".as_of" in load_error(data)


def test_an_unknown_fact_in_a_criterion_names_criteria_yaml(data: Path) -> None:
    edit(data / "knowledge" / "criteria.yaml", "facts: [F38, F44, F43]", "facts: [F38, F99]")
    message = load_error(data)
    assert "criteria.yaml" in message
    assert "field 'criteria.0.facts'" in message and "criterion research" in message and "F99" in message


def test_an_unknown_fact_in_a_caveat_names_advice_yaml_and_the_rule(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "facts: [F08, F09]", "facts: [F08, F98]")
    message = load_error(data)
    assert "advice.yaml" in message and "caveats" in message and "rule target-android" in message


def test_a_rule_naming_an_unknown_criterion_names_advice_yaml_and_the_rule(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "weights: {llm: 1.5, ecosystem: 1.0}", "weights: {llms: 1.5}")
    message = load_error(data)
    assert "advice.yaml" in message and "rules.0.weights" in message
    assert "rule nlp-models" in message and "'llms'" in message


def test_a_criterion_changed_without_a_reason_names_the_field(data: Path) -> None:
    path = data / "knowledge" / "criteria.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    change_reason:")
    end = text.index("\n", start) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    message = load_error(data)
    assert "criteria.yaml" in message and "criteria.0.change_reason" in message


def test_a_fact_id_used_twice_is_refused(data: Path) -> None:
    edit(data / "knowledge" / "facts.yaml", "  - id: F02\n", "  - id: F01\n")
    message = load_error(data)
    assert "facts.yaml" in message and "'F01' is used twice" in message


def test_a_rule_naming_an_unknown_step_names_advice_yaml_and_the_rule(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "when: {use_case: nlp}", "when: {usecase: nlp}")
    message = load_error(data)
    assert "advice.yaml" in message and "rules.0.when.usecase" in message and "rule nlp-models" in message


def test_a_rule_naming_an_unknown_option_names_advice_yaml_and_the_rule(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "when: {deployment: coral}", "when: {deployment: coral_tpu}")
    message = load_error(data)
    assert "advice.yaml" in message and "rule target-coral" in message and "'coral_tpu'" in message


def test_an_option_no_rule_mentions_is_refused(data: Path) -> None:
    edit(
        data / "conversations" / "advisor.yaml",
        "      - id: edge_linux\n",
        "      - id: hailo\n        label: Hailo NPU\n      - id: edge_linux\n",
    )
    message = load_error(data)
    assert "advice.yaml" in message and "'hailo'" in message and "neutral" in message


def test_the_rule_check_is_the_one_the_loader_uses(knowledge: Knowledge, conversation: Conversation) -> None:
    check_advice_against(knowledge, conversation)  # the shipped files agree


def test_a_yaml_syntax_error_names_the_file_and_the_line(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "when: {use_case: nlp}", "when: {use_case: nlp")
    message = load_error(data)
    assert "advice.yaml" in message and "not valid YAML at line" in message


def test_a_missing_file_is_named(data: Path) -> None:
    (data / "knowledge" / "criteria.yaml").unlink()
    message = load_error(data)
    assert "criteria.yaml" in message and "cannot be read" in message


def test_a_missing_conversation_is_named(data: Path) -> None:
    (data / "conversations" / "advisor.yaml").unlink()
    assert "advisor.yaml" in load_error(data)


def test_a_bad_option_in_the_conversation_names_the_step_field(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "kind: many", "kind: several")
    message = load_error(data)
    assert "advisor.yaml" in message and "steps.1.kind" in message


def test_a_client_of_no_option_names_the_step_and_the_option(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "client_of: server", "client_of: servers")
    message = load_error(data)
    assert "advisor.yaml" in message and "step deployment: option android: client_of" in message


def test_a_synonym_too_long_to_be_matched_names_the_option_field(data: Path) -> None:
    edit(
        data / "conversations" / "advisor.yaml",
        "synonyms: [beginners,",
        "synonyms: [none of us knows machine learning,",
    )
    message = load_error(data)
    assert "advisor.yaml" in message and "synonyms" in message and "(in id beginners)" in message
    assert "'none of us knows machine learning' has more than 5 words" in message


def test_a_phrase_naming_no_option_too_long_to_be_matched_names_the_field(data: Path) -> None:
    # (it would silently leave the option word inside it matched: "alerts go up to our cloud")
    edit(
        data / "conversations" / "advisor.yaml",
        "not_options: [server load,",
        "not_options: [alerts go up to our cloud,",
    )
    message = load_error(data)
    assert "advisor.yaml" in message and "cues.not_options" in message
    assert "'alerts go up to our cloud' has more than 5 words" in message


def test_a_synonym_with_a_gap_may_be_longer_for_it_is_found_by_pattern(data: Path) -> None:
    edit(
        data / "conversations" / "advisor.yaml",
        "synonyms: [beginners,",
        "synonyms: [none of us * done any machine learning,",
    )
    conversation = load_conversation(data / "conversations")
    matcher = Matcher(conversation)
    found = {(m.step_id, m.option_id) for m in matcher.mentions("none of us has ever done any machine learning")}
    assert ("skills", "beginners") in found


def test_an_option_replacing_no_option_of_its_step_names_the_step_and_the_option(data: Path) -> None:
    conversations = data / "conversations" / "advisor.yaml"
    edit(conversations, "replaces: [nvidia, amd, intel, tpu, apple]", "replaces: [nvidia, gpus]")
    message = load_error(data)
    assert "advisor.yaml" in message and "step hardware: option cpu: replaces names no option" in message


def test_an_option_outranking_no_other_option_of_its_step_names_the_step_and_the_option(data: Path) -> None:
    conversations = data / "conversations" / "advisor.yaml"
    edit(conversations, "outranks: [vision, tabular]", "outranks: [vision, robotics]")
    message = load_error(data)
    assert "advisor.yaml" in message and "step use_case: option robotics: outranks names no other option" in message


def test_a_key_written_twice_is_an_error_naming_the_file_and_the_key(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "  picked_up: ", '  updated: "Changed:"\n  picked_up: ')
    message = load_error(data)
    assert "advisor.yaml" in message and "'updated' is written twice" in message


def test_an_unknown_placeholder_in_a_sentence_names_the_field(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "Change it to *{after}*?", "Change it to *{new}*?")
    message = load_error(data)
    assert "advisor.yaml" in message and "confirm_change" in message and "{new}" in message


def test_a_placeholder_where_none_is_allowed_names_the_field(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", 'picked_up: "Got it:"', 'picked_up: "Got it {name}:"')
    message = load_error(data)
    assert "picked_up" in message and "allowed: none" in message


def test_every_options_examples_read_as_that_option(advisor: Advisor, conversation: Conversation) -> None:
    """The examples in conversations/ are whole messages; asked their question, each must be read as
    its option (and only as that, for its step)."""
    wrong = []
    for step in conversation.steps:
        for option in step.options:
            assert option.examples, f"{step.id}.{option.id} has no examples"
            for example in option.examples:
                state = State(phase="asking", pending=step.id)
                after, _ = advisor.turn(state, Said(example), TODAY)
                if after.answers.get(step.id) != [option.id]:
                    wrong.append(f"{step.id}: {example!r} -> {after.answers.get(step.id)}, not [{option.id!r}]")
    assert not wrong, "\n".join(wrong)


def test_an_unknown_placeholder_in_the_desks_wording_names_the_file_and_field(data: Path) -> None:
    edit(data / "knowledge" / "followups.yaml", 'why: "Why {name}:"', 'why: "Why {framework}:"')
    message = load_error(data)
    assert "followups.yaml" in message and "why" in message and "{framework}" in message


# -- primary sources (knowledge/sources.yaml) ---------------------------------------------------------


def test_every_facts_first_url_is_primary(knowledge: Knowledge) -> None:
    """The first link a reader sees is the project's own (docs, release notes, repository, blog) or a
    paper: sources.yaml lists where those live. Only expert judgements may go without a URL."""
    assert knowledge.primary_sources, "sources.yaml lists no primary hosts"
    secondary = []
    for fact in knowledge.facts:
        if not fact.urls:
            assert fact.judgement, f"{fact.id} has no URL and is not labelled judgement"
        elif not knowledge.is_primary(fact.urls[0]):
            secondary.append(f"{fact.id}: {fact.urls[0]}")
    assert not secondary, "facts led by a secondary source:\n" + "\n".join(secondary)


def test_the_weak_sources_named_in_the_tracker_are_gone(knowledge: Knowledge) -> None:
    weak = ("fliphtml5.com", "analyticsindiamag.com", "laitimes.com", "hacknews-clone", "EduAid", "api-evangelist")
    weak += ("aiwiki.ai", "grokipedia.com", "sourceforge.net")
    cited = [(f.id, url) for f in knowledge.facts for url in f.urls]
    assert [(i, u) for i, u in cited if any(w in u for w in weak)] == []


def test_no_source_moves_under_the_reader_or_is_a_raw_dump(knowledge: Knowledge) -> None:
    """A dated fact cites what was true then: release notes and guides at a tag, not on a branch
    that keeps moving (a LICENSE at the head is the current licence, which is the point); the
    page a reader can read, not Sphinx's `_sources` or an `.md.txt` export; no locale switch
    (`?hl=ko`) that sends an English reader to a translation."""
    problems = []
    for fact in knowledge.facts:
        for url in fact.urls:
            moving = re.search(r"/(blob|tree)/(main|master)/|githubusercontent\.com/[^/]+/[^/]+/(main|master)/", url)
            if moving and not url.endswith("/LICENSE"):
                problems.append(f"{fact.id}: on a moving branch: {url}")
            if "/_sources/" in url or url.endswith((".md.txt", ".rst.txt")):
                problems.append(f"{fact.id}: a raw source dump: {url}")
            if re.search(r"[?&]hl=", url):
                problems.append(f"{fact.id}: a locale switch: {url}")
    assert not problems, "\n".join(problems)


def test_a_scheme_in_a_primary_prefix_names_sources_yaml_and_the_entry(data: Path) -> None:
    edit(data / "knowledge" / "sources.yaml", "  - pytorch.org\n", "  - https://pytorch.org\n")
    message = load_error(data)
    assert "sources.yaml" in message and "field 'primary.0'" in message and "https://pytorch.org" in message


def test_a_primary_prefix_listed_twice_is_refused(data: Path) -> None:
    edit(data / "knowledge" / "sources.yaml", "  - keras.io\n", "  - keras.io\n  - www.keras.io/\n")
    message = load_error(data)
    assert "sources.yaml" in message and "primary" in message and "listed twice" in message


def test_an_unknown_key_in_sources_yaml_is_named(data: Path) -> None:
    edit(data / "knowledge" / "sources.yaml", "primary:\n", "secondary: []\nprimary:\n")
    message = load_error(data)
    assert "sources.yaml" in message and "secondary" in message


def test_a_missing_sources_yaml_is_named(data: Path) -> None:
    (data / "knowledge" / "sources.yaml").unlink()
    message = load_error(data)
    assert "sources.yaml" in message and "cannot be read" in message


def test_a_rule_requiring_options_without_a_winner_condition_is_refused(data: Path) -> None:
    edit(
        data / "knowledge" / "advice.yaml",
        "    when: {winner: [pytorch, tensorflow, either]}\n    requires:",
        "    when: {use_case: vision}\n    requires:",
    )
    message = load_error(data)
    assert "advice.yaml" in message and "requires" in message and "target-android-and-ios" in message


# -- relevance of the base criteria (advice.yaml) ---------------------------------------------------


def test_relevance_naming_an_unknown_criterion_names_advice_yaml_and_the_field(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "relevance:\n  research:\n", "relevance:\n  reserch:\n")
    message = load_error(data)
    assert "advice.yaml" in message and "field 'relevance.reserch'" in message and "unknown criterion" in message


def test_relevance_for_a_criterion_that_only_rules_weigh_is_refused(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "relevance:\n  research:\n", "relevance:\n  mobile:\n")
    message = load_error(data)
    assert "advice.yaml" in message and "relevance.mobile" in message and "base_weight 0" in message


def test_relevance_naming_an_unknown_option_names_the_condition(data: Path) -> None:
    edit(
        data / "knowledge" / "advice.yaml",
        "      - only: {deployment: [android, ios, browser, microcontroller, coral, jetson, edge_linux, notebooks]}",
        "      - only: {deployment: [phones]}",
    )
    message = load_error(data)
    assert "advice.yaml" in message and "relevance.server_deployment.irrelevant_when.0.only.deployment" in message
    assert "'phones'" in message


def test_an_empty_relevance_condition_is_refused(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "      - any_of: {timeline: [asap, quarter]}", "      - {}")
    message = load_error(data)
    assert "advice.yaml" in message and "relevance.research.irrelevant_when.1" in message and "any_of" in message


def test_thresholds_out_of_order_are_refused(data: Path) -> None:
    edit(data / "knowledge" / "advice.yaml", "close_call_below: 1.5", "close_call_below: 3.0")
    message = load_error(data)
    assert "advice.yaml" in message and "thresholds" in message and "close_call_below" in message


def test_a_rule_unless_naming_an_unknown_option_names_advice_yaml_and_the_rule(data: Path) -> None:
    edit(
        data / "knowledge" / "advice.yaml",
        "unless: {use_case: [llm, research], priorities: hiring}",
        "unless: {use_case: [llm, research], priorities: hire}",
    )
    message = load_error(data)
    assert "advice.yaml" in message and "unless.priorities" in message and "existing-tf-production-fit" in message


def test_a_flip_policy_naming_an_unknown_option_names_advice_yaml_and_the_field(data: Path) -> None:
    edit(
        data / "knowledge" / "advice.yaml",
        "only_to: {existing_stack: [greenfield]}",
        "only_to: {existing_stack: [fresh]}",
    )
    message = load_error(data)
    assert "advice.yaml" in message and "flips.only_to.existing_stack" in message and "'fresh'" in message


def test_a_broken_admin_home_file_names_the_file_and_the_field(data: Path) -> None:
    admin = data / "conversations" / "admin.yaml"
    edit(admin, 'week: "Conversations started: *{started}*', 'week: "Conversations begun: *{begun}*')
    with pytest.raises(DataFileError, match=r"admin\.yaml.*week.*\{begun\}"):
        load_admin_wording(data / "conversations")
    edit(admin, 'week: "Conversations begun: *{begun}*', 'week: "Conversations started: *{started}*')
    edit(admin, "mark_contacted:", "mark_as_contacted:")
    with pytest.raises(DataFileError, match=r"admin\.yaml: field .mark_contacted.: Field required"):
        load_admin_wording(data / "conversations")


def test_a_broken_interface_file_names_the_file_and_the_field(data: Path) -> None:
    interface = data / "conversations" / "interface.yaml"
    edit(interface, 'thread_root: "<@{user}>', 'thread_root: "<@{person}>')
    with pytest.raises(DataFileError, match=r"interface\.yaml.*thread_root.*\{person\}"):
        load_interface_wording(data / "conversations")


def test_a_reading_rule_naming_no_step_names_the_step_and_the_field(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "runs_on: [deployment]", "runs_on: [deploymnet]")
    message = load_error(data)
    assert "advisor.yaml" in message and "step existing_stack: runs_on names no step" in message


def test_a_knowing_rule_naming_no_step_names_the_step_and_the_field(data: Path) -> None:
    edit(
        data / "conversations" / "advisor.yaml",
        "knowing_not_of: [deployment, existing_stack]",
        "knowing_not_of: [deploy, existing_stack]",
    )
    message = load_error(data)
    assert "advisor.yaml" in message and "step skills: knowing_not_of names no step" in message


def test_a_still_deadline_phrase_that_ends_in_no_not_deadline_word_names_the_field(data: Path) -> None:
    edit(data / "conversations" / "advisor.yaml", "still_deadline: [on leave,", "still_deadline: [on holiday,")
    message = load_error(data)
    assert "advisor.yaml" in message and "still_deadline" in message and "on holiday" in message


def test_a_name_in_passing_that_is_no_name_of_its_step_names_the_step(data: Path) -> None:
    conversations = data / "conversations" / "advisor.yaml"
    edit(conversations, "names_in_passing: [train on, training on]", "names_in_passing: [train on, trains on]")
    message = load_error(data)
    assert "advisor.yaml" in message and "step hardware: names_in_passing must be among its names" in message
    assert "trains on" in message
