"""marshmallow's built-in error messages in the user's language.

marshmallow words its own messages in English ("Not a valid number.", "Longer than maximum
length 2000.") and fills in the values before Surveyor sees them. :func:`translate` recognises
such a message, values included, and passes it through gettext, so that it reads in the language
of the request (call it where errors become text for a person, under
:func:`surveyor.schemas.instrument.labels_locale`). Messages Surveyor's schemas word themselves
are translated where they are raised.

The list covers the fields and validators Surveyor's schemas use; ``tests`` check that every
default message of those classes is in it, so that a marshmallow upgrade that rewords one shows.
"""

from __future__ import annotations

import re

from flask_babel import gettext


def N_(message: str) -> str:
    """Marks ``message`` for extraction (``N_`` is one of Babel's default keywords) and returns it
    untranslated; :func:`translate` translates it when it is shown."""
    return message


# marshmallow's messages with its "{name}" placeholders written as "%(name)s".
MESSAGES = (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid type."),
    N_("Invalid input type."),
    N_("Unknown field."),
    N_("Not a valid string."),
    N_("Not a valid utf-8 string."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Not a valid integer."),
    N_("Not a valid boolean."),
    N_("Not a valid list."),
    N_("Shorter than minimum length %(min)s."),
    N_("Longer than maximum length %(max)s."),
    N_("Length must be between %(min)s and %(max)s."),
    N_("Length must be %(equal)s."),
    N_("Must be greater than or equal to %(min)s."),
    N_("Must be greater than %(min)s."),
    N_("Must be less than or equal to %(max)s."),
    N_("Must be less than %(max)s."),
    N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than or equal to %(min)s and less than %(max)s."),
    N_("Must be greater than %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than %(min)s and less than %(max)s."),
    N_("Must be one of: %(choices)s."),
    N_("Must be equal to %(other)s."),
    N_("String does not match expected pattern."),
)

# Bounds and lengths are single words ("2000", "-1000000000.0"); a list of choices is not.
_VALUES = {"choices": ".+", "other": ".+"}
_WORD = r"\S+"


def _pattern(message: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", message)
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>{_VALUES.get(part, _WORD)})"
            for index, part in enumerate(parts)
        )
    )


_PATTERNS = [(message, _pattern(message)) for message in MESSAGES]


def translate(message: str) -> str:
    """``message`` in the current locale if it is one of marshmallow's; else as it is."""
    for english, pattern in _PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return gettext(english, **found.groupdict())
    return message
