"""The privacy notice (GDPR Art. 13) of a project, as respondents and shoppers read it."""

from __future__ import annotations

from dataclasses import dataclass

from surveyor.database import committed
from surveyor.labels import in_language
from surveyor.models import Project


@dataclass(frozen=True)
class PrivacyNotice:
    controller: str
    contact: str
    purpose: str
    retention_days: int | None


@committed
def save_settings(project: Project, fields: dict) -> None:
    """Save a project's notice and retention period as the privacy settings form sent them."""
    for name, value in fields.items():
        setattr(project, name, value)


def for_project(project: Project, locale: str) -> PrivacyNotice | None:
    """The notice in ``locale`` (German or English, the other as fallback); None when unset."""
    purpose = in_language(locale, project.privacy_purpose_en, project.privacy_purpose_de)
    if not (project.privacy_controller or project.privacy_contact or purpose):
        return None
    return PrivacyNotice(
        controller=project.privacy_controller,
        contact=project.privacy_contact,
        purpose=purpose,
        retention_days=project.retention_days,
    )
