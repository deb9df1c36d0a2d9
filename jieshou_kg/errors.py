"""One exception hierarchy for the whole project.

The CLI turns these into exit codes and the web edge into one error shape;
nothing else needs to know about them.
"""

from __future__ import annotations


class JieshouKGError(Exception):
    """Base class: every error the project raises on purpose."""

    exit_code = 2
    http_status = 500
    key: str | None = None  # the message's key for people (web/messages.yaml), with its values
    values: dict = {}  # noqa: RUF012 (set per instance by `said`)

    def said(self, key: str, **values) -> JieshouKGError:
        """The same error, worded for people by the message `key` (in their language) with `values`."""
        self.key, self.values = key, values
        return self


class InputError(JieshouKGError):
    """Bad input: says where (file:line:col), what it saw and what it expected."""

    http_status = 400

    def __init__(self, message: str, path: str = "", line: int = 0, col: int = 0, text: str = ""):
        self.path, self.line, self.col, self.text = path, line, col, text
        self.message = message
        where = f"{path}:{line}:{col}: " if path else ""
        seen = f"\n    {text}" if text else ""
        super().__init__(f"{where}{message}{seen}")


class SetupError(JieshouKGError):
    """A setting, folder, file or port that cannot be used: says which, and what to do."""


class ValidationFailed(JieshouKGError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 1

    def __init__(self, report_text: str):
        self.report_text = report_text
        super().__init__("the graph does not conform to the shapes:\n" + report_text)


class QueryError(JieshouKGError):
    """A query that cannot run: bad syntax, forbidden feature, bad parameter."""

    http_status = 400


class NotFound(JieshouKGError):
    http_status = 404


class StoreError(JieshouKGError):
    """The store failed or answered something that is not a complete result."""

    http_status = 502


class StoreTimeout(StoreError):
    http_status = 504


class Busy(JieshouKGError):
    """Too many queries at once."""

    http_status = 503


class Forbidden(QueryError):
    """A well-formed request this read-only, closed endpoint refuses (updates, SERVICE, foreign graphs)."""

    http_status = 403


class QueryTimeout(JieshouKGError):
    """A query ran past its deadline and was stopped."""

    http_status = 503


class NotAcceptable(QueryError):
    """None of the media types the client accepts can carry this answer."""

    http_status = 406


class OutOfMemory(JieshouKGError):
    """A query needed more memory than one query may use (its worker's ceiling)."""

    http_status = 503


class AnswerTooLarge(JieshouKGError):
    """The answer would be larger than the endpoint sends in one response."""

    http_status = 503
