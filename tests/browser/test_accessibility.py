"""axe-core finds no serious or critical WCAG 2.2 A/AA violation on the pages people use.

The demo client (a municipal utility, which as a public body must meet BITV 2.0 / EN 301 549)
is audited as its customers, its mystery shopper and its consultant see it: the survey on a
phone in German and English, before and after a submission with missing answers; the shopper
app; the consultant's results, review, trends, plan, engagement tracker, scorecard, pilot and
forms, in English and German, and on a phone; the administrator's user pages and audit log; and
the API-token page. Every audited page must answer 200, so that a login or error page is never
audited in its place. A failure lists every violation with its rule, impact and the CSS targets
of the offending nodes (tests/browser/axe.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveyor import demo
from surveyor.demo.pilots import PILOTED_MEASURE
from surveyor.extensions import db
from surveyor.models import Assignment, Instrument, Measure, SurveyLink, Touchpoint, Wave
from tests.browser.axe import Audit
from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class DemoSite:
    password: str
    project: int
    hotline: int
    kano: int
    checklist: int
    survey_token: str
    to_review: int
    to_do: int
    piloted: int


@pytest.fixture
def demo_site(app) -> DemoSite:
    with app.app_context():
        summary = demo.create_demo(responses=120)
        project = summary.project
        hotline = db.session.scalar(select(Touchpoint).where(Touchpoint.name == "Service hotline"))
        kano, checklist = (
            db.session.scalar(select(Instrument.id).where(Instrument.kind == kind))
            for kind in ("kano", "checklist")
        )
        token = db.session.scalar(
            select(SurveyLink.token)
            .join(Wave)
            .where(Wave.status == "open", SurveyLink.respondent_group == "customer")
        )
        assignment = {
            status: db.session.scalar(
                select(Assignment.id)
                .where(Assignment.status == status)
                .order_by(Assignment.id)
                .limit(1)
            )
            for status in ("submitted", "assigned")
        }
        return DemoSite(
            password=summary.password,
            project=project.id,
            hotline=hotline.id,
            kano=kano,
            checklist=checklist,
            survey_token=token,
            to_review=assignment["submitted"],
            to_do=assignment["assigned"],
            piloted=db.session.scalar(select(Measure.id).where(Measure.title == PILOTED_MEASURE)),
        )


def log_in(page, email: str, password: str, next_path: str) -> None:
    page.goto(f"/login?next={next_path}")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_survey_on_a_phone_in_german_and_english(phone_page, demo_site):
    page, audit = phone_page, Audit()
    for lang, send in (("de", "Antworten senden"), ("en", "Send answers")):
        page.goto(f"/s/{demo_site.survey_token}?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        audit.check(page, f"survey ({lang})")
        page.get_by_role("button", name=send).click()
        expect(page.get_by_role("alert")).to_be_focused()  # the list of problems, read first
        audit.check(page, f"survey with missing answers ({lang})")
    audit.assert_clean()


def test_shopper_app_on_a_phone(phone_page, demo_site):
    page, audit = phone_page, Audit()
    log_in(page, demo.SHOPPER_EMAIL, demo_site.password, "/shop/")
    audit.check(page, "shopper: assignment list")
    page.goto(f"/shop/assignments/{demo_site.to_do}")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    audit.check(page, "shopper: checklist")
    page.locator("#submit-shop").click()
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "fix")
    audit.check(page, "shopper: checklist with problems marked")
    audit.assert_clean()


@pytest.fixture(params=["en-GB", "de-DE"])
def desktop_page(request, browser, live_server):
    """The workspace on a desktop screen, in English and in German (the browser's language)."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server, locale=request.param)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened, request.param[:2]
    context.close()


def test_consultant_pages(desktop_page, demo_site):
    (page, lang), audit = desktop_page, Audit()
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("link", name="Deutsch")).to_have_attribute("lang", "de")
    audit.check(page, "login")
    log_in(page, demo.CONSULTANT_EMAIL, demo_site.password, "/clients/")
    project, hotline = demo_site.project, demo_site.hotline
    for where, path in (
        ("clients", "/clients/"),
        ("project (journey)", f"/projects/{project}"),
        ("touchpoint", f"/touchpoints/{hotline}"),
        ("Kano questionnaire", f"/instruments/{demo_site.kano}"),
        ("Kano results", f"/instruments/{demo_site.kano}/results"),
        ("Kano gaps", f"/instruments/{demo_site.kano}/gaps"),
        ("checklist", f"/instruments/{demo_site.checklist}"),
        ("checklist results", f"/projects/{project}/checklist-results"),
        ("assignments", f"/projects/{project}/assignments"),
        ("shop review", f"/shops/{demo_site.to_review}"),
        ("trends", f"/touchpoints/{hotline}/trends"),
        ("follow-up cases with their filter", f"/projects/{project}/cases"),
        ("measures", f"/touchpoints/{hotline}/measures"),
        ("plan", f"/projects/{project}/plan"),
        ("export", f"/projects/{project}/exports"),
        ("new instrument", f"/touchpoints/{hotline}/instruments/new"),
        *_tracker_pages(demo_site),
        ("API tokens", "/api-tokens/"),
    ):
        assert page.goto(path).ok, f"{where}: {path}"
        audit.check(page, where)
    page.goto(f"/projects/{project}/touchpoints/new")
    audit.check(page, "new touchpoint")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#name-error")).to_be_visible()
    audit.check(page, "new touchpoint with errors")
    audit.assert_clean()


def _tracker_pages(site: DemoSite) -> tuple[tuple[str, str], ...]:
    """The pages a consultant runs an engagement from, beyond the measurement itself."""
    return (
        ("engagement tracker", f"/projects/{site.project}/engagement"),
        ("client interview", f"/projects/{site.project}/interview"),
        ("scorecard", f"/projects/{site.project}/scorecard"),
        ("measure pilot", f"/measures/{site.piloted}/pilot"),
        ("outbox with the demo's invitations", "/outbox"),
    )


def test_admin_pages(desktop_page, demo_site):
    (page, _lang), audit = desktop_page, Audit()
    log_in(page, demo.ADMIN_EMAIL, demo_site.password, "/admin/users/")
    audit.check(page, "users")
    for where, path in (("new user", "/admin/users/new"), ("audit log", "/admin/audit")):
        assert page.goto(path).ok, f"{where}: {path}"
        audit.check(page, where)
    assert page.goto("/api-tokens/").ok
    page.locator("main form input[name=name]").fill("Power BI")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".api-token-value")).to_be_visible()
    audit.check(page, "API tokens with a new token shown once")
    audit.assert_clean()


def test_workspace_on_a_phone(phone_page, demo_site):
    """A consultant at a client's site with only a phone: the same pages at 390 px."""
    page, audit = phone_page, Audit()
    log_in(page, demo.CONSULTANT_EMAIL, demo_site.password, "/clients/")
    audit.check(page, "clients (phone)")
    project, hotline = demo_site.project, demo_site.hotline
    for where, path in (
        ("project (journey)", f"/projects/{project}"),
        ("touchpoint", f"/touchpoints/{hotline}"),
        ("Kano questionnaire", f"/instruments/{demo_site.kano}"),
        ("Kano results", f"/instruments/{demo_site.kano}/results"),
        ("checklist results", f"/projects/{project}/checklist-results"),
        ("shop review", f"/shops/{demo_site.to_review}"),
        ("trends", f"/touchpoints/{hotline}/trends"),
        ("plan", f"/projects/{project}/plan"),
        *_tracker_pages(demo_site),
    ):
        assert page.goto(path).ok, f"{where}: {path}"
        audit.check(page, f"{where} (phone)")
        assert_reflows(page, where)
    audit.assert_clean()


def assert_reflows(page, where: str) -> None:
    """WCAG 1.4.10 (Reflow), which axe does not check: at 390 px nothing makes the page itself
    scroll sideways; a wide table scrolls inside its own focusable region. (The page's width
    is the root's ``clientWidth``: on a phone ``innerWidth`` grows with a page that is too wide.)
    """
    wide = page.evaluate(
        """() => [...document.querySelectorAll("main *")]
            .filter((e) => e.getBoundingClientRect().right > document.body.clientWidth + 1)
            .filter((e) => !e.closest(".table-scroll"))
            .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""))"""
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1 and not wide, f"{where}: {overflow} px too wide, by {wide[:5]}"
