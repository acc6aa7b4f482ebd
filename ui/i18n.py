"""Dutch and English: Qt translation files, chosen by the system locale or the setting.

Every visible string of the GUI goes through :func:`tr` with an English
literal (``tr("Boreholes")``), so ``tools/i18n.py`` can collect them into
``resources/i18n/fieldapp_nl.ts``; ``pyside6-lrelease`` compiles that to the
``.qm`` file the program loads. Code-list labels and soil descriptions are
not translated here: the code lists carry their own Dutch and English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldapp.domain.depth import DecimalText
from fieldapp.domain.depth import decimal as core_decimal
from fieldapp.domain.depth import in_metres as core_in_metres
from fieldapp.messages import Count
from fieldapp.runtime import resource_path
from fieldapp.settings import Settings

CONTEXT = "FieldApp"
I18N_DIR = resource_path("i18n")
Lang = Literal["nl", "en"]


def tr(text: str) -> str:
    """``text`` (an English literal) in the language of the installed translator."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Mark ``text`` for the catalogue where it is defined; :func:`tr` translates it where it is shown.

    For tables built at import time, before a translator is installed (the
    menu registry of ui/window_actions.py); ``tools/i18n.py`` collects both.
    """
    return text


def language(settings: Settings) -> Lang:
    """The setting wins; empty means the system locale chooses."""
    chosen = settings.language.strip().lower() or QLocale.system().name().lower()
    return "nl" if chosen.startswith("nl") else "en"


def installed(app: QCoreApplication) -> Lang:
    """The language whose translator is installed on ``app`` now."""
    return "nl" if app.findChildren(QTranslator, "fieldapp-translator") else "en"


def shown() -> Lang:
    """The language the window shows now (English before there is an application)."""
    app = QCoreApplication.instance()
    return installed(app) if app is not None else "en"


def in_metres(cm: int) -> str:
    """A depth of whole centimetres in metres with the decimal sign of the language shown now (0,50 in
    Dutch, 0.50 in English), as the rules' messages say it; a depth field reads either."""
    return core_in_metres(cm, shown())


def decimal(value: float, places: int = 1) -> str:
    """``value`` with the decimal sign of the language shown now (4,2 in Dutch, 4.2 in English)."""
    return _locale().toString(float(value), "f", places)


def grouped(n: int) -> str:
    """A number of things with the digit grouping of the language shown now (50.003 boreholes in Dutch,
    50,003 in English): five digits run together are misread at a glance."""
    return _locale().toString(int(n))


def counted(n: int, noun: str) -> str:
    """A number of things in the language shown now, the noun in the number it takes ("1 borehole",
    "3 boreholes", "1 boring", "50.003 boringen"): rows ``count_<noun>`` of resources/messages/counts.json."""
    return Count(n, noun, grouped(n)).said(shown())


def _locale() -> QLocale:
    return QLocale("nl_NL" if shown() == "nl" else "en_GB")


def typed(value: float | str, places: int = 2) -> str:
    """A number as an edit box shows it in the language shown now ("135900,25" in Dutch, "135900.25" in
    English; a text the core wrote, such as a well's "-0.05", as it is but for its decimal sign): no
    thousands separator, unlike :func:`decimal`, so the box reads it back (it takes "," and ".")."""
    lang = shown()
    return DecimalText(value).said(lang) if isinstance(value, str) else core_decimal(value, places, lang)


def qm_path(lang: Lang) -> Path:
    return I18N_DIR / f"fieldapp_{lang}.qm"


def install(app: QCoreApplication, lang: Lang) -> QTranslator | None:
    """Replace FieldApp's translator on ``app`` by the one for ``lang`` (None for English).

    Qt's own strings (the standard buttons of a message box, a file dialog)
    come from Qt's catalogue for the language, when Qt ships one.
    """
    # by name: a findChildren without one wraps every child of the application in Python, the style too
    for old in [*app.findChildren(QTranslator, "fieldapp-translator"), *app.findChildren(QTranslator, "qt-translator")]:
        app.removeTranslator(old)
        old.deleteLater()
        old.setParent(None)
    if lang == "en":
        return None
    qt = QTranslator(app)
    qt.setObjectName("qt-translator")
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    translator = QTranslator(app)
    translator.setObjectName("fieldapp-translator")
    if not translator.load(str(qm_path(lang))):
        raise FileNotFoundError(f"translation {qm_path(lang)} is missing; run tools/i18n.py --compile")
    app.installTranslator(translator)
    return translator
