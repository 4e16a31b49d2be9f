"""All settings, read once from the environment and `.env`, then passed in where needed."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
_DEV_SECRET = "dev-only-not-secret"


class Settings(BaseSettings):
    """Every setting the bot reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "production"] = "development"
    content_dir: Path = DEFAULT_CONTENT_DIR
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

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> Settings:
        if self.environment == "production" and self.user_ref_secret.get_secret_value() in (
            "",
            _DEV_SECRET,
            "change-me",
        ):
            raise ValueError("USER_REF_SECRET must be set to a real secret in production")
        return self
