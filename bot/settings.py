"""All settings, read once from the environment and `.env`, then passed in where needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
_DEV_SECRET = "dev-only-not-secret"
DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fraudbot"


class Settings(BaseSettings):
    """Every setting the bot reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "production"] = "development"
    content_dir: Path = DEFAULT_CONTENT_DIR
    # Where the built matcher is kept between starts; empty disables the cache.
    cache_dir: Path | None = DEFAULT_CACHE_DIR
    database_url: str = "sqlite+aiosqlite:///./data/fraudbot.db"
    # Key for the keyed hash that turns channel user ids into pseudonymous refs.
    user_ref_secret: SecretStr = SecretStr(_DEV_SECRET)
    org_name_zh: str = "本行"
    org_name_en: str = "your bank"
    org_hotline: str = ""
    # Messages from the same person within this many seconds continue one story.
    followup_window_seconds: int = Field(default=180, ge=0)
    max_message_chars: int = Field(default=4000, ge=100)
    log_level: str = "INFO"

    # --- HTTP app (web chat, WeChat endpoint, Telegram webhook, health, metrics) ---
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8000, ge=0, le=65535)  # 0 picks a free port
    web_frame_ancestors: str = ""  # origins allowed to embed the web chat, space-separated
    web_rate_limit_per_minute: int = Field(default=30, ge=1)
    max_request_bytes: int = Field(default=64_000, ge=1024)

    # --- Telegram ---
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    telegram_staff_chat_id: int | None = None
    telegram_staff_user_ids: str = ""  # comma-separated numeric user ids
    telegram_user_messages_per_minute: int = Field(default=12, ge=1)

    # --- WeChat Official Account ---
    wechat_token: SecretStr | None = None
    wechat_app_id: str = ""
    wechat_app_secret: SecretStr | None = None
    wechat_aes_key: SecretStr | None = None
    wechat_api_base_url: str = "https://api.weixin.qq.com"
    wechat_replay_window_seconds: int = Field(default=300, ge=10)

    # --- Push: daily tips, guardians, staff alerts (docs/push.md) ---
    push_timezone: str = "Asia/Shanghai"
    push_default_time: str = "09:00"
    push_interval_seconds: float = Field(default=30.0, gt=0)  # scheduler tick inside `serve`
    push_catch_up_hours: float = Field(default=6.0, ge=0)  # a slot missed longer is skipped
    push_lease_seconds: float = Field(default=120.0, gt=0)  # a dead worker's claims expire
    push_telegram_per_second: float = Field(default=30.0, gt=0)
    push_concurrency: int = Field(default=16, ge=1)

    @property
    def staff_user_ids(self) -> frozenset[int]:
        return frozenset(
            int(x) for x in self.telegram_staff_user_ids.replace(" ", "").split(",") if x
        )

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_means_no_cache(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> Settings:
        if self.environment == "production" and self.user_ref_secret.get_secret_value() in (
            "",
            _DEV_SECRET,
            "change-me",
        ):
            raise ValueError("USER_REF_SECRET must be set to a real secret in production")
        return self
