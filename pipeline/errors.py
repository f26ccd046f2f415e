"""The one error type a bad document raises: its message is the manifest's one-line reason."""


class DocumentError(Exception):
    """A document that cannot be processed: encrypted, truncated, empty, not text, …

    The message is one line that says why, without the path (the manifest row names the
    file): ``"encrypted PDF (no password)"``, ``"empty file"``.
    """
