"""Answers to the question asked, in the words of fresh voices (dev65-dev73, written by helpers who
never saw the vocabulary files): each is stored as the option it means, and only that."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.replies import Advise
from bot.state import State
from tests.conftest import TODAY, Chat
from tests.test_followups import changes_nothing
from tests.test_understanding import advised_with, at_recap, until


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("skills", "my IT guy do python, flask, django. no machine learning before", ["beginners", "python"]),
        ("skills", "none of us really does ML, we're network guys", ["beginners"]),
        ("existing_stack", "its new", ["greenfield"]),
        # recommendations "the way Netflix" does them (dev38)
        ("use_case", "our web shop should suggest kits to each customer, the way Netflix suggests shows", ["recsys"]),
        # a Windows PC "without special graphics board", "no gaming cards": its CPU (dev35, dev38, dev50)
        ("hardware", "only office computers with Windows, no gaming cards", ["cpu", "windows"]),
        ("hardware", "a Windows 11 desktop without special graphics board", ["cpu", "windows"]),
        ("hardware", "on the on-prem CPU servers / my MacBook M3 for trying things", ["apple", "cpu"]),  # (dev26)
        ("hardware", "only a laptop without gpu", ["cpu"]),  # (dev54)
        # lasting, in the words of people who have been let down before (dev, dev42, dev57)
        ("priorities", "cheap, and it must keep working long after our intern has gone", ["cost", "long_term"]),
        ("priorities", "a framework that won't be deprecated in a few years", ["long_term"]),
        # the consultant who builds it for the team trains on the project's hardware (dev51)
        ("hardware", "the consultant trains it on Colab TPUs", ["tpu"]),
        # a web app alone says nothing of where its model runs; server side does (dev84, dev85)
        ("deployment", "an internal web app on our Azure subscription", ["server"]),
        ("skills", "we are new in this machine learning, I know a little python", ["beginners", "python"]),
        # "scratch" that is a kind of damage, not a removal (dev38, dev66)
        ("use_case", "we want to find scratch and dent from the photos of returned rental vans", ["vision"]),
        # vocabulary from dev85's misses: a model that needs no teaching, code never written, an STM32
        # by its family, a budget that rules out a backend, a card nobody uses, a framework that lasts
        ("use_case", "split the vocals from our old tapes, we don't need to teach it anything",
         ["pretrained_only"]),
        ("skills", "I'm a sound engineer, never written code", ["beginners"]),
        ("deployment", "an STM32F4 inside the mixing desk", ["microcontroller"]),
        ("deployment", "in the listener's browser, zero budget for a backend", ["browser"]),
        ("hardware", "we train on the CPU box; the old AMD card in the studio, nobody uses it for this", ["cpu"]),
        ("priorities", "it should still be around when the kids take over the label", ["long_term"]),
        # what another company or an old job runs, then "but" the project's own: the project's (dev41, dev46)
        ("existing_stack", "the shipyard next door runs pytorch models in prod, but on our side nothing yet",
         ["greenfield"]),
        ("existing_stack", "I used TensorFlow Serving in production at my last job, but this team starts from scratch",
         ["greenfield"]),
        # ... where only that decides: a chatbot "but trained on" the team's papers is still the chatbot (dev17)
        ("use_case", "a chat assistant like ChatGPT, but trained on our archive of client letters", ["llm"]),
        # voice control, accelerometer data; "vision-impaired" riders and letters after OCR name no images (dev82)
        ("use_case", "voice control for vision-impaired passengers: they say 'next tram'. Keyword spotting, on device.",
         ["audio"]),
        ("use_case", "We must classify incoming letters from taxpayers (scanned, after OCR) into approx. 40 categories",
         ["nlp"]),
        ("use_case", "We want to detect the P-wave of earthquakes from accelerometer data", ["tabular"]),
        # "not important" as a clause of its own rules out what the clause before named (dev39)
        ("priorities", "1) Inference speed — control loop 100 Hz.\n2) Long support.\nCost — not important.",
         ["long_term", "performance"]),
        # a card someone "can't use for this" is no hardware of the team's (dev72)
        ("hardware", "her work laptop has an nvidia card but she can't use it for this obviously. so cpu on the "
         "union laptop", ["cpu"]),
        # a model "inside the website" runs in the browser (dev82)
        ("deployment", "Must run inside the website and also the phone apps, Android and iPhone both",
         ["android", "browser", "ios"]),
        # the server's load or costs, spared, are no place to run (dev74, dev82)
        ("deployment", "Model should run inside the mobile app itself, Android and iPhone both, so that server load is "
         "less", ["android", "ios"]),
        ("deployment", "in the browser. we want the processing client-side to save server costs", ["browser"]),
        # the phones said again as android phones, "maybe later": both are the later doubt (dev80)
        ("deployment", "api on our server. the drivers carry phones all day, samsung android phones, maybe later",
         ["server"]),
        # "intel" is the processor's maker when the CPU is named beside it (dev81); Intel's GPUs by name
        ("hardware", "no graphics card, only an old intel pc with CPU", ["cpu"]),
        ("hardware", "two intel data center gpus", ["intel"]),
        # the cloud's NVIDIA instance families by name (dev81)
        ("hardware", "we rent g5 instances on aws for training", ["nvidia"]),
        # recommendations in a wholesaler's and a reader's words (dev80, dev81)
        ("use_case", "the portal should tell shops what to reorder, like customers who ordered X also ordered Y",
         ["recsys"]),
        ("use_case", "we want to suggest old issues to readers based on what they read", ["recsys"]),
        # a newsroom's kinds of work (dev81)
        ("use_case", "live captions for our regional radio and TV news", ["audio"]),
        ("use_case", "we're fact-checkers; we want to match new viral claims to our old fact checks", ["nlp"]),
        ("use_case", "we count how often sponsors' logos are on screen: need to detect logos in match footage",
         ["vision"]),
        # a team new to ML beside the one who knows a framework (dev80, dev81)
        ("skills", "me: pytorch from my studies. the rest of the warehouse team never did any ML",
         ["beginners", "pytorch"]),
        ("skills", "no one knows machine learning. I know a bit of python from a workshop", ["beginners", "python"]),
        ("skills", "Our one IT lad knows Python. None of us have ever done this AI business.", ["beginners", "python"]),
        ("skills", "nobody here has ever trained a model, I can do Excel", ["beginners"]),
        # no AI at all, asked what runs in production (dev27, dev33)
        ("existing_stack", "We don't have any AI at the moment, just the ticketing software.", ["greenfield"]),
        # "skip" and "leave out" rule out what follows (dev80, dev81)
        ("deployment", "Recommendations should come in the android app only. iPhone users are very few, skip iOS.",
         ["android"]),
        ("skills", "pytorch and jax. leave out the beginners bit, the PLC guys won't touch it", ["jax", "pytorch"]),
        ("skills", "Mostly C#/.NET. One of them knows python. Nobody's done ML.", ["beginners", "python"]),
        ("use_case", "We need to reduce false positives in our AML transaction monitoring alerts.", ["tabular"]),
        ("use_case", "we want to predict policy lapses (customers cancelling)", ["tabular"]),
        ("use_case", "want to flag dodgy timesheets and overpayments before the pay run goes out", ["tabular"]),
        ("priorities", "cost, and not getting locked into something that's dead in 2 years", ["cost", "long_term"]),
        ("use_case", "building app that translates swahili to english for my science congress project", ["nlp"]),
        ("use_case", "want noise suppression in our WebRTC softphone, like krisp but ours", ["audio"]),
        ("use_case", "we want LPR (plate reading) at the garage gates", ["vision"]),
        ("hardware", "an old intel macbook pro, no gpu", ["cpu"]),  # an Intel Mac is no Apple silicon
        ("hardware", "Azure NC A100 v4 VMs", ["nvidia"]),  # ("v4" alone is no TPU)
        # a drone that carries the camera: the work is vision
        ("use_case", "we want to assess building damage from satellite + drone imagery after floods", ["vision"]),
        ("use_case", "drones shoot ~600 photos per tower and a guy spends 4 hrs flagging rust, missing bolts",
         ["vision"]),
        ("deployment", "just a job every sunday night that spits out the order sheet. no app, no api", ["batch"]),
        ("priorities", "Longevity. And it must not cost the earth.", ["cost", "long_term"]),
        # what another project or another vendor does is not this project
        ("use_case", "We want to forecast titre and glucose in the fermentation runs from the online sensors. Some "
         "people here talk about 'an LLM for batch records' - that is NOT this project.", ["tabular"]),
        ("use_case", "chest x-ray triage. There's also a speech-to-text project for dictation but that's another "
         "vendor, ignore it", ["vision"]),
        ("existing_stack", "There is an old Inception model someone trained in 2018 with tf.contrib, still running",
         ["tf1_legacy"]),
        ("skills", "PyTorch, timm, lightning. haven't touched TF since 2019", ["pytorch"]),
        ("hardware", "A100/H100 on AWS. we also have MI250 access via a grant but we're not going to train on that",
         ["nvidia"]),
        ("hardware", "the university HPC (ARC) has V100s and A100s, and there's my M2 MacBook", ["apple", "nvidia"]),
        ("priorities", "cost!! and it mustn't fall over every 5 minutes or need redoing every year",
         ["cost", "long_term"]),
        ("priorities", "cost and hiring I guess?", ["cost", "hiring"]),  # a guess, not a question
        # command words that say something else: how to keep it, where predictions go back
        ("priorities", "keep it cheap and something the next bloke can pick up when I leave", ["cost"]),
        ("deployment", "Predictions must go back into the DCS every minute via OPC UA, so an online service on a "
         "server in the plant network", ["server"]),
        ("deployment", "a server in the plant network. edge boxes at the lines maybe later, not now", ["server"]),
        # a web page or app in front of a model that runs elsewhere is a client, not where it runs
        ("deployment", "web app + whatsapp bot, backend on some cloud vm", ["server"]),
        ("deployment", "Translators work in web app in browser, but the model can be in the cloud, it's ok",
         ["server"]),
        # a phone's model name is no batch job ("spark")
        ("deployment", "android phones, cheap ones like Tecno Spark. Must work offline because network is unreliable",
         ["android"]),
        # where people work is not what the models do: "research" there names no research project
        ("use_case", "We are at a research institute in Kampala working on malaria parasite detection from thick "
         "blood smear images", ["vision"]),
        ("use_case", "Hi, research engineer at the university library. We want to recommend articles and theses to "
         "students based on their loans and searches", ["recsys"]),
        ("use_case", "we coordinate a citizen-science project at the university: swimmers send us photos of jellyfish "
         "and we want to auto-ID the species", ["vision"]),
    ],
)  # fmt: skip
def test_an_answer_in_words_of_its_own_is_stored(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    if step != "use_case":
        until(chat, step)
    chat.say(said)
    assert sorted(chat.state.answers[step]) == stored


@pytest.mark.parametrize(
    "said",
    [
        "OK, that is fine",
        "looks fine",
        "correct, all of it",
        "ok yes thats it",
        "lgtm",
        "ok done",
        # thanks beside a yes are part of it (dev84)
        "That is correct. Many thanks.",
        "correct, thank you",
    ],
)
def test_a_short_assent_in_words_of_its_own_confirms_the_recap(chat: Chat, said: str) -> None:
    at_recap(chat)
    replies = chat.say(said)
    assert any(isinstance(r, Advise) for r in replies), replies


@pytest.mark.parametrize("said", ["ok but change the timeline", "is that fine?"])
def test_an_assent_that_changes_or_asks_confirms_nothing(chat: Chat, said: str) -> None:
    at_recap(chat)
    replies = chat.say(said)
    assert not any(isinstance(r, Advise) for r in replies)


def test_resume_after_an_excuse_that_names_something_resumes(advisor: Advisor) -> None:
    state = State(phase="asking", pending="priorities")
    reading = advisor.read("sorry, phone call from the control room. resume pls", state, TODAY)
    assert reading.command == "resume"


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("Please delete our data after this, the client requires it", "forget"),
        ("Thank you. Would you mind deleting this conversation and whatever you hold on our school?", "forget"),
        ("ok. please cancel now, I continue with my colleague tomorrow", "cancel"),
        # (dev84)
        ("Kindly erase all of our data when we are done here.", "forget"),
        ("my meeting got cancelled, can we finish the questions properly now", "resume"),
    ],
)
def test_a_request_after_the_advice_in_words_of_its_own_is_read(advisor: Advisor, said: str, command: str) -> None:
    state = State(phase="advised", answers={"use_case": ["vision"]})
    assert advisor.read(said, state, TODAY).command == command


@pytest.mark.parametrize("said", ["HOWEVER", "but", "though, however"])
def test_a_message_of_clause_joins_only_gets_a_reply(chat: Chat, said: str) -> None:
    # (found by the fuzz test: the words that split clauses leave no clause to read)
    replies = chat.say(said)
    assert replies and chat.state.answers == {}


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # two phrases as long and as exact for a one-choice question: the fresh start outranks what
        # runs elsewhere, and no option wins by its name
        ("existing_stack", "At work we run pytorch in prod but for this project nothing exists yet, blank slate",
         {"existing_stack": ["greenfield"]}),
        # a metal detector is no Apple GPU (Metal is a name only asked about the hardware)
        ("use_case", "We build small ground robots that scan fields with metal detector and GPR, and we want the "
         "robot to learn to navigate and mark suspicious spots", {"use_case": ["robotics"]}),
        # people who open a web page to see what a server computed are its clients
        ("deployment", "same as now, on our OVH server, volunteers open a web page and see the messages sorted",
         {"deployment": ["server"]}),
        ("deployment", "sorry. run on our server in office, coach open web page to see result",
         {"deployment": ["server"]}),
        # phones where people read what the model found, or type into it, are clients
        ("deployment", "the model runs on our cloud server and the results go to the app, android and iphone",
         {"deployment": ["server"]}),
        ("deployment", "a small linux box in the barn does the counting, the boss will see the counts on her iphone",
         {"deployment": ["edge_linux"]}),
        # the server a batch job runs on, said in a clause of its own, is its place, no server API
        ("deployment", "batch is fine bhai. run once at night, give next day plan. on our office linux server",
         {"deployment": ["batch"]}),
        ("deployment", "runs on the small linux server under the reception desk. not real time, one batch run every "
         "hour is ok", {"deployment": ["batch"]}),
        ("deployment", "ok entendí! it run one time per week as batch, on the server of the company. results go to "
         "call center for retention calls", {"deployment": ["batch"]}),
        # a distant future hedges the rest of its clause, however far
        ("deployment", "the nightly run on the office pc, yes. the boss says maybe one day he wants it on his phone "
         "too", {"deployment": ["batch"]}),
        # a question after a comma, without its question mark, still asks
        ("priorities", "forgive me, 'long-term support', what is meant by that", {}),
        # publishers publish books and newspapers, not papers of research
        ("use_case", "we are the digital desk of a daily paper, we want to auto-tag stories by topic",
         {"use_case": ["nlp"]}),
        ("use_case", "a publishing house in Lyon, we want to sort our back catalogue into themes", {}),
        # a notebook run on a schedule or on a shared server stays a notebook
        ("deployment", "the whole thing can stay in a jupyter notebook i open on monday mornings",
         {"deployment": ["notebooks"]}),
        ("deployment", "it lives in notebooks on our university server and that is fine for the thesis",
         {"deployment": ["notebooks"]}),
        # ... unless the message adds one to the other
        ("deployment", "server again, plus a nightly batch over their old backlog",
         {"deployment": ["batch", "server"]}),
        # not knowing whether the tools are TensorFlow says nothing of what runs
        ("existing_stack", "what counts as production here? we've got some ML-ish tools in the pipeline but dunno if "
         "they're tf or what", {}),
    ],
)  # fmt: skip
def test_an_answer_stores_what_it_says_and_nothing_beside_it(
    chat: Chat, step: str, said: str, stored: dict[str, list[str]]
) -> None:
    chat.state = State(phase="asking", pending=step)  # every other question still open
    chat.say(said)
    assert {s: sorted(v) for s, v in chat.state.answers.items()} == stored


def test_a_what_if_that_bins_the_old_code_supposes_a_fresh_start(chat: Chat) -> None:
    advised_with(chat, existing_stack=["tf1_legacy"])
    chat.say("What if we binned the TF1 stuff entirely and started fresh?")
    assert chat.state.proposed is not None and chat.state.proposed["existing_stack"] == ["greenfield"]


@pytest.mark.parametrize(
    "said",
    [
        "what if we just use llama or some ready model as it is, no training at all",
        "What if we don't train anything and just put the recipes in a RAG thing with an existing model?",
        # (dev80, dev81) not training, in words of its own
        "And if we decide not to train anything and just use Bielik model as it is?",
        "What if we just use a hosted model like the Mistral API with our documents, without any fine-tuning?",
    ],
)
def test_a_what_if_of_no_training_supposes_a_pretrained_model(chat: Chat, said: str) -> None:
    advised_with(chat, use_case=["nlp"])
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["use_case"] == ["pretrained_only"]
    assert chat.state.answers["use_case"] == ["nlp"], "a what-if keeps the answers on record"


def test_a_what_if_naming_two_equal_kinds_of_project_supposes_neither(chat: Chat) -> None:
    advised_with(chat, use_case=["nlp"], deployment=["android"])
    chat.say("what if it were images or speech, and on iOS?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["use_case"] == ["nlp"], "one project kind, never two"
    assert "ios" in chat.state.proposed["deployment"]


@pytest.mark.parametrize(
    ("said", "place"),
    [
        ("what if support agents want the suggestions live in the browser, with TF.js?", "browser"),
        ("what if we went with that tensorflow.js and ran it right in the customer's browser", "browser"),
        ("what if we also put a tflite model on an android tablet for the line leader?", "android"),
    ],
)
def test_a_what_if_naming_a_tool_for_a_new_place_supposes_the_place_not_a_stack_in_production(
    chat: Chat, said: str, place: str
) -> None:
    advised_with(chat, existing_stack=["greenfield"], deployment=["server"])
    chat.say(said)
    assert chat.state.proposed is not None and place in chat.state.proposed["deployment"]
    assert chat.state.proposed["existing_stack"] == ["greenfield"]


def test_a_what_if_that_says_the_tool_runs_already_supposes_it_in_production(chat: Chat) -> None:
    advised_with(chat, existing_stack=["greenfield"])
    chat.say("WHAT IF WE ALREADY HAD A TFLITE APP")
    assert chat.state.proposed is not None and chat.state.proposed["existing_stack"] == ["tflite_app"]


@pytest.mark.parametrize(
    "said",
    [
        "the center uses tensorflow. if we take pytorch, is it a problem for them?",
        "why does it matter that one colleague knows keras, if we end up on pytorch anyway?",
        "if we go pytorch can we still use the TRC TPUs reasonably? is torch_xla still a thing?",
    ],
)
def test_an_if_that_takes_the_advice_asks_about_it_and_supposes_no_skill(chat: Chat, said: str) -> None:
    advised_with(chat, skills=["tensorflow"], hardware=["nvidia"])
    changes_nothing(chat, said)  # the framework chosen is the advice, not the team's skill


@pytest.mark.parametrize(
    "said",
    [
        "what if the vendor rewrites the fraud model in PyTorch next year?",
        "Suppose we migrate the baggage model to pytorch next year, would you change the answer?",
        "what if the interns leave in Feb and there's nobody left who knows tensorflow",
        "Suppose the seismic group returns the A5000s in a month or two - would you switch the recommendation?",
        # credits that expire date nothing to deliver (dev79)
        "what if we stop using the cloud credits? they expire in february anyway",
    ],
)
def test_a_what_if_dating_something_else_than_the_launch_keeps_the_timeline(chat: Chat, said: str) -> None:
    advised_with(chat, timeline=["half_year"])
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)["timeline"] == ["half_year"]


def test_a_what_if_that_names_its_change_outright_takes_no_word_of_another_question(chat: Chat) -> None:
    # "apple" answers the hardware question only when it is asked; beside the iPhones the what-if
    # names outright, it is the owner's taste, not Macs to train on
    advised_with(chat, hardware=["nvidia"], deployment=["android"])
    chat.say("and if we buy iphones for the supervisors? the owner like apple")
    assert chat.state.proposed is not None
    assert "ios" in chat.state.proposed["deployment"]
    assert chat.state.proposed["hardware"] == ["nvidia"]


def test_a_what_if_moving_to_a_server_the_phones_call_supposes_no_app(chat: Chat) -> None:
    advised_with(chat, deployment=["batch"])
    chat.say("and if we moved it to a small cloud server instead, like an API the cooks hit from their phones, "
             "no nightly script?")  # fmt: skip
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["server"]


def test_a_what_if_that_dumps_the_old_code_supposes_a_clean_slate(chat: Chat) -> None:
    advised_with(chat, existing_stack=["tf1_legacy"])
    chat.say("ok and what if we dumped the old TF1 thing completely, clean slate")
    assert chat.state.proposed is not None and chat.state.proposed["existing_stack"] == ["greenfield"]


@pytest.mark.parametrize(
    "said",
    [
        "alright, what do I do first monday morning",
        "ok cool, how do we get started on the jetson",
        # options named, then asked between
        "pytorch and tensorflow which one more people use in kenya",
    ],
)
def test_a_question_without_its_question_mark_still_asks(chat: Chat, said: str) -> None:
    advised_with(chat, deployment=["server"], skills=["python"])
    changes_nothing(chat, said)


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("hardware", "will buy one 4090 gaming pc for train", ["nvidia"]),
        ("deployment", "should run on the pc in the workshop once a month, doesnt need to be online", ["batch"]),
        ("hardware", "would be training it on my macbook m3", ["apple"]),
    ],
)
def test_a_statement_that_leaves_out_its_subject_is_no_question(
    chat: Chat, step: str, said: str, stored: list[str]
) -> None:
    until(chat, step)
    chat.say(said)
    assert chat.state.answers[step] == stored


@pytest.mark.parametrize("said", ["will it run on a 4090", "can be done on a pi?", "should we buy a 4090"])
def test_a_question_word_before_a_subject_or_a_question_mark_still_asks(chat: Chat, said: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert "hardware" not in chat.state.answers


def test_an_acronym_of_another_trade_names_no_place_in_passing(chat: Chat) -> None:
    # (IPC: an industrial PC where the deployment is asked; here, a parts catalogue)
    chat.say("chatbot for mechanics to ask questions to the maintenance manuals (AMM, IPC, thousands of pages)")
    assert chat.state.answers == {"use_case": ["llm"]}


def test_questions_listed_as_examples_of_what_to_check_ask_nothing(advisor: Advisor) -> None:
    # "etc" makes the questions a list of what the photos are checked for (dev80); without it,
    # "..., is it ...?" asks about what was said before
    said = "we want to check the drivers' photos — is a parcel in it, is it blurry, is it the right door etc"
    reading = advisor.read(said, State(phase="asking", pending="use_case"), TODAY)
    assert reading.said("use_case") == ["vision"]
    assert not reading.questions


@pytest.mark.parametrize(
    "said",
    [
        "Scenario 2: TF chap leaves. We get a PyTorch contractor.",
        "imagine we hire a pytorch contractor and the TF guys leave lol",
        "Hypothetical: two TensorFlow engineers go to Russia to work, and a PyTorch dev joins.",
    ],
)
def test_a_what_if_where_the_people_who_know_a_framework_leave_supposes_it_gone(chat: Chat, said: str) -> None:
    # (dev33, dev38, dev45) the framework named before "leaves" is the skill lost, not one gained
    advised_with(chat, skills=["tensorflow"])
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["skills"] == ["pytorch"]


@pytest.mark.parametrize(
    ("said", "supposed", "not_supposed"),
    [
        ("what if the leaf grading ran on a jetson at the conveyor and the ipads only show the result?", "jetson",
         "ios"),
        ("what if the pis had a coral usb stick on them", "coral", "edge_linux"),
        ("if we did put Coral USB accelerators on the pis, does that push you further to TF?", "coral", "edge_linux"),
    ],
)  # fmt: skip
def test_a_what_if_names_the_place_the_team_has_as_where_the_new_one_goes(
    chat: Chat, said: str, supposed: str, not_supposed: str
) -> None:
    # (dev3, dev57, dev80) "the pis", "the ipads": what they have, beside the place supposed
    advised_with(chat, deployment=["server"])
    chat.say(said)
    assert chat.state.proposed is not None
    assert supposed in chat.state.proposed["deployment"] and not_supposed not in chat.state.proposed["deployment"]


def test_a_what_if_that_swaps_a_place_the_team_has_still_rules_it_out(chat: Chat) -> None:
    advised_with(chat, deployment=["jetson"])
    chat.say("what if we swapped the jetson for a raspberry pi + coral usb stick")
    assert chat.state.proposed is not None and "jetson" not in chat.state.proposed["deployment"]


@pytest.mark.parametrize(
    "said",
    [
        "oh wait my buddy jake is helping now and he knows pytorch",
        "ah sorry forgot, the intern also did pytorch in one project, he told me today",
    ],
)
def test_a_framework_people_know_said_while_the_stack_is_asked_is_their_skill(chat: Chat, said: str) -> None:
    # (dev15, dev20) asked about the stack, "he knows pytorch" is no PyTorch in production
    until(chat, "existing_stack")
    chat.say(said)
    assert "existing_stack" not in chat.state.answers
    assert "pytorch" in chat.state.answers["skills"]


def test_a_framework_running_said_while_the_stack_is_asked_is_the_stack(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("the pytorch model the intern did runs every night")
    assert chat.state.answers["existing_stack"] == ["pytorch_production"]


def test_having_to_use_cpus_after_the_advice_changes_the_hardware(chat: Chat) -> None:
    # (dev81) the GPUs retired, "we'll have to use CPUs": CPU only, said in words of its own
    advised_with(chat, hardware=["nvidia"])
    chat.say("forget what I said about the P100s — they're being retired in January, we'll have to use CPUs")
    changed = chat.state.proposed if chat.state.proposed is not None else chat.state.answers
    assert changed["hardware"] == ["cpu"]


def test_a_what_if_where_the_team_gives_up_on_a_place_supposes_it_gone(chat: Chat) -> None:
    advised_with(chat, deployment=["android", "ios"])
    chat.say("and what if the depot gives up on the iPhones?")  # (dev75)
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["android"]


def test_purely_academic_says_how_a_what_if_is_meant_not_a_research_project(chat: Chat) -> None:
    advised_with(chat, use_case=["vision"], deployment=["jetson"])
    chat.say("what if the drones carried Coral sticks instead of Jetsons? purely academic")  # (dev48)
    assert chat.state.proposed is not None
    assert chat.state.proposed["use_case"] == ["vision"] and chat.state.proposed["deployment"] == ["coral"]


def test_before_i_forget_is_a_reminder_not_a_removal(chat: Chat) -> None:
    until(chat, "timeline", deployment=["android"])
    chat.say("oh before I forget, the director has an iPhone and wants it there too. so android and iphone")  # (dev84)
    assert sorted(chat.state.answers["deployment"]) == ["android", "ios"]


@pytest.mark.parametrize("said", ["ok yes continue", "continue pls"])
def test_continue_at_the_recap_goes_on_to_the_advice(chat: Chat, said: str) -> None:
    at_recap(chat)
    replies = chat.say(said)  # (dev84)
    assert any(isinstance(r, Advise) for r in replies), replies


def test_a_what_if_that_runs_it_server_side_supposes_the_server(chat: Chat) -> None:
    advised_with(chat, deployment=["browser"])
    chat.say("what if we ran all of it server side instead of in the browser?")  # (dev75, dev85)
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["server"]


def test_after_the_advice_a_question_named_with_its_answer_changes_it_not_a_topic(chat: Chat) -> None:
    advised_with(chat, priorities=["performance"])
    chat.say("and priorities: cost, cost, cost")  # (dev73)
    assert chat.state.proposed is not None and "cost" in chat.state.proposed["priorities"]


def test_after_the_advice_needs_to_be_going_by_a_date_is_the_deadline(chat: Chat) -> None:
    advised_with(chat, timeline=["long"])
    chat.say("btw forgot to say, it needs to be working by end of jan")  # (dev70)
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["quarter"]


@pytest.mark.parametrize(
    ("said", "step", "supposed"),
    [
        # a verb of taking up in the past after "and" ends the selling's reach (dev12)
        ("what if i sold the radeon and got a 3090 instead?", "hardware", "nvidia"),
        # moved "onto a server"; a model used "as it is, no finetuning" (dev20, dev70)
        ("and if Tyler moves the whole thing onto a server instead of the browser?", "deployment", "server"),
        ("what if we just use whisper as it is, no finetuning at all", "use_case", "pretrained_only"),
    ],
)
def test_a_what_if_in_words_of_its_own_supposes_what_it_takes_up(
    chat: Chat, said: str, step: str, supposed: str
) -> None:
    advised_with(chat, use_case=["audio"], deployment=["browser"], hardware=["apple"])
    chat.say(said)
    assert chat.state.proposed is not None and supposed in chat.state.proposed[step]


def test_news_told_with_if_that_changes_anything_is_weighed_not_dropped(chat: Chat) -> None:
    advised_with(chat, deployment=["batch"])
    chat.say("Priya just confirmed it will be a cloud server API, if that changes anything.")  # (dev19)
    assert chat.state.proposed is not None and "server" in chat.state.proposed["deployment"]


def test_asked_about_the_stack_a_project_that_lives_in_notebooks_says_where_it_runs(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("Nothing in production, we are a university group. It will all live in notebooks.")  # (dev40, dev45)
    assert chat.state.answers["existing_stack"] == ["greenfield"]
    assert chat.state.answers["deployment"] == ["notebooks"]
