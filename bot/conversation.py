"""The guided dialogue as data: steps, their options and synonyms, and the bot's wording,
loaded from conversations/*.yaml into strict models."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from bot.datafiles import DataFileError, Sentences, StrictModel, load_model
from bot.normalising import normalise

UNSURE = "unsure"
"""The option id every step accepts for "not sure" / "skip"."""

MAX_PHRASE_WORDS = 5
"""The longest phrase (in words) the matcher looks for: a longer synonym would never be found."""


RequestedCommand = Literal["forget", "cancel", "back", "restart", "unsure", "recommend_now", "help", "resume"]
"""The commands a sentence of the user's own may ask for."""


class Option(StrictModel):
    id: str
    label: str = Field(max_length=75, description="Button text; Slack allows 75 characters.")
    synonyms: list[str] = Field(default_factory=list)
    when_asked: list[str] = Field(
        default_factory=list,
        description="Words that mean this option only while its question is pending ('no', 'none').",
    )
    exclusive: bool = Field(default=False, description="An answer that rules out the others ('nothing else').")
    replaces: list[str] = Field(
        default_factory=list,
        description="Options of the same question this one takes the place of when added to an answer that "
        "has them ('CPU only' added to NVIDIA GPUs: no GPUs any more).",
    )
    outranks: list[str] = Field(
        default_factory=list,
        description="Options of the same one-choice question this one is chosen over when a message names "
        "both equally: the kind of project that takes the other in ('a robot arm with a camera' is robotics, "
        "'an LLM that answers our emails' is LLMs).",
    )
    generic: list[str] = Field(
        default_factory=list,
        description="Words that mean this option only when no other option of the step is named "
        "('gpus' is NVIDIA, but not in 'Intel data center GPUs'); listed in when_asked too, only while "
        "the step is asked ('colab' is NVIDIA, but not in 'colab with TPUs').",
    )
    max_weeks: int | None = Field(
        default=None, description="Duration steps: the longest timeline (in weeks) this covers."
    )
    places: list[str] = Field(
        default_factory=list,
        description="Phrases of the step's other options that, in a clause naming this one, say where it "
        "runs ('batch jobs on our servers') rather than name an option of their own.",
    )
    pages: list[str] = Field(
        default_factory=list,
        description="Words for a page of this option that do not name it by themselves (a website may be "
        "served from a server): beside them, the option's places are where the page is opened ('a little "
        "website the crew opens on their phones'), not options of their own.",
    )
    parts: list[str] = Field(
        default_factory=list,
        description="Words for a part of the project this option is one of, by no name of its own ('the "
        "on-device part', 'the apps'): a what-if dropping that part drops this option where the answers "
        "hold it beside another of its step ('what if we drop the on-device part?').",
    )
    running_now: bool = Field(
        default=False,
        description="Whether this answer speaks of what runs today ('a TF1 script from 2018', or nothing but "
        "other tools: 'no ML, the booking app is on an iPad'): a message giving it with none of "
        "cues.future_words says where those run, not where the new project will (see the step's runs_on).",
    )
    client_of: str | None = Field(
        default=None,
        description="Another option of the step this one calls when a message says so ('the app asks the "
        "server'): then it is that option's client, not an answer of its own.",
    )
    examples: list[str] = Field(
        default_factory=list,
        description="Whole messages that mean this option (one per line, Rasa-style); read as the "
        "answer when their step is asked, and each must read as this option (checked by the tests).",
    )

    @field_validator("synonyms", "when_asked", "generic", "places", "pages", "parts")
    @classmethod
    def _phrases_can_be_found(cls, phrases: list[str]) -> list[str]:
        return findable(phrases, str.split)


def findable(phrases: list[str], words: Callable[[str], list[str]]) -> list[str]:
    """`phrases`, refused if one is longer (in `words`) than the matcher reads: it would never be
    matched. A phrase with a gap ("none of us * done ml") is found by pattern, at any length."""
    for phrase in phrases:
        if "*" not in phrase and len(words(phrase)) > MAX_PHRASE_WORDS:
            raise ValueError(f"'{phrase}' has more than {MAX_PHRASE_WORDS} words, so it would never be matched")
    return phrases


class Step(StrictModel):
    id: str
    title: str = Field(description="How the recap names this answer, e.g. 'Deployment targets'.")
    question: str
    kind: Literal["one", "many", "duration"]
    describes: list[str] = Field(
        default_factory=list,
        description="Steps whose options, named in the same clause as an answer to this step, describe "
        "that answer rather than answer their own question (the existing stack 'runs on Android').",
    )
    runs_on: list[str] = Field(
        default_factory=list,
        description="Steps that say where something runs: not set from a message answering this step with an "
        "option marked running_now and speaking of no future ('It runs every night on the historian box').",
    )
    about_training: bool = Field(
        default=False,
        description="Whether this step asks where models are trained: a clause about training (cues.training_words, "
        "and none of cues.inference_words) describes its answer, so the steps it describes are not set there.",
    )
    names_the_project: bool = Field(
        default=False,
        description="Whether this step's options name the project itself ('the chatbot', 'our fraud model'): "
        "in a what-if, named after 'the', 'our' or 'this', they refer to it and change nothing.",
    )
    decided_after_but: bool = Field(
        default=False,
        description="Whether, of this one-choice step's options named on both sides of a 'but', the one after it "
        "is the answer ('Farrukh ran TensorFlow Serving at the bank, but for our project nothing exists').",
    )
    not_filled_while: list[str] = Field(
        default_factory=list,
        description="Questions while which this step is not answered in passing: a framework named while the "
        "training hardware is asked is about the hardware ('TPU access for the JAX side'), not the team's skills.",
    )
    aside_in_what_ifs: bool = Field(
        default=False,
        description="Whether, in a what-if that names another question's option, this step's words describe "
        "that option ('what if we had to support iOS', 'cheap android phones') rather than change this answer.",
    )
    supposed_instead: bool = Field(
        default=False,
        description="Whether a what-if naming options of this several-choice step supposes them instead of "
        "the answer ('what if we trained on Macs?': Macs, not the GPUs on record), unless it says 'also'.",
    )
    set_by_questions: bool = Field(
        default=True,
        description="Whether an option named in an opening question counts ('... for fraud scoring?'); "
        "not for frameworks, which a question names as its subject ('should we use TF?').",
    )
    names: list[str] = Field(
        default_factory=list,
        description="How people name this question ('deadline', 'targets'): naming it allows a change.",
    )
    names_in_passing: list[str] = Field(
        default_factory=list,
        description="Of `names`, those said in passing in an answer ('runs on', 'train on'): they name the "
        "question, but ask for no change of its answer (one more place it runs adds to the others).",
    )
    after_advice_needs: list[str] = Field(
        default_factory=list,
        description="After the advice, words one of which a clause must hold for this step's options to be read "
        "from it ('knows', 'course'): a framework named then is often the verdict or the stack, not a skill.",
    )
    needs_while: list[str] = Field(
        default_factory=list,
        description="Questions while which, too, this step is filled in passing only from a clause holding one "
        "of its after_advice_needs words ('a keras model in prod since 2021', said of the stack, is no skill).",
    )
    knowing_words: list[str] = Field(
        default_factory=list,
        description="Words by which a clause says people know something ('he knows pytorch', 'did a course'): "
        "while a question of needs_while is asked, its own option named only as that question's answer, in a "
        "clause with one of them and none of cues.running_words, is this step's option instead.",
    )
    knowing_not_of: list[str] = Field(
        default_factory=list,
        description="Steps whose options, named while this question is asked in a clause with one of "
        "knowing_words (and none of cues.running_words), are what people know ('an iOS developer', 'did a "
        "TFLite Micro tutorial on ESP32s'), not answers to those steps.",
    )
    options: list[Option] = Field(min_length=2, max_length=25)
    examples: list[str] = Field(min_length=1, description="Example phrasings for re-prompts.")
    reprompt: str
    not_sure: str = Field(description="What 'not sure' means here, said when a user picks it.")

    @model_validator(mode="after")
    def _durations_have_bounds(self) -> Step:
        if self.kind == "duration" and any(o.max_weeks is None for o in self.options[:-1]):
            raise ValueError(f"step {self.id}: every duration option but the last needs max_weeks")
        if unknown := set(self.names_in_passing) - set(self.names):
            raise ValueError(f"step {self.id}: names_in_passing must be among its names: {sorted(unknown)}")
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"step {self.id}: option ids repeat")
        if UNSURE in ids:
            raise ValueError(f"step {self.id}: '{UNSURE}' is built in; do not list it")
        for option in self.options:
            if option.client_of is not None and option.client_of not in ids:
                raise ValueError(f"step {self.id}: option {option.id}: client_of names no option of the step")
            if unknown := set(option.replaces) - set(ids):
                raise ValueError(f"step {self.id}: option {option.id}: replaces names no option of the step: {unknown}")
            if set(option.outranks) - set(ids) or option.id in option.outranks:
                raise ValueError(f"step {self.id}: option {option.id}: outranks names no other option of the step")
        return self

    def joined(self, before: list[str], added: list[str], told_to_add: bool = False) -> list[str]:
        """`added` joined to the answer `before`, less what they take the place of ("CPU only"
        added to NVIDIA GPUs leaves no GPUs) unless that is said again, or the message says to add
        ("also add the CPU-only laptops"). An option that excludes the others ("nothing else")
        gives way to any other added ("cost does matter" after "nothing else")."""
        gone = {r for o in added if (option := self.option(o)) is not None for r in option.replaces} - set(added)
        kept = before if told_to_add else [v for v in before if v not in gone]
        if any((option := self.option(o)) is not None and not option.exclusive for o in added):
            kept = [v for v in kept if (option := self.option(v)) is None or not option.exclusive]
        return list(dict.fromkeys([*kept, *added]))

    def option(self, option_id: str) -> Option | None:
        return self._options_by_id.get(option_id)

    def outranking(self, said: list[str]) -> str | None:
        """The one option said that outranks every other said ("an LLM that drafts replies to our
        emails" is LLMs, not text), if there is one."""
        winners = [
            o for o in said if (option := self.option(o)) is not None and set(said) - {o} <= set(option.outranks)
        ]
        return winners[0] if len(winners) == 1 else None

    @cached_property
    def _options_by_id(self) -> dict[str, Option]:
        # Recaps, recommendations and what-ifs name a dozen answers per turn: looked up, not searched.
        return {o.id: o for o in self.options}

    def describe(self, values: list[str]) -> str:
        """Answers as the recap says them: option labels, or what "not sure" means."""
        if values == [UNSURE]:
            return "not sure (won't tilt the result)"
        return ", ".join(self.label(v) for v in values)

    def label(self, option_id: str) -> str:
        option = self.option(option_id)
        return option.label if option else "not sure"


class Commands(StrictModel):
    """Words for the global commands; matched fuzzily, so typos still work."""

    help: list[str]
    back: list[str]
    restart: list[str]
    cancel: list[str]
    unsure: list[str]
    confirm: list[str]
    adopt: list[str] = Field(description="After a what-if: make the changed answers the real ones.")
    discard: list[str] = Field(description="After a what-if: keep the original answers.")
    resume: list[str] = Field(description="After an expiry notice: continue the old conversation.")
    greet: list[str] = Field(description="Hello: answered in kind, then the open question again.")
    thanks: list[str] = Field(description="Thanks: answered in kind, never taken as an answer.")
    forget: list[str] = Field(description="Delete everything stored about the user.")
    keep: list[str] = Field(description="Refuse a proposed change: keep the answer as it is.")
    recommend_now: list[str] = Field(description="Skip the remaining questions and recommend now.")


class Request(StrictModel):
    """A command said as a request in the user's own words: a verb, then what it is about, within
    a few words ("please erase the information recorded during this session" is forget)."""

    verbs: list[str] = Field(min_length=1, description="Verbs that ask for the command ('delete', 'erase').")
    objects: list[str] = Field(min_length=1, description="What the verb is about ('my data', 'what I told you').")


class Cues(StrictModel):
    """Words that say how a message is meant, rather than what it answers."""

    negation: list[str] = Field(description="Words that rule out the option after them ('not', 'instead of').")
    scope_breakers: list[str] = Field(description="Words that end a negation's reach ('only', 'just').")
    question_words: list[str] = Field(description="Words that open a question ('what', 'should').")
    verbs_after_a_modal: list[str] = Field(
        default_factory=list,
        description="Words that, right after a question word such as 'will' or 'should', make a statement "
        "without its subject ('will buy one 4090', 'should run on the pc'), not a question ('will it run').",
    )
    reopen: list[str] = Field(
        default_factory=list,
        description="Words asking to answer a named question again ('change the timeline', 'edit use case').",
    )
    reopen_light: list[str] = Field(
        default_factory=list,
        description="Words that may stand beside a question's name alone and still ask for it ('my', 'question').",
    )
    filler: list[str] = Field(description="Words around a command that change nothing ('pls', 'ok', 'hmm').")
    deadline: list[str] = Field(description="Words that make an amount of time a deadline ('by', 'ship').")
    not_deadline: list[str] = Field(description="Words that make an amount of time not a deadline ('for', 'ago').")
    still_deadline: list[str] = Field(
        default_factory=list,
        description="Phrases ending in a not_deadline word that still date a deadline: 'before everyone goes on "
        "leave' is a holiday, nobody leaving.",
    )
    replace: list[str] = Field(description="A change that replaces an answer ('actually', 'scratch that').")
    add: list[str] = Field(description="A change that adds to an answer ('also', 'as well').")
    remove: list[str] = Field(description="A change that removes from an answer ('drop', 'no longer').")
    negation_after: list[str] = Field(description="Words right after an option that rule it out ('doesn't').")
    swap: list[str] = Field(
        description="Verbs of a swap: in 'swap X for Y' or 'replace X with Y', X goes and Y comes ('swap', 'replace')."
    )
    tag_questions: list[str] = Field(
        description="Words that end an answer asking only to confirm it ('jetson, right?'): not a question."
    )
    not_options: list[str] = Field(
        description="Phrases that name no option though a word in them would ('docker image', 'vast.ai')."
    )

    @field_validator("not_options")
    @classmethod
    def _not_options_can_be_found(cls, phrases: list[str]) -> list[str]:
        return findable(phrases, lambda phrase: normalise(phrase).split())

    swap_joins: list[str] = Field(description="The words between the two options of a swap ('for', 'with').")
    all_options: list[str] = Field(description="'All of them' on a several-choice question.")
    asking_words: list[str] = Field(
        default_factory=list,
        description="Words that make a message after the advice ask rather than tell, wherever they stand "
        "('kindly confirm whether TFLite supports ...'): it is then no news to weigh.",
    )
    yes_emoji: list[str] = Field(
        default_factory=list,
        description="Emoji that say yes when they are the whole message ('👍', ':+1:' as Slack sends it).",
    )
    future_words: list[str] = Field(
        default_factory=list,
        description="Words that speak of the project to come ('will', 'must', 'the new one', 'yet'): beside "
        "what runs today, they say the places named are the new project's.",
    )
    now_words: list[str] = Field(
        default_factory=list,
        description="Words that speak of what runs today ('currently', 'at the moment'): while another question "
        "is asked, where a sentence with them (and none of future_words) says something runs is the "
        "current system's place, not the new project's (the steps named by runs_on).",
    )
    will_it_do: list[str] = Field(
        default_factory=list,
        description="Words by which a question about what was just said asks whether it will do ('only CPU on "
        "my laptop, is that enough?', 'is that a problem?'): the words before it still state their answer, "
        "where 'an rpi in a rack, is that edge linux?' only asks what to call it.",
    )
    no_goes_on: list[str] = Field(
        default_factory=list,
        description="Words after a bare 'no' that leave it the 'none' answer of a question of several answers "
        "('no other priorities', 'no thanks', 'no we're fine'); before any other word 'no' negates that word "
        "('no lag' wishes for speed, it says nothing of 'nothing else').",
    )
    refusals: list[str] = Field(
        default_factory=list,
        description="Words that answer a yes-or-no offer with no ('nope', 'no thanks'): alone, or opening a "
        "message that names only what the answers already hold ('no, stay with the Jetson'), they keep "
        "the answers as they are.",
    )
    running_words: list[str] = Field(
        default_factory=list,
        description="Words by which a clause says something runs ('in production', 'deployed'): a framework "
        "named beside them is a stack, not a skill, even in a clause about people knowing it.",
    )
    already_words: list[str] = Field(
        default_factory=list,
        description="Words that say something runs already ('already', 'in production'): a what-if naming an "
        "option marked running_now beside a place of its step's runs_on supposes that tool at that place "
        "('what if we ran it in the browser with TF.js?'), not a stack in production, unless it has one of them.",
    )
    ruled_out_apart: list[str] = Field(
        default_factory=list,
        description="Words that, ruled out, rule out only themselves where the message also names their option "
        "in other words: in 'server, on-premise, the bank does not like cloud' the cloud goes, not the server.",
    )
    all_but: list[str] = Field(
        default_factory=list,
        description="'All of them' with exceptions named after it ('everything but hiring'): every option "
        "of a several-choice question but those ruled out.",
    )
    hedges: list[str] = Field(description="Words that make the option after them a maybe ('maybe', 'might').")
    says_which: list[str] = Field(
        description="Words by which a clause says which of several options of a one-choice question the answer "
        "is ('so research, really', 'photo recognition basically')."
    )
    says_secondary: list[str] = Field(
        description="Words by which a clause says an option it names is secondary ('technically audio', "
        "'vision is only an input')."
    )
    negation_back: list[str] = Field(
        description="A clause of its own that rules out what the clause before it named ('the one Mac belongs "
        "to design, so that's out'; 'a few have iPhones but I don't care about those')."
    )
    importance_before: list[str] = Field(
        default_factory=list,
        description="Words before a priority that say it matters ('it has to be cheap', 'must be fast').",
    )
    training_words: list[str] = Field(default_factory=list, description="Words of training ('train', 'fine-tune').")
    inference_words: list[str] = Field(
        default_factory=list, description="Words of running a model ('deploy', 'serve', 'inference')."
    )
    others: list[str] = Field(
        default_factory=list,
        description="Who is not the team ('my supervisor', 'the integrator', 'the marketing department'): a clause "
        "they are the subject of states their facts, not the team's answers.",
    )
    job_market: list[str] = Field(
        default_factory=list,
        description="Words about hiring in the job market ('easier to recruit', 'hard to find'): a clause with "
        "them says whom one can hire ('easier to recruit PyTorch people'), not what the team knows or runs.",
    )
    signatures: list[str] = Field(
        default_factory=list,
        description="Lines a mail or phone app adds to a message ('Sent from my iPhone'): not the person's words.",
    )
    client_phrases: list[str] = Field(
        default_factory=list,
        description="Words saying an app calls a server ('the app asks', 'calls our api'): the options "
        "marked client_of are then the server's clients, not where the model runs.",
    )
    importance: list[str] = Field(
        description="Words right after an option that state it matters ('cost is the big thing', 'speed is "
        "critical'): an option word that answers only its own question then counts wherever it is said."
    )
    hedges_far: list[str] = Field(
        default_factory=list,
        description="Hedges of a distant future that make a maybe of every option after them in their clause, however "
        "far ('maybe one day he wants it on his phone too').",
    )
    hedges_after: list[str] = Field(
        description="Words that make the option before them a maybe ('android later maybe', 'a Jetson, not "
        "confirmed'): right after it, or opening the next clause."
    )
    statement_words: list[str] = Field(
        description="Words that make a clause a statement of its own: subjects and auxiliaries ('we', 'will'). "
        "In a short answer only such a clause, or one naming its question, states another question's option; "
        "a fragment beside the answer ('Excel, mostly') describes it."
    )
    command_words: list[str] = Field(
        description="Single command words distinctive enough to count inside a short sentence ('undo', 'pause')."
    )
    about_bot: dict[Literal["identity", "progress", "repeat"], list[str]] = Field(
        description="Questions about the advisor itself, by what they ask."
    )
    requests: dict[RequestedCommand, Request] = Field(
        default_factory=dict,
        description="Commands asked for in a sentence of the user's own ('please delete what I told you'), by "
        "command name.",
    )

    @model_validator(mode="after")
    def _still_deadlines_end_in_a_not_deadline_word(self) -> Cues:
        not_deadline = {w.lower() for w in self.not_deadline}
        for phrase in self.still_deadline:
            if phrase.split()[-1].lower() not in not_deadline:
                raise ValueError(f"still_deadline '{phrase}' must end in a word of not_deadline, or it changes nothing")
        return self


# The placeholders each sentence may use; any other {name} in the data is a mistake caught at load.
PLACEHOLDERS: dict[str, set[str]] = {
    "miss_first": {"text"},
    "back_to": {"title"},
    "forgotten": {"count"},
    "progress": {"answered", "total", "left"},
    "gave_up": {"title"},
    "confirm_change": {"title", "before", "after"},
    "reopened": {"title", "now"},
    "reopen_kept": {"title", "now"},
    "change_kept": {"title", "before"},
    "which_one": {"choices"},
    "counts_as": {"choices"},
    "assumed": {"titles"},
    "cleared": {"title"},
    "reprompt": {"reprompt", "examples"},
    "because": {"answers"},
    "so_far": {"answered", "total"},
    "flip": {"title", "then", "now", "name"},
    "flip_to_toss_up": {"title", "then", "now"},
    "what_if_intro": {"changes"},
    "what_if_flips": {"before", "after"},
    "what_if_weighs_most": {"name", "tensorflow", "pytorch", "reason"},
    "what_if_same_verdict": {"name", "tf_before", "tf_after", "pt_before", "pt_after"},
    "what_if_discarded": {"name"},
    "lead_card_who": {"who", "workspace"},
    "lead_card_verdict": {"name", "confidence"},
    "share_intro": {"who"},
}


class Wording(Sentences):
    placeholders: ClassVar[dict[str, set[str]]] = PLACEHOLDERS

    greeting: str
    help: str
    picked_up: str
    updated: str
    miss_first: str
    miss_second: str
    recap_intro: str
    recap_question: str
    restarted: str
    already_at_start: str = Field(description="A restart asked for again with nothing answered since.")
    restarted_undoable: str = Field(description="A restart with answers to lose: says `back` brings them back.")
    back_restored: str = Field(description="`back` right after a restart: every earlier answer restored.")
    cancelled: str
    back_nothing: str
    back_to: str
    finished_hint: str
    expired: str
    welcome: str
    thanks: str
    no_flip: str
    forgotten: str
    other_language: str
    because: str = Field(description="The answers behind a reason. Placeholders: {answers}.")
    reprompt: str = Field(description="The first miss's help. Placeholders: {reprompt}, {examples}.")
    not_sure_label: str = Field(max_length=75)
    so_far: str = Field(description="Placeholders: {answered}, {total}.")
    flip: str = Field(description="What would change it. Placeholders: {title}, {then}, {now}, {name}.")
    flip_to_toss_up: str = Field(description="Placeholders: {title}, {then}, {now}.")
    what_if_title: str
    what_if_intro: str = Field(description="Placeholders: {changes}.")
    what_if_flips: str = Field(description="Placeholders: {before}, {after}.")
    what_if_weighs_most: str = Field(description="Placeholders: {name}, {tensorflow}, {pytorch}, {reason}.")
    what_if_same_verdict: str = Field(
        description="Placeholders: {name}, {tf_before}, {tf_after}, {pt_before}, {pt_after}."
    )
    what_if_kept: str
    what_if_discarded: str = Field(description="Placeholders: {name}.")
    adopt_label: str = Field(max_length=75)
    discard_label: str = Field(max_length=75)
    expired_title: str
    resume_label: str = Field(max_length=75)
    restart_label: str = Field(max_length=75)
    said_again: str
    forget_title: str
    forget_question: str
    forget_yes: str = Field(max_length=75)
    forget_no: str = Field(max_length=75)
    welcome_back: str
    out_of_date: str
    nothing_to_skip: str
    last_answer: str
    cleared: str = Field(description="An answer removed by a change. Placeholders: {title}.")
    change_yes: str = Field(max_length=75)
    change_no: str = Field(max_length=75)
    recap_miss_first: str
    recap_miss: str
    have_recommendation: str
    what_if_same: str
    no_what_if: str
    what_if_adopted: str
    identity: str
    progress: str
    repeat: str
    gave_up: str = Field(description="Third miss: {title} is recorded as not sure. Placeholders: {title}.")
    confirm_change: str = Field(description="Placeholders: {title}, {before}, {after}.")
    reopened: str = Field(description="A named question asked again; placeholders: {title}, {now}.")
    reopen_kept: str = Field(description="Third miss on a question asked again: its answer stays. {title}, {now}.")
    change_kept: str = Field(description="Placeholders: {title}, {before}.")
    which_one: str = Field(description="Placeholders: {choices}.")
    counts_as: str = Field(
        description='A question asking what something counts as ("does colab count?"): the options it names. {choices}.'
    )
    assumed: str = Field(description="Recommending now; placeholders: {titles}.")
    question_held: str = Field(description="A question during the questions that the knowledge cannot answer yet.")
    consent_title: str = Field(description="Heads the consultant's link and the consent question.")
    consent_question: str = Field(description="May a consultant contact them? Asked once, with yes / no buttons.")
    consent_yes: str = Field(max_length=75)
    consent_no: str = Field(max_length=75)
    consent_declined: str
    consent_still_declined: str = Field(description="Asked for a consultant again after saying no.")
    lead_sent: str = Field(description="Consent given: the consultancy has been told.")
    lead_already: str
    lead_card_title: str = Field(max_length=150, description="The lead card's header (the consultancy's channel).")
    lead_card_who: str = Field(description="Placeholders: {who}, {workspace}.")
    lead_card_verdict: str = Field(description="Placeholders: {name}, {confidence}.")
    lead_card_no_verdict: str
    lead_card_answers: str
    lead_card_asked: str
    lead_card_asked_nothing: str
    share_label: str = Field(max_length=75, description="The recommendation's Share to channel button.")
    share_title: str = Field(max_length=24, description="The share modal's title (Slack allows 24 characters).")
    share_submit: str = Field(max_length=24)
    share_channel: str = Field(max_length=2000, description="The label of the channel picker.")
    share_intro: str = Field(description="Heads the shared version. Placeholders: {who}.")
    share_reasons: str
    share_change: str
    share_not_member: str = Field(max_length=2000, description="Under the picker when the bot may not post there.")
    share_nothing: str


class ConversationFile(StrictModel):
    steps: list[Step] = Field(min_length=1)
    commands: Commands
    cues: Cues
    wording: Wording

    @model_validator(mode="after")
    def _steps_named_exist(self) -> ConversationFile:
        # (a misspelt step id in these lists would silently switch a reading rule off)
        ids = {s.id for s in self.steps}
        for step in self.steps:
            for field in ("describes", "runs_on", "not_filled_while", "needs_while", "knowing_not_of"):
                if unknown := set(getattr(step, field)) - ids:
                    raise ValueError(f"step {step.id}: {field} names no step: {sorted(unknown)}")
        return self


class Conversation(ConversationFile):
    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    @cached_property
    def options_by_step(self) -> dict[str, list[str]]:
        """Each step's option ids, in order (computed once: the advice asks on every recommendation)."""
        return {s.id: [o.id for o in s.options] for s in self.steps}

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]


def load_conversation(directory: Path) -> Conversation:
    """Load conversations/advisor.yaml."""
    loaded = load_model(directory / "advisor.yaml", ConversationFile)
    try:
        return Conversation.model_validate(loaded.model_dump())
    except ValueError as error:  # pragma: no cover - the file model already validated it
        raise DataFileError(f"{directory / 'advisor.yaml'}: {error}") from None
