"""The convergent steps: perception cards into clusters, clusters to possible reasons, reasons
narrowed down to causes.

The order is the method's: first many ideas, then ever more specific ones, because people
build their own truth from what they perceive and quick solutions miss the real causes. Ids
come from forms, so each is checked to belong to the workshop before it is used.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Workshop, WorkshopCard, WorkshopCause, WorkshopCluster
from surveyor.models.workshops import TITLE_MAX
from surveyor.services.errors import Invalid, found
from surveyor.services.workshops.setup import changed


def add_cluster(workshop: Workshop, title: str, card_ids: Iterable[int]) -> WorkshopCluster:
    """A new cluster holding the chosen perception cards (taken out of any earlier cluster)."""
    cluster = WorkshopCluster(workshop_id=workshop.id, title=_title(title))
    db.session.add(cluster)
    db.session.flush()
    move_cards(workshop, cluster, card_ids)
    return cluster


def move_cards(workshop: Workshop, cluster: WorkshopCluster, card_ids: Iterable[int]) -> None:
    cards = _owned(workshop, WorkshopCard, card_ids)
    if not cards:
        raise Invalid(
            _("Choose at least one card."), {"card_ids": [_("Choose at least one card.")]}
        )
    for card in cards:
        card.cluster_id = cluster.id
    changed(workshop)


@committed
def move_card(workshop: Workshop, card_id: int, cluster_id: int | None) -> WorkshopCard:
    """Put one card into another cluster of the workshop, or (``None``) take it out of any.

    Clusters are drawn quickly in the room and corrected later; a card keeps no history of
    where it was, because the trace is read from the clusters as they are now: a measure
    traced back through a cluster shows the cards in it today. A card of another workshop is
    :class:`NotFound`; a cluster that is not this workshop's is :class:`Invalid`.
    """
    card = found(next(iter(_owned(workshop, WorkshopCard, [card_id])), None))
    if cluster_id is None:
        card.cluster_id = None
    else:
        cluster = next(iter(_owned(workshop, WorkshopCluster, [cluster_id])), None)
        if cluster is None:
            message = _("Choose one of this workshop's clusters.")
            raise Invalid(message, {"cluster_id": [message]})
        card.cluster_id = cluster.id
    changed(workshop)
    return card


def add_reason(workshop: Workshop, title: str, cluster_ids: Iterable[int]) -> WorkshopCause:
    """A possible reason behind the chosen clusters; it becomes a cause once promoted."""
    clusters = _owned(workshop, WorkshopCluster, cluster_ids)
    if not clusters:
        raise Invalid(_("Choose at least one cluster."), {"cluster_ids": [_("Choose a cluster.")]})
    cause = WorkshopCause(workshop_id=workshop.id, title=_title(title), stage="reason")
    cause.clusters = clusters
    db.session.add(cause)
    changed(workshop)
    return cause


def get_cause(workshop: Workshop, cause_id: int) -> WorkshopCause:
    return found(next(iter(_owned(workshop, WorkshopCause, [cause_id])), None))


def promote(workshop: Workshop, cause: WorkshopCause) -> None:
    """The group agrees that a possible reason is a cause: it can now be voted on."""
    cause.stage = "cause"
    changed(workshop)


def link_clusters(workshop: Workshop, cause: WorkshopCause, cluster_ids: Iterable[int]) -> None:
    """Add clusters to a cause: a cluster (and so each of its cards) may support several."""
    for cluster in _owned(workshop, WorkshopCluster, cluster_ids):
        if cluster not in cause.clusters:
            cause.clusters.append(cluster)
    changed(workshop)


def clusters_of(workshop: Workshop) -> list[WorkshopCluster]:
    query = select(WorkshopCluster).where(WorkshopCluster.workshop_id == workshop.id)
    return list(db.session.scalars(query.order_by(WorkshopCluster.id)))


def causes_of(workshop: Workshop) -> list[WorkshopCause]:
    query = select(WorkshopCause).where(WorkshopCause.workshop_id == workshop.id)
    return list(db.session.scalars(query.order_by(WorkshopCause.id)))


def _owned(workshop: Workshop, model, ids: Iterable[int]) -> list:
    wanted = {number for number in ids if isinstance(number, int)}
    if not wanted:
        return []
    query = select(model).where(model.workshop_id == workshop.id, model.id.in_(wanted))
    return list(db.session.scalars(query.order_by(model.id)))


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title or len(title) > TITLE_MAX:
        raise Invalid(
            _("Please give it a title."),
            {"title": [_("Enter 1 to %(count)s characters.", count=TITLE_MAX)]},
        )
    return title
