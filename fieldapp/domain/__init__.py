"""The field record: one module per noun, each with its dataclass, rules and writes."""
