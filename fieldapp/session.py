"""The running session: the one object that owns the store, the settings and
the code lists. It is created at start-up and passed in; nothing reaches it
through a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.errors import ValidationError
from fieldapp.settings import ROLES, Settings, settings_path
from fieldapp.store import Store


@dataclass
class Session:
    store: Store
    settings: Settings
    lists: CodeLists

    @property
    def actor(self) -> str:
        return self.store.actor

    @classmethod
    def open(
        cls,
        db_path: Path | str,
        *,
        settings: Settings | None = None,
        lists: CodeLists | None = None,
    ) -> Session:
        settings = settings or Settings()
        store = Store.open(db_path, actor=settings.actor)
        return cls(store=store, settings=settings, lists=lists or CodeLists.load())

    @classmethod
    def open_for_user(cls, db_path: Path | str) -> Session:
        """Open with the user's saved settings (the GUI and CLI path)."""
        return cls.open(db_path, settings=Settings.load(settings_path()))

    def set_user(self, name: str, role: str) -> None:
        """Who works here from now on: recorded on every following action.
        The caller saves the settings (the GUI, to the user's settings file)."""
        text = " ".join(name.split())
        if not text:
            raise ValidationError("name", "Your name is empty.", hint="Type your name as it goes on the COC.")
        if len(text) > 80:
            raise ValidationError("name", "That name is longer than 80 characters.",
                                  hint="Type your name as it goes on the COC.")
        if role not in ROLES:
            raise ValidationError("role", f"'{role}' is not a role.", hint=f"Choose one of: {', '.join(ROLES)}.")
        self.settings.user, self.settings.role = text, role
        self.store.actor = text

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
