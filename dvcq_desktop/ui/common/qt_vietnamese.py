"""Vietnamese for Qt's own widget strings: context menus, standard buttons, the file dialog…

Qt ships no `qtbase_vi.qm`, so without this the right-click menu of every text field, the
"Yes/No/Cancel" buttons of message boxes and the non-native file dialog (Linux) stay in English.
The translations are data, `resources/i18n/qt_vi.ts` (Qt Linguist format, so a translator can edit
them); at start-up they are compiled in memory into QM bytes that a plain QTranslator loads. No .qm
is stored in git, and lookups stay in Qt's C++ code.

Why not override `QTranslator.translate` in Python: PySide6 6.12 passes a NULL disambiguation
to the override as None without taking a reference, so every tr() call without disambiguation
(almost all of ours) lowers None's reference count by one; on Python 3.11 the process aborts with
"none_dealloc" after some thousands of calls. Returning "" for "unknown" would be wrong too: an
empty string is not a null QString, Qt stops there and shows nothing instead of the source text.

Start-up cost: the TS file is scanned with str methods (no xml.etree, ~4 ms to import, no
regex compilation); reading, parsing and compiling ~130 messages takes about a millisecond.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from dvcq_desktop.resources import resource_path

log = logging.getLogger(__name__)

# (context, source text, disambiguation) -> translation forms (one unless numerus="yes")
Key = tuple[str, str, str]
Messages = dict[Key, tuple[str, ...]]

_NAMED_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"))
_SKIPPED_TYPES = ('type="vanished"', 'type="obsolete"')  # lrelease drops these too

_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_SECTION_HASHES, _SECTION_MESSAGES, _SECTION_LANGUAGE = 0x42, 0x69, 0xA7
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 1, 3, 6, 7, 8

_APP_ATTRIBUTE = "_dvcq_qt_vietnamese"


def default_ts_path() -> Path:
    return resource_path("i18n", "qt_vi.ts")


def _unescape(text: str) -> str:
    """XML character data to text: the five entities, &#…; references, Linguist's <byte/>."""
    if "&" not in text and "<" not in text:
        return text
    if "<byte" in text:  # Linguist writes control characters as <byte value="x9"/>
        parts = text.split('<byte value="')
        for i in range(1, len(parts)):
            code, _, rest = parts[i].partition('"')
            parts[i] = f"&#{code};" + rest.split("/>", 1)[1]
        text = "".join(parts)
    if "&#" in text:
        parts = text.split("&#")
        for i in range(1, len(parts)):
            code, _, rest = parts[i].partition(";")
            value = int(code[1:], 16) if code[:1] in ("x", "X") else int(code)
            parts[i] = chr(value) + rest
        text = "".join(parts)
    for entity, char in _NAMED_ENTITIES:
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")  # last, so "&amp;lt;" stays "&lt;"


def _element(body: str, name: str) -> str | None:
    """Character data of the first <name>…</name> in `body` (None when absent or empty-tag)."""
    start = body.find(f"<{name}>")
    if start < 0:
        return None
    start += len(name) + 2
    return body[start : body.index(f"</{name}>", start)]


def _translation(body: str, numerus: bool) -> tuple[str, ...]:
    start = body.find("<translation")
    if start < 0:
        return ()
    head_end = body.index(">", start)
    head = body[start:head_end]
    if head.endswith("/") or any(t in head for t in _SKIPPED_TYPES):
        return ()
    inner = body[head_end + 1 : body.index("</translation>", head_end)]
    if not numerus:
        return (_unescape(inner),)
    forms = []
    for chunk in inner.split("<numerusform")[1:]:
        text_start = chunk.index(">") + 1
        forms.append(_unescape(chunk[text_start : chunk.index("</numerusform>")]))
    return tuple(forms)


def parse_ts(text: str) -> Messages:
    """Translated messages of a TS document; unfinished-but-filled ones count, as with lrelease.

    Plain string scanning of the layout Qt Linguist writes, not an XML parser: `re` patterns and
    xml.etree cost more to set up at start-up than the whole parse of this small file.
    """
    out: Messages = {}
    for ctx_chunk in text.split("<context>")[1:]:
        context = _unescape((_element(ctx_chunk, "name") or "").strip())
        for msg in ctx_chunk.split("<message")[1:]:
            head_end = msg.index(">")
            head, body = msg[:head_end], msg[head_end + 1 :]
            source = _element(body, "source")
            forms = _translation(body, 'numerus="yes"' in head)
            if source is None or not forms or not all(forms):
                continue  # untranslated: Qt falls back to the source text
            comment = _element(body, "comment")
            out[(context, _unescape(source), _unescape(comment) if comment else "")] = forms
    return out


def _elf_hash(data: bytes) -> int:
    """Qt's elfHash (qtranslator.cpp): the QM lookup key of source text + disambiguation."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF  # C's uint arithmetic wraps at 32 bits
        g = h & 0xF0000000
        if g:
            h = (h ^ (g >> 24)) & 0x0FFFFFFF
    return h or 1


def _field(tag: int, payload: bytes) -> bytes:
    return bytes((tag,)) + len(payload).to_bytes(4, "big") + payload


def build_qm(messages: Messages, language: str = "vi_VN") -> bytes:
    """The QM bytes lrelease would write for `messages` (hash table, messages, language)."""
    table: list[tuple[int, int]] = []
    body = bytearray()
    for (context, source, comment), forms in messages.items():
        src = source.encode("utf-8")
        cmt = comment.encode("utf-8")
        table.append((_elf_hash(src + cmt), len(body)))
        for form in forms:
            # The C codec directly: str.encode("utf-16-be") would first import encodings.utf_16_be.
            body += _field(_TAG_TRANSLATION, codecs.utf_16_be_encode(form)[0])
        body += _field(_TAG_SOURCE, src) + _field(_TAG_CONTEXT, context.encode("utf-8"))
        if cmt:
            body += _field(_TAG_COMMENT, cmt)
        body.append(_TAG_END)
    hashes = b"".join(h.to_bytes(4, "big") + off.to_bytes(4, "big") for h, off in sorted(table))
    return b"".join(
        (
            _QM_MAGIC,
            _field(_SECTION_HASHES, hashes),
            _field(_SECTION_MESSAGES, bytes(body)),
            _field(_SECTION_LANGUAGE, language.encode("ascii")),
        )
    )


class QtVietnameseTranslator(QTranslator):
    """A QTranslator holding the Vietnamese of Qt's built-in strings, read from a TS file."""

    def __init__(self, ts_path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages: Messages = {}
        self._qm = b""
        self.load_ts(ts_path or default_ts_path())

    def load_ts(self, path: Path) -> None:
        messages = parse_ts(path.read_text(encoding="utf-8"))
        qm = build_qm(messages)
        # Qt reads straight from this buffer (no copy): it must live as long as the translator.
        if not self.load(qm):
            raise ValueError(f"Qt refused the translations compiled from {path}")
        self.messages, self._qm = messages, qm


def install(app: QCoreApplication, ts_path: Path | None = None) -> QTranslator:
    """Load the Vietnamese for Qt's own strings and install it on `app` (once per app).

    Call it right after the QApplication is created, before any widget exists: most Qt widgets
    read these strings when they are built. The translator answers only for Qt's own contexts
    (a null string otherwise), so where it sits among other translators does not matter.
    A missing or broken TS file is logged and leaves Qt's English; the app still starts.
    """
    existing = getattr(app, _APP_ATTRIBUTE, None)
    if isinstance(existing, QTranslator):
        return existing
    try:
        translator: QTranslator = QtVietnameseTranslator(ts_path, parent=app)
    except (OSError, ValueError, IndexError):
        log.exception("Qt's Vietnamese strings could not be loaded; Qt's menus stay in English")
        translator = QTranslator(app)
    app.installTranslator(translator)
    # Held by the app's Python object, so the translator and the QM buffer it reads stay alive.
    setattr(app, _APP_ATTRIBUTE, translator)
    return translator
