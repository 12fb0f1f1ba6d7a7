"""Unit tests of the offline app's pure modules, run in Chromium as the phone runs them.

Each test imports a module of ``surveyor/static/shop/`` into a page of the app (same origin,
under the app's Content-Security-Policy) and calls its functions through ``page.evaluate``.
"""

from __future__ import annotations

import pytest


def _call(page, module: str, body: str):
    """Run ``body`` (an async arrow function's body) with the module imported as ``m``."""
    page.goto("/login")
    return page.evaluate(
        f"async () => {{ const m = await import('/static/shop/{module}'); {body} }}"
    )


def test_a_resubmission_keeps_its_id_only_while_queued_with_the_same_answers(page):
    ids = _call(
        page,
        "outbox_rules.js",
        """
        const fresh = () => "new";
        const queued = { state: "queued", content: "A", submissionId: "old" };
        return [
          m.submissionIdFor(queued, "A", fresh),
          m.submissionIdFor(queued, "B", fresh),
          m.submissionIdFor({ ...queued, state: "received" }, "A", fresh),
          m.submissionIdFor(undefined, "A", fresh),
        ];
        """,
    )
    assert ids == ["old", "new", "new", "new"]


@pytest.mark.parametrize(
    ("status", "state", "extra"),
    [
        (201, "received", {"shopReceived": True, "responseId": 7}),
        (401, "queued", {"login": True}),
        (422, "invalid", {"errors": {"q1": "required"}}),
        (409, "rejected", {"message": "closed"}),
        (500, "queued", {}),
        (429, "queued", {}),
    ],
)
def test_the_servers_answer_decides_what_happens_to_a_shop(page, status, state, extra):
    entry = _call(
        page,
        "outbox_rules.js",
        f"""
        const entry = {{ state: "queued", photos: [] }};
        const answer = {{ response_id: 7, errors: {{ q1: "required" }}, message: "closed" }};
        return m.afterShopAnswer(entry, {status}, answer);
        """,
    )
    assert entry["state"] == state
    assert {key: entry[key] for key in extra} == extra
    retried = {"shopReceived", "login", "errors", "message"} - set(extra)
    assert not retried & set(entry)


def test_pending_entries_and_what_the_list_says_about_them(page):
    result = _call(
        page,
        "outbox_rules.js",
        """
        const entries = [
          { assignment: "1", state: "queued", photos: [] },
          { assignment: "2", state: "received", photos: [{ done: false }] },
          { assignment: "3", state: "received", photos: [{ done: true }] },
          { assignment: "4", state: "rejected", photos: [] },
          { assignment: "5", state: "queued", login: true, photos: [] },
        ];
        return {
          pending: m.pendingEntries(entries).map((e) => e.assignment),
          states: entries.map(m.entryState),
          retry: [500, 503, 401, 429, 413, 422].map(m.retryPhotoLater),
        };
        """,
    )
    assert result["pending"] == ["1", "2", "5"]
    assert result["states"] == ["queued", "received_photos", "received", "rejected", "login"]
    assert result["retry"] == [True, True, True, True, False, False]


def test_durations_read_and_written_as_the_shopper_types_them(page):
    result = _call(
        page,
        "durations.js",
        """
        return {
          parsed: ["1:30", "90", "1:02:03", "", "1:x", "1:2:3:4"]
            .map((text) => String(m.parseDuration(text))),
          formatted: [0, 59.6, 90, -5, 3600].map(m.formatDuration),
        };
        """,
    )
    assert result["parsed"] == ["90", "90", "3723", "NaN", "NaN", "NaN"]
    assert result["formatted"] == ["0:00", "1:00", "1:30", "0:00", "60:00"]


def test_typed_answers_and_their_problems(page):
    result = _call(
        page,
        "answers.js",
        """
        const limits = { required: true, min: "1", max: "10" };
        return {
          values: [["number", "3,5"], ["number", "abc"], ["duration", "1:30"],
                   ["duration", "soon"], ["text", "  hi "], ["text", "  "]]
            .map(([type, raw]) => m.typedValue(type, raw)),
          problems: [
            m.answerProblem("number", null, limits),
            m.answerProblem("number", null, {}),
            m.answerProblem("number", { value: "abc" }, limits),
            m.answerProblem("duration", { value: "soon" }, limits),
            m.answerProblem("number", { value: 11 }, limits),
            m.answerProblem("number", { value: 0 }, limits),
            m.answerProblem("number", { na: true }, limits),
            m.answerProblem("number", { value: 5 }, limits),
          ],
        };
        """,
    )
    assert result["values"] == [3.5, "abc", 90, "soon", "hi", None]
    assert result["problems"] == [
        "required",
        None,
        "number",
        "duration",
        "range",
        "range",
        None,
        None,
    ]
