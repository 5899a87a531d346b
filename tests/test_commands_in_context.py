"""Commands said in people's own words, and said *not* to be done, as transcripts on the pure core.

The phrasings come from fresh corpus sets (dev17-dev19), written by helpers who never saw the
vocabulary files.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.replies import Advise
from bot.state import State
from tests.conftest import TODAY, Chat
from tests.test_followups import advised
from tests.test_understanding import until


def test_dont_start_again_after_the_advice_keeps_every_answer(chat: Chat) -> None:
    advised(chat)
    answers = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say("No, don't start again, I understand now")
    assert chat.state.phase == "advised"
    assert chat.state.answers == answers
    assert not any(isinstance(r, Advise) for r in replies)  # nothing recomputed, nothing restarted


@pytest.mark.parametrize(
    "said",
    [
        "don't start over",
        "no need to restart, I typed it right",
        "do not cancel, I am still here",
        "please don't delete anything",
    ],
)
def test_a_command_said_not_to_be_done_keeps_things_as_they_are(advisor: Advisor, said: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="skills"), TODAY).command == "keep"


def test_a_command_said_and_a_different_one_refused_is_still_said(advisor: Advisor) -> None:
    # "not sure" is said; only the skipping is refused
    said = "not sure, don't skip this one"
    assert advisor.read(said, State(phase="asking", pending="skills"), TODAY).command == "unsure"


@pytest.mark.parametrize(
    ("pending", "said", "command"),
    [
        ("deployment", "Is there a Help function? I do not know what I am allowed to write here.", "help"),
        ("hardware", "Excuse me, is there a help page? I do not know the words for the computer parts.", "help"),
        ("hardware", "What I can write here? Where is menu with commands?", "help"),
        ("after", "Please erase the information about our company from your system.", "forget"),
        ("after", "please forget my company info the boss doesn't like to share", "forget"),
        ("after", "Could you remove everything I've told you from your records, please?", "forget"),
        ("after", "Start everything again please, Diego arrived and he will answer correctly.", "restart"),
        ("timeline", "Would you mind if we skipped the remaining questions? Your recommendation now.", "recommend_now"),
        ("after", "Good day, I return to our conversation from yesterday.", "resume"),
        ("after", "No thank you, it is fine as it is.", "keep"),
        ("after", "wait wait, my cousin wants to do it himself, can we start from zero", "restart"),
        ("after", "grand, that'll do me. you can delete whatever you've kept about me now", "forget"),
        ("after", "ok pls delete our convo data, the GDPR ppl will ask", "forget"),
        ("after", "ok thank you. can delete all this already", "forget"),
        ("after", "thank you very much. Apwoyo! please remove our information now", "forget"),
        ("timeline", "ah hold on, bring me back one, I want to look at what I said about the computer", "back"),
        ("priorities", "ya dale just tell me what to use", "recommend_now"),
        ("timeline", "Couldn't tell ya. Depends on when the next shutdown gets scheduled.", "unsure"),
        ("use_case", "Basta, cancel everything, I go back to my figurines.", "cancel"),
        ("priorities", "I am very sorry, I cannot judge which is most important for us.", "unsure"),
        ("existing_stack", "I do not understand what you ask me here. Help?", "help"),
        ("after", "Sorry, I would like to return to the previous step, my priorities are not correct.", "back"),
        ("hardware", "haven't a notion what that means to be honest", "unsure"),
        ("after", "Please start from first, my son says I gave some wrong details", "restart"),
        ("skills", "I am a little lost. What do you expect me to write here?", "help"),
        ("timeline", "Which answers are possible here? I do not see buttons on my screen.", "help"),
        ("after", "OK, I'm ending this chat now, thanks", "cancel"),
        ("after", "Please kindly remove all information I give you today.", "forget"),
        ("after", "cn we do this again frm the start, i want to answer for the packing unit instead", "restart"),
        ("priorities", "skip. result pls", "recommend_now"),
        ("after", "da, yes", "confirm"),
        # the answers kept as they are, naming the one already given (dev80, dev81)
        ("after", "no thanks, keep it as the nightly job", "keep"),
        ("after", "nah leave it as is, we'll stay with the Jetsons", "keep"),
        ("after", "keep it as a batch job instead of the api", None),
        ("after", "hey, picking this back up from last week", "resume"),
        ("after", "nah never mind, keep the answers, hes wrong", "keep"),
        ("timeline", "Excuse me, I had clients. I come back to the questions now.", "resume"),
        ("timeline", "I am afraid I cannot answer this with confidence at present.", "unsure"),
        ("use_case", "Hello, Im not very good with computers. Whats the help option?", "help"),
        ("priorities", "sry phone call came. back now, continue from where we left pls", "resume"),
        ("priorities", "Nothing more, thank you. Only that it works.", None),
        ("after", "dale, yes", "confirm"),
        ("after", "hm, what else can I do in here? is there a list of things you understand", "help"),
        ("priorities", "venga venga, skip whatever's left and give me the pick", "recommend_now"),
        ("after", "vale, gracias - enough for today, stop here", "cancel"),
        ("after", "kayla says i oughta have you delete what i typed in here... go ahead and do that", "forget"),
        ("timeline", "back again... had to pull a calf... where was we", "resume"),
        ("timeline", "sry wrong answer pls go bak", "back"),
        ("use_case", "Show available commands.", "help"),
        ("priorities", "y'all ask more questions than a parole officer. just spit it out, which one", "recommend_now"),
        # dev26-dev28; a word of its own is no typo of another ("close" is not "erase")
        ("after", "ok close this whole conversation", "cancel"),
        ("after", "And please erase this whole conversation afterwards (the city's DPO will ask me !)", "forget"),
        ("after", "Please purge this session's data on your side.", "forget"),
        ("use_case", "Sorry, is better that we continue other day. Stop please.", "cancel"),
        ("timeline", "Ok I back now, ship gone. Where we was?", "resume"),
        ("hardware", "what am I supposed to do here?? is there a help thing", "help"),
        ("priorities", "cho, mi nuh care bout di rest, jus gimme di answer", "recommend_now"),
        ("after", "That was the cat. Now start me over, Nikos wants to answer it himself.", "restart"),
        ("after", "No, please leave everything as it is. My grandson read it and says it is correct.", "keep"),
        # a request in a clause of its own: to go on, to be told the options (dev29, dev30)
        ("timeline", "Sorry for the silence, a storm knocked the power out. Can we pick this up where we left off?",
         "resume"),
        ("after", "Hallo again, I was one week in Germany, can we continue where we stopped before?", "resume"),
        ("hardware", "I don't understand this question. Can you explain me the options?", "help"),
        ("after", "ok can u yeet all our data from ur system thx", "forget"),
        ("after", "new project actually (water losses in the network, not heat). reset everything pls", "restart"),
        ("after", "Hang on. Take me back a question, I want to revisit that last one.", "back"),
        ("existing_stack", "Nope, clean slate.", None),  # the stack: nothing yet
        ("priorities", "Those are all of our requirements; please proceed directly to the recommendation.",
         "recommend_now"),
        ("deployment", "list the commands", "help"),
        ("timeline", "no firm date; depends on the donor round. put unknown", "unsure"),
        ("after", "Right, I'll have a think. Stop there for now, ta.", "cancel"),
        ("skills", "startover", "restart"),  # a space slipped is a slip too
        # a command opening a run-on message, unless the rest answers the question or says what was meant
        ("timeline", "go back i messed up the gpu one", "back"),
        ("skills", "stop we need to check with the boss first", "cancel"),
        ("deployment", "back i meant android", None),
        ("deployment", "back we go to the server", None),
        # asked whether one's own work must be redone: a question, not a request (dev35)
        ("after", "wait so do i have to redo the whole thing the freelancer made or no", None),
        ("after", "can we redo the whole thing", "restart"),
        # (dev34, dev35) back said as a clause of its own or after an opener; a correction given inline
        ("timeline", "wait, back, i forgot something about the hardware", "back"),
        ("existing_stack", "wait go back i left something out on the python one", "back"),
        ("hardware", "Excuse me, I must correct the previous answer: we will also run a nightly batch job.", None),
        ("after", "you can delete what ive typed in now, dont want it kept on there", "forget"),
        ("skills", "goback pls", "back"),
        ("after", "Kindly delete all the details I have given you.  Kind regards, Maureen", "forget"),
        ("after", "What else can you do? Is there a menu or something?", "help"),
        # (dev36-dev38) requests in many voices
        ("after", "Could you delete what I have entered here? Our lawyer asked me to.", "forget"),
        ("after", "I would be grateful if you could remove the information of our company.", "forget"),
        ("after", "Let's run it again from scratch with the new figures.", "restart"),
        ("after", "Is there a list of things I can ask you?", "help"),
        ("after", "That is all, thanks. You may end the conversation.", "cancel"),
        ("after", "ok, stopping here for now", "cancel"),
        ("deployment", "May I return to the question before? I think I answered too quickly.", "back"),
        ("priorities", "No, no, keep the old answer please.", "keep"),
        ("priorities", "cheap, and it's gotta run quick on the pi", None),  # how it runs: no "I gotta run"
        ("priorities", "ok gotta run, bye", "cancel"),
        # (dev41) in few words
        ("after", "ok thnx bhai. pls delete my number n chats from ur side", "forget"),
        ("timeline", "skip remaining, give answer", "recommend_now"),
        ("timeline", "Timeline depends on donor, I really cannot say now.", "unsure"),
        ("deployment", "sorry what is this one asking 🥲 help", "help"),
        # (dev42)
        ("after", "Right, thank you. Before I go, please don't keep anything I've typed on file.", "forget"),
        ("after", "Delete my inputs pls. co-op data policy.", "forget"),
        ("skills", "ehm how work this? what i have to write here", "help"),
        ("existing_stack", "we dont keep anything on the servers", None),
        # (dev39, dev40)
        ("after", "I think I did it wrong from the start. Jonas is here now, can we begin everything once more?",
         "restart"),
        ("after", "Kindly ensure that all information about my firm is removed from your records.", "forget"),
        ("hardware", "Frankly I have no time for all these questions. Please give me your conclusion now.",
         "recommend_now"),
        ("after", "My cat. Apologies. Let's abandon this for tonight.", "cancel"),
        ("hardware", "I honestly could not say what computer she trains on. I shall have to ask her.", "unsure"),
        ("after", "Actually, please disregard that request; keep it until I have spoken with our privacy officer.",
         "keep"),
        # the topic of what to correct is no correction given ("... about the video card")
        ("timeline", "Excuse me, I wish to return to the previous question, I wrote wrong information about the "
         "video card.", "back"),
        ("after", "Right, I'll leave it here for now, coffee's ready and Daan's back Thursday. Cheers.", "cancel"),
        ("existing_stack", "wat do i even type here, show me what my options are", "help"),
        ("existing_stack", "I haven't the faintest idea, I'm afraid.", "unsure"),
        ("timeline", "Sorry I lost what is the question now ㅠㅠ how I use this?", "help"),
        ("after", "haan yes", "confirm"),
        # what people do in the app ("close it") is no command beside the answer asked for
        ("priorities", "COST. And speed, if the app is slow people close it", None),
        ("timeline", "scrap all that, start from zero, i was describing the wrong project", "restart"),
        ("after", "Start this over. Want to run it for my brother's claim on Bonanza, different setup.", "restart"),
        ("hardware", "Sorry, I pushed wrong. I want to return one question before.", "back"),
        ("after", "Please erase our company information from your record. Thank you for your help.", "forget"),
        ("after", "Fine. Please wipe what I've entered here; this is a shared institute account.", "forget"),
        ("deployment", "Sorry, what are the choices for this one again?", "help"),
        ("hardware", "Sorry for Korean. About the hardware I really do not know, please pass this question.", "unsure"),
        ("timeline", "Sorry, I think I gave wrong information on the last one, can we return to that question?",
         "back"),
        ("after", "Can you go back to the very start? The boss wants to watch me answer the questions from scratch",
         "restart"),
        # dev82, dev83: "sure" says yes; finishing the questions left resumes them; "all the info"
        # is what was stored; the answers kept "as they are" outweigh the thanks before them
        ("after", "ok sure yes", "confirm"),
        ("after", "ok meeting over, let's finish the remaining questions properly", "resume"),
        ("after", "abeg delete all the info wey I give you, my nephew say na privacy matter", "forget"),
        ("after", "No, thank you, we keep the current answers as they are.", "keep"),
        # dev86: a leave-it-be in other words; a bare "Approved." at the recap
        ("after", "nah, leave the answers the way they are", "keep"),
        ("after", "Approved.", "confirm"),
        # dev87: Indonesian "sip" is OK; picking it back up later is a pause, not "back"
        ("after", "ok sip", "confirm"),
        ("after", "ok fine, lets finish the questions", "resume"),
        ("deployment", "Can we pause here and pick it back up later? I'm being pulled into a meeting.", "cancel"),
        # dev88: coming back to it after checking with someone is not knowing yet, no resume
        ("skills", "No idea what they know, to be honest. Let me check with Gareth and come back to it.", "unsure"),
        ("timeline", "cancel for now, I need to check with the owner", "cancel"),
        # dev5, dev84, dev85: "our data", cut short; Tagalog "stop for now"
        ("after", "forget our data pls, GDPR", "forget"),
        ("after", "FGT my data pls, GDPR", "forget"),
        ("after", "sige, stop na muna, will continue tomorrow", "cancel"),
        # dev52, dev67, dev72: an OK in Vietnamese, Filipino English, Indonesian
        ("after", "ok chuẩn rồi, correct", "confirm"),
        ("after", "ok goods na", "confirm"),
        ("after", "ok yes benar", "confirm"),
        ("deployment", "api", None),  # (no slip of a short yes)
        ("priorities", "not sure what to pick tbh", "unsure"),  # (dev71: not knowing, not "pick for me")
        ("priorities", "just tell me what to pick", "recommend_now"),
        # dev89
        ("after", "delete our chat please, it had some internal numbers", "forget"),
        ("after", "nah leave the rest like it is", "keep"),
        ("timeline", "I've got to step away, the lineman's calling about a cut fiber. We'll pick this up later.",
         "cancel"),
        # dev90, dev91
        ("recap", "yp", "confirm"),
        ("recap", "done", "confirm"),
        ("timeline", "sorry po need to go, customer arrived for fitting. later na lang", "cancel"),
        ("after", "can i start again from zero?", "restart"),
        ("after", "please remove our company data, the safety manager worry about privacy of the drivers", "forget"),
        # dev92, dev93
        ("after", "Please delete what we entered here, our privacy officer insists.", "forget"),
        ("after", "Please delete all our company data from your side, our legal team has asked", "forget"),
        ("after", "hmm that's a bit thin. ok let's go through the remaining questions", "resume"),
        ("timeline", "Would you mind terribly if we skipped the remaining questions? I'd rather just have your "
         "recommendation now.", "recommend_now"),
        ("existing_stack", "yes it is tflite, on device in the bin. continue", None),  # (an answer, then on)
        ("timeline", "Sorry for long waiting, there was a ceremony. Can we continue?", "resume"),
        ("after", "ok noted, bye bye", "cancel"),  # (dev94)
        # dev102-dev104
        ("recap", "okay na po 👍", "confirm"),
        ("after", "ok, I stop now, will come back next week", "cancel"),
        ("hardware", "I'd have to check with IT on that one.", "unsure"),
        ("priorities", "what are me options again?", "help"),
        ("recap", "cancel for now, I need to check with the owner", "cancel"),  # (dev83: leaving wins)
        # dev107
        ("after", "ok that's it for today sir, will come back", "cancel"),
        ("recap", "kk", "confirm"),
        ("recap", "spot on, crack on", "confirm"),
        ("timeline", "can you not just tell us which one, we've not got all day", "recommend_now"),
        # dev106, dev108
        ("after", "Nah leave am as e be", "keep"),
        ("after", "no, stay with Orin", "keep"),
        ("after", "keep coral and add jetson", None),
        ("after", "actually wipe what i put in, dont want our order numbers sat on your servers", "forget"),
        ("after", "go back to start please, my colleague want answer for the search project", "restart"),
        ("recap", "too easy", "confirm"),
    ],
)  # fmt: skip
def test_commands_from_fresh_sets(advisor: Advisor, pending: str, said: str, command: str | None) -> None:
    state = State(phase="advised") if pending == "after" else State(phase="asking", pending=pending)
    assert advisor.read(said, state, TODAY).command == command


def test_not_knowing_yields_only_to_help_asked_for_by_name(advisor: Advisor) -> None:
    # "how to answer this" is among help's phrases, but here it says what is not known
    said = "I'm not certain how to answer this one, dear."
    assert advisor.read(said, State(phase="asking", pending="deployment"), TODAY).command == "unsure"


def test_we_start_from_zero_while_the_questions_are_asked_is_no_restart(advisor: Advisor) -> None:
    said = "No. Nothing. We start from zero."
    for pending in ("existing_stack", "deployment"):
        assert advisor.read(said, State(phase="asking", pending=pending), TODAY).command != "restart"


def test_remove_an_option_from_what_i_said_is_a_change_not_forget(advisor: Advisor) -> None:
    said = "Abena has left the station last week, so remove Keras from what I said."
    assert advisor.read(said, State(phase="asking", pending="existing_stack"), TODAY).command is None


def test_the_back_office_is_a_place_not_a_command(advisor: Advisor) -> None:
    said = "whatevers in the back office box. Xeon, no graphics card. Maybe an nvidia card one day."
    reading = advisor.read(said, State(phase="asking", pending="hardware"), TODAY)
    assert reading.command is None
    assert reading.said("hardware") == ["cpu"]


def test_the_stack_said_again_with_start_from_scratch_is_no_restart(advisor: Advisor) -> None:
    # asked where it runs, "Nothing. Start from scratch." says the stack again; alone it restarts
    state = State(phase="asking", pending="deployment")
    assert advisor.read("Nothing. Start from scratch.", state, TODAY).command != "restart"
    assert advisor.read("start from scratch pls", state, TODAY).command == "restart"


def test_a_yes_that_goes_on_to_the_words_answering_the_question_asked_is_that_answer(advisor: Advisor) -> None:
    # "nothing running" answers only the stack question; asked it, the yes before it agrees with
    # the question, it confirms nothing. A bare "no" beside the yes stays a yes (nothing stored).
    state = State(phase="asking", pending="existing_stack")
    reading = advisor.read("yep, nothing running", state, TODAY)
    assert reading.command is None
    assert reading.said("existing_stack") == ["greenfield"]
    assert advisor.read("yes, none", state, TODAY).command == "confirm"


@pytest.mark.parametrize(
    "said",
    [
        "there was a TF1 model from a vendor... no wait, that was my last job. here nothing",
        "nothing deep learning. there's a fastText script someone runs on his laptop, doesn't count",
    ],
)
def test_a_correction_that_ends_in_nothing_says_nothing_runs(chat: Chat, said: str) -> None:
    # the "no" of "no wait" opens the correction; the "nothing" after it is the answer (dev70, dev80)
    until(chat, "existing_stack")
    chat.say(said)
    assert chat.state.answers["existing_stack"] == ["greenfield"]


def test_a_no_after_a_question_asked_of_oneself_takes_nothing_back(chat: Chat) -> None:
    # the "no" answers "maybe a Jetson ... later?"; the server said before it stands (dev80)
    until(chat, "deployment")
    chat.say("server in our control room. maybe a Jetson on the trucks later? no, forget trucks for now, server only")
    assert chat.state.answers["deployment"] == ["server"]
