"""Webhook subscriptions of a project: list, create and rotate the secret (the secret is in the
create and rotate answers only)."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.webhooks import (
    SUBSCRIPTION_LIST,
    RotateSecretQuery,
    WebhookSubscriptionCreatedSchema,
    WebhookSubscriptionSchema,
)
from surveyor.services import tenancy
from surveyor.services.webhooks import subscriptions

DESCRIPTION = (
    "Surveyor POSTs each event as a WebhookEvent (see the schemas) to the URL, signed with the "
    "secret: header 'Surveyor-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">' "
    "(after a secret rotation, for 24 hours, a second v1 entry under the previous secret). "
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


@bp.post("/projects/<int:project_id>/webhooks/<int:subscription_id>/rotate-secret")
@operation(
    "Rotate a webhook subscription's signing secret",
    tag="webhooks",
    query=RotateSecretQuery(),
    response=WebhookSubscriptionCreatedSchema(),
    description="The answer carries the new secret, this once. For 24 hours every delivery is "
    "signed with the new and the previous secret (two v1 entries in Surveyor-Signature), unless "
    "end_previous is true.",
)
def rotate_webhook_secret(project_id: int, subscription_id: int, args: dict):
    tenancy.require_editor(api_user())
    project = tenancy.get_project(api_user(), project_id)
    subscription = subscriptions.get(project, subscription_id)
    subscriptions.rotate(subscription, api_user(), overlap=not args["end_previous"])
    return subscription  # the created schema adds the new secret, this once
