"""A fact as the advice cites it: its title, links, date, and whether it is expert judgement."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.knowledge import Fact


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    fact_id: str
    title: str
    urls: list[str]
    as_of: str
    judgement: bool


def source_of(fact: Fact) -> Source:
    return Source(fact_id=fact.id, title=fact.title, urls=fact.urls, as_of=fact.as_of, judgement=fact.judgement)
