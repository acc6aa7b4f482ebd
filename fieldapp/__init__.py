"""FieldApp core: the field record, its rules and its store. Never imports Qt."""

__version__ = "0.1.0"
