"""Errors a user can cause, each naming the input and what to do about it."""


class InputError(Exception):
    """An input that cannot be read as an article; the batch goes on without it."""

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.source}: {self.reason}"
        return f"{text}; {self.hint}" if self.hint else text


class StoreError(Exception):
    """The store cannot be opened or written; nothing already stored is lost."""
