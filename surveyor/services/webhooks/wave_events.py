"""The events of a wave's life: opened, closed, and the Kano drift its closing reveals.

Drift is reported when a wave closes, not when the trend page is looked at: a closed wave's
counts no longer change, so each significant category move of a feature (against the previous
wave, or else the baseline; Pearson's chi-square test, see docs/method.md) is told once per
closing. Computing the trends is skipped unless a subscription wants ``drift.detected``.
"""

from __future__ import annotations

from surveyor.models import Wave
from surveyor.models.base import as_utc
from surveyor.services.results import trends
from surveyor.services.webhooks import events


def wave_opened(wave: Wave) -> None:
    events.record(wave.project_id, "wave.opened", _wave_payload(wave))


def wave_closed(wave: Wave) -> None:
    events.record(wave.project_id, "wave.closed", _wave_payload(wave))
    if events.subscribers(wave.project_id, "drift.detected"):
        for payload in drift_of(wave):
            events.record(wave.project_id, "drift.detected", payload)


def status_changed(wave: Wave, before: str) -> None:
    """For a face that sets ``status`` directly (the API's PATCH): the event of the change."""
    if wave.status == before:
        return
    if wave.status == "open":
        wave_opened(wave)
    elif wave.status == "closed":
        wave_closed(wave)


def drift_of(wave: Wave) -> list[dict]:
    """Significant Kano drifts of the features measured in ``wave``, as event payloads."""
    found = []
    for touchpoint in wave.project.touchpoints:
        if not any(instrument.kind == "kano" for instrument in touchpoint.instruments):
            continue
        trend = trends.touchpoint_trend(touchpoint)
        for alert in trend.alerts:
            if alert.wave_id != wave.id:
                continue
            found.append(
                {
                    "wave_id": wave.id,
                    "touchpoint_id": touchpoint.id,
                    "instrument": alert.feature.instrument,
                    "feature_key": alert.feature.key,
                    "feature": alert.feature.text,
                    "since": alert.since,
                    "category_before": alert.drift.before,
                    "category_after": alert.drift.after,
                    "p_value": alert.drift.test.p_value if alert.drift.test else None,
                }
            )
    return found


def _wave_payload(wave: Wave) -> dict:
    opens, closes = as_utc(wave.opens_at), as_utc(wave.closes_at)
    return {
        "wave_id": wave.id,
        "sequence": wave.sequence,
        "label": wave.label,
        "status": wave.status,
        "opens_at": opens.isoformat(timespec="seconds") if opens else None,
        "closes_at": closes.isoformat(timespec="seconds") if closes else None,
        "plan_id": wave.plan_id,
    }
