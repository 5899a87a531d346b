"""The install pages (OAuth distribution): /slack/install, and the pages after the redirect, from
conversations/pages.yaml. Every text is escaped for HTML; links are built from structured values."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urlencode

from pydantic import Field, model_validator

from bot.datafiles import StrictModel, check_placeholders, load_model


class InstallPage(StrictModel):
    title: str
    lead: str
    does_title: str
    does: list[str] = Field(min_length=1)
    stores_title: str
    stores: list[str] = Field(min_length=1)
    retention: str = Field(description="Placeholders: {retention_days}.")
    privacy_title: str
    privacy: str
    button: str
    scopes_note: str

    @model_validator(mode="after")
    def _placeholders(self) -> InstallPage:
        check_placeholders("retention", self.retention, {"retention_days"})
        return self


class SuccessPage(StrictModel):
    title: str
    text: str
    open_home: str
    open_in_browser: str


class FailurePage(StrictModel):
    title: str
    why: str = Field(description="Placeholders: {reason}.")
    reasons: dict[str, str] = Field(description="Bolt's failure reasons, said for a person.")
    other_reason: str = Field(description="A reason not listed. Placeholders: {reason}.")
    retry: str
    retry_hint: str

    @model_validator(mode="after")
    def _placeholders(self) -> FailurePage:
        check_placeholders("why", self.why, {"reason"})
        check_placeholders("other_reason", self.other_reason, {"reason"})
        return self


class Pages(StrictModel):
    install: InstallPage
    success: SuccessPage
    failure: FailurePage


def load_pages(directory: Path) -> Pages:
    return load_model(directory / "pages.yaml", Pages)


_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;"
    "color:#1d1c1d;line-height:1.5}h1{color:#1d3557}a.button{display:inline-block;background:#4a154b;color:#fff;"
    "padding:.75rem 1.25rem;border-radius:.4rem;text-decoration:none;font-weight:600}small{color:#616061}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_STYLE}</style></head>'
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def install_html(pages: Pages, authorize_url: str, retention_days: int) -> str:
    page = pages.install
    body = (
        f"<p>{escape(page.lead)}</p>"
        f"<h2>{escape(page.does_title)}</h2>{_list(page.does)}"
        f"<h2>{escape(page.stores_title)}</h2>{_list(page.stores)}"
        f"<p>{escape(page.retention.format(retention_days=retention_days))}</p>"
        f"<h2>{escape(page.privacy_title)}</h2><p>{escape(page.privacy)}</p>"
        f'<p><a class="button" id="add-to-slack" href="{escape(authorize_url, quote=True)}">'
        f"{escape(page.button)}</a></p>"
        f"<p><small>{escape(page.scopes_note)}</small></p>"
    )
    return _page(page.title, body)


def success_html(pages: Pages, app_id: str | None, team_id: str | None) -> str:
    page = pages.success
    # Slack's deep link to the app's Home tab in that workspace; app_redirect does it from a browser
    # without the desktop app.
    home = "slack://app?" + urlencode({"team": team_id or "", "id": app_id or "", "tab": "home"})
    web = "https://slack.com/app_redirect?" + urlencode({"app": app_id or "", "team": team_id or ""})
    body = (
        f"<p>{escape(page.text)}</p>"
        f'<p><a class="button" id="open-home" href="{escape(home, quote=True)}">{escape(page.open_home)}</a></p>'
        f'<p><small><a id="open-in-browser" href="{escape(web, quote=True)}">{escape(page.open_in_browser)}</a>'
        "</small></p>"
    )
    return _page(page.title, body)


def failure_html(pages: Pages, reason: str, install_path: str) -> str:
    page = pages.failure
    said = page.reasons.get(reason) or page.other_reason.format(reason=reason)
    body = (
        f"<p>{escape(page.why.format(reason=said))}</p>"
        f'<p><a class="button" id="retry" href="{escape(install_path, quote=True)}">{escape(page.retry)}</a></p>'
        f"<p>{escape(page.retry_hint)}</p>"
    )
    return _page(page.title, body)
