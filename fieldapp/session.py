"""The running session: the one object that owns the store, the settings and
the code lists. It is created at start-up and passed in; nothing reaches it
through a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.settings import Settings, config_dir
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
        store = Store.open(db_path, actor=settings.user)
        return cls(store=store, settings=settings, lists=lists or CodeLists.load())

    @classmethod
    def open_for_user(cls, db_path: Path | str) -> Session:
        """Open with the user's saved settings (the GUI and CLI path)."""
        return cls.open(db_path, settings=Settings.load(config_dir() / "settings.json"))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
