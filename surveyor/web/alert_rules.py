"""A project's alert rules: the list, a new rule, deleting one (consultants only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from surveyor.forms import choices
from surveyor.forms.cases import AlertRuleForm
from surveyor.labels import localized
from surveyor.services import tenancy
from surveyor.services.cases import rules as rule_service
from surveyor.services.errors import Invalid
from surveyor.web.cases import attach_errors
from surveyor.web.editing import editable

bp = Blueprint("alert_rules", __name__)


@bp.route("/projects/<int:project_id>/alert-rules", methods=["GET", "POST"])
def rules(project_id: int):
    project = editable(tenancy.get_project, project_id)
    form = _rule_form(project)
    if form.validate_on_submit():
        fields = rule_service.RuleInput(**{k: form[k].data for k in _FIELDS})
        try:
            rule_service.save_rule(project, fields)
        except Invalid as invalid:
            attach_errors(form, invalid)
        else:
            flash(_("The rule was saved."), "success")
            return redirect(url_for("alert_rules.rules", project_id=project.id), code=303)
    return render_template(
        "cases/rules.html",
        project=project,
        rules=rule_service.rules_of(project),
        form=form,
        names=_names(project),
    ), (422 if form.errors else 200)


@bp.post("/alert-rules/<int:rule_id>/delete")
def delete(rule_id: int):
    rule = editable(rule_service.get_rule, rule_id)
    project_id = rule.project_id
    rule_service.delete_rule(rule)
    return redirect(url_for("alert_rules.rules", project_id=project_id), code=303)


_FIELDS = (
    "name",
    "name_de",
    "kind",
    "threshold",
    "touchpoint_ids",
    "location_ids",
    "recipient_ids",
    "due_days",
)


def _rule_form(project) -> AlertRuleForm:
    form = AlertRuleForm()
    form.touchpoint_ids.choices = choices((t.id, localized(t)) for t in project.touchpoints)
    form.location_ids.choices = choices((loc.id, loc.name) for loc in project.locations)
    form.recipient_ids.choices = choices(
        (p.id, f"{p.name or p.email} ({p.email})") for p in rule_service.people_of(project)
    )
    return form


def _names(project) -> dict:
    people = {p.id: p.name or p.email for p in rule_service.people_of(project)}
    return {
        "touchpoints": {t.id: localized(t) for t in project.touchpoints},
        "locations": {loc.id: loc.name for loc in project.locations},
        "people": people,
    }
