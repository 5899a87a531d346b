"""How the core reads phrasings from fresh corpus sets (dev17-dev23, written by helpers who never
saw the vocabulary files), as short transcripts: what is stored, and what is asked next."""

from __future__ import annotations

import pytest

from bot.conversation import UNSURE
from bot.dialogue import Advisor
from bot.replies import Advise, Answer
from bot.state import Said, State
from tests.conftest import TODAY, Chat
from tests.test_followups import advised, assert_proposed_after_the_advice, changes_nothing
from tests.test_understanding import advised_with, answer_to, at_recap, until
from tests.transcript import asked_step, text

ADVISED_ANSWERS = {
    "use_case": ["vision"],
    "skills": ["pytorch"],
    "existing_stack": ["greenfield"],
    "deployment": ["server"],
    "hardware": ["nvidia"],
    "timeline": ["quarter"],
    "priorities": ["nothing_else"],
}


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("hardware", "Out of curiosity, is ROCm support for PyTorch production-grade now, or still a science project?"),
        ("hardware", "Please what is the difference between GPU and CPU"),
        ("priorities", "wait long term support means what, like LTS versions?"),
    ],
)  # fmt: skip
def test_a_question_opening_after_a_comma_or_a_please_stores_nothing(chat: Chat, step_id: str, said: str) -> None:
    until(chat, step_id)
    before = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say(said)
    assert chat.state.answers == before
    assert asked_step(replies) == step_id


def test_a_relative_clause_in_a_statement_still_states(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android, which is what our drivers carry.")
    assert chat.state.answers["deployment"] == ["android"]


def test_a_removal_takes_out_what_it_names_and_keeps_what_another_clause_says(chat: Chat) -> None:
    until(chat, "timeline", deployment=["android", "ios"])
    chat.say("actually scrap the android bit, boss says ipads only")
    assert chat.state.answers["deployment"] == ["ios"]


def test_a_removal_naming_nothing_we_know_takes_out_nothing_said_beside_it(chat: Chat) -> None:
    until(chat, "hardware", deployment=["server", "batch"])
    chat.say("drop the realtime CRM call, IT says nightly batch only")
    assert "batch" in chat.state.answers["deployment"]


def test_off_the_shelf_is_no_removal(chat: Chat) -> None:
    chat.say("We only want to use an off-the-shelf translation model for the city website. No training whatsoever.")
    assert chat.state.answers["use_case"] == ["pretrained_only"]


def test_drop_it_removes_what_the_clause_before_it_named(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("We have a MacBook and NVIDIA cards.")
    assert set(chat.state.answers["hardware"]) == {"apple", "nvidia"}
    chat.say("wait, the MacBook was only for the prototype, drop it.")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_for_now_is_no_deadline(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("NVIDIA cards. Drop the realtime call, IT says nightly batch only for now.")
    assert "timeline" not in chat.state.answers


def test_a_correction_after_the_advice_changes_what_it_corrects_and_nothing_said_in_passing(chat: Chat) -> None:
    advised(chat)
    use_case = list(chat.state.answers["use_case"])
    chat.say("One real change: Rui is moving recs to a nightly job instead of a live API call, so it's batch now.")
    answers = chat.state.proposed or chat.state.answers
    assert answers["use_case"] == use_case
    assert answers["timeline"] == chat.state.answers["timeline"]
    assert "batch" in answers["deployment"]


def test_like_before_what_if_still_supposes(chat: Chat) -> None:
    advised(chat)
    chat.say("ok but like what if we added google cloud TPUs, they gave us credits")
    assert chat.state.proposed is not None and "tpu" in chat.state.proposed["hardware"]


def test_kindly_explain_is_a_question(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("Kindly explain what is Keras and JAX, these are from which companies?")
    assert "skills" not in chat.state.answers
    assert asked_step(replies) == "skills"


def test_a_colon_answered_not_important_before_a_comma_rules_it_out(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("- performance: answers under 200 ms\n- hiring: not important, we train people ourselves")
    assert chat.state.answers["priorities"] == ["performance"]


def test_one_day_is_someday_not_a_deadline(chat: Chat) -> None:
    advised(chat)
    timeline = list(chat.state.answers["timeline"])
    chat.say("and if one day we want the text generated directly on the iPad in the shop, without internet?")
    assert (chat.state.proposed or chat.state.answers)["timeline"] == timeline


@pytest.mark.parametrize(
    ("said", "gone", "added"),
    [
        ("What if we dropped the server and ran it on-device inside the iOS app?", ("deployment", "server"), "ios"),
        ("what if we ditched the android app and did it in the browser on the booking site", ("deployment", "android"),
         "browser"),
        ("What if the client swaps the android app for a browser page?", ("deployment", "android"), "browser"),
    ],
)  # fmt: skip
def test_what_a_what_if_drops_goes_and_what_it_does_instead_comes(
    chat: Chat, said: str, gone: tuple[str, str], added: str
) -> None:
    advised(chat, ["we are 3 pytorch devs shipping an android app and a server api in 6 weeks", "image classification",
                   "no, greenfield", "nvidia gpus", "nothing else", "yes"])  # fmt: skip
    assert set(chat.state.answers["deployment"]) == {"android", "server"}
    chat.say(said)
    assert chat.state.proposed is not None
    step, option = gone
    assert option not in chat.state.proposed[step] and added in chat.state.proposed[step]


def test_too_costly_rules_out_in_a_what_if(chat: Chat) -> None:
    advised(chat)
    chat.say("Suppose the Jetson is too costly for the farmers and we use only the Android phone, what then?")
    assert chat.state.proposed is None or "jetson" not in chat.state.proposed["deployment"]


def test_plot_twist_opens_a_what_if(chat: Chat) -> None:
    advised(chat)
    chat.say("Plot twist: a board member offers us free time on Google's TPUs. Do we take it?")
    assert chat.state.proposed is not None and "tpu" in chat.state.proposed["hardware"]


def test_not_nvidia_it_is_intel_after_the_advice(chat: Chat) -> None:
    advised(chat)
    assert chat.state.answers["hardware"] == ["nvidia"]
    chat.say("No, wait. I spoke with my son: the card is not NVIDIA, it is Intel, the one called Arc.")
    assert (chat.state.proposed or chat.state.answers)["hardware"] == ["intel"]


def test_a_colleague_who_quit_is_news_not_cancel(advisor: Advisor) -> None:
    reading = advisor.read("colleague quit friday. no keras anymore", State(phase="advised"), TODAY)
    assert reading.command is None and reading.ruled_out("skills") == ["keras"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # what was deleted forgotten or is someone else's is not the team s
        ("existing_stack", "nada. i had a tfjs demo on my portfolio site last year but i deleted it", ["greenfield"]),
        ("skills", "I did a TensorFlow course in 2019 but that is all gone. Our intern does PyTorch.", ["pytorch"]),
        ("skills", "Two backend devs, both used Tensor Flow at previous job.", ["tensorflow"]),
        ("skills", "My daughter helps on weekends, she is a data scientist at a bank, pytorch every day.", ["pytorch"]),
        ("skills", "Nobody of us has experience. My son-in-law knows Python, but he does not work in our firm.",
         ["beginners"]),
        ("deployment", "It sits behind our booking API in the cloud. The iOS and Android apps just call it.",
         ["server"]),
        ("deployment", "Only on the office server at night: it reads the mailbox and prepares the forms.", ["batch"]),
        ("skills", "- Rui: backend, Python + Django\n- Marta (freelance, 2 days/week): PyTorch", ["python", "pytorch"]),
        # zero after a framework and only after not
        ("skills", "i know python little bit from youtube, tensorflow zero.", ["python"]),
        ("deployment", "iPad for the workshop, so not Android only: both.", ["android", "ios"]),
        # plain words from fresh voices
        ("priorities", "Cheap. I'm not made of money.", ["cost"]),
        ("priorities", "cheap. and it better not be slow, people texting me are already mad enough",
         ["cost", "performance"]),
        ("existing_stack", "We do not have anything of this kind. Our old provider had one; we ended that contract.",
         ["greenfield"]),
        ("existing_stack", "nothin. the fleet owners have there own telematics, thats not ours", ["greenfield"]),
        ("use_case", "Thank you for your help. We wish to find pinholes and tears from a photograph of each sheet.",
         ["vision"]),
        ("use_case", "halo, we make gamelan. i want a model that listen the gong after hammering. so sound model hehe",
         ["audio"]),
        ("use_case", "when a shop owner orders the mole, the system suggests other products he would probably also buy",
         ["recsys"]),
        ("use_case", "got 8 yrs of service records in a database plus the engine fault codes", ["tabular"]),
        # a fronted no someone else's tools and a lifetime are no answers
        ("skills", "I learned Keras in a course, and my colleague also. Of PyTorch we know nothing.", ["keras"]),
        ("skills", "I know PyTorch now, used it for my final project. TensorFlow I have forgotten.", ["pytorch"]),
        ("skills", "The integrator company we met works with 'Torch', but we did not sign with them. We know Python.",
         ["python"]),
        ("skills", "Our web agency says they know TensorFlow. In house it's me, and I know Python.", ["python"]),
        ("deployment", "Prediction we want on the mobile, Android only. iPhone nobody is having.", ["android"]),
        ("hardware", "8x H100 on-prem. Two MI300X too, but those are for benchmarking; no training there.", ["nvidia"]),
        ("existing_stack", "No machine learning in production. The consultant's Keras model was never deployed.",
         ["greenfield"]),
        ("priorities", "Long-term support is key; we cannot afford to rebuild in two years.", ["cost", "long_term"]),
        ("skills", "Myself: PyTorch, about 3 years in university laboratory.", ["pytorch"]),
        # made already generated hoped for and cheapest in passing
        ("use_case", "models already made that look at a photo of a sick plant. We don't want to be teaching it.",
         ["pretrained_only"]),
        ("use_case", "want an image generator that does mockups in MY lettering style", ["llm"]),
        ("existing_stack", "zero ML in prod unless you count my father in law's gut", ["greenfield"]),
        ("deployment", "runs on a raspberry pi 5 in the shack, a web version would be handy one day", ["edge_linux"]),
        ("deployment", "server, mails come through the gmail api. for training we rent whatever's cheapest that day",
         ["server"]),
        # a take-back naming another question's option, and no inference there
        ("hardware", "DGX Station with 4x V100 for training. (there's an AMD MI210 node too but we don't train on it)",
         ["nvidia"]),
        ("deployment", "Jetson AGX Orin on the gondola. Telemetry goes up to a server but zero inference there.",
         ["jetson"]),
        # ruled out, switched away, not cared about, no budget, a laptop's chip (dev25)
        ("skills", "Both comfortable with PyTorch; one did TF back in 2018 but switched years ago.", ["pytorch"]),
        ("priorities", "Cost and inference speed. Long-term support - don't care.", ["cost", "performance"]),
        ("hardware", "my macbook air m2. zero gpu budget", ["apple"]),
        ("hardware", "we dont have gpu. only my laptop, a lenovo with intel i5", ["cpu"]),
        # someone not part of this, never in his life, not decided, not us (dev24)
        ("skills", "my daughter uses PyTorch, but she's in Edinburgh and not really part of this. I'm new to it all.",
         ["beginners"]),
        ("skills", "Our programmer Nico use PyTorch since 2 years. TensorFlow, never in his life", ["pytorch"]),
        ("hardware", "Brian proposes Colab with TPU but we have not decided. For now, only the office desktop, CPU.",
         ["cpu"]),
        # newcomers generators control mornings and zero budget
        ("skills", "Pippa does a bit of Python. Nobody here has ever done machine learning.", ["beginners", "python"]),
        ("skills", "i know some python from college, never done any machine learning tho", ["beginners", "python"]),
        ("use_case", "a text generator fine-tuned on our newsletters so it writes in our voice", ["llm"]),
        ("use_case", "control reel speed from camera and sonar, closed loop. A control problem.", ["robotics"]),
        ("deployment", "Result should come on the shop laptop every night, no need of instant.", ["batch"]),
        ("priorities", "cost!! zero budget basically. n speed on cheap phones", ["cost", "performance"]),
        ("skills", "2 of us did pytorch fine-tuning, the rest are c++ devs. nobody knows tf", ["pytorch"]),
        # a language beside "nobody knows ML", a denial after, dead pixels, sessions (dev26-dev28)
        ("skills", "nobody know ML. the young engineer maxime know python", ["beginners", "python"]),
        ("skills", "ngl nobody here is an ml person lol. i can do some python from a udemy thing",
         ["beginners", "python"]),
        ("hardware", "CPUs only. Sanctions make NVIDIA cards very hard to obtain, and we have none.", ["cpu"]),
        ("hardware", "two RTX 4090s. Prof. Sato's lab next door has AMD MI210s - that is their machine, not ours.",
         ["nvidia"]),
        ("existing_stack", "Then no, we have none; the workshop has worked on paper since 1920.", ["greenfield"]),
        ("skills", "PyTorch, Ultralytics. Nothing deployed; notebooks on my laptop don't count.", ["pytorch"]),
        ("use_case", "We need inspection of the LCD panels for dead pixels and scratches, using the line cameras.",
         ["vision"]),
        ("use_case", "So I play sessions here in town and want an app that writes the chord chart from audio.",
         ["audio"]),
        ("hardware", "none of our computers has a graphics card, it learns on the plain CPU", ["cpu"]),
        ("skills", "Team is PyTorch. Our intern used Keras, but her internship ended last month. So, PyTorch.",
         ["pytorch"]),
        ("skills", "- algorithm engineer: PyTorch 3 years\n- the Alibaba team we talk with use TF, not relevant for us",
         ["pytorch"]),
        ("existing_stack", "a contractor built it in 2017, Gerard says it's 'TensorFlow one point something'",
         ["tf1_legacy"]),
        # what the project is, in plain words (dev26-dev28)
        ("use_case", "We wish to grade nutmegs as sound or defective from photographs taken at the sorting table.",
         ["vision"]),
        ("use_case", "My grandson says I should talk to a robot. The website should say people who bought this "
         "also bought that.", ["recsys"]),
        ("use_case", "warehouse one is spotting damaged cartons from the cctv feed", ["vision"]),
        ("use_case", "Same project: sorting book records into subject categories from their titles and blurbs.",
         ["nlp"]),
        ("use_case", "Kuzuzangpo la. The scoring is done by the people near the target. We want a camera at the "
         "target which can see where the arrow hits.", ["vision"]),
        ("timeline", "the diwali rush is over. we need it by april", ["half_year"]),  # a feast past is no date
        ("timeline", "Robots must be in the fields before Golden Week, when most planting starts here.",
         ["half_year"]),
        ("hardware", "Laptop is a ThinkPad, CPU only. Pieter keeps going on about Google TPUs", ["cpu"]),  # a wish
        # forgotten, not counting, an Intel processor, apps that display (dev29)
        ("skills", "Honestly we're all new to this. Pol did some Keras at uni but that was 5 years ago and he's "
         "forgotten everything", ["beginners"]),
        ("skills", "nobody here knows any of that. my cousin did a wee python course but hes in aberdeen so "
         "doesnt count", ["beginners"]),
        ("hardware", "We don't have GPU. Only normal office PCs with Intel processor.", ["cpu"]),
        ("deployment", "model runs on our backend on AWS, the iOS/Android apps just display whatever it sends back",
         ["server"]),
        # a course-taker beside the rest who know nothing, what they won't train on, what was asked about (dev32)
        ("skills", "our volunteer Omar did keras course last yr. the vets know nothing abt ML, me included",
         ["beginners", "keras"]),
        ("skills", "Team: three .NET developers and one analyst with Python. Nobody in the team has worked with "
         "machine learning.", ["beginners", "python"]),
        ("skills", "PyTorch, all three of us. one guy insists he 'knows' TensorFlow because he ran a Colab in 2019. "
         "he doesn't.", ["pytorch"]),
        ("hardware", "one server with two NVIDIA RTX A6000s; I also have an M1 MacBook Air but I won't train on that",
         ["nvidia"]),
        ("skills", "Keras, JAX... abeg what are all these things?", []),
        # never touched, a request not approved, TF "version 1", like Netflix (dev30, dev31)
        ("skills", "me n my friend did the fast.ai course so pytorch only. tf never touched", ["pytorch"]),
        ("hardware", "The data centre has only CPU servers. The IT department requested NVIDIA cards for the next "
         "budget, but the request has not been approved.", ["cpu"]),
        ("existing_stack", "A vendor made it in 2018 with TensorFlow version 1. It is still used every day.",
         ["tf1_legacy"]),
        ("use_case", "i want our site to suggest classes to guests based on what they booked before, like netflix "
         "but for yoga", ["recsys"]),
        # others' work, forgotten skills, expired grants, abandoned apps, "besides" that adds (dev34)
        ("skills", "I did a keras course in 2021 but honestly I forgot everything. my nephew knows pytorch, but he "
         "is not working for us. so realistic: me with some python scripting", ["python"]),
        ("skills", "me: python, pandas. my collegue Amina did her PhD with PyTorch. the group HQ in Paris uses "
         "TensorFlow but we are not them", ["python", "pytorch"]),
        ("hardware", "ALICE: A100s plus a few H100 nodes. we had a TRC grant for v4 TPUs but that expired in march",
         ["nvidia"]),
        ("existing_stack", "Our old supplier had a TFLite model on their sprayer. We sold that sprayer.", []),
        ("hardware", "besides the cluster A40s i also train the small ones on my new M3 macbook", ["apple", "nvidia"]),
        ("deployment", "Android phones. Cheap ones, Tecno, Infinix, itel. iPhone no dey our plan at all at all",
         ["android"]),
        # forgotten, handed back, someone else's kit; an AMD CPU; a list read through after its "not"
        ("skills", "I learned a little of Keras at a 2019 workshop, but I have forgotten all. We are beginners.",
         ["beginners"]),
        ("skills", "I used TensorFlow for my thesis but I forgot it completely. Today we are PyTorch.", ["pytorch"]),
        ("hardware", "Two RTX 6000 cards. We had an MI210 on loan from the college; it went back last month.",
         ["nvidia"]),
        ("skills", "We write Python. The science side has a TensorFlow model, but that's their kit, not ours.",
         ["python"]),
        ("hardware", "CPU only; a 32-core AMD EPYC box and no GPUs.", ["cpu"]),
        ("deployment", "On a server. Not an application for iPhone or for Android.", ["server"]),
        # "no GPU" beside a named accelerator says which it is not; beside Windows, it is CPU only
        ("hardware", "No GPU in the lab. Rafael fine-tunes in Google Colab with TPU.", ["tpu"]),
        ("hardware", "One office PC with Windows, no graphics card.", ["cpu", "windows"]),
        ("deployment", "onboard Jetson Orin Nano. STM32H7 stays for servo PWM, no model on it", ["jetson"]),
        ("deployment", "it sits on a server behind the portal. nothin on phones", ["server"]),
        ("priorities", "Performance no be issue. COST na the issue.", ["cost"]),
        ("priorities", "perf perf perf. 30ms budget per frame.", ["performance"]),
        ("existing_stack", "One TF model in prod for the label check. Running 2 yrs.", ["tf_production"]),
        # beginners and nothing yet, in many words; photos and readings name the data only when
        # nothing says what is done with it
        ("skills", "none of us codes, we're designers", ["beginners"]),
        ("skills", "python a little from youtube. ML never done.", ["beginners", "python"]),
        ("skills", "PyTorch is new to me, I know TensorFlow", ["tensorflow"]),
        ("existing_stack", "lol no. the county runs on a mainframe and prayers", ["greenfield"]),
        ("use_case", "we sort 3000 SMS a month into complaints, questions and fraud reports, so text "
         "classification basically", ["nlp"]),
        ("use_case", "boss wants an AI that generates new lantern designs from our old sketches and photos",
         ["llm"]),
        ("use_case", "Detect dolphin clicks from hydrophone WAVs. (Photo-ID is a separate project, ignore it.)",
         ["audio"]),
        ("use_case", "an arm that slips a paper bag over each fruit cluster: perception and control", ["robotics"]),
        ("use_case", "I want something that writes the product descriptions and drafts replies to customer emails",
         ["llm"]),
        ("use_case", "a mountain of papers: permits, incident reports. I want a system that reads these documents and "
         "classifies them", ["nlp"]),
        ("use_case", "We want to count visitors passing the temple gates with a camera. No face recognition.",
         ["vision"]),
        ("use_case", "Need to classify type of deed and extract parcel numbers; the deeds are already OCR to text.",
         ["nlp"]),
        # someone else's system ("that's corporate's", "that stayed with them"); "now" is "at present"
        ("existing_stack", "Corporate has a TensorFlow thing on the menu boards, but that's corporate's, top to "
         "bottom. On our side there's nothing.", ["greenfield"]),
        ("existing_stack", "Nothing of ours. The alarm company had a TensorFlow model for the cameras but that "
         "stayed with them.", ["greenfield"]),
        ("hardware", "I sold the MacBook and bought a Windows laptop with an RTX 4060, so it's that one now",
         ["nvidia", "windows"]),
        # (dev39) the mobile signal is no phone app; "not so important"; "that's it" ends a list
        ("deployment", "It runs on the truck itself, a small Linux computer in the cab. Mobile signal is bad, so "
         "not in the cloud.", ["edge_linux"]),
        ("priorities", "Cost is important. Speed not so important, the emails can wait.", ["cost"]),
        ("priorities", "cheap and fast on the little box, no? thats it", ["cost", "performance"]),
        ("skills", "we know keras a little from the thesis. pytorch nobody knows", ["keras"]),
        ("skills", "- me: the 2023 prototype in Keras\n- PyTorch: zero experience", ["keras"]),
        ("skills", "ML side -> pytorch (me), jax (nobody, stop asking)", ["pytorch"]),
        ("skills", "pytorch. one guy claims jax, i'll believe it when i see it", ["pytorch"]),
        ("deployment", "In the browser on the club iPad (Safari). No native app.", ["browser"]),
        ("deployment", "riders all use android, some old oppo. the app must be inside their phone. iphone no need",
         ["android"]),
        ("hardware", "training on my laptop, ryzen 7 with radeon 6600m", ["amd"]),
        ("skills", "self taught. python from youtube, ML is totally new to me", ["beginners", "python"]),
        ("existing_stack", "greenfield. SCADA is Siemens, no ML anywhere.", ["greenfield"]),  # English, loan words
        ("hardware", "An internal workstation with two NVIDIA RTX A6000 cards. Use of Google's cloud TPUs would not "
         "be permitted.", ["nvidia"]),
        ("hardware", "We will not train. Aibek has only ordinary computers, no special video cards.", ["cpu"]),
        ("deployment", "Arm model would run on a box beside the belt too, some Linux thing. Not sending anything to "
         "the cloud.", ["edge_linux"]),
        ("deployment", "will run in cloud, the ministry gives us a server and the sms gateway sends to the api",
         ["server"]),
        ("existing_stack", "Our group: nothing in production. The ordering-app team uses PyTorch in prod, but separate "
         "unit, separate servers, no need to integrate.", ["greenfield"]),
        ("deployment", "It must run on the computer in our office, on our premises. The permits are confidential.",
         ["batch"]),
        ("deployment", "Processing will be on our office workstation after each flight.", ["batch"]),
        ("hardware", "Training: Ubuntu box, 2x RTX 4090. TPUs — forget it.", ["nvidia"]),
        ("skills", "nephew knows python little bit from his BCA. nobody else know anything about AI ji",
         ["beginners", "python"]),
        ("skills", "Honestly nobody in our foundation knows AI. Faisal did a Python course, he writes small scripts.",
         ["beginners", "python"]),
        # a date said beside a word that dates other things in other messages ("moving", "course")
        ("timeline", "first figure has to be moving in the park by mid-april", ["half_year"]),
        ("timeline", "Transport Canada audits the course on 15 February. Want the new model live before that.",
         ["quarter"]),
        ("timeline", "needs to be live for the new harvest intake, 15/09/2027", ["long"]),
        ("timeline", "go-live 01/15/2027 at the latest", ["quarter"]),
        ("timeline", "Turnaround (planned shutdown) is week 19, May 2027. Migration must be done by then.",
         ["half_year"]),
        ("timeline", "May 2027.", ["half_year"]),
        # a doubt said of something else in a sentence of its own skips nothing
        ("deployment", "Cloud! Our office internet is bad but AWS works ok from here. Maybe phones later, we'll see!",
         ["server"]),
        ("priorities", "Most important is cost, we are small company. Later maybe we hire student who knows this",
         ["cost"]),
        ("deployment", "Our secretaries would open it in the web browser on the office computers.", ["browser"]),
        # someone else's stack, a server refused, a GPU not to count on
        ("existing_stack", "our partner in Dodoma has a TFLite app for the maths test, but ours is seperate, nothing "
         "built yet", ["greenfield"]),
        ("existing_stack", "Prod today: zero ML. The integrator's YOLO only ever ran in a demo, never went live.",
         ["greenfield"]),
        ("deployment", "A monthly report run on the office server. No mobile, no web, NOTHING fancy.", ["batch"]),
        ("deployment", "Parents use a web app; the model will run right in their browser. I refuse to pay for a "
         "server, and no phone apps either", ["browser"]),
        ("hardware", "thinkpad with linux no gpu. the uni has a gpu server but the queue is like 3 weeks and my "
         "supervisor says dont count on it", ["cpu"]),
        # "in" a season dates what it is said of; asked about something else, no deadline
        ("use_case", "We harvest icebergs in the spring and bottle them. I need to forecast how many cases to "
         "bottle each month. It's all numbers in Excel.", ["tabular"]),
        # words with a meaning of their own: the storm's lightning, a dashboard that calls the model,
        # a migration that cost weeks, premises that say where the server stands
        ("use_case", "fine. drone pics of wind turbine blades, find leading edge erosion and lightning damage",
         ["vision"]),
        ("priorities", "long-term support, definitely. the old TF 1 stuff from 2016 cost us weeks to migrate",
         ["long_term"]),
        ("deployment", "server, on-premise, Bank Al-Maghrib does not like cloud", ["server"]),
        ("deployment", "On-premises server only, no cloud, as per SECP regulations. Claims are to be processed as "
         "they arrive.", ["server"]),
        ("deployment", "Nightly batch on on-prem CPU servers. Not in any cloud.", ["batch"]),  # the batch's place
        # "plus" adds hardware, not a date: the allocation starts in January, nothing ships then
        ("hardware", "GPU partition at CC-IN2P3, V100s and A100s. Plus an allocation on AMD MI250s at a national "
         "centre starting in January.", ["amd", "nvidia"]),
        # said in the asker's own words (Hindi, Swahili, plain "free"), or said twice
        ("priorities", "Gharama! cloud and data bundles are expensive here", ["cost"]),
        ("priorities", "must run fast on cheap phones, and free", ["cost", "performance"]),
        ("priorities", "cost, and it must be easy to find students who can maintain it after our dev leaves",
         ["cost", "hiring"]),
        ("existing_stack", "kuch bhi nahi, new project", ["greenfield"]),
        ("skills", "we are new to all this. zero experience", ["beginners"]),
        ("timeline", "breakthrough's not till 2028 so there's time", ["long"]),
        # taken back in the same message, on a question of several answers too
        ("deployment", "a Raspberry Pi 5 with the AI HAT. wait no, I switched to a Jetson Orin Nano last month",
         ["jetson"]),
        ("deployment", "android. oh wait, iOS too", ["android", "ios"]),
        ("hardware", "A100s and H100s on the shared cluster. We're also testing an Intel Gaudi box a vendor lent "
         "us, don't include that, it goes back in December.", ["nvidia"]),  # taken back, no date either
        # dev107: never touched, nothing signed; northern "nowt"; "new for ML"
        ("skills", "me and my guy sabi python small small. tensorflow and pytorch, we never touch am", ["python"]),
        ("hardware", "We have a reserved block of ND H100 v5 in Azure. Google is pitching TPUs to us pretty hard "
         "but nothing signed.", ["nvidia"]),
        ("priorities", "nowt else really", ["nothing_else"]),
        ("skills", "Honestly team is new for ML. One fresher knows python only.", ["beginners", "python"]),
        ("hardware", "we train in Naver cloud A100. designers use macbook but they dont train", ["nvidia"]),
        ("skills", "TensorFlow and Keras, mostly. One chap dabbles in PyTorch but I wouldn't count on him.",
         ["keras", "tensorflow"]),
        # dev106, dev108, dev109: try-ons, two-tower recs, webhooks, a rewrite feared, ML people not found
        ("use_case", "my manager asked me to find the best framework for our virtual try-on of sunglasses", ["vision"]),
        ("use_case", "Content recs for our news + video properties. Two-tower retrieval + ranking.", ["recsys"]),
        ("deployment", "needs to check every order as it comes in, webhook innit", ["server"]),
        ("priorities", "Cheap, obviously. And I don't want to rewrite it in 2 years", ["cost", "long_term"]),
        ("priorities", "Long-term maintenance. Also we cannot find ML people easily in Landshut.",
         ["hiring", "long_term"]),
        ("use_case", "we've got a TBM on a rail tunnel job. want a model that learns to steer it, control/RL sort "
         "of thing. we've also got heaps of ground condition logs but that's not the main thing", ["robotics"]),
    ],
)  # fmt: skip
def test_a_fresh_voice_s_answer_is_stored_and_nothing_said_in_passing(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    if step_id != "use_case":
        until(chat, step_id)
    before = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say(said)
    assert sorted(chat.state.answers.get(step_id, [])) == stored
    # no other answer changed: "2 days/week" is no deadline, the consultant's Keras no skill of the
    # team's, whatever's cheapest for training no priority
    assert {k: v for k, v in chat.state.answers.items() if k != step_id} == before


@pytest.mark.parametrize(
    "said",
    [
        "swali kwanza: if we say batch now, can we still make it real-time later without starting over?",
        "if we go with the browser, would that be slow?",
    ],
)
def test_a_what_if_asked_during_the_questions_is_held_not_stored(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    before = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say(said)
    assert chat.state.answers == before and chat.state.pending == "deployment"
    assert "once I have your recommendation" in text(replies)


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("hardware", "4x A100 80GB node at FORTH, plus TRC access to a TPU v4-32 for the JAX side."),
        ("priorities", "perf (latency!!) and hiring, lagos market is mostly tf/keras folks from bootcamps afaik"),
    ],
)
def test_a_framework_named_about_the_hardware_or_the_market_is_no_team_skill(
    chat: Chat, step_id: str, said: str
) -> None:
    until(chat, step_id, skills=[UNSURE])  # skills left open: a statement could fill it
    chat.say(said)
    assert chat.state.answers["skills"] == [UNSURE]
    assert chat.state.pending != step_id  # the question itself was answered


@pytest.mark.parametrize(
    ("said", "skills"),
    [
        ("there's a keras model an agency built in 2021, running in prod on tensorflow but nobody's touched it since",
         [UNSURE]),
        ("We have a TF 2 model in production for revenue management. Runs on Vertex AI.", [UNSURE]),
        # said of people, a framework is still a skill
        ("we have an old TF1 model and that's it, and we're 2 pytorch people", ["pytorch"]),
    ],
)  # fmt: skip
def test_a_framework_said_of_the_production_system_is_no_team_skill(chat: Chat, said: str, skills: list[str]) -> None:
    until(chat, "existing_stack", skills=[UNSURE])  # skills left open: a statement could fill it
    chat.say(said)
    assert chat.state.answers["skills"] == skills
    assert chat.state.pending != "existing_stack"


@pytest.mark.parametrize(
    "said",
    [
        "train on the server, it has an old quadro in it. or colab's TPUs if the free ones are still a thing",
        "Training we are doing in the department lab, eight desktops with RTX 3060 under Windows, and there is one "
        "old Tesla K40 server also which nobody is touching now.",
    ],
)
def test_a_server_named_while_the_training_hardware_is_asked_is_no_deployment_target(chat: Chat, said: str) -> None:
    until(chat, "hardware", deployment=[UNSURE])  # where it runs left open: a statement could fill it
    chat.say(said)
    assert chat.state.answers["deployment"] == [UNSURE]
    assert chat.state.pending != "hardware"


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("timeline", "Towing season kicks off in Jan, so ~6-7 weeks. Needs to hold 30fps on the Orin."),
        ("priorities", "cost and long term support. performance not needed, its a nightly job mostly"),
    ],
)
def test_a_device_named_as_the_reason_for_a_deadline_or_a_priority_is_no_deployment_target(
    chat: Chat, step_id: str, said: str
) -> None:
    until(chat, step_id, deployment=[UNSURE])
    chat.say(said)
    assert chat.state.answers["deployment"] == [UNSURE]
    assert chat.state.pending != step_id


def test_a_framework_said_of_the_stack_while_the_deadline_is_asked_is_no_team_skill(chat: Chat) -> None:
    until(chat, "timeline", skills=[UNSURE])
    chat.say('Ticket updated: "Existing system migrated to TF2 SavedModel + TF Serving last sprint." so TF in prod now')
    assert chat.state.answers["skills"] == [UNSURE]


@pytest.mark.parametrize(
    "said",
    [
        "long-term support, definitely. the old TF 1 stuff from 2016 cost us weeks to migrate",
        "long-term. we keep things running for a decade (see TF1 lol)",
    ],
)
def test_an_old_stack_named_as_the_reason_for_a_priority_is_not_what_runs_today(chat: Chat, said: str) -> None:
    until(chat, "priorities", existing_stack=[UNSURE])  # the stack left open: a statement could fill it
    chat.say(said)
    assert chat.state.answers["existing_stack"] == [UNSURE]
    assert chat.state.answers["priorities"] == ["long_term"]


@pytest.mark.parametrize(
    "said",
    [
        "we're iOS devs, swift mostly, zero ML",
        "My daughter used PyTorch for her final project, and my nephew helps sometimes but he only does the web pages "
        "of the company",
        "1) My colleague Andrés programs Arduinos in C. 2) I use R for statistics. 3) Nobody here has trained a neural "
        "network.",
    ],
)
def test_what_the_team_does_for_a_living_is_no_target(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert "deployment" not in chat.state.answers


@pytest.mark.parametrize(
    "said",
    [
        "Hang on, my business partner wants a go from scratch, can ya reset it",
        "I think I answered the hardware question wrongly; can I redo the whole thing from zero?",
    ],
)
def test_a_restart_asked_for_in_a_sentence_after_the_advice_starts_over(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.phase == "asking" and not chat.state.answers


def test_a_dashboard_that_calls_the_model_live_changes_no_use_case(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("batch")
    use_case = chat.state.answers["use_case"]
    chat.say("it's not batch, the dashboard calls the model live every time a new event comes in. change it")
    assert chat.state.answers["use_case"] == use_case  # "calls" is no phone calls: no speech


def test_an_option_too_pricey_in_a_what_if_is_the_one_given_up(chat: Chat) -> None:
    advised(chat)
    chat.say("what if the jetsons are too pricey and we go with coral usb sticks instead?")
    assert chat.state.proposed is not None
    assert "coral" in chat.state.proposed["deployment"] and "jetson" not in chat.state.proposed["deployment"]


def test_a_removal_verb_with_a_thing_of_its_own_removes_nothing(chat: Chat) -> None:
    chat.say("hi")
    assert chat.state.pending == "use_case"
    chat.say("autonomous drone - finds the surfer after a wipeout and drops a float on them. flies itself, detection")
    assert chat.state.answers["use_case"] == ["robotics"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("We want an LLM to draft replies to applicants' emails in Spanish and English", "llm"),
        ("Robot arm for noodle pulling + broth portioning. Control, not just vision.", "robotics"),
        ("An existing OCR model will be used without training.", "pretrained_only"),
        ("research; forecasting of outbreaks from soil moisture tables; we publish", "research"),
        ("Want to run our dashcam footage through something that already exists. Don't wanna train anything",
         "pretrained_only"),
    ],
)  # fmt: skip
def test_the_kind_of_project_that_takes_the_other_in_is_the_use_case_not_a_which_question(
    chat: Chat, said: str, stored: str
) -> None:
    chat.say("hi")
    replies = chat.say(said)
    assert chat.state.answers["use_case"] == [stored]
    assert chat.state.which is None
    assert asked_step(replies) == "skills"


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("we have glide tests from 8 winters. wax recipe + snow temp + humidity -> glide time. want to predict "
         "best wax", "tabular"),
        ("predicting patient deterioration from vitals", "tabular"),
        # (a word that names the data decides: "predict" yields to it)
        ("we want to predict the breed from photos of the dogs", "vision"),
    ],
)  # fmt: skip
def test_predicting_something_from_data_is_tabular_unless_the_data_is_named(chat: Chat, said: str, stored: str) -> None:
    chat.say("hi")
    chat.say(said)
    assert chat.state.answers["use_case"] == [stored]


def test_a_prediction_in_a_what_if_supposes_no_new_use_case(chat: Chat) -> None:
    advised(chat)
    use_case = chat.state.answers["use_case"]
    chat.say("If later we put the model on iPads, so workers see the prediction, does it change something?")
    assert chat.state.proposed is not None and chat.state.proposed["use_case"] == use_case


@pytest.mark.parametrize(
    ("said", "hardware"),
    [
        ("what if we moved training to the MI210 after all?", ["amd"]),
        ("counterfactual: we get acquired by a Google-adjacent co, forced onto TPUs for training", ["tpu"]),
        ("ok and worst case: budget is zero and we're stuck on CPUs", ["cpu"]),
    ],
)
def test_a_what_if_moving_training_elsewhere_supposes_it_instead(chat: Chat, said: str, hardware: list[str]) -> None:
    advised(chat)
    assert chat.state.answers["hardware"] == ["nvidia"]
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == hardware


@pytest.mark.parametrize(
    "said",
    [
        "And if instead of once a month we need it as a live API for Chiara's web shop?",
        "If our two other shops had to connect to it as a hosted service, how would that affect the recommendation?",
        "what if the survey team wants the posterior estimator served as an API",
    ],
)
def test_a_what_if_serving_it_as_an_api_supposes_a_server(chat: Chat, said: str) -> None:
    advised(chat)
    assert "server" not in chat.state.answers["deployment"]
    chat.say(said)
    assert chat.state.proposed is not None and "server" in chat.state.proposed["deployment"]


@pytest.mark.parametrize(
    "said",
    [
        "correction, sorry: the RTX machine was moved to the Adigrat office, so for training we have only CPU now",
        "Suppose the TPU allocation were our only compute, i.e. the 4090s get reassigned to another group.",
    ],
)
def test_hardware_moved_or_reassigned_elsewhere_is_gone(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and "nvidia" not in chat.state.proposed["hardware"]


@pytest.mark.parametrize(
    ("phase", "said", "command"),
    [
        ("asking", "I require some assistance with this screen, please.", "help"),
        ("asking", "I do not understand what is being asked here. Kindly explain how one is to use this system.",
         "help"),
        ("advised", "I should like to begin the questions again, with our field officer answering this time.",
         "restart"),
    ],
)  # fmt: skip
def test_formal_requests_for_help_or_a_new_start_are_commands(
    advisor: Advisor, phase: str, said: str, command: str
) -> None:
    state = State(phase="asking", pending="skills") if phase == "asking" else State(phase="advised")
    assert advisor.read(said, state, TODAY).command == command


@pytest.mark.parametrize(
    "said",
    ["cost. we no get money at all. and e must still dey work when I no dey here again",
     "Above all confidentiality; and that it does not cost us a fortune."],
)  # fmt: skip
def test_having_no_money_makes_cost_a_priority(chat: Chat, said: str) -> None:
    until(chat, "priorities")
    chat.say(said)
    assert "cost" in chat.state.answers["priorities"]


def test_a_vendor_taking_the_gpu_machine_back_leaves_ordinary_computers(chat: Chat) -> None:
    advised(chat)
    chat.say("Suppose the vendor takes back the NVIDIA machine and we have only ordinary computers without it?")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["cpu"]


def test_cut_it_removes_the_thing_named_before(chat: Chat) -> None:
    until(chat, "timeline", deployment=["browser", "android"])
    chat.say("sorry the browser thing, cut it. only the phone one")
    assert chat.state.answers["deployment"] == ["android"]


def test_a_statement_asked_about_with_or_is_that_is_a_question(chat: Chat) -> None:
    advised(chat)
    changes_nothing(chat, "So PyTorch is actually fine on CPU-only servers, or is that marketing?")


@pytest.mark.parametrize("said", ["Maybe cost? I don't know", "not sure. maybe the cloud", "No. I don't know."])
def test_a_doubt_about_the_answer_itself_is_still_not_sure(advisor: Advisor, said: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="priorities"), TODAY).command == "unsure"


def test_the_month_may_hedges_nothing_said_after_it(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("May 2027 we ship the android app")
    assert chat.state.answers["deployment"] == ["android"]
    assert chat.state.answers["timeline"] == ["half_year"]


def test_instead_o_rules_out_what_follows(chat: Chat) -> None:
    advised(chat)
    chat.say("Whit if we ran it as an overnight batch instead o' a live API?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["batch"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("Clinics order gloves and test kits through our portal. Want 'you probably also need X' suggestions.",
         "recsys"),
        ("nurses type the symptoms anyhow anyhow. we want the machine to read dem notes and flag who is urgent",
         "nlp"),
        ("we record kids reading a passage aloud. want a model that listens and scores it automaticaly", "audio"),
        ("the parish radio shows, we want them transcribed for the archive", "audio"),
        ("comment moderation on our news site", "nlp"),
        ("estimating body fat from the scale's numerical data", "tabular"),
        ("forecast footfall per hour from the ticket scans and the weather", "tabular"),  # (scans, not images)
    ],
)  # fmt: skip
def test_the_kind_of_work_said_in_a_fresh_voice_is_the_use_case(chat: Chat, said: str, stored: str) -> None:
    chat.say("hi")
    chat.say(said)
    assert chat.state.answers["use_case"] == [stored]


def test_two_kinds_of_work_neither_taking_the_other_in_are_still_asked_about(chat: Chat) -> None:
    chat.say("hi")
    replies = chat.say("computer vision and speech recognition")
    assert "use_case" not in chat.state.answers
    assert chat.state.which == {"use_case": ["vision", "audio"]}
    assert any(isinstance(r, Answer) and "Which one" in r.text for r in replies)


def test_also_never_replaces_a_one_choice_answer_silently(chat: Chat) -> None:
    until(chat, "hardware")
    assert chat.state.answers["use_case"] == ["vision"]
    replies = chat.say("NVIDIA cards. We also do text classification too.")
    assert chat.state.answers["use_case"] == ["vision"]  # asked about, not replaced
    assert chat.state.answers["hardware"] == ["nvidia"]
    assert any(isinstance(r, Answer) and r.choices for r in replies)


def test_rule_out_the_tpu_option_after_the_advice(chat: Chat) -> None:
    advised(chat)
    chat.say("he would rather not use Google's cloud, so please rule out the TPU option.")
    assert "tpu" not in (chat.state.proposed or chat.state.answers)["hardware"]


def test_nobody_here_knows_pytorch_rules_it_out_and_is_no_new_to_ml(advisor: Advisor) -> None:
    said = "For the record: the team is Keras and TF only. Nobody here knows PyTorch."
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert reading.ruled_out("skills") == ["pytorch"]
    assert "beginners" not in reading.said("skills")


def test_news_ruling_one_option_out_and_naming_another_keeps_the_rest(chat: Chat) -> None:
    advised(chat, ["we are 3 pytorch devs shipping a server api in 6 weeks", "image classification",
                   "no, greenfield", "nvidia gpus", "nothing else", "yes"])  # fmt: skip
    assert chat.state.answers["deployment"] == ["server"]
    chat.say("ah i forget to say, all the workers phones are android, nobody have iphone")
    assert set((chat.state.proposed or chat.state.answers)["deployment"]) == {"server", "android"}


def test_losing_an_option_in_a_what_if_rules_it_out(advisor: Advisor) -> None:
    said = "Counterfactual: same project, but the lab loses TPU access and it's GPUs only?"
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert [(f.option_id, f.negated) for f in reading.found if f.step_id == "hardware"][:1] == [("tpu", True)]


@pytest.mark.parametrize(
    ("said", "step_id", "option_id"),
    [
        ("say the jetson carks it and we use a laptop with the coral stick, the google one", "deployment", "jetson"),
        ("what if ANVISA pushes us off the Orin onto an x86 edge box, no CUDA", "deployment", "jetson"),
        ("what happens if we throw out the old TensorFlow one thing entirely and start fresh", "existing_stack",
         "tf1_legacy"),
        ("what if my advisor finally lets me port the tf1 solver to jax, so no legacy constraint at all",
         "existing_stack", "tf1_legacy"),
    ],
)  # fmt: skip
def test_what_a_what_if_gives_up_is_ruled_out_not_supposed(
    advisor: Advisor, said: str, step_id: str, option_id: str
) -> None:
    # a Jetson that dies or that a regulator pushes them off; a legacy stack thrown out or ported away
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert option_id in reading.ruled_out(step_id) and option_id not in reading.said(step_id)


def test_a_short_question_after_a_what_if_asks_the_verdict_not_a_skill(advisor: Advisor) -> None:
    said = "Say the client makes us run alignment on AMD MI300 boxes in their DC. Still PyTorch?"
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert {(f.step_id, f.option_id) for f in reading.found} == {("hardware", "amd")}


def test_a_date_said_of_the_timing_is_the_deadline_whatever_is_asked(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("A MacBook Air with the M2 chip. As for timing, the reunion where I show it is in August of next year.")
    assert chat.state.answers["hardware"] == ["apple"]
    assert chat.state.answers["timeline"] == ["long"]


def test_news_that_turns_out_adds_when_it_says_add(chat: Chat) -> None:
    advised(chat)  # skills: PyTorch
    chat.say("oh wait add my bro, turns out he's done a bunch of keras at his day job")
    skills = (chat.state.proposed or chat.state.answers)["skills"]
    assert sorted(skills) == ["keras", "pytorch"]  # ("turns out" had replaced PyTorch)


@pytest.mark.parametrize(
    ("answered", "said", "after"),
    [
        # news of one more adds; nothing said is ruled out
        (["beginners"], "update!! Pol has been doing a PyTorch course since September and says he can help now",
         ["beginners", "pytorch"]),
        (["pytorch"], "ah wait, I forgot: Rui, my co-author, knows TensorFlow really well", ["pytorch", "tensorflow"]),
        # what the news rules out goes, or what it says it replaces
        (["tensorflow"], "correction: Dr. Fathima has left, so there is no TensorFlow experience any more. "
         "we know pytorch", ["pytorch"]),
        (["keras", "python"], "Update: Keras is gone now, the new hire does PyTorch only", ["pytorch"]),
    ],
)  # fmt: skip
def test_news_after_the_advice_adds_unless_it_rules_out_or_replaces(
    advisor: Advisor, answered: list[str], said: str, after: list[str]
) -> None:
    state = State(phase="advised", answers={**ADVISED_ANSWERS, "skills": answered})
    state, _ = advisor.turn(state, Said(said), TODAY)
    assert sorted((state.proposed or state.answers)["skills"]) == after


def test_a_word_answering_only_its_question_still_rules_out_after_the_advice(advisor: Advisor) -> None:
    state = State(phase="advised", answers={**ADVISED_ANSWERS, "hardware": ["cpu"]})
    state, _ = advisor.turn(state, Said("IT approved an NVIDIA L4, so we train on GPU after all, not CPU"), TODAY)
    assert (state.proposed or state.answers)["hardware"] == ["nvidia"]


@pytest.mark.parametrize(
    "said",
    [
        "Sir, if PyTorch chosen, what happens to model size on Pi? bigger?",
        "Update from the dev stand-up: they migrated the image-search serving to PyTorch last sprint.",
        "Assume we get TPU Research Cloud access (v4 pods). Does JAX then become the better choice?",
        "Say corporate folds our stores into their TensorFlow system and we have to fit in with that. Change anything?",
    ],
)
def test_a_framework_named_after_the_advice_is_no_skill_unless_people_know_it(advisor: Advisor, said: str) -> None:
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert not [f for f in reading.found if f.step_id == "skills"]


def test_someone_who_knows_a_framework_after_the_advice_is_a_skill(advisor: Advisor) -> None:
    said = "If Malik leaves and the next analyst is a PyTorch person, how would you weigh that?"
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert [(f.step_id, f.option_id) for f in reading.found] == [("skills", "pytorch")]


def test_cpu_only_in_a_what_if_takes_the_place_of_the_gpus(chat: Chat) -> None:
    advised(chat)  # hardware: NVIDIA GPUs
    chat.say("Assuming we receive no GPUs at all and must do everything on CPU, is the recommendation still valid?")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["cpu"]


def test_cpu_only_news_takes_the_place_of_the_gpus_unless_it_says_add(advisor: Advisor) -> None:
    state = State(phase="asking", pending="timeline", answers={"hardware": ["nvidia"]})
    after, _ = advisor.turn(
        state, Said("Update: the GPU box died. Everything now runs on my laptop, no GPU at all."), TODAY
    )
    assert after.answers["hardware"] == ["cpu"]
    after, _ = advisor.turn(state, Said("Also add the two CPU-only laptops, we train small stuff on those too."), TODAY)
    assert sorted(after.answers["hardware"]) == ["cpu", "nvidia"]


@pytest.mark.parametrize(
    ("said", "priorities"),
    [
        ("Let us say by Easter. Cost is a consideration.", ["cost"]),
        ("It needs to be live by mid-January. Anyway the owner cares about cost.", ["cost"]),
        ("So in April. And that it is cheap.", ["cost"]),
    ],
)
def test_what_matters_said_while_the_deadline_is_asked_is_a_priority(
    chat: Chat, said: str, priorities: list[str]
) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers.get("priorities") == priorities
    assert "timeline" in chat.state.answers


@pytest.mark.parametrize(
    ("said", "step_id", "option_id"),
    [
        ("Scenario: onboard unit becomes mandatory. Jetson Orin on the airframe. Does it hold?", "deployment",
         "jetson"),
        ("Further scenario: the tablets in the hall become obligatory, Android, and it must run offline on them.",
         "deployment", "android"),
        ("Suppose IT does allow Azure in the end, do we get the same advice?", "deployment", "server"),
    ],
)  # fmt: skip
def test_a_scenario_after_the_advice_is_a_what_if_and_in_the_end_is_no_cancel(
    advisor: Advisor, said: str, step_id: str, option_id: str
) -> None:
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert reading.kind == "what_if" and reading.command is None
    assert (step_id, option_id) in {(f.step_id, f.option_id) for f in reading.found if not f.negated}


def test_a_clause_naming_the_topic_of_a_question_after_the_advice_states_nothing(advisor: Advisor) -> None:
    said = "Excuse me, about our old TF1 program. Must we rewrite it, or can it stay as it is?"
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert reading.kind == "question" and not reading.found


@pytest.mark.parametrize(
    ("pending", "said", "found"),
    [
        # (dev35) what a what-if compares with is ruled out; "do you know if" asks whether; "which
        # one" asks about what came before; "roughly how long" asks; a change dates nothing with "now"
        ("after", "what if we moved the obstacle model onto a coral tpu, it's way cheaper than another orin",
         {("deployment", "coral", False), ("deployment", "jetson", True)}),
        ("after", "Do you know if there is already a good model in Portuguese for agronomy texts?", set()),
        ("after", "torchscript or torch.export for the orin, which one do you actually mean", set()),
        ("after", "Roughly how long does a migration off an existing TF model take, in your experience?", set()),
        ("timeline", "Amendment: we also get time on an AMD MI210 cluster now. Add it to the list.",
         {("hardware", "amd", False)}),
    ],
)  # fmt: skip
def test_what_a_message_names_in_passing_is_read_in_its_place(
    advisor: Advisor, pending: str, said: str, found: set[tuple[str, str, bool]]
) -> None:
    state = State(phase="advised") if pending == "after" else State(phase="asking", pending=pending)
    reading = advisor.read(said, state, TODAY)
    assert {(f.step_id, f.option_id, f.negated) for f in reading.found} == found


@pytest.mark.parametrize(
    "said",
    [
        "By Songkran. Priorities: latency, and it has to be maintainable for years.",
        "End of March. Priorities, since I assume you will ask: long-term support and latency.",
        "mid-february. oh and for priorities: latency + long term",
    ],
)
def test_a_heading_naming_the_priorities_makes_the_list_under_it_the_answer(chat: Chat, said: str) -> None:
    """ "Priorities:" then a list, said while the deadline is asked: the words under the heading
    answer the question it names ("latency" alone answers only the priorities question)."""
    until(chat, "timeline")
    chat.say(said)
    assert sorted(chat.state.answers["priorities"]) == ["long_term", "performance"]
    assert chat.state.answers["timeline"]


def test_a_heading_s_list_ends_where_a_clause_names_another_question(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("Priorities: cost. The deadline: support contract renewal in June.")
    assert chat.state.answers["priorities"] == ["cost"]


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        ("Defence is in June so results I need by the end of April", "half_year"),  # the one needed
        ("Has to be working by Ash Wednesday, that's when we start on next year's floats!", "quarter"),
        ("before carnaval, february is crazy here", "quarter"),
        ("crops start in December so we need it within the month", "asap"),
        ("want it after the holiday rush so april", "half_year"),  # one deadline, said across "so"
        ("Must go online before Spring Festival travel rush!!! Everybody comes to Guilin then", "quarter"),
        ("Before Christmas would be nice but let's be realistic. Waitangi Day.", "quarter"),
        ("Administration moved the pilot. Now Chuseok 2027.", "long"),
    ],
)
def test_the_date_a_deadline_word_is_said_of_wins(chat: Chat, said: str, timeline: str) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == [timeline]


def test_too_before_an_adverb_adds_nothing_and_the_command_is_read(chat: Chat) -> None:
    """ "I answered too quickly" is no "also" that lets "quickly" (a deadline word only when the
    deadline is asked) into the answers: the message asks to go back."""
    until(chat, "deployment")
    before = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say("Excuse me, may I return to the question before? I think I answered too quickly.")
    assert "timeline" not in chat.state.answers and "priorities" not in chat.state.answers
    assert chat.state.pending == "existing_stack" and "existing_stack" not in chat.state.answers
    assert {k: v for k, v in chat.state.answers.items() if k != "existing_stack"} == {
        k: v for k, v in before.items() if k != "existing_stack"
    }


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("skills", "Sorry, before I answer: Keras and TensorFlow, are they two different things?"),
        ("priorities", "Coral TPU — supports PyTorch models or only TFLite?"),
    ],
)
def test_option_names_before_a_question_are_what_it_asks_about(chat: Chat, step_id: str, said: str) -> None:
    until(chat, step_id)
    before = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say(said)
    assert chat.state.answers == before
    assert asked_step(replies) == step_id


@pytest.mark.parametrize(
    ("said", "ruled_out"),
    [
        ("and if the jetson dies and we go back to a normal mini pc w/o gpu??", ("deployment", "jetson")),
        ("What if the school buys me an NVIDIA card instead, and I stop using my AMD one?", ("hardware", "amd")),
        ("q: if the TPU credits dry up and it's the 4090 only?", ("hardware", "tpu")),
        (
            "Suppose we later replace the iPhone with a small bedside device, a Raspberry Pi-class Linux box?",
            ("deployment", "ios"),
        ),
        (
            "ok but hypothetically if my buddy wants his jetson back and we had to use a raspberry pi",
            ("deployment", "jetson"),
        ),
    ],
)
def test_what_a_what_if_says_ends_is_ruled_out(advisor: Advisor, said: str, ruled_out: tuple[str, str]) -> None:
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert ruled_out in {(f.step_id, f.option_id) for f in reading.found if f.negated}
    assert ruled_out not in {(f.step_id, f.option_id) for f in reading.found if not f.negated}


@pytest.mark.parametrize(
    ("said", "priorities"),
    [
        ("big tournament is jan 16 so before that, and it gotta be FAST, nobody waits at the table", ["performance"]),
        ("For the festival in early February. And please, it must not cost much.", ["cost"]),
        ("Before May 15 for testing. Is important that it is cheap.", ["cost"]),
        ("Kicks off in Jan, so ~6-7 weeks. Needs to hold 30fps on the Orin.", ["performance"]),
    ],
)
def test_what_matters_said_beside_the_deadline_is_a_priority(chat: Chat, said: str, priorities: list[str]) -> None:
    """ "it gotta be FAST" said with the date: the speed of the model, not a hurry (the date says when)."""
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["priorities"] == priorities
    assert chat.state.answers["timeline"] in (["asap"], ["quarter"], ["half_year"])


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        (
            "Oh wait, the date changed: the assembly decided we need it for the festival, first days of May.",
            "half_year",
        ),
        ("I am sorry, I made a mistake. The president says we should start earlier. So within this December.", "asap"),
    ],
)
def test_a_new_date_after_the_advice_is_a_change_of_deadline(chat: Chat, said: str, timeline: str) -> None:
    advised(chat)
    assert chat.state.answers["timeline"] == ["quarter"]
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)["timeline"] == [timeline]


def test_how_about_if_opens_a_what_if(advisor: Advisor) -> None:
    reading = advisor.read("how about if I buy iphones for the workers, not android", State(phase="advised"), TODAY)
    assert reading.kind == "what_if"
    assert {(f.option_id, f.negated) for f in reading.found} == {("ios", False), ("android", True)}


def test_in_the_event_that_opens_a_what_if(advisor: Advisor) -> None:
    said = "In the event that it must run at the roadside instead, on small Linux boxes at each camera pole?"
    reading = advisor.read(said, State(phase="advised"), TODAY)
    assert reading.kind == "what_if"
    assert {(f.step_id, f.option_id) for f in reading.found if not f.negated} == {("deployment", "edge_linux")}


@pytest.mark.parametrize(
    ("said", "priorities"),
    [
        ("Cheap. And it must still exist in 2035, unlike the last three council IT projects.", ["cost", "long_term"]),
        ("cheap pls and easy to find a freelancer in bali who knows it", ["cost", "hiring"]),
        ("cheap as chips, and it's gotta run quick on the pi", ["cost", "performance"]),
        ("It should be used for a long time. We cannot change systems every few years.", ["long_term"]),
        ("Free if possible, we are a rescue", ["cost"]),
    ],
)
def test_priorities_in_everyday_words(chat: Chat, said: str, priorities: list[str]) -> None:
    until(chat, "priorities")
    chat.say(said)
    assert sorted(chat.state.answers["priorities"]) == priorities


def test_a_granddaughter_taking_over_is_no_hiring_priority(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("Cost matters. And I want it still running when my granddaughter takes over, in ten years.")
    assert sorted(chat.state.answers["priorities"]) == ["cost", "long_term"]


@pytest.mark.parametrize(
    "said",
    ["thanks, great support", "ok, my manager handles the money side", "perfect, that was fast"],
)
def test_after_the_advice_a_word_that_answers_only_its_question_changes_nothing(chat: Chat, said: str) -> None:
    """ "support", "money" and "fast" answer the priorities and the deadline while those are asked;
    said in passing after the advice, with no change asked for, they change nothing."""
    advised(chat)
    changes_nothing(chat, said)


def test_after_the_advice_a_change_in_such_words_still_counts(chat: Chat) -> None:
    advised(chat)
    chat.say("+ hiring: Wout retires in 2028, so we need to recruit")
    assert "hiring" in (chat.state.proposed or chat.state.answers)["priorities"]


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        (
            "It's sort of image classification of lichens, but the main thing is reproducing two papers, so research, "
            "really.",
            "research",
        ),
        ("Please put research. The data are bat calls, so technically audio.", "research"),
        ("grasp policy for a picking arm; vision in the loop but the model outputs actions, robotics", "robotics"),
    ],
)
def test_of_several_kinds_of_work_the_one_the_message_says_it_is_is_the_answer(
    chat: Chat, said: str, use_case: str
) -> None:
    """The use case is one choice: beside the kind the message says it is ("so research, really"),
    one it calls secondary ("technically audio", "vision in the loop") asks nothing."""
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]
    assert chat.state.pending == "skills"


def test_window_cleaners_name_no_windows_workstation_nor_a_speed(chat: Chat) -> None:
    chat.say("we clean windows and facades. I want the computer to read the emails and take out the address, how many "
             "floors, how many windows, so the quote is fast")  # fmt: skip
    assert chat.state.answers["use_case"] == ["nlp"]
    assert "hardware" not in chat.state.answers and "priorities" not in chat.state.answers


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("existing_stack", "already have a tflite model inside our android app, in production 2 years"),
        ("hardware", "just my laptop, and I graduate in 2 years so keep it simple"),
        ("hardware", "a gaming pc for now. we want to bring ML in-house next year"),
    ],
)
def test_a_year_or_more_away_said_of_something_else_is_no_deadline(chat: Chat, step_id: str, said: str) -> None:
    """Asked about something else, "in 2 years" or "next year" dates a graduation or a plan, not the
    first version: the deadline question is still asked."""
    until(chat, step_id)
    chat.say(said)
    assert "timeline" not in chat.state.answers


def test_a_launch_a_year_away_said_in_passing_is_the_deadline(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("a gaming pc for now, and the launch is next year")
    assert chat.state.answers["timeline"] == ["long"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "Scusa, Luca corrects me: no more cloud, he bought a Mac Studio and trains on that now", {}),
        ("hardware", "only got my macbook air m1, no gpu pc", {"hardware": ["apple"]}),
        ("hardware", "an old gaming PC with a GTX 1070 at the office", {"hardware": ["nvidia"]}),
        ("hardware", "One L40S in the lab. Probably we also get an AMD MI250 next year, not confirmed.",
         {"hardware": ["nvidia"]}),
        ("use_case", "complaints from buyers, we want to classify them (aflatoxin, papers missing). It is texts, not "
         "images.", {"use_case": ["nlp"]}),
        ("use_case", "predict which days the rocks are safe, from wave height and the tide tables from 10 years", {}),
        ("existing_stack", "I haven't the faintest idea, I'm afraid.", {}),
        ("existing_stack", "nothing running now, all grading by eye", {"existing_stack": ["greenfield"]}),
        ("skills", "pytorch - all 3 of us. one did ROS2 + tensorflow at uni but swears he forgot every bit of it",
         {"skills": ["pytorch"]}),
        ("hardware", "a Windows 11 PC with an RTX 3060. I have also a MacBook at home but we do not use it for this.",
         {"hardware": ["windows", "nvidia"]}),
        ("skills", "me and my labmate both pytorch. my adviser wrote keras 2 yrs ago but hes not coding anymore "
         "so dont count him po", {"skills": ["pytorch"]}),
        ("hardware", "1 A100 shared by the whole division. my laptop is a macbook but i dont train there",
         {"hardware": ["nvidia"]}),
        ("hardware", "The workstation has an RTX 3090. Google offered TPU credits to our donor, but we did not accept "
         "them.", {"hardware": ["nvidia"]}),
        ("deployment", "jupyter lng po, results go straight to the paper. the institute wants a jetson demo for field "
         "day but thats not sure yet", {"deployment": ["notebooks"]}),
        ("use_case", "gday. just want something that counts sheep thru the race off a phone video. theres already "
         "models out there eh, not gonna train nothing", {"use_case": ["pretrained_only"]}),
        ("use_case", "need model to check solder joint from AOI images. current AOI vendor software is closed, cannot "
         "change", {"use_case": ["vision"]}),
        ("hardware", "Windows 11, an i5, no GPU (there's an 'Intel Inside' sticker and that's as exciting as it "
         "gets)", {"hardware": ["windows", "cpu"]}),
        ("skills", "We are three pensioners. I know Python from my surveying days, the other two know only OCAD. Deep "
         "learning is new for all of us.", {"skills": ["python", "beginners"]}),
        ("deployment", "Then: it runs once per map, on the club house computer, over the night.",
         {"deployment": ["batch"]}),
        ("existing_stack", "Nothing with AI is in track now. Only timing system from Swiss company.",
         {"existing_stack": ["greenfield"]}),
        ("use_case", "We need the speech to be written into Burmese text automatically.", {"use_case": ["audio"]}),
        ("priorities", "cost is main. and it must keep working long time, no one will come to update it every year",
         {"priorities": ["cost", "long_term"]}),
        ("priorities", "Long-term support, and that we can find specialists in Aktobe for it. Price is secondary.",
         {"priorities": ["long_term", "hiring"]}),
        ("use_case", "predicting the oil yield of each lot of roots before we distil, from the weight, the humidity, "
         "the age of the roots. All our data are in tables.", {}),  # "roots" is no typo of "robots"
        ("hardware", "Same laptop. ThinkPad, Intel chip, no graphics card worth mentioning. Windows.",
         {"hardware": ["cpu", "windows"]}),
        ("existing_stack", "- NO ML anywhere in maint dept\n- corporate IT ran a TF pilot on gate wait times in '23, "
         "killed it, wasn't ours anyway", {"existing_stack": ["greenfield"]}),
        ("skills", "Kevin (BI) does SQL, Power BI and some Python scripts. The dev shop in Fort Wayne says they're "
         "'PyTorch-first', but they're a vendor, not us.", {"skills": ["python"]}),
        ("hardware", "one workstation with two NVIDIA RTX A5000. The concessionaire offers access to their Google "
         "Cloud TPUs, but we are not authorized to use them.", {"hardware": ["nvidia"]}),
        ("hardware", "training, hmm. we have budget for cloud GPUs on AWS, the NVIDIA ones. our laptops are Macs but "
         "no way we train on those", {"hardware": ["nvidia"]}),
        ("deployment", "server side only, low-latency scoring API, p99 < 20ms. definitely nothing in the browser",
         {"deployment": ["server"]}),
        ("existing_stack", "We have not any model in production. Our buyer in Grasse uses one, I believe, but this is "
         "their affair.", {"existing_stack": ["greenfield"]}),
        ("deployment", "The predictions would be done on the computer of the office, each morning, for the lots of "
         "the day.", {"deployment": ["batch"]}),
        ("hardware", "The office computer is a HP with Windows, processor only.", {"hardware": ["windows", "cpu"]}),
        ("use_case", "We want to propose the next products to the parents according to the age of the baby",
         {"use_case": ["recsys"]}),
        ("hardware", "Pardon — only Windows laptops, no GPU. The mining company has big NVIDIA servers in Sydney but "
         "they will never give us the access.", {"hardware": ["windows", "cpu"]}),
        ("hardware", "Institute has 2x RTX 4090. I've also applied for TRC (TPU Research Cloud), decision pending.",
         {"hardware": ["nvidia"]}),
        ("skills", "Our IT consultant knows TensorFlow daw, but he's not employee, just monthly retainer. Inside the "
         "office we only know Excel talaga, all new to this ML.", {"skills": ["beginners"]}),
        ("deployment", "photo comes from customer phone through our web page but model runs on server. not in the "
         "phone", {"deployment": ["server"]}),
        ("use_case", "we get photos of broken windows from customers. want computer to see size of crack and what "
         "glass it is from photo.", {"use_case": ["vision"]}),
        ("skills", "Our student assistant, Jan, knows some Python, but no machine-learning libraries; the rest of us "
         "are entirely new to this.", {"skills": ["python", "beginners"]}),
        ("skills", "Team is me and Aroha on the counter. Neither of us knows ML. I can do a bit of Python, did a "
         "night class at Tai Poutini.", {"skills": ["beginners", "python"]}),
        ("existing_stack", "Wala pa po. None yet.", {"existing_stack": ["greenfield"]}),
        ("use_case", "We have 12 years of tables: species, plot, soil chemistry, rain, survival after two years. We "
         "want to predict which species survive where.", {"use_case": ["tabular"]}),
        ("use_case", "We record wolves howling and want to detect the howls automatically. Our team uses Python and R; "
         "I attended one PyTorch workshop in 2021 but I remember nothing, so please do not count it.",
         {"skills": ["python"]}),
    ],
)  # fmt: skip
def test_what_new_voices_said_is_stored_and_nothing_else(
    chat: Chat, step_id: str, said: str, stored: dict[str, list[str]]
) -> None:
    """Fresh writers' messages (dev sets 43 and 45): "no more cloud" is no "nothing else", a Mac
    beside "no GPU" is not CPU only, "papers missing" is no research, data "from 10 years" is no
    priority, a hedge before a card or a take-back after it stores nothing for it."""
    if step_id != "use_case":
        until(chat, step_id)
    before = dict(chat.state.answers)
    chat.say(said)
    added = {k: v for k, v in chat.state.answers.items() if before.get(k) != v and v != ["unsure"]}
    assert {k: sorted(v) for k, v in added.items()} == {k: sorted(v) for k, v in stored.items()}


@pytest.mark.parametrize(
    "said",
    [
        "Update: ministry moved the start, now contract begins 1 April. So we have more time.",
        "Small correction: all detection will happen afterwards on the lab computer. Ioana checked the battery budget.",
    ],
)
def test_after_the_advice_a_word_of_the_project_said_in_passing_changes_no_answer(chat: Chat, said: str) -> None:
    """ "contract", "lab", "budget" name the kind of work or a priority only when nothing else
    does; after the advice, in passing, they change neither."""
    advised(chat)
    before = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say(said)
    after = chat.state.proposed or chat.state.answers
    assert after["use_case"] == before["use_case"] and after["priorities"] == before["priorities"]


def test_after_the_advice_cpu_nodes_only_is_hardware(chat: Chat) -> None:
    advised(chat)  # (NVIDIA GPUs)
    assert chat.state.answers["hardware"] == ["nvidia"]
    chat.say("Colleague from IT informs me now: the A100 server is shared with radiology from January, so we will "
             "train on CPU nodes only. Please update.")  # fmt: skip
    assert "cpu" in (chat.state.proposed or chat.state.answers)["hardware"]


def test_after_the_advice_a_correction_naming_one_question_speaks_of_that_one(chat: Chat) -> None:
    advised(chat)
    chat.say("Ah, correction for the stack question, we are not fresh. My brother runs a TensorFlow model every "
             "night that counts the fish in the mud ponds, it is in use two years already.")  # fmt: skip
    changed = chat.state.proposed or chat.state.answers
    assert changed["existing_stack"] == ["tf_production"]
    assert changed["skills"] == ["pytorch"] and changed["deployment"] == ["android"], "nothing else read into it"


def test_no_strong_view_then_pass_is_not_sure(chat: Chat) -> None:
    until(chat, "priorities")
    assert chat.advisor.read("No strong view on that one; pass.", chat.state, TODAY).command == "unsure"


def test_a_request_to_purge_the_session_with_its_reason_is_forget(chat: Chat) -> None:
    advised(chat)
    said = "Please purge this session's stored data; it includes hospital details."
    assert chat.advisor.read(said, chat.state, TODAY).command == "forget"


def test_a_no_that_ends_the_clause_rules_out_the_list_before_it(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("me and 1 colleague, we know python good. pytorch and tensorflow no")
    assert chat.state.answers["skills"] == ["python"]


def test_a_cancelled_launch_date_is_no_deadline(chat: Chat) -> None:
    advised(chat)
    said = "Scenario B: the 15 Feb launch is cancelled and we have until next October."
    reading = chat.advisor.read(said, chat.state, TODAY)
    assert reading.weeks is not None and reading.weeks > 40, "October, not the cancelled February"


@pytest.mark.parametrize(
    "said",
    ["a small website the drivers open on their phones", "just a web site folks look at on the phone"],
)
def test_phones_a_website_is_opened_on_name_no_phone_app(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert not {"android", "ios"} & set(chat.state.answers.get("deployment", []))


def test_phones_instead_of_a_website_still_name_the_app(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("an app on the members' iPhones instead of the website")
    assert "ios" in chat.state.answers["deployment"]


def test_next_year_in_a_what_if_about_something_else_dates_that_not_the_launch(chat: Chat) -> None:
    advised(chat)
    timeline = chat.state.answers["timeline"]
    chat.say("what if head office allows the cloud next year, would you still say the same?")
    assert chat.state.proposed is not None and "server" in chat.state.proposed["deployment"]
    assert chat.state.proposed["timeline"] == timeline


def test_a_what_if_that_gives_another_year_still_moves_the_launch(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we had until next year instead?")
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["long"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("timeline", "the rush is over, so no hurry. march is fine", ["half_year"]),
        ("timeline", "honestly no hurry, it's a side project", ["long"]),
        ("existing_stack", "zip", ["greenfield"]),
        ("existing_stack", "n/a, this is a student project", ["greenfield"]),
        ("use_case", "dash cams in the delivery vans, we want to flag drivers on their phones", ["vision"]),
        ("deployment", "a web app for the members, with the model behind an API", ["server"]),
        ("skills", "the owner has no knowledge, our one developer writes python", ["python", "beginners"]),
        # (dev53)
        ("use_case", "customers buy a tent, we want the shop to suggest the next thing they need", ["recsys"]),
        ("deployment", "the tablets in the vans plus the boss's galaxy", ["android"]),
        ("deployment", "a pi 4 in a box on the jetty", ["edge_linux"]),
        ("priorities", "it should outlive me, honestly", ["long_term"]),
        ("priorities", "speed, and not having to rewrite it every few years", ["performance", "long_term"]),
        # (dev54)
        ("use_case", "a recommendation for our online shop, about 900 products", ["recsys"]),
        ("deployment", "photos get handled back at the office, no realtime needed", ["batch"]),
    ],
)  # fmt: skip
def test_plain_words_of_the_new_dev_sets_answer_their_question(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    from tests.test_understanding import answer_to

    assert sorted(answer_to(chat, step_id, said)) == sorted(stored)


def test_bleached_coral_is_the_reef_not_an_edge_tpu(chat: Chat) -> None:
    chat.say("divers film the reef on a GoPro and we want to count bleached coral")
    assert chat.state.answers.get("use_case") == ["vision"]
    assert "coral" not in chat.state.answers.get("deployment", [])


def test_a_long_maybe_about_its_own_thing_does_not_hedge_the_answer_before_it(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android app. maybe a little screen in the shop one day, who knows")
    assert chat.state.answers["deployment"] == ["android"]


def test_a_short_maybe_after_the_answer_still_hedges_it(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android app, maybe, at some point")
    assert "android" not in chat.state.answers.get("deployment", [])


def test_just_give_result_recommends_now(chat: Chat) -> None:
    until(chat, "skills")
    assert chat.advisor.read("all same as last time. just give result", chat.state, TODAY).command == "recommend_now"


@pytest.mark.parametrize(
    "said",
    [
        "we both know python. a freelancer helped with pytorch last year, but she went back home",
        "python here. my cousin does tensorflow but he is not part of the company",
        "python only. the intern knows keras but she's leaving in march",
    ],
)
def test_a_framework_of_someone_gone_is_no_team_skill(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert chat.state.answers["skills"] == ["python"]


def test_a_what_if_naming_training_hardware_supposes_it_instead(chat: Chat) -> None:
    advised(chat)
    assert chat.state.answers["hardware"] == ["nvidia"]
    chat.say("what if we trained on our Macs?")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["apple"]


def test_a_what_if_that_also_trains_elsewhere_adds_it(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we also trained on our Macs?")
    assert chat.state.proposed is not None and set(chat.state.proposed["hardware"]) == {"nvidia", "apple"}


def test_an_option_with_a_detail_told_after_the_advice_is_no_what_if(chat: Chat) -> None:
    advised(chat)
    assert (
        chat.advisor.read("Sam rang. His laptop is a Mac, a MacBook with the M2.", chat.state, TODAY).kind != "what_if"
    )


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("a wee pc by the conveyor, it's got ubuntu on it", ["edge_linux"]),
        ("on our linux server in the office, as an api", ["server"]),
    ],
)
def test_a_linux_machine_is_an_edge_box_unless_another_place_is_named(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == stored


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("Orin NX per line, in the cabinet. no cloud - plant network is air gapped", ["jetson"]),
        ("scored nightly on the plant PC, it's air-gapped", ["batch"]),
        # a place only thought of ("maybe later", "not decided") leaves the air gap its meaning
        ("classified on the DCS PC, the plant is air-gapped. Maybe later ESP32 nodes, not decided.", ["batch"]),
    ],
)
def test_an_air_gapped_plant_is_on_prem_unless_a_device_is_named(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == stored


@pytest.mark.parametrize(
    "said",
    [
        "none po, all by hand talaga",  # English with Tagalog particles
        "ごめんなさい, quick question: is pytorch ok on a mac?",  # a clause of English after Japanese
        "mura lang, cheapest pls",
        "pilot by Jan 31 then",  # few words, one of them a month's short name
        "no hurry. bonsai is patient",
    ],
)
def test_english_with_a_few_foreign_words_is_read_not_refused(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    assert chat.advisor.read(said, chat.state, TODAY).kind != "other_language"


@pytest.mark.parametrize("said", ["Wir haben keine GPUs, nur PyTorch.", "PyTorchとTensorFlow、どちらがいいですか"])
def test_other_languages_with_our_terms_are_still_told(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    assert chat.advisor.read(said, chat.state, TODAY).kind == "other_language"


@pytest.mark.parametrize(
    "said",
    [
        "We don't have any AI system at the moment.",
        "nowt, just a paper diary",
        "zero. fresh start",
        "clean slate, mate",
    ],
)
def test_saying_there_is_no_stack_is_a_fresh_start(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    chat.say(said)
    assert chat.state.answers["existing_stack"] == ["greenfield"]


@pytest.mark.parametrize(("said", "command"), [("grand", "confirm"), ("can we come back to this one?", "unsure")])
def test_words_of_dev53_are_commands(chat: Chat, said: str, command: str) -> None:
    state = State(phase="confirming", answers=dict(ADVISED_ANSWERS)) if command == "confirm" else None
    if state is None:
        until(chat, "hardware")
        state = chat.state
    assert chat.advisor.read(said, state, TODAY).command == command


def test_a_date_alone_after_a_clause_of_delivery_is_the_deadline(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("the county fair is in july but we'd want it running for the spring shows, april-ish")
    assert chat.state.answers["timeline"] == ["half_year"]


@pytest.mark.parametrize(
    ("said", "timeline"),
    [("we'd want it out before mother's day", ["half_year"]), ("by St Patrick's Day ideally", ["half_year"])],
)
def test_more_named_days_are_deadlines(chat: Chat, said: str, timeline: list[str]) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == timeline


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("the gps data off the tractors, we want to know which field runs take too long", ["tabular"]),
        ("temperature sensors in the cold rooms, warn us before a unit fails", ["tabular"]),
        ("find old letters by what they mean rather than exact words", ["nlp"]),
    ],
)
def test_data_words_of_dev53_name_the_kind_of_work(chat: Chat, said: str, stored: list[str]) -> None:
    chat.say(said)
    assert chat.state.answers.get("use_case") == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "everything except cost, money is not the issue", ["long_term", "hiring", "performance"]),
        ("priorities", "everything but tensorflow", []),
    ],
)
def test_everything_but_is_every_option_less_the_exceptions(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    until(chat, step_id)
    chat.say(said)
    assert sorted(chat.state.answers.get(step_id, [])) == sorted(stored)


def test_keep_it_in_the_reason_after_an_answer_is_no_command(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("cost and hiring, when the grant ends we keep it going alone")
    assert sorted(chat.state.answers["priorities"]) == ["cost", "hiring"]


def test_keep_it_after_a_proposed_change_still_keeps(chat: Chat) -> None:
    until(chat, "priorities")
    assert chat.advisor.read("no keep it, cost is fine", chat.state, TODAY).command == "keep"


@pytest.mark.parametrize(
    ("said", "step_id", "value"),
    [
        ("oh and our priorities: latency and cost, the budget got cut", "priorities", "cost"),
        ("news: we bought two Mac Studios for the training", "hardware", "apple"),
    ],
)
def test_news_told_after_the_advice_is_weighed_not_answered_as_a_topic(
    chat: Chat, said: str, step_id: str, value: str
) -> None:
    assert_proposed_after_the_advice(chat, said, step_id, value)


def test_a_topic_named_after_the_advice_still_gets_the_topic(chat: Chat) -> None:
    advised(chat)
    replies = chat.say("apple silicon")
    assert chat.state.proposed is None and any(isinstance(r, Answer) for r in replies)


def test_no_leave_it_after_the_advice_weighs_no_news(chat: Chat) -> None:
    advised(chat)
    chat.say("no, leave it android, the coral idea is too fiddly for us")
    assert chat.state.proposed is None


@pytest.mark.parametrize(
    "said",
    [
        "sí, confirm",
        "va bene, confirm",
        "ok na po, confirm",
        "tank yu, yes",
        "ok, yes, it is correct",
        "👍",
        ":+1::skin-tone-2:",
    ],
)
def test_a_yes_among_words_of_ones_own_tongue_or_a_thumbs_up_confirms_the_recap(chat: Chat, said: str) -> None:
    at_recap(chat)
    replies = chat.say(said)
    assert chat.state.phase == "advised"
    assert any(isinstance(r, Advise) for r in replies)


@pytest.mark.parametrize("said", ["👍", ":+1:", "yes"])
def test_a_yes_while_a_question_is_asked_is_a_miss_that_echoes_what_was_sent(chat: Chat, said: str) -> None:
    chat.say("vision")
    replies = chat.say(said)
    assert chat.state.answers == {"use_case": ["vision"]}
    assert f'couldn\'t place "{said}"' in text(replies)


@pytest.mark.parametrize(
    "said",
    ["sawa, now it's correct", "ok now its correct 👍", "ayan tama na po", "passt so", "correcto, go on", "Affirm."],
)
def test_now_it_is_correct_confirms_the_recap(chat: Chat, said: str) -> None:
    at_recap(chat)
    replies = chat.say(said)
    assert chat.state.phase == "advised" and any(isinstance(r, Advise) for r in replies)


def test_skip_all_this_and_tell_me_what_to_use_recommends_at_once(chat: Chat) -> None:
    until(chat, "hardware")
    replies = chat.say("skip all this and tell me what to use")
    assert chat.state.phase == "advised" and any(isinstance(r, Advise) for r in replies)


@pytest.mark.parametrize("said", ["yes but change the timeline to 6 months", "yes, but the deadline is in six months"])
def test_a_yes_that_opens_a_change_at_the_recap_makes_the_change_first(chat: Chat, said: str) -> None:
    at_recap(chat)  # the deadline on record is 1-3 months
    replies = chat.say(said)
    assert chat.state.answers["timeline"] == ["half_year"]
    assert not any(isinstance(r, Advise) for r in replies)  # the changed recap is shown to confirm


@pytest.mark.parametrize(
    "said",
    [
        "38 farmers deliver milk. we want to know how many litres come tomorrow and next week, to plan the kettles",
        "15 years of catch numbers per spot. want to guess which spot will be good next week",
        "client = regional supermarket chain, demand forecasting per sku/store, 14-day horizon",
    ],
)
def test_the_time_a_forecast_looks_ahead_is_no_deadline(chat: Chat, said: str) -> None:
    chat.say(said)
    assert "timeline" not in chat.state.answers


def test_a_wish_with_a_word_of_delivery_still_dates_the_launch(chat: Chat) -> None:
    chat.say("we want to count the fish on the ladder from photos, and we want it live by next week")
    assert chat.state.answers["timeline"] == ["asap"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("compute it every night on a pc and send the map to the fishers' phones", ["batch"]),
        (
            "a little computer in each barn, a raspberry pi. the alarm goes to the phone of the night worker",
            ["edge_linux"],
        ),
        ("agents use cheap android phones (itel, tecno) but the model stays on our server", ["server"]),
    ],
)
def test_phones_that_only_receive_what_the_model_finds_are_no_place_it_runs(
    chat: Chat, said: str, stored: list[str]
) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == stored


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        ("ok realistic - by end of february", ["quarter"]),
        ("the v2 model has to be in the tech file by end of feb", ["quarter"]),
        ("carnival is too tight, say by end of may", ["half_year"]),
        ("we need it running by June", ["long"]),
    ],
)
def test_a_named_month_is_as_far_as_people_count_it_in_months(chat: Chat, said: str, timeline: list[str]) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == timeline


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        ("main crop is oct to march so we need it during this season. 6 weeks max", ["quarter"]),
        ("ginning season runs nov to april so... next season, october 2027", ["long"]),
        ("diwali's gone, next push is before IPL season starts (end of march)", ["half_year"]),
    ],
)
def test_a_season_from_month_to_month_or_a_feast_gone_by_is_no_deadline(
    chat: Chat, said: str, timeline: list[str]
) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == timeline


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("hiring is the big one, few ML people here. performance no wahala", ["hiring"]),
        ("cost matters. latency no problem, it runs at night", ["cost"]),
    ],
)
def test_a_priority_said_to_be_no_problem_is_no_priority(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "priorities")
    chat.say(said)
    assert chat.state.answers["priorities"] == stored


def test_not_on_someone_elses_machines_keeps_the_server_named_before(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("server. clinics upload via the web app, inference in aws eu-north-1. NOT on their machines")
    assert chat.state.answers["deployment"] == ["server"]


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("we want to detect fabric defects on the loom: holes, knots, wrong colour stripes", ["vision"]),
        ("leaf colour grading", ["vision"]),
        ("the website should suggest designs to each buyer based on what they ordered before", ["recsys"]),
        ("gas sensors in the galleries (CO, oxygen), something that warns before the air goes bad", ["tabular"]),
        ("skippers speak the catch into the phone; we want the machine to listen and write it down", ["audio"]),
    ],
)
def test_what_the_models_do_in_words_of_dev56_and_dev57(chat: Chat, said: str, use_case: list[str]) -> None:
    chat.say(said)
    assert chat.state.answers["use_case"] == use_case


@pytest.mark.parametrize("said", ["ok, I'll ask my boss first", "ok, wait", "yes, but the deadline moved"])
def test_an_ok_that_goes_on_to_something_else_is_no_yes(chat: Chat, said: str) -> None:
    at_recap(chat)
    assert chat.advisor.read(said, chat.state, TODAY).command != "confirm"


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("runs in the air-gapped plant with no cloud at all", ["batch"]),
        ("runs as a job every 10 min on the onprem box, cpu only, no cloud ever", ["batch"]),
        (
            "api in our k8s on hetzner. some law firms demand on-prem, they get a docker image for their own server",
            ["server"],
        ),
    ],
)
def test_an_option_ruled_out_is_nothing_a_generic_word_yields_to(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == stored


@pytest.mark.parametrize(
    "said",
    [
        "we had a tensorflow 1.13 thing from a consultant in 2019, still running on a server somewhere",
        "a student did something in 2017 on the kiln PC, tensorflow 1.something. it sort of still runs",
    ],
)
def test_tensorflow_one_point_anything_is_legacy_tf1(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    chat.say(said)
    assert chat.state.answers["existing_stack"] == ["tf1_legacy"]


def test_face_landmarks_are_vision(chat: Chat) -> None:
    chat.say("virtual try-on for a glasses retailer -> face landmarks in the browser")
    assert chat.state.answers["use_case"] == ["vision"]


@pytest.mark.parametrize(
    "said", ["the engineer's laptop, a dell with windows, no special card", "only one laptop. no big card inside"]
)
def test_a_machine_with_no_special_card_trains_on_its_cpu(chat: Chat, said: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert "cpu" in chat.state.answers["hardware"]


@pytest.mark.parametrize(
    "said",
    [
        "no ML anywhere. the booking system sits on a server in the back office, that's our whole IT",
        "zero AI. we have an accounting app on the owner's iPad and that is it",
    ],
)
def test_the_tools_a_team_runs_without_ml_are_not_where_the_model_will_run(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    replies = chat.say(said)
    assert chat.state.answers["existing_stack"] == ["greenfield"]
    assert "deployment" not in chat.state.answers
    assert asked_step(replies) == "deployment"


def test_a_fresh_start_that_names_the_new_target_still_stores_it(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("no models in prod yet. it will run on android tablets at the counter")
    assert chat.state.answers["existing_stack"] == ["greenfield"]
    assert chat.state.answers["deployment"] == ["android"]


def test_a_phrase_that_answers_two_questions_answers_the_one_the_message_speaks_of(chat: Chat) -> None:
    at_recap(chat, priorities=["hiring", "long_term"], timeline=["half_year"])
    chat.say("forget about hiring, only long term")
    assert chat.state.answers["priorities"] == ["long_term"]
    assert chat.state.answers["timeline"] == ["half_year"]


def test_a_correction_naming_the_timeline_changes_nothing_else_said_beside_it(chat: Chat) -> None:
    at_recap(chat, timeline=["half_year"], priorities=["cost"])
    chat.say("wait, the timeline is off. not june, compliance pulled it forward to the end of january")
    assert chat.state.answers["timeline"] == ["quarter"]
    assert chat.state.answers["priorities"] == ["cost"]


def test_on_prem_in_a_datacenter_is_a_server_not_a_batch_job(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("on-prem only, in the insurer's own datacenter, no public cloud")
    assert chat.state.answers["deployment"] == ["server"]


@pytest.mark.parametrize("said", ["tf 1.x veterans, the lot of us", "tensorflow 1 and pytorch"])
def test_a_tensorflow_version_named_for_the_team_is_tensorflow_known(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert "tensorflow" in chat.state.answers["skills"]
    assert "existing_stack" not in chat.state.answers


def test_nada_de_rules_out_what_follows(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("my laptop only, cpu, nada de nvidia")
    assert chat.state.answers["hardware"] == ["cpu"]


def test_a_target_discontinued_in_a_what_if_is_not_added(chat: Chat) -> None:
    advised(chat)
    chat.say("what if the jetson line gets discontinued?")
    assert chat.state.proposed is None or "jetson" not in chat.state.proposed.get("deployment", [])


def test_english_with_a_few_words_of_another_tongue_is_read(chat: Chat) -> None:
    until(chat, "timeline")
    replies = chat.say("no rush talaga, bahala na")
    assert chat.state.answers["timeline"] == ["long"], replies


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("latency. if the order takes 3 seconds the waiter already left", ["performance"]),
        ("cost first. if we had to rent GPUs we'd go under", ["cost"]),
    ],
)
def test_an_if_after_the_answer_gives_its_reason_and_supposes_nothing(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "priorities")
    replies = chat.say(said)
    assert chat.state.answers["priorities"] == stored
    assert chat.state.answers["hardware"] == ["nvidia"] and chat.state.confirm is None  # nothing else changes
    assert not any("what if" in r.lower() for r in text(replies).split("\n"))


def test_a_condition_and_its_consequence_store_nothing(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android tablets. if those are too slow, then a server")
    assert chat.state.answers["deployment"] == ["android"]


@pytest.mark.parametrize(
    "said",
    [
        "the last freelancer left us a tensorflow 1.14 model, still running on the office pc",
        "an agency left a tf1 estimator behind. it still runs",
    ],
)
def test_a_model_someone_left_behind_is_the_stack_not_ruled_out(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    chat.say(said)
    assert chat.state.answers["existing_stack"] == ["tf1_legacy"]


def test_a_priority_removed_at_the_recap_beside_a_reason_naming_a_target(chat: Chat) -> None:
    at_recap(chat, priorities=["performance", "cost"], deployment=["batch"])
    chat.say("take out performance, it's an overnight job anyway")
    assert chat.state.answers["priorities"] == ["cost"]
    assert chat.state.answers["deployment"] == ["batch"]


@pytest.mark.parametrize(
    "said", ["what if the phone has no signal out in the orchards?", "and if we ran it all on the phone?"]
)
def test_a_word_for_two_targets_means_the_one_they_have(chat: Chat, said: str) -> None:
    advised(chat)  # an Android app
    replies = chat.say(said)
    assert chat.state.answers["deployment"] == ["android"]
    assert chat.state.proposed is None or chat.state.proposed.get("deployment") == ["android"]
    assert "iOS" not in text(replies)


@pytest.mark.parametrize(
    "said",
    [
        "what if we hire two juniors, will it be tf then?",
        "what if our intern joins full time, do we go with tensorflow?",
    ],
)
def test_the_verdict_asked_after_a_what_if_is_no_skill(chat: Chat, said: str) -> None:
    advised(chat)  # a PyTorch team
    replies = chat.say(said)
    assert "tensorflow" not in (chat.state.proposed or {}).get("skills", [])
    assert "Team skills" not in text(replies)


def test_an_answer_then_a_reason_that_sounds_like_resume_is_the_answer(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("hiring. people leave and whoever comes next must pick it up")
    assert chat.state.answers["priorities"] == ["hiring"]


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("priorities", "cost, then speed. long-term support is no big deal for us", ["cost", "performance"]),
        ("use_case", "performance marketing shop: we want to score which leads buy, tabular data", ["tabular"]),
        ("use_case", "tell the skin type from a selfie in our app", ["vision"]),
        ("use_case", "we try out new methods in our lab and hope for a CVPR paper", ["research"]),
    ],
)
def test_words_of_dev64_voices(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    if step != "use_case":
        until(chat, step)
    chat.say(said)
    assert sorted(chat.state.answers[step]) == sorted(stored)
    if step == "use_case":
        assert "priorities" not in chat.state.answers  # "performance marketing" is no priority


def test_ok_good_confirms_the_recap(chat: Chat) -> None:
    at_recap(chat)
    replies = chat.say("k good")
    assert any(isinstance(r, Advise) for r in replies)


def test_a_skill_missing_at_the_recap_is_added(chat: Chat) -> None:
    at_recap(chat, skills=["python"])
    chat.say("the skills are missing something: our new hire is a jax person")
    assert sorted(chat.state.answers["skills"]) == ["jax", "python"]


@pytest.mark.parametrize("said", ["quick one, do we even need a gpu or nah", "does the cloud option cost more or not"])
def test_a_question_ending_or_nah_without_its_mark_stores_nothing(chat: Chat, said: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert "hardware" not in chat.state.answers


def test_whether_or_not_inside_a_statement_still_states(chat: Chat) -> None:
    chat.say("a camera that checks if the label is on or not, then sorts the jars")
    assert chat.state.answers["use_case"] == ["vision"]


@pytest.mark.parametrize(
    "said",
    [
        "a tf1 demo exists on someone's laptop, never shipped, so really nothing deployed",
        "group IT runs pytorch somewhere, but for us: nothing deployed, fresh start",
    ],
)
def test_a_fresh_start_named_beside_a_stack_that_is_not_theirs_is_the_fresh_start(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    chat.say(said)
    assert chat.state.answers["existing_stack"] == ["greenfield"]


@pytest.mark.parametrize(
    "said",
    [
        "forecast spare-part demand. currently that's a VBA macro on the file server, runs each night",
        "classify support emails. right now a rules engine on our AWS box tags them",
    ],
)
def test_where_todays_tool_runs_is_no_target_while_the_use_case_is_asked(chat: Chat, said: str) -> None:
    chat.say(said)
    assert chat.state.answers["use_case"] in (["tabular"], ["nlp"])
    assert "deployment" not in chat.state.answers


def test_the_new_target_said_beside_todays_tool_is_stored(chat: Chat) -> None:
    chat.say("count defects on the line. today a pi runs the old script; the new model will run on a jetson")
    assert chat.state.answers["deployment"] == ["jetson"]


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("deployment", "a server api. the tablet app only uploads the photos", ["server"]),
        ("existing_stack", "there's a rule-based checker on line 1, no deep learning anywhere", ["greenfield"]),
        ("hardware", "just office laptops, geen GPU", ["cpu"]),
        ("use_case", "a soft sensor for moisture from our process data", ["tabular"]),
        ("deployment", "an hourly job that fills the dashboard tables", ["batch"]),
        ("use_case", "find scratches with line-scan cameras over the conveyor", ["vision"]),
        ("skills", "only my cousin, he knows tf.js from web work", ["tensorflow"]),
        ("skills", "wala kaming ML experience talaga", ["beginners"]),
        ("priorities", "speed + custo baixo", ["performance", "cost"]),
    ],
)
def test_words_of_dev61_and_dev63_voices(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    if step != "use_case":
        until(chat, step)
    chat.say(said)
    assert sorted(chat.state.answers[step]) == sorted(stored)


def test_a_raspberry_pi_zero_is_a_pi_not_a_pi_ruled_out(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("a raspberry pi zero in each hive")
    assert chat.state.answers["deployment"] == ["edge_linux"]


def test_a_raspberry_pi_zero_in_a_what_if_is_supposed(chat: Chat) -> None:
    advised(chat)
    chat.say("what if a Raspberry Pi Zero sat in the base instead?")
    assert chat.state.proposed is not None and "edge_linux" in chat.state.proposed["deployment"]


def test_a_maybe_that_ends_the_clause_hedges_the_option_a_few_words_before_it(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("Cluster has A100, H100. TPU via TRC maybe")
    assert chat.state.answers["hardware"] == ["nvidia"]


@pytest.mark.parametrize(
    "said",
    [
        "we rent A100s on Lambda. the designers' macbooks are for figma only",
        "A100s on the cluster. there's also an M2 mac mini but that's for the website",
        "an A100 box in the basement, and the office macbooks, they are for the accountants",
    ],
)
def test_a_machine_said_to_be_for_something_else_is_not_where_models_train(chat: Chat, said: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_a_machine_said_to_be_for_training_still_counts(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("the M2 macbooks are for training, the A100s are for serving")
    assert "apple" in chat.state.answers["hardware"]


@pytest.mark.parametrize(
    "said",
    [
        "what if we ditch the jetsons and use coral usb sticks",
        "what if we don't buy jetsons and put a coral on each camera",
    ],
)
def test_what_is_taken_up_after_a_removal_is_not_ruled_out_with_it(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None
    assert "coral" in chat.state.proposed["deployment"] and "jetson" not in chat.state.proposed["deployment"]


def test_an_option_asked_about_in_place_of_another_is_a_what_if(chat: Chat) -> None:
    advised(chat)
    chat.say("a cheaper robot with a coral instead of the jetson?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["deployment"] == ["coral"]


def test_why_one_kind_of_work_rather_than_another_asks_a_reason(chat: Chat) -> None:
    advised(chat)
    answers = dict(chat.state.answers)
    chat.say("why would this framework be better for time series rather than images?")
    assert chat.state.proposed is None
    assert chat.state.answers == answers


@pytest.mark.parametrize(
    "said",
    ["an odroid next to each camera", "rockchip boards, the rk3588 ones", "a raspberry in the shed does it"],
)
def test_linux_boards_by_their_own_names_are_edge_boxes(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == ["edge_linux"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("count the people passing the gate with a camera. no face recognition, just the number", ["vision"]),
        ("cheap cheap cheap, this is not tech company money", ["cost"]),
    ],
)
def test_an_answer_said_beside_a_part_of_it_ruled_out_stands(chat: Chat, said: str, stored: list[str]) -> None:
    step = "use_case" if stored == ["vision"] else "priorities"
    if step == "use_case":
        chat.say("hi")  # (asked, as in the corpus: the opening message is read as a scene)
    assert answer_to(chat, step, said) == stored


def test_an_option_said_and_then_ruled_out_in_the_same_words_is_not_stored(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android? no, not android")
    assert "deployment" not in chat.state.answers


def test_tfjs_asked_what_the_team_knows_is_tensorflow_known(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("web devs mostly, I've done a couple of tf.js demos")
    assert chat.state.answers["skills"] == ["tensorflow"]
    assert "existing_stack" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("it runs on a free tier vm at oracle", ["server"]),
        ("hosted, people hit it from teams", ["server"]),
        ("batch, once per lot, on a VM", ["batch"]),  # (a machine somewhere, the batch job saying how)
    ],
)
def test_a_hosted_machine_is_a_server_unless_something_says_how_it_runs(
    chat: Chat, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, "deployment", said) == stored


@pytest.mark.parametrize(
    "said",
    ["if one day we train on TPUs instead, does the answer change?", "what if eventually we moved training to TPUs?"],
)
def test_a_what_if_set_in_the_future_is_still_supposed(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None
    assert "tpu" in chat.state.proposed["hardware"]


def test_a_maybe_while_a_question_is_asked_still_hedges(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("what if I don't know whether we'll use android or ios?")
    assert "deployment" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("two A100's we rent", ["nvidia"]),
        ("TPU's on google cloud", ["tpu"]),
        ("we have no GPU's", ["cpu"]),
    ],
)
def test_an_acronym_plural_written_with_an_apostrophe_is_still_the_hardware(
    chat: Chat, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, "hardware", said) == stored


def test_thermal_imgs_from_a_drone_are_vision_not_robotics(chat: Chat) -> None:
    assert answer_to(chat, "use_case", "drone thermal imgs of PV panels. find hotspots") == ["vision"]


def test_a_scots_nae_rules_out_what_follows(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("nRF52840, Cortex-M4, 256k RAM. battery powered, nae cloud")
    assert chat.state.answers["deployment"] == ["microcontroller"]


def test_cheers_pal_sound_after_the_advice_is_thanks_not_an_audio_what_if(chat: Chat) -> None:
    advised(chat)
    answers = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say("cheers pal, sound")
    assert chat.state.proposed is None
    assert chat.state.answers == answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # Ramadan 2027 opens about 8 February: ten weeks from 25 November
        ("Management wants the migrated version before Ramadan.", ["quarter"]),
        # Lebaran is Eid al-Fitr (about 10 March 2027): fifteen weeks
        ("ok boss want launch before Lebaran", ["half_year"]),
    ],
)
def test_a_feast_named_by_its_local_name_or_after_what_is_migrated_dates_the_deadline(
    chat: Chat, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, "timeline", said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev88: phones people use the hosted model from are its clients
        ("deployment", "It should be in the cloud, the salespeople will use it from phone and from Teams.", ["server"]),
        # a machine that is someone else's is not the team's
        ("hardware", "we train on the gaming PC with a 4070. the AMD one is my brother's", ["nvidia"]),
        # a few tools and spreadsheets and "that's it": nothing running
        ("existing_stack", "What do you mean by ML stack? We've got Sage and a load of spreadsheets, that's it.",
         ["greenfield"]),
        # before June (said in late November) is done by the end of May: within six months
        ("timeline", "For the new budget year, we need first version before June", ["half_year"]),
        ("timeline", "need live before end of january, for the promo", ["quarter"]),
    ],
)  # fmt: skip
def test_dev88_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_gpu_still_to_be_checked_is_not_stored(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("hold on, let me stop here, need to check what GPU is in the box")
    assert "hardware" not in chat.state.answers


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev89
        ("use_case", "We need intent classification of customer messages for our website chat widget.", ["nlp"]),
        ("deployment", "Target is the router itself (Yocto Linux, Cortex-A72, 4GB).", ["edge_linux"]),
        ("deployment", "Radio unit has Linux SoC. Evaluating Coral as accelerator.", ["edge_linux"]),  # (a maybe)
        ("deployment", "Could it just run overnight on that Dell server? It doesn't need to be instant, next "
         "morning is fine.", ["batch"]),
        ("hardware", "Azure, NC-series when we retrain", ["nvidia"]),
        ("hardware", "on-prem, CPUs only", ["cpu"]),
        ("priorities", "We keep equipment for decades out here.", ["long_term"]),
    ],
)  # fmt: skip
def test_dev89_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev89
        ("timeline", "Product 2028.", ["long"]),  # (a coming year alone: due within it)
        ("existing_stack", "There is old TF1 simulator code, but it is not in production. We start new.",
         ["greenfield"]),
        ("deployment", "Kubernetes on-prem: scoring jobs every 15 minutes, plus a REST endpoint the NOC dashboard "
         "queries", ["server", "batch"]),
        ("deployment", "only ship on the A72", ["edge_linux"]),
        ("priorities", "speed, every answer under 50ms", ["performance"]),  # ("50ms" is "50 ms")
        # dev90
        ("timeline", "Is for the launch of the collection in April 2027, so we have some months.", ["half_year"]),
        ("skills", "did a bit of pytorch in 2nd yr uni, that's about it for the whole team tbh", ["pytorch"]),
        ("hardware", "only normal Dell desktop, i5 processor, nothing fancy", ["cpu"]),
        ("priorities", "cost cost cost 😅 and it should be there for long time, we don't want to redo in 2 years",
         ["cost", "long_term"]),
        ("use_case", "Need to auto-extract brand, size and condition from seller-written listing descriptions.",
         ["nlp"]),
        ("use_case", "We need something that tells us which SKUs to mark down and by how much, based on "
         "sell-through data.", ["tabular"]),
        ("existing_stack", "not have anything yet", ["greenfield"]),
        ("deployment", "actually there's a pytorch size-fit model already live, forgot it was ours", []),
        # dev91
        ("use_case", "We want to read Form M, bills of lading and commercial invoices automatically and pull out HS "
         "code, consignee, CIF value", ["nlp"]),
        ("use_case", "we want to transcribe the VHF radio between port control, pilots and tug masters", ["audio"]),
        ("deployment", "it should be online on a server so our staff in both ports can use it from browser",
         ["server"]),  # (where people use it, not where it runs)
        ("hardware", "GCP, T4 and L4. can request TPU quota also if really need", ["nvidia"]),  # (a maybe)
        ("deployment", "Scheduled batch every 5 min on on-prem servers in the control centre. Edge RTUs at "
         "compressor stations maybe, but that's phase 2.", ["batch"]),
    ],
)  # fmt: skip
def test_dev89_to_dev91_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_live_pytorch_model_named_in_passing_is_the_stack(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("actually there's a pytorch size-fit model already live, forgot it was ours")
    assert chat.state.answers["existing_stack"] == ["pytorch_production"]


def test_a_deal_that_got_cancelled_rules_its_option_out(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("NVIDIA, the Gaudi deal got cancelled yesterday.")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_a_year_since_which_something_runs_is_no_deadline(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("since 2027")
    assert "timeline" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # The end of the year, said in late November, is counted as a month away, as "end of
        # December" is (dev91); a fiscal year's end names no month.
        ("target before end of year because audit from ministry", ["asap"]),
        ("Diwali ke baad... no wait Diwali is gone. by 31st dec max", ["asap"]),
        ("by 30 april", ["half_year"]),
        ("Timeline correction: fiscal year end is not deadline. Deadline is mid January for customer trial.",
         ["quarter"]),
    ],
)  # fmt: skip
def test_a_months_end_is_counted_in_months(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "timeline", said) == stored


def test_an_only_in_a_what_if_puts_what_it_names_in_the_answers_place(chat: Chat) -> None:
    advised(chat)
    before = list(chat.state.answers["deployment"])
    assert before != ["ios"]
    chat.say("what if it only had to run on the pilots' iPads?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["ios"]
    assert chat.state.answers["deployment"] == before  # (weighed, not stored)


def test_a_gpu_going_back_to_it_is_ruled_out(chat: Chat) -> None:
    until(chat, "timeline", hardware=["nvidia", "cpu"])
    chat.say("actually hang on, Dazza's 4090 is going back to IT. so CPU only")
    assert chat.state.answers["hardware"] == ["cpu"]


def test_no_need_to_rush_is_not_nothing_else(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("sorry my oga just said end of January is ok, no need to kill ourselves before xmas")
    assert "priorities" not in chat.state.answers


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev92, dev93
        ("timeline", "yesterday? lol. realistically before the legislature gavels in come January", ["quarter"]),
        ("timeline", "new model must ship with bin v3 mass production, 2027 4월", ["half_year"]),  # (Korean April)
        ("timeline", "ASAP bana, before xmas", ["asap"]),
        ("timeline", "Management wants it launched before Republic Day", ["quarter"]),
        ("timeline", "no production per se, the grant runs to 2029", ["long"]),
        ("existing_stack", "yes it is tflite, on device in the bin. continue", ["tflite_app"]),
        ("existing_stack", "rien in prod, it's research", ["greenfield"]),
        ("use_case", "We make smart trash bin. camera inside the bin recognize recyclable item (can, PET, paper cup) "
         "when citizen throw it", ["vision"]),
        ("use_case", "I want something that sorts them by topic and flags the ones that mention specific violations.",
         ["nlp"]),
        ("hardware", "we no get GPU machine, na our laptops only", ["cpu"]),
        ("skills", "Team is 4 developers, all are good in Python, no ML framework experience as such", ["python"]),
        ("priorities", "hiring's the big one, bloody hard to find TF people in London these days. and it's got to "
         "last", ["hiring", "long_term"]),
        ("priorities", "Cost matters a great deal, we're a nonprofit. Is that normal for you?", ["cost"]),
        # (a question in a sentence of its own, naming nothing, asks about nothing before it)
        ("deployment", "huh what does batch jobs mean 🤔", []),
    ],
)  # fmt: skip
def test_dev92_and_dev93_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_heading_that_corrects_a_question_reads_what_follows_as_its_answer(chat: Chat) -> None:
    until(chat, "timeline", existing_stack=["pytorch_production"])
    chat.say("correction on the stack question: the SageMaker forecasting models are TensorFlow, not PyTorch.")
    assert chat.state.answers["existing_stack"] == ["tf_production"]
    assert "tensorflow" not in chat.state.answers["skills"]


def test_a_broken_gpu_leaves_the_cpus(chat: Chat) -> None:
    until(chat, "timeline", hardware=["nvidia", "cpu"])
    chat.say("sorry, I just check, the GTX 1080 Ti is broken. only CPUs now")
    assert chat.state.answers["hardware"] == ["cpu"]


def test_credits_that_run_out_date_no_deadline(chat: Chat) -> None:
    advised(chat)
    chat.say("What if the TPU credits run out mid-2027 and we're left with only the A6000s?")
    assert chat.state.proposed is None or "timeline" not in {
        k for k, v in chat.state.proposed.items() if v != chat.state.answers.get(k)
    }


@pytest.mark.parametrize(
    ("said", "step_id", "proposed"),
    [
        # dev92: a what-if in Pidgin; a what-if whose second clause gives its date and asks
        ("wetin go change if government give us cloud TPU credits?", "hardware", "tpu"),
        ("And if the board says we have to wait until the next fiscal year, so July at the earliest?", "timeline",
         "long"),
    ],
)  # fmt: skip
def test_dev92_what_ifs(chat: Chat, said: str, step_id: str, proposed: str) -> None:
    assert_proposed_after_the_advice(chat, said, step_id, proposed)


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("timeline", "Go-live planned for Q2 2027, realistically May.", ["half_year"]),  # (said realistically)
        ("timeline", "before christmas would be ideal... nah, realistically january", ["quarter"]),
    ],
)  # fmt: skip
def test_a_month_said_realistically_is_the_deadline(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_certification_window_is_no_windows_pc(chat: Chat) -> None:
    until(chat, "timeline", hardware=["nvidia"])
    chat.say("certification window's end of Jan so first build before then")
    assert chat.state.answers["hardware"] == ["nvidia"]
    assert chat.state.answers["timeline"] == ["quarter"]


def test_a_member_who_knows_nothing_yet_is_no_fresh_start(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("pytorch (2 of us), tensorflow (1), and our 4th member knows nothing yet but learns fast")
    assert chat.state.answers["skills"] == ["pytorch", "tensorflow"]
    assert "existing_stack" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # dev14, dev53, dev74, dev76, dev83: a framework someone touched once, gave up, or is gone
        ("R and python mostly. one postdoc did a tensorflow course years ago but I wouldn't call that a skill",
         ["python"]),
        ("keras. somebody started on pytorch last winter but gave up after a week", ["keras"]),
        ("our IT person knows python. my nephew does jax in university but he is not working here", ["python"]),
        ("Our volunteer Gerald knows Python (retired from IBM). He said 'keras' once at a potluck, I can't vouch "
         "for it", ["python"]),
        ("me: i did some yolo with pytorch already on my laptop, that's it. the german guy who know tensorflow "
         "finish his contract and go home already", ["pytorch"]),
    ],
)  # fmt: skip
def test_skills_said_not_to_count_are_not_stored(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "skills", said) == stored


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # dev80, dev89: reinforcement learning for a paper is research, as research takes in robotics
        ("Hello. We are research group in telecom company. We study reinforcement learning for beam management "
         "and scheduling in 5G/6G RAN. Papers are main output.", ["research"]),
        ("Our team with university writes paper about new deep RL method for yard stacking. experiments mostly",
         ["research"]),
        ("we train RL policies for our robot arm", ["robotics"]),
        # dev54: a control engineer names no control problem
        ("Hello, I'm control engineer in a rice processing plant near Rasht. We need to detect broken and chalky "
         "grains on the conveyor belt", []),
    ],
)  # fmt: skip
def test_research_takes_in_reinforcement_learning_for_papers(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "use_case", said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev94, dev95
        ("skills", "ok heard back from Priya: they do TensorFlow, and one contractor knows PyTorch",
         ["tensorflow", "pytorch"]),  # (heard back from someone: no "back")
        ("timeline", "investor demo 15 Desember", ["asap"]),  # (Indonesian December)
        ("deployment", "policy runs on an STM32H7. maybe a Pi for logging", ["microcontroller"]),
        ("deployment", "Inference on our GCP backend, reports get generated in batches every 2 hours",
         ["batch"]),
        ("use_case", "need something that flags toxic chat messages automatically, german and english", ["nlp"]),
        ("use_case", "we do 2D animation and want auto-coloring of line art frames", ["vision"]),
    ],
)  # fmt: skip
def test_dev94_and_dev95_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev99, dev101
        ("use_case", "moderating reader comments on our website, Egyptian Arabic dialect + MSA, classify hate "
         "speech and spam", ["nlp"]),  # (hate speech is text, not speech)
        ("use_case", "Before we start: we're a news organisation. What we need is photo tagging", ["vision"]),
        ("use_case", "on my Shopify I'd love the 'if you liked this you'll like that' thing", ["recsys"]),
        ("use_case", "Our NGO runs a helpline. We want to classify incoming SMS by urgency", ["nlp"]),
        ("skills", "python's fine, and our dev Mick's done a fair bit of keras", ["python", "keras"]),
        ("skills", "Our contractor builds the app. The rest of us don't know ML at all.", ["beginners"]),
        ("skills", "nobody's touched tensorflow, two of us write python", ["python"]),  # (no "nobody" of its own)
        ("deployment", "Server-side only. nothing may run in browsers.", ["server"]),
    ],
)  # fmt: skip
def test_dev99_and_dev101_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_predicate_negated_is_what_the_subject_is_not(chat: Chat) -> None:
    """dev101: "Robot computer is not Jetson": the robot computer stays, the Jetson goes."""
    until(chat, "deployment", deployment=["jetson"])
    chat.say("Robot computer is not Jetson, it is industrial PC with Linux and RTX A2000.")
    assert chat.state.answers["deployment"] == ["edge_linux"]


def test_hardware_being_decommissioned_is_ruled_out(chat: Chat) -> None:
    """dev99: "the DGX is being decommissioned ..., so it's TPU only" after the advice."""
    advised(chat)
    assert chat.state.answers["hardware"] == ["nvidia"]
    chat.say("Actually, correction: the DGX is being decommissioned in December, so it's TPU only going forward.")
    assert (chat.state.proposed or chat.state.answers)["hardware"] == ["tpu"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev96-dev100
        ("hardware", "wetin be GPU? na the thing for gaming?", []),  # (Pidgin "what is": asks)
        ("timeline", "first production cell late 2027 realistically", ["long"]),
        ("use_case", 'personalised offers in our loyalty app. "Customers who buy this also buy that".', ["recsys"]),
        ("use_case", "we're building 'similar flats you may like', based on what the user browsed", ["recsys"]),
        ("use_case", "we want price estimation for cars from brand, model, year, km", ["tabular"]),
        ("use_case", "something wey fit tell me how many crates to order every week so i no go overstock again",
         ["tabular"]),
        ("use_case", "Floor plan recognition. Scanned PDFs -> walls, doors, rooms as vectors.", ["vision"]),
        ("skills", "ngl none of us have done deep learning lol", ["beginners"]),
        ("skills", "they know a little python, is first time machine learning for all", ["python", "beginners"]),
    ],
)  # fmt: skip
def test_dev96_to_dev100_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_what_if_where_a_priority_did_not_matter_rules_it_out(chat: Chat) -> None:
    """dev97: "And if hiring didn't matter at all?" supposes no hiring, not hiring."""
    advised_with(chat, priorities=["hiring", "cost"])
    chat.say("And if hiring didn't matter at all?")
    assert chat.state.proposed is not None and "hiring" not in chat.state.proposed["priorities"]


def test_a_scots_question_stores_nothing(chat: Chat) -> None:
    """dev97: "whit's" is "what's"."""
    chat.say("whit's the difference between pytorch an tensorflow anyway")
    assert chat.state.answers == {}


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev98, dev99, dev101: a guess with a question mark answers; it asks nothing
        ("deployment", "On the website and inside WhatsApp, so in the cloud somewhere I guess?", ["server"]),
        ("deployment", "on the website I guess? like in the customer's browser? I'd rather not pay for a server",
         ["browser"]),
        ("deployment", "I guess it would just run once a week on the office computer and spit out a spreadsheet?",
         ["batch"]),
        ("skills", "what do you think I guess pytorch?", []),  # (a question word opens it: it asks)
    ],
)  # fmt: skip
def test_a_guess_with_a_question_mark_is_a_tentative_answer(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # dev90, dev99: two words naming NVIDIA in general hold beside a Mac; one yields
        ("my MacBook Pro M2, and google colab with the free GPU", ["apple", "nvidia"]),
        ("my MacBook Pro M2 has a good GPU", ["apple"]),
        ("colab with TPUs", ["tpu"]),
    ],
)  # fmt: skip
def test_two_general_words_for_one_option_stand_beside_a_specific_one(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "hardware", said) == stored


def test_hardware_sold_is_taken_out(chat: Chat) -> None:
    """dev98: "the A6000 box got sold last week, scratch that" takes NVIDIA out, and keeps the Mac."""
    until(chat, "timeline", hardware=["apple", "nvidia"])
    chat.say("oh wait, the A6000 box got sold last week, scratch that")
    assert chat.state.answers["hardware"] == ["apple"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev5, dev89, dev92: a word of the question ruled out gives a reason beside an option named outright
        ("priorities", "money tight. and make e last o, we no get budget to rebuild am every two years",
         ["cost", "long_term"]),
        ("deployment", "An internal server API behind our firewall, plus batch reprocessing overnight; no cloud "
         "is permitted for patient data.", ["server", "batch"]),
        # (a phone ruled out as a place still rules out the app that calls the server)
        ("deployment", "The model will put on the server, the app Android and iOS will call to it by API. Not run "
         "on the phone.", ["server"]),
    ],
)  # fmt: skip
def test_a_word_of_the_question_ruled_out_takes_back_no_option_named_outright(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert sorted(answer_to(chat, step_id, said)) == sorted(stored)


def test_at_the_recap_a_priority_added_with_a_reason_is_added(chat: Chat) -> None:
    """dev100: "add lowest cost to priorities too, diesel for the generators isn't free"."""
    at_recap(chat, priorities=["long_term"])
    chat.say("wait, add lowest cost to priorities too, diesel for the generators isn't free")
    assert chat.state.answers["priorities"] == ["long_term", "cost"]


@pytest.mark.parametrize(
    "said",
    [
        # dev29, dev74, dev92: "on our server" beside a batch job is where the batch runs
        "runs on our server inside the library, processing the scans every night. internet is not stable",
        "It should run on our server the night, in batch on all the pages of the album, no need real time",
    ],
)
def test_our_server_beside_a_batch_job_is_where_it_runs(chat: Chat, said: str) -> None:
    assert answer_to(chat, "deployment", said) == ["batch"]


@pytest.mark.parametrize(
    ("said", "step_id", "supposed"),
    [
        # dev48, dev65, dev98: giving up the only place named outright, the plain word for another is its replacement
        ("what if we move everything to a server and forget the browser?", "deployment", "server"),
        ("Suppose we move the recommendations to a proper server and drop the in-browser bit.", "deployment",
         "server"),
        ("what if i just used the cpu instead of the arc card", "hardware", "cpu"),
    ],
)  # fmt: skip
def test_a_what_if_giving_up_an_option_puts_the_plain_word_for_another_in_its_place(
    chat: Chat, said: str, step_id: str, supposed: str
) -> None:
    advised_with(chat, deployment=["browser"], hardware=["intel"])
    chat.say(said)
    assert chat.state.proposed is not None and supposed in chat.state.proposed[step_id]


def test_someone_named_who_quit_is_no_cancel(chat: Chat) -> None:
    """dev14: "jake quit" reports that Jake left; the conversation goes on and the new hardware is offered."""
    advised(chat)
    replies = chat.say("actually jake quit and took his laptop lol. we'd train on the office mac mini, m4")
    assert "Stopped" not in text(replies)
    assert chat.state.proposed is not None and "apple" in chat.state.proposed["hardware"]
    assert "Stopped" in text(chat.say("i quit"))  # the writer's own "quit" still leaves


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        # dev102-dev104
        ("deployment", "on ma phone. android. cannae afford an iphone lol", ["android"]),  # (Scots "can't")
        ("skills", "mixed. 2 folks know PyTorch, rest are android devs with some TF Lite exposure",
         ["pytorch", "tensorflow"]),
        ("deployment", "ESP32-S3 per compartment. gateway has a Coral USB accelerator.", ["microcontroller", "coral"]),
        ("hardware", "we won't be training so... none? just our laptops", ["cpu"]),
        ("skills", "we're JS devs mate. nobody has touched ML", ["beginners"]),
        ("timeline", "nae rush at aw", ["long"]),
    ],
)  # fmt: skip
def test_dev102_to_dev104_phrasings(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_priority_that_matters_too_is_added_even_after_change(chat: Chat) -> None:
    """dev102: "too actually" is no "too" that strengthens a word ("too quickly"): it adds."""
    advised_with(chat, priorities=["cost", "performance"])
    chat.say("change priorities: hiring matters too actually, we're growing the team to 10")
    assert sorted((chat.state.proposed or chat.state.answers)["priorities"]) == ["cost", "hiring", "performance"]


@pytest.mark.parametrize(
    ("said", "hardware"),
    [
        # dev103, dev48: LUMI is an AMD machine; one that "gets rejected" is ruled out
        ("What if LUMI becomes our only machine next year?", ["amd"]),
        ("what if the LUMI allocation gets rejected and it's A100s only", ["nvidia"]),
    ],
)
def test_lumi_is_amd(chat: Chat, said: str, hardware: list[str]) -> None:
    advised_with(chat, hardware=["cpu"], timeline=["half_year"])
    chat.say(said)
    assert chat.state.proposed is not None
    assert chat.state.proposed["hardware"] == hardware
    assert chat.state.proposed["timeline"] == ["half_year"]
