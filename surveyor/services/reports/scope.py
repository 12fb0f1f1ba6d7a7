"""What one export covers: a project, optionally some waves and touchpoints, and a language.

The same scope comes from the command line (``--wave``/``--touchpoint``/``--lang``) and from the
workspace form (stored on the :class:`~surveyor.models.exports.ExportJob`), so both produce the
same workbook and deck. :func:`load_context` reads the scope's rows once for the assemblers of
both (:mod:`~surveyor.services.reports.workbook_content`,
:mod:`surveyor.services.reports.deck_assembly`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.labels import group_label
from surveyor.models import Instrument, Location, Project, Touchpoint, Wave

LANGUAGES = ("en", "de")
"""The workbook's languages: the German catalogue, or the English source texts."""


class ScopeError(ValueError):
    """The user asked for waves, touchpoints or a language the project does not have."""


@dataclass(frozen=True)
class ExportScope:
    project_id: int
    wave_sequences: tuple[int, ...] = ()
    """Empty means every wave."""
    touchpoint_ids: tuple[int, ...] = ()
    """Empty means every touchpoint."""
    lang: str = "en"

    def as_options(self) -> dict:
        return {
            "waves": list(self.wave_sequences),
            "touchpoints": list(self.touchpoint_ids),
            "lang": self.lang,
        }

    @classmethod
    def from_options(cls, project_id: int, options: dict) -> ExportScope:
        return cls(
            project_id,
            tuple(options.get("waves") or ()),
            tuple(options.get("touchpoints") or ()),
            options.get("lang") or "en",
        )


def resolve_scope(
    project: Project, waves: Sequence[int], touchpoints: Sequence[str], lang: str
) -> ExportScope:
    """Check the choices against the project; touchpoints may be given by id or by name."""
    if lang not in LANGUAGES:
        raise ScopeError(f"Unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}.")
    sequences = {wave.sequence for wave in project.waves}
    unknown_waves = sorted(set(waves) - sequences)
    if unknown_waves:
        raise ScopeError(f"The project has no wave {', '.join(map(str, unknown_waves))}.")
    chosen: list[int] = []
    for wanted in touchpoints:
        match = [t.id for t in project.touchpoints if str(t.id) == str(wanted) or t.name == wanted]
        if not match:
            raise ScopeError(f"The project has no touchpoint {wanted!r}.")
        chosen.extend(match)
    return ExportScope(project.id, tuple(sorted(set(waves))), tuple(sorted(set(chosen))), lang)


@dataclass
class ExportContext:
    """The scope with its rows loaded once: the workbook's and the deck's assemblers start here."""

    scope: ExportScope
    project: Project
    waves: list[Wave]
    touchpoints: list[Touchpoint]
    locations: dict[int, Location]

    @property
    def lang(self) -> str:
        """The workbook's language; its texts are rendered under ``force_locale(lang)``."""
        return self.scope.lang

    @property
    def wave_ids(self) -> list[int]:
        return [wave.id for wave in self.waves]

    @property
    def touchpoint_ids(self) -> list[int]:
        return [touchpoint.id for touchpoint in self.touchpoints]

    def group_label(self, group: str) -> str:
        return group_label(group)


def load_context(scope: ExportScope) -> ExportContext:
    project = db.session.get(Project, scope.project_id)
    if project is None:
        raise ScopeError(f"No project with id {scope.project_id}.")
    waves = list(
        db.session.scalars(
            select(Wave).where(Wave.project_id == project.id).order_by(Wave.sequence)
        )
    )
    if scope.wave_sequences:
        waves = [wave for wave in waves if wave.sequence in scope.wave_sequences]
    touchpoints = list(
        db.session.scalars(
            select(Touchpoint)
            .where(Touchpoint.project_id == project.id)
            .order_by(Touchpoint.position, Touchpoint.id)
        )
    )
    if scope.touchpoint_ids:
        touchpoints = [t for t in touchpoints if t.id in scope.touchpoint_ids]
    locations = {
        location.id: location
        for location in db.session.scalars(
            select(Location).where(Location.project_id == project.id)
        )
    }
    return ExportContext(scope, project, waves, touchpoints, locations)


def instruments(context: ExportContext, kind: str) -> list[Instrument]:
    """The project's instruments of ``kind`` in the chosen touchpoints, in journey order."""
    found = list(
        db.session.scalars(
            select(Instrument)
            .where(Instrument.touchpoint_id.in_(context.touchpoint_ids), Instrument.kind == kind)
            .order_by(Instrument.id)
        )
    )
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    return sorted(found, key=lambda i: (order[i.touchpoint_id], i.id))
