"""Guards every input passes before it is parsed: size, binary content, encoding, emptiness."""

from __future__ import annotations

import os
import re

from ..errors import BinaryInput, EmptyInput, EncodingError, InputTooLarge, InvalidSetting

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_BYTES_ENV = "CLAIMTRACE_MAX_BYTES"
SAMPLE_BYTES = 8192
# bytes that never occur in text: C0 controls other than \t \n \v \f \r, ESC, and DEL
_CONTROL_BYTES = frozenset(range(32)) - {8, 9, 10, 11, 12, 13, 27} | {127}
_MAX_CONTROL_SHARE = 0.1
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def max_bytes(requested: int | None = None) -> int:
    """The size cap: the argument, else $CLAIMTRACE_MAX_BYTES, else 10 MiB."""
    if requested is not None:
        return _positive(requested, "max_bytes")
    raw = os.environ.get(MAX_BYTES_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_MAX_BYTES
    try:
        return _positive(int(raw), MAX_BYTES_ENV)
    except ValueError:
        raise InvalidSetting(f"{MAX_BYTES_ENV}={raw!r} is not a whole number of bytes") from None


def _positive(value: int, name: str) -> int:
    if value <= 0:
        raise InvalidSetting(f"{name} must be a positive number of bytes, not {value}")
    return value


def check_size(size: int, cap: int) -> None:
    """Refuse inputs over the cap, naming both numbers."""
    if size > cap:
        raise InputTooLarge(
            f"input is {_megabytes(size)} ({size} bytes), over the limit of {_megabytes(cap)} "
            f"({cap} bytes); raise it with {MAX_BYTES_ENV} if you mean it",
            detail={"size": size, "limit": cap},
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def text_size(data: str | bytes) -> int:
    """Size in bytes of the input as it would be stored in UTF-8."""
    if isinstance(data, bytes):
        return len(data)
    return len(data.encode("utf-8", "surrogatepass"))


def check_binary(data: str | bytes) -> None:
    """Refuse data with NUL bytes or mostly control bytes (images, archives, PDFs...)."""
    sample = data[:SAMPLE_BYTES]
    if isinstance(sample, str):
        sample = sample.encode("utf-8", "surrogatepass")
    if sample.startswith(_UTF16_BOMS):
        raise EncodingError("input is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in sample:
        raise BinaryInput(_binary_message("it contains NUL bytes"))
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInput(
            _binary_message(f"{controls} of its first {len(sample)} bytes are not text")
        )


def _binary_message(reason: str) -> str:
    return f"input looks binary, not text ({reason}); give an article as text, HTML or JSON"


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); report the first bad byte and its offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _encoding_error(data, error, "UTF-8") from None


def decode_html(data: bytes) -> str:
    """Decode HTML as UTF-8, else in the charset the page declares in its first bytes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        charset = declared_charset(data)
        if charset is None:
            raise _encoding_error(data, error, "UTF-8 and the page declares no charset") from None
        return _decode_declared(data, charset)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a meta tag or XML declaration, if any."""
    match = _CHARSET.search(data[:SAMPLE_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_declared(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except LookupError:
        raise EncodingError(f"the page declares an unknown charset {charset!r}") from None
    except UnicodeDecodeError as error:
        raise _encoding_error(data, error, f"{charset} (the charset the page declares)") from None


def _encoding_error(data: bytes, error: UnicodeDecodeError, expected: str) -> EncodingError:
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    bad = data[offset : offset + 1].hex()
    return EncodingError(
        f"input is not valid {expected}: byte 0x{bad} at byte offset {offset} (line {line}); "
        "save the file as UTF-8",
        detail={"offset": offset, "line": line},
    )


def normalise(text: str) -> str:
    """Drop a leading BOM and make every line end with a single ``\\n``."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check_not_empty(text: str, what: str = "input") -> None:
    """Refuse empty or whitespace-only text."""
    if not text.strip():
        raise EmptyInput(f"{what} is empty" if not text else f"{what} contains only whitespace")
