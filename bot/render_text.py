"""Replies as terminal text: numbered choices, score bars, sources with dates."""

from __future__ import annotations

import re

from bot.advice import Source
from bot.interface_wording import wording
from bot.replies import Advise, Answer, Ask, Lead, Recap, Reply, Say

_BAR = 10


def bar(score: int) -> str:
    return "█" * score + "░" * (_BAR - score)


def source_line(source: Source) -> str:
    label = "expert judgement" if source.judgement else ", ".join(source.urls[:2])
    return f"{source.title} ({label}; as of {source.as_of})"


# An emphasis mark not preceded by a word character (nor, for *, another *). Each branch starts with
# its mark, the look-behind placed after it: the regex engine then jumps from mark to mark instead of
# trying both look-behinds at every character (~15x faster on a reply; the fallback text of every
# message goes through it). Same matches as `(?<![\w*])\*...|(?<![\w])_...`.
_EMPHASIS = re.compile(r"\*(?<![\w*]\*)([^*\n]+)\*(?![\w*])|_(?<!\w_)([^_\n]+)_(?!\w)")


def plain(text: str) -> str:
    """The core's *bold* and _italics_ as plain words: a terminal shows no emphasis."""
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def render(reply: Reply) -> str:
    return plain(_render(reply))


def _render(reply: Reply) -> str:
    if isinstance(reply, Say):
        return reply.text
    if isinstance(reply, Ask):
        number, total = reply.position
        lines = [f"[{number}/{total}] {reply.text}"]
        lines += [f"  {i}. {c.label}" for i, c in enumerate(reply.choices, start=1)]
        how = "numbers, e.g. 1,3" if reply.multi else "a number"
        lines.append(f"  (answer in your own words or with {how})")
        return "\n".join(lines)
    if isinstance(reply, Recap):
        lines = [reply.intro, *(f"  - {line.title}: {line.value}" for line in reply.lines), reply.question]
        return "\n".join(lines)
    if isinstance(reply, Advise):
        return _advise(reply)
    if isinstance(reply, Lead):
        return ""  # for the consultancy, not the user
    assert isinstance(reply, Answer)
    lines = [reply.text, *(f"  source: {source_line(s)}" for s in reply.sources)]
    lines += [f"  [{c.label}]" for c in reply.choices]
    return "\n".join(lines)


def _advise(reply: Advise) -> str:
    """The summary (see `bot.render_blocks._advise`); "details" shows the rest."""
    rec = reply.recommendation
    said = wording()
    if rec.headline:
        head = f"{said.text_recommendation} {rec.headline}"
    elif rec.verdict == "either":
        head = f"{said.text_recommendation} {said.text_either}"
    else:
        head = f"{said.text_recommendation} {said.text_recommended.format(name=rec.name, confidence=rec.confidence)}"
    lines = [f"=== {head} ===", *rec.notes[:1], f"{said.build_with} {rec.stack}", "", f"{said.why_title}:"]
    for index, criterion in enumerate(rec.deciding[:2]):
        because = reply.because[index] if index < len(reply.because) and reply.because[index] else ""
        lines.append(f"  - {criterion.name}: {because + ' ' if because else ''}{criterion.reason}")
        lines += [f"    source: {source_line(s)}" for s in criterion.sources[:2]]
    if reply.flip_text:
        lines += ["", f"{said.what_would_change} {reply.flip_text}"]
    lines += [
        "",
        f"{said.talk_it_through}: {reply.consult_url}",
        said.text_details_hint,
    ]
    lines.append(reply.follow_up_hint)
    return "\n".join(lines)
