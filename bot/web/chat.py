"""The web chat: the page, its static files, and the JSON API behind it."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Literal

import jinja2
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.channels.web import ACTIONS, is_known_action, reply_payload
from bot.core.messages import Reply
from bot.settings import Settings
from bot.web.deps import RateLimited, WebDep

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
SESSION_COOKIE = "fraudbot_session"
SESSION_MAX_AGE = 30 * 24 * 3600
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

router = APIRouter()


class ChatIn(BaseModel):
    """A message typed or pasted by the person."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=20_000, description="What happened, in the person's words")
    language: Literal["zh", "zh-hant", "en"] | None = Field(
        default=None, description="The page's language, a hint for very short messages"
    )


class ActionIn(BaseModel):
    """A button press on an earlier reply, or a settings change."""

    model_config = ConfigDict(extra="forbid")
    action: str = Field(
        max_length=40,
        description="One of: " + ", ".join(sorted(ACTIONS)),
        examples=["paid", "lang:en"],
    )

    @field_validator("action")
    @classmethod
    def _known(cls, value: str) -> str:
        if not is_known_action(value):
            raise ValueError(f"unknown action; use one of {', '.join(sorted(ACTIONS))}")
        return value


class ButtonOut(BaseModel):
    action: str
    label: str


class LinkOut(BaseModel):
    label: str
    url: str


class ReplyOut(BaseModel):
    """One reply, ready to show: `html` is already escaped and safe to insert."""

    html: str = Field(description="The reply as HTML (user text escaped)")
    text: str = Field(description="The same reply as plain text")
    buttons: list[ButtonOut]
    links: list[LinkOut] = Field(description="Tap-to-call links (tel:)")
    kind: str = Field(description="assessment, urgent, no_match, not_paid, greeting, ...")
    language: str
    consultation_id: int | None


def render_page(settings: Settings) -> str:
    """The chat page with the organisation's name and hotline filled in (escaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("index.html").render(
        org_name_zh=settings.org_name_zh,
        org_name_en=settings.org_name_en,
        org_hotline=settings.org_hotline,
        org_tel=re.sub(r"[^0-9+]", "", settings.org_hotline),
    )


def session_id(request: Request, response: Response) -> str:
    """The anonymous session from the cookie, or a new one set on the response."""
    current = request.cookies.get(SESSION_COOKIE, "")
    if _SESSION_ID.match(current):
        return current
    new = secrets.token_urlsafe(24)
    response.set_cookie(
        SESSION_COOKIE,
        new,
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return new


def _out(reply: Reply) -> ReplyOut:
    return ReplyOut.model_validate(reply_payload(reply))


@router.get("/", include_in_schema=False)
async def page(request: Request) -> HTMLResponse:
    html: str = request.app.state.page_html
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    html = (TEMPLATES_DIR / "docs.html").read_text(encoding="utf-8")
    return HTMLResponse(html)


@router.post(
    "/api/chat",
    response_model=ReplyOut,
    summary="Send a message, get the assessment",
    tags=["web chat"],
    dependencies=[RateLimited],
    responses={413: {"description": "Body too large"}, 429: {"description": "Too many requests"}},
)
async def chat(body: ChatIn, request: Request, response: Response, web: WebDep) -> ReplyOut:
    """Assess a described situation; follow-ups in the same session continue the case."""
    reply = await web.chat(session_id(request, response), body.text, body.language)
    return _out(reply)


@router.post(
    "/api/action",
    response_model=ReplyOut,
    summary="Press a reply button or change a setting",
    tags=["web chat"],
    dependencies=[RateLimited],
    responses={429: {"description": "Too many requests"}},
)
async def action(body: ActionIn, request: Request, response: Response, web: WebDep) -> ReplyOut:
    """`paid` gives the urgent advice, `lang:en` switches language, `elderly_on` short replies."""
    reply = await web.action(session_id(request, response), body.action)
    return _out(reply)
