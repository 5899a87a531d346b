"""What the voices of hospitals, warehouses, factories and restaurants taught the reader (dev127-dev130,
written by helpers who never saw the vocabulary files): who knows nothing of what, where a batch
runs, and words of agreement that are no answer."""

from __future__ import annotations

from bot.state import State
from tests.conftest import Chat


def asked(step: str) -> State:
    return State(phase="asking", pending=step, answers={})


def test_nobody_knowing_a_named_framework_rules_it_out_and_says_no_more(chat: Chat) -> None:
    """bot> What does your team already know?
    you> none of us knows TF honestly
    bot> (asks again: who knows what is still unsaid)"""
    chat.state = asked("skills")
    chat.say("none of us knows TF honestly")
    assert "skills" not in chat.state.answers


def test_nobody_having_the_faintest_idea_is_still_new_to_ml(chat: Chat) -> None:
    chat.state = asked("skills")
    chat.say("none of us has the faintest idea about machine learning")
    assert chat.state.answers["skills"] == ["beginners"]


def test_aint_rules_out_what_it_is_said_of(chat: Chat) -> None:
    chat.state = asked("skills")
    chat.say("we ain't beginners at ML mind you, been doing regression models for 10 years")
    assert "beginners" not in chat.state.answers.get("skills", [])


def test_gpus_that_are_not_cheap_make_cost_matter(chat: Chat) -> None:
    chat.state = asked("priorities")
    chat.say("performance. and cost, GPUs ain't cheap")
    assert chat.state.answers["priorities"] == ["performance", "cost"]


def test_the_cloud_a_batch_runs_on_is_where_it_runs_not_a_server_api(chat: Chat) -> None:
    """bot> Where will the trained models run?
    you> nightly batch on azure, nobody needs this in real time"""
    chat.state = asked("deployment")
    chat.say("nightly batch on azure, nobody needs this in real time")
    assert chat.state.answers["deployment"] == ["batch"]


def test_a_server_and_a_batch_listed_are_both_kept(chat: Chat) -> None:
    chat.state = asked("deployment")
    chat.say("a server and the nightly batch")
    assert sorted(chat.state.answers["deployment"]) == ["batch", "server"]


def test_asking_to_recommend_again_at_the_recap_names_no_recommender(chat: Chat) -> None:
    answers = {"use_case": ["vision"], "skills": ["python"], "existing_stack": ["greenfield"]}
    answers |= {"deployment": ["server"], "hardware": ["nvidia"], "timeline": ["half_year"]}
    chat.state = State(phase="confirming", answers=answers | {"priorities": ["nothing_else"]})
    chat.say("Yes, please recommend again.")
    assert chat.state.answers["use_case"] == ["vision"]
    assert chat.state.phase == "advised"


def test_a_clause_that_adds_a_target_after_the_browser_names_one_more(chat: Chat) -> None:
    """bot> Where will the trained models run?
    you> In the browser on the line HMI, and the inspectors want it on their iPads for batch record review"""
    chat.state = asked("deployment")
    chat.say("In the browser on the line HMI, and the inspectors want it on their iPads for batch record review")
    assert sorted(chat.state.answers["deployment"]) == ["browser", "ios"]


def test_alerts_on_a_phone_are_no_phone_app(chat: Chat) -> None:
    chat.state = asked("deployment")
    chat.say("We will use a Google Coral dev board. Supervisors just get the alerts on their phone thru whatsapp")
    assert chat.state.answers["deployment"] == ["coral"]


def test_a_flat_no_to_the_cloud_rules_it_out(chat: Chat) -> None:
    chat.state = asked("deployment")
    chat.say("overnight batch on our on-prem estate, and cloud is a flat no for taxpayer data")
    assert chat.state.answers["deployment"] == ["batch"]


def test_a_what_if_where_the_pytorch_people_leave_us_keeps_the_tf1_people(chat: Chat) -> None:
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="advised", answers=effective_team(skills=["pytorch", "tensorflow"]))
    chat.say("What if the PyTorch graduates leave us and only the TF1 people remain?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["skills"] == ["tensorflow"]


def test_a_change_that_names_its_question_changes_only_that_one(chat: Chat) -> None:
    """bot> (the recommendation)
    you> also the new guy joining monday is a TFLite person from an android shop, add tensorflow to skills
    bot> (team skills gain TensorFlow; the targets and the stack stay as they were)"""
    from tests.test_reading_goes_on import effective_team

    before = effective_team(skills=["python"], existing_stack=["greenfield"], deployment=["server"])
    chat.state = State(phase="advised", answers=before)
    chat.say("also the new guy joining monday is a TFLite person from an android shop, add tensorflow to skills")
    changed = chat.state.proposed or chat.state.answers
    assert changed == before | {"skills": ["python", "tensorflow"]}


def test_a_priority_added_by_name_beside_why_adds_no_skill(chat: Chat) -> None:
    from tests.test_reading_goes_on import effective_team

    before = effective_team(skills=["python"], priorities=["cost"])
    chat.state = State(phase="advised", answers=before)
    chat.say("also add hiring as priority, engineers here are expensive and all want pytorch")
    changed = chat.state.proposed or chat.state.answers
    assert changed == before | {"priorities": ["cost", "hiring"]}


def test_what_is_only_an_option_or_not_signed_is_not_stored(chat: Chat) -> None:
    chat.state = asked("hardware")
    chat.say("We have GCP credits, so TPU v5e is an option, and we already rent a few L4s.")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_all_of_us_having_used_pytorch_is_pytorch_and_none_of_us_having_used_tf_rules_it_out(chat: Chat) -> None:
    """bot> What does your team already know?
    you> all 4 of us have used pytorch at prev jobs, nobody has touched TF or keras"""
    chat.state = asked("skills")
    chat.say("all 4 of us have used pytorch at prev jobs, nobody has touched TF or keras")
    assert chat.state.answers["skills"] == ["pytorch"]
    chat.state = asked("skills")
    chat.say("none of us has used TensorFlow, we know pytorch")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_nothing_may_run_on_a_list_of_places_rules_them_all_out(chat: Chat) -> None:
    chat.state = asked("deployment")
    chat.say("Server-side only. For data protection reasons nothing may run on personal devices or in browsers.")
    assert chat.state.answers["deployment"] == ["server"]


def test_a_priority_then_why_in_its_own_words_ruled_out_is_kept(chat: Chat) -> None:
    """bot> What matters most besides the framework itself?
    you> performance and cost. tokens aren't free and members hate waiting"""
    chat.state = asked("priorities")
    chat.say("performance and cost. tokens aren't free and members hate waiting")
    assert chat.state.answers["priorities"] == ["performance", "cost"]
    chat.state = asked("priorities")
    chat.say("Cost and long-term support, plus hiring – we can't recruit anyone up here for love nor money")
    assert sorted(chat.state.answers["priorities"]) == ["cost", "hiring", "long_term"]


def test_a_priority_ruled_out_in_its_own_words_is_still_ruled_out(chat: Chat) -> None:
    chat.state = asked("priorities")
    chat.say("cost isn't important, speed is")
    assert chat.state.answers["priorities"] == ["performance"]


def test_what_cannot_cost_much_makes_cost_matter(chat: Chat) -> None:
    chat.state = asked("priorities")
    chat.say("long term support matters, we keep stuff forever. and it can't cost an arm and a leg")
    assert chat.state.answers["priorities"] == ["long_term", "cost"]


def test_someone_who_wont_write_anything_but_jax_knows_jax(chat: Chat) -> None:
    chat.state = asked("skills")
    chat.say("Mostly PyTorch. There's also one ex-DeepMind bloke who won't write anything but JAX, bless him.")
    assert chat.state.answers["skills"] == ["pytorch", "jax"]
    chat.state = asked("skills")
    chat.say("we know pytorch, anything but tensorflow")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_asking_not_to_save_ones_stuff_asks_to_forget(chat: Chat) -> None:
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="advised", answers=effective_team())
    replies = chat.say("wait can u not save my stuff, idk if im allowed to share this")
    assert chat.state.answers == effective_team(), "nothing is forgotten before a yes"
    assert any("forget" in str(reply).lower() or "delete" in str(reply).lower() for reply in replies), replies


def test_an_answer_said_to_be_wrong_at_the_recap_is_taken_back(chat: Chat) -> None:
    """bot> (the recap) ... Training hardware: NVIDIA GPUs, Windows PC
    you> windows is wrong, IT reimaged the box with ubuntu last week"""
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="confirming", answers=effective_team(hardware=["nvidia", "windows"]))
    chat.say("windows is wrong, IT reimaged the box with ubuntu last week")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_workstation_gpus_are_nvidia(chat: Chat) -> None:
    chat.state = asked("hardware")
    chat.say("two A4000 cards under the desk")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_what_add_names_at_the_recap_is_added_beside_what_stays(chat: Chat) -> None:
    """bot> (the recap) ... Deployment: iOS app
    you> iOS in the recap should stay but add server too, we'll re-check flagged photos in a cloud function"""
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="confirming", answers=effective_team(deployment=["ios"]))
    chat.say("iOS in the recap should stay but add server too, we'll re-check flagged photos in a cloud function")
    assert chat.state.answers["deployment"] == ["ios", "server"]


def test_cost_too_after_the_advice_adds_cost_and_the_cloud_bill_adds_no_server(chat: Chat) -> None:
    from tests.test_reading_goes_on import effective_team

    before = effective_team(deployment=["ios"], priorities=["performance"])
    chat.state = State(phase="advised", answers=before)
    chat.say("cost too actually, finance is on my back about the GCP bill")
    assert (chat.state.proposed or chat.state.answers) == before | {"priorities": ["performance", "cost"]}


def test_a_what_if_that_switches_the_team_to_jax_instead_of_pytorch(chat: Chat) -> None:
    """bot> (the recommendation)
    you> What if the whole group switched to JAX instead of PyTorch?
    bot> (weighs the team knowing JAX, not PyTorch)"""
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="advised", answers=effective_team(skills=["pytorch"]))
    chat.say("What if the whole group switched to JAX instead of PyTorch?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["skills"] == ["jax"]


def test_changing_a_priority_from_nothing_else_to_cost(chat: Chat) -> None:
    from tests.test_reading_goes_on import effective_team

    chat.state = State(phase="advised", answers=effective_team(priorities=["nothing_else"]))
    chat.say("and change the priorities from 'nothing else' to cost, the boss is tight as")
    assert (chat.state.proposed or chat.state.answers)["priorities"] == ["cost"]
