"""Replies as Slack messages: Block Kit with a plain-text fallback, escaped and within Slack's limits.

Every text from the core may carry what a user typed, so all of it is escaped for mrkdwn (`&`, `<`,
`>`) before it is placed; links and buttons are then built from structured data (urls, ids), never
from text. The ids on interactive elements are the contract with `bot.slack_app`:

- `answer:<step>:<option>` buttons (value = option id) answer a one-choice step, or "Not sure";
- `pick:<step>` checkboxes (or a multi-select past 10 options) plus a `done:<step>` button answer a
  several-choice step;
- `recap:confirm` / `recap:restart` buttons answer the recap; `command:<id>` buttons under an answer
  (adopt a what-if, resume after a pause, ...) are commands; `consult` is the consultation link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.advice import NAMES, Recommendation, Source
from bot.conversation import Wording
from bot.interface_wording import wording
from bot.render_text import bar, render
from bot.replies import Advise, Answer, Ask, Lead, Recap, Reply, Say

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_URL = 3000
MAX_CHECKBOXES = 10
MAX_CONTEXT_ELEMENTS = 10
SUMMARY_REASONS = 2  # reasons in the recommendation's summary; the rest are in its details
UNSURE = "unsure"

FORGET_ACTION = "forget:confirm"
ADVICE_ACTIONS = "consult"  # the block_id of the recommendation's buttons (consultant, details, share)
SHARE_ACTION = "share"  # the recommendation's Share to channel button; its modal's callback_id too
SHARE_CHANNEL_BLOCK, SHARE_CHANNEL_ACTION = "share_channel", "channel"


@dataclass(frozen=True)
class Message:
    """One chat.postMessage: `text` is the notification / screen-reader fallback."""

    text: str
    blocks: list[Block]


def escape_mrkdwn(text: str) -> str:
    """Escape Slack's control characters so `<!channel>` or `<@U…>` typed by a user stays inert."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten escaped text to `limit` characters without cutting an entity like `&amp;` in half."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def plain(text: str, limit: int) -> dict[str, Any]:
    # plain_text is never parsed for mentions, so it needs no escaping, only the length limit.
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": shown, "emoji": True}


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at line ends where it can be."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            cut = line.rfind(" ", 0, limit) if " " in line[:limit] else limit
            cut = cut if cut > 0 else limit
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def section(mrkdwn: str) -> Block:
    """A section of already-escaped mrkdwn."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(mrkdwn, MAX_SECTION)}}


def context(*mrkdwn: str) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(t, MAX_SECTION)} for t in mrkdwn if t]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def button(text: str, action_id: str, value: str = "", style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(text, MAX_BUTTON), "action_id": action_id}
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def forget_question() -> list[Block]:
    """The slash command's "delete everything?" with its one button (ignoring it keeps everything)."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": wording().forget_question}},
        {"type": "actions", "elements": [button(wording().forget_button, FORGET_ACTION, "forget", style="danger")]},
    ]


def link(url: str, title: str) -> str:
    safe_url = escape_mrkdwn(url).replace("|", "%7C")
    return f"<{safe_url}|{escape_mrkdwn(title)}>"


def fallback(replies: Iterable[Reply]) -> str:
    """The terminal rendering, escaped: the same content for notifications and screen readers."""
    return escape_mrkdwn("\n\n".join(render(r) for r in replies if not isinstance(r, Lead)))[:40_000]


def messages(replies: Sequence[Reply]) -> list[Message]:
    """Group a turn's replies into as few messages as possible: lines of conversation join the next
    question, recap or answer; a recommendation always stands alone (it is long and gets shared)."""
    out: list[Message] = []
    group: list[Reply] = []
    for reply in replies:
        if isinstance(reply, Lead):
            continue  # for the consultancy, not the user (see bot.leads)
        if isinstance(reply, Advise):
            if group:
                out.append(message(group))
                group = []
            out.append(message([reply]))
            continue
        group.append(reply)
        if not isinstance(reply, Say):
            out.append(message(group))
            group = []
    if group:
        out.append(message(group))
    return out


def message(replies: Sequence[Reply]) -> Message:
    blocks = [block for reply in replies for block in blocks_for(reply)]
    return Message(text=fallback(replies), blocks=fit(blocks))


def fit(blocks: list[Block]) -> list[Block]:
    """At most 50 blocks; the last two (buttons, closing hint) are kept as they are what users act on."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    return [*blocks[: MAX_BLOCKS - 3], context("_(shortened to fit in one Slack message)_"), *blocks[-2:]]


def blocks_for(reply: Reply) -> list[Block]:
    if isinstance(reply, Say):
        return [section(escape_mrkdwn(reply.text))]
    if isinstance(reply, Ask):
        return _ask(reply)
    if isinstance(reply, Recap):
        return _recap(reply)
    if isinstance(reply, Advise):
        return _advise(reply)
    if isinstance(reply, Lead):
        return []
    assert isinstance(reply, Answer)
    # Long answers are split across sections and their sources across context blocks, so nothing
    # is cut: a section holds 3,000 characters and a context block 10 elements.
    blocks = [section(chunk) for chunk in split_text(escape_mrkdwn(reply.text), MAX_SECTION)]
    for start in range(0, len(reply.sources), MAX_CONTEXT_ELEMENTS):
        blocks.append(context(*[_source(s) for s in reply.sources[start : start + MAX_CONTEXT_ELEMENTS]]))
    if reply.choices:
        buttons = [button(c.label, f"command:{c.id}", c.id) for c in reply.choices]
        blocks.append({"type": "actions", "block_id": "choices", "elements": buttons[:25]})
    return blocks


def closed(original_blocks: Sequence[Block], note: str) -> list[Block]:
    """A question message once answered: as it was, minus its controls, plus a note (mrkdwn)."""
    kept = [b for b in original_blocks if b.get("type") not in ("actions", "input")]
    return fit([*kept, context(note)])


def picked(labels: Sequence[str]) -> str:
    return "✓ " + escape_mrkdwn(", ".join(labels))


# -- questions -------------------------------------------------------------------------------------


def _ask(reply: Ask) -> list[Block]:
    number, total = reply.position
    blocks = [section(f"*[{number}/{total}]* {escape_mrkdwn(reply.text)}")]
    options = [c for c in reply.choices if c.id != UNSURE]
    unsure = button("Not sure", f"answer:{reply.step_id}:{UNSURE}", UNSURE)
    if not reply.multi:
        buttons = [button(c.label, f"answer:{reply.step_id}:{c.id}", c.id) for c in options]
        buttons.append(unsure)
        blocks += [
            {"type": "actions", "block_id": f"step-{reply.step_id}-{i}", "elements": buttons[i : i + 25]}
            for i in range(0, len(buttons), 25)
        ]
        return blocks
    choices = [{"text": plain(c.label, MAX_BUTTON), "value": c.id} for c in options]
    picked = [o for o in choices if o["value"] in reply.chosen]
    element: dict[str, Any]
    if len(choices) <= MAX_CHECKBOXES:
        element = {"type": "checkboxes", "action_id": f"pick:{reply.step_id}", "options": choices}
    else:
        element = {
            "type": "multi_static_select",
            "action_id": f"pick:{reply.step_id}",
            "placeholder": plain(wording().choose_all, MAX_BUTTON),
            "options": choices[:100],
        }
    if picked:
        element["initial_options"] = picked
    blocks.append({"type": "actions", "block_id": f"step-{reply.step_id}", "elements": [element]})
    done = button(wording().done, f"done:{reply.step_id}", reply.step_id, style="primary")
    blocks.append({"type": "actions", "block_id": f"step-{reply.step_id}-done", "elements": [done, unsure]})
    blocks.append(context(wording().tick_all_hint))
    return blocks


def _recap(reply: Recap) -> list[Block]:
    lines = "\n".join(f"• *{escape_mrkdwn(line.title)}*: {escape_mrkdwn(line.value)}" for line in reply.lines)
    buttons = [
        button(c.label, f"recap:{c.id}", c.id, style="primary" if c.id == "confirm" else None) for c in reply.choices
    ]
    return [
        section(escape_mrkdwn(reply.intro)),
        section(lines or "_(nothing yet)_"),
        section(escape_mrkdwn(reply.question)),
        {"type": "actions", "block_id": "recap", "elements": buttons},
    ]


# -- the recommendation ----------------------------------------------------------------------------


def headline(rec: Recommendation) -> str:
    """Names the recommended framework first, so a notification alone carries the answer."""
    if rec.headline:
        return rec.headline
    if rec.verdict == "either":
        return wording().either_headline
    return wording().recommended_headline.format(name=rec.name, confidence=rec.confidence)


def _bars(tensorflow: float, pytorch: float) -> str:
    tf, pt = NAMES["tensorflow"], NAMES["pytorch"]
    lines = [f"`{name:<11}{bar(round(score))} {score:g}/10`" for name, score in ((tf, tensorflow), (pt, pytorch))]
    return "\n".join(lines)


def _sources(sources: Sequence[Source]) -> Block | None:
    shown = [_source(s) for s in sources[:MAX_CONTEXT_ELEMENTS]]
    return context(*shown) if shown else None


def _source(source: Source) -> str:
    if source.judgement or not source.urls:
        return f"{escape_mrkdwn(source.title)} (expert judgement; as of {escape_mrkdwn(source.as_of)})"
    return f"{link(source.urls[0], source.title)} (as of {escape_mrkdwn(source.as_of)})"


def consult_url(url: str) -> str:
    """A button url is at most 3,000 characters; past that the answers summary is dropped."""
    return url if len(url) <= MAX_URL else url.split("?", 1)[0][:MAX_URL]


def home_view(latest: Recommendation | None, when: str | None, consult: str) -> dict[str, Any]:
    """The App Home tab: what the bot does, the user's latest recommendation, and a way to start."""
    blocks: list[Block] = [
        {"type": "header", "text": plain("Stack Advisor", MAX_HEADER)},
        section(wording().home_intro),
    ]
    if latest is None:
        blocks.append(section(wording().home_none))
    else:
        lines = [wording().home_latest.format(when=escape_mrkdwn(when or "")), f"*{escape_mrkdwn(headline(latest))}*"]
        lines.append(f"{wording().build_with} {escape_mrkdwn(latest.stack)}")
        blocks.append(section("\n".join(lines)))
        blocks.append(section(_bars(latest.totals.get("tensorflow", 0), latest.totals.get("pytorch", 0))))
    start = button(wording().home_start, "home:start", style="primary")
    talk = button(wording().home_talk, "consult")
    talk["url"] = consult_url(consult)
    blocks.append({"type": "actions", "block_id": "home", "elements": [start, talk]})
    blocks.append(context(escape_mrkdwn(wording().home_also)))
    return {"type": "home", "blocks": fit(blocks)}


def _advise(reply: Advise) -> list[Block]:
    """The summary a team reads in Slack (about 120 words): verdict and confidence, what to build
    with, the reasons from their answers with at most two dated sources each, what would change
    it, the consultant; everything else (scores, caveats, all sources) behind *Details*."""
    rec = reply.recommendation
    blocks: list[Block] = [{"type": "header", "text": plain(headline(rec), MAX_HEADER)}]
    intro = [escape_mrkdwn(n) for n in rec.notes[:1]] + [f"*{wording().build_with}* {escape_mrkdwn(rec.stack)}"]
    blocks.append(section("\n".join(intro)))
    reasons: list[str] = []
    sources: list[Source] = []
    for index, criterion in enumerate(rec.deciding[:SUMMARY_REASONS]):
        because = reply.because[index] if index < len(reply.because) else ""
        lead = f"_{escape_mrkdwn(because)}_ " if because else ""
        reasons.append(f"• *{escape_mrkdwn(criterion.name)}*: {lead}{escape_mrkdwn(criterion.reason)}")
        sources.extend(s for s in criterion.sources[:2] if s not in sources)
    if reasons:
        blocks.append(section(f"*{wording().why_title}*\n" + "\n".join(reasons)))
    for chunk in range(0, len(sources), MAX_CONTEXT_ELEMENTS):
        blocks.append(context(*[_source(s) for s in sources[chunk : chunk + MAX_CONTEXT_ELEMENTS]]))
    if reply.flip_text:
        blocks.append(section(f"*{wording().what_would_change}* {escape_mrkdwn(reply.flip_text)}"))
    consult = button(wording().talk_it_through, "consult", style="primary")
    consult["url"] = consult_url(reply.consult_url)
    details = button(wording().details, "command:details", "details")
    elements = [consult, details]
    if reply.share_label:
        elements.append(button(reply.share_label, SHARE_ACTION, "share"))
    blocks.append({"type": "actions", "block_id": ADVICE_ACTIONS, "elements": elements})
    blocks.append(context(escape_mrkdwn(reply.follow_up_hint)))
    return blocks


# -- the consultancy's side ------------------------------------------------------------------------

_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")


def lead_card(lead: dict[str, Any], wording: Wording) -> Message:
    """A consented consultation request as the consultancy's channel shows it (`lead` is the record
    `bot.leads.lead_record` makes): who, where, their answers, the verdict, what they asked after."""
    user = str(lead.get("user") or "")
    who = f"<@{user}>" if _SLACK_USER.fullmatch(user) else escape_mrkdwn(user)
    blocks: list[Block] = [
        {"type": "header", "text": plain(wording.lead_card_title, MAX_HEADER)},
        section(escape_mrkdwn(wording.lead_card_who).format(who=who, workspace=escape_mrkdwn(str(lead["workspace"])))),
    ]
    if lead.get("recommended"):
        name, confidence = escape_mrkdwn(str(lead["recommended"])), escape_mrkdwn(str(lead.get("confidence") or ""))
        blocks.append(section(escape_mrkdwn(wording.lead_card_verdict).format(name=name, confidence=confidence)))
    else:
        blocks.append(section(escape_mrkdwn(wording.lead_card_no_verdict)))
    answers = [f"• *{escape_mrkdwn(a['title'])}*: {escape_mrkdwn(a['value'])}" for a in lead.get("answers", [])]
    if answers:
        blocks.append(section(escape_mrkdwn(wording.lead_card_answers) + "\n" + "\n".join(answers)))
    asked = [f"• {escape_mrkdwn(q)}" for q in lead.get("asked_after", [])]
    lines = [escape_mrkdwn(wording.lead_card_asked), *asked]
    if not asked:
        lines = [escape_mrkdwn(wording.lead_card_asked_nothing)]
    blocks += [section(chunk) for chunk in split_text("\n".join(lines), MAX_SECTION)]
    blocks.append(context(escape_mrkdwn(f"{lead.get('id', '')}")))
    text = (
        escape_mrkdwn(wording.lead_card_title)
        + ": "
        + escape_mrkdwn(wording.lead_card_who).format(who=who, workspace=escape_mrkdwn(str(lead["workspace"])))
    )
    return Message(text=text, blocks=fit(blocks))


# -- sharing a recommendation ----------------------------------------------------------------------


def share_modal(wording: Wording, metadata: str) -> dict[str, Any]:
    """The modal that asks where to share: a channel picker (the conversations the user can see)."""
    picker = {
        "type": "conversations_select",
        "action_id": SHARE_CHANNEL_ACTION,
        "placeholder": plain(wording.share_channel, MAX_BUTTON),
        "filter": {"include": ["public", "private", "mpim"], "exclude_bot_users": True},
    }
    return {
        "type": "modal",
        "callback_id": SHARE_ACTION,
        "private_metadata": metadata,
        "title": plain(wording.share_title, 24),
        "submit": plain(wording.share_submit, 24),
        "blocks": [
            {
                "type": "input",
                "block_id": SHARE_CHANNEL_BLOCK,
                "label": plain(wording.share_channel, 2000),
                "element": picker,
            }
        ],
    }


def shared(rec: Recommendation, flip_text: str | None, user: str, wording: Wording) -> Message:
    """The compact version a team discusses: the verdict, the reasons, what would change it."""
    who = f"<@{user}>" if _SLACK_USER.fullmatch(user) else escape_mrkdwn(user)
    reasons = [f"• *{escape_mrkdwn(c.name)}*: {escape_mrkdwn(c.reason)}" for c in rec.deciding[:SUMMARY_REASONS]]
    blocks: list[Block] = [
        context(escape_mrkdwn(wording.share_intro).format(who=who)),
        {"type": "header", "text": plain(headline(rec), MAX_HEADER)},
        section(f"*Build with:* {escape_mrkdwn(rec.stack)}"),
    ]
    if reasons:
        blocks.append(section(escape_mrkdwn(wording.share_reasons) + "\n" + "\n".join(reasons)))
    if flip_text:
        blocks.append(section(f"{escape_mrkdwn(wording.share_change)} {escape_mrkdwn(flip_text)}"))
    text = escape_mrkdwn(wording.share_intro).format(who=who) + " " + escape_mrkdwn(headline(rec))
    return Message(text=text, blocks=fit(blocks))
