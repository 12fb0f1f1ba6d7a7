"""Webhook subscriptions of a project: list and create (the secret is in the create answer only)."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.webhooks import (
    SUBSCRIPTION_LIST,
    WebhookSubscriptionCreatedSchema,
    WebhookSubscriptionSchema,
)
from surveyor.services import tenancy
from surveyor.services.webhooks import subscriptions

DESCRIPTION = (
    "Surveyor POSTs each event as a WebhookEvent (see the schemas) to the URL, signed with the "
    "secret: header 'Surveyor-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">'. "
    "'Surveyor-Delivery' is the same on every retry, so receivers deduplicate by it. Only https "
    "URLs outside private, loopback and link-local networks are accepted."
)


@bp.get("/projects/<int:project_id>/webhooks")
@operation("List a project's webhook subscriptions", tag="webhooks", response=SUBSCRIPTION_LIST)
def list_webhooks(project_id: int):
    tenancy.require_editor(api_user())
    project = tenancy.get_project(api_user(), project_id)
    return {"items": subscriptions.subscriptions_of(project)}


@bp.post("/projects/<int:project_id>/webhooks")
@operation(
    "Subscribe a receiver to a project's events",
    tag="webhooks",
    body=WebhookSubscriptionSchema(),
    response=WebhookSubscriptionCreatedSchema(),
    status=201,
    description=DESCRIPTION,
)
def create_webhook(project_id: int, data: dict):
    tenancy.require_editor(api_user())
    project = tenancy.get_project(api_user(), project_id)
    subscription, _secret = subscriptions.create(
        project, api_user(), data["name"], data["url"], data["events"]
    )
    return subscription  # the created schema adds the secret, this once
