"""The shopper's own language for what is wrong with an answer of a shop."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.services.shops.shop_answers import ShopProblem


def describe(problem: ShopProblem) -> str:
    params = problem.params
    texts = {
        "required": lambda: _("Please answer this item."),
        "na_not_allowed": _na_not_allowed,
        "yes_or_no": lambda: _("Choose yes or no."),
        "out_of_range": lambda: _(
            "Enter a value from %(low)s to %(high)s.", low=params["low"], high=params["high"]
        ),
        "not_a_number": lambda: _("Enter a number."),
        "unknown_option": lambda: _("Choose one of the options."),
        "bad_datetime": lambda: _("Enter a date and time."),
        "bad_text": lambda: _("Enter text."),
        "too_long": lambda: _(
            "Please shorten the text to %(high)s characters.", high=params["high"]
        ),
        "too_many_photos": lambda: _("Attach at most %(high)s photos.", high=params["high"]),
        "bad_photo_id": lambda: _("A photo reference is damaged. Please take the photo again."),
        "unknown_item": lambda: _("This item is not part of the checklist."),
        "not_answerable": lambda: _("This item cannot be answered in a checklist."),
        "bad_date": lambda: _("Enter a date."),
        "bad_time": lambda: _("Enter a time."),
        "future_date": lambda: _("The visit date lies in the future."),
        "time_out_before_in": lambda: _("The time out is before the time in."),
        "incomplete_position": lambda: _("The position is incomplete."),
    }
    return texts[problem.code]()


def _na_not_allowed() -> str:
    return _("This item must be answered; it cannot be marked as not applicable.")
