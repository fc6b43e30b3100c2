"""Every error Flashpoint raises on purpose, each with a code and a message a user can act on."""

from __future__ import annotations


class FlashpointError(Exception):
    """Base of the hierarchy; the CLI and the API turn these into exit codes and HTTP statuses."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class BadOption(FlashpointError):
    """An option the user gave cannot be used as it is."""

    code = "E010"


class InputError(FlashpointError):
    """One input could not be read as an article; the batch goes on without it."""

    code = "E100"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from (source, reason): errors cross process boundaries (extraction workers).
        return type(self), (self.source, self.reason)


class BinaryInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class EncodingUnreadable(InputError):
    code = "E103"


class MalformedInput(InputError):
    """Malformed JSON, JSON Lines, feed or WARC."""

    code = "E104"


class InputTooLarge(InputError):
    code = "E105"


class UnsupportedInput(InputError):
    code = "E106"


class FetchFailed(InputError):
    code = "E107"


class URLRefused(InputError):
    """A URL that is not fetched: another scheme, or an address inside this network."""

    code = "E108"


class ExtractionFailed(InputError):
    """Reading worked but extracting the article raised or ran out of time; it is stored as failed."""

    code = "E109"


class ModelMissing(FlashpointError):
    code = "E200"


class DataFileError(FlashpointError):
    """A knowledge file in the package (actors, lexicon, gazetteer aliases) has a bad line."""

    code = "E300"

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}, line {line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class StoreError(FlashpointError):
    code = "E400"


class GoldFormatError(FlashpointError):
    code = "E500"
