"""Workbook wording in English and German, chosen per export (``--lang``), not per request.

The export runs in a background thread or on the command line, outside any request, so it cannot
use the request's Babel locale; a small table keeps each header next to its translation.
"""

from __future__ import annotations

LANGUAGES = ("en", "de")

TEXTS: dict[str, tuple[str, str]] = {
    # sheet titles (at most 31 characters, no []:*?/\)
    "sheet.overview": ("Overview", "Übersicht"),
    "sheet.kano": ("Kano", "Kano"),
    "sheet.mystery": ("Mystery shopping", "Mystery Shopping"),
    "sheet.trends": ("Trends", "Trends"),
    "sheet.gaps": ("Gaps", "Lücken"),
    "sheet.measures": ("Measures", "Maßnahmen"),
    "sheet.responses": ("Responses", "Antworten"),
    "sheet.codebook": ("Codebook", "Codebuch"),
    # common columns
    "client": ("Client", "Kunde"),
    "project": ("Project", "Projekt"),
    "exported": ("Exported at (UTC)", "Exportiert am (UTC)"),
    "waves": ("Waves", "Wellen"),
    "wave": ("Wave", "Welle"),
    "wave_no": ("Wave no.", "Wellen-Nr."),
    "baseline": ("Baseline", "Nullmessung"),
    "phase": ("Phase", "Phase"),
    "touchpoint": ("Touchpoint", "Touchpoint"),
    "channel": ("Channel", "Kanal"),
    "weight": ("Weight", "Gewicht"),
    "group": ("Group", "Gruppe"),
    "responses": ("Responses", "Antworten"),
    "location": ("Location", "Standort"),
    "competitor": ("Competitor", "Wettbewerber"),
    "instrument": ("Instrument", "Instrument"),
    "version": ("Version", "Version"),
    "response_id": ("Response id", "Antwort-ID"),
    "submitted_at": ("Submitted at (UTC)", "Abgegeben am (UTC)"),
    "item_key": ("Item id", "Item-ID"),
    "column": ("Column", "Spalte"),
    "item_type": ("Type", "Typ"),
    "section": ("Section", "Abschnitt"),
    "text": ("Text", "Text"),
    "negative_text": ("Dysfunctional question", "Dysfunktionale Frage"),
    "codes": ("Answer codes", "Antwortcodes"),
    "index": ("Weighted touchpoint index", "Gewichteter Touchpoint-Index"),
    "no_rows": ("No data in the chosen waves and touchpoints.", "Keine Daten in der Auswahl."),
    # respondent groups
    "group.customer": ("Customers", "Kunden"),
    "group.employee": ("Employees", "Mitarbeitende"),
    "group.shopper": ("Mystery shoppers", "Mystery Shopper"),
    # Kano
    "feature": ("Feature", "Merkmal"),
    "n": ("n", "n"),
    "category": ("Category", "Kategorie"),
    "tie": ("Tie with", "Gleichstand mit"),
    "better": ("Better", "Better"),
    "value": ("Value", "Wert"),
    "indicator.CSAT (1-5)": ("CSAT (1-5)", "Zufriedenheit CSAT (1-5)"),
    "indicator.CES (1-7)": ("CES (1-7)", "Aufwand CES (1-7)"),
    "indicator.NPS": ("NPS", "NPS"),
    "indicator.Contacts to resolution": ("Contacts to resolution", "Kontakte bis zur Lösung"),
    "indicator.Resolved at first contact": (
        "Resolved at first contact (%)",
        "Beim ersten Kontakt gelöst (%)",
    ),
    "worse": ("Worse", "Worse"),
    "category_strength": ("Category strength", "Kategoriestärke"),
    "total_strength": ("Total strength", "Gesamtstärke"),
    "fong": ("Fong significant", "Fong signifikant"),
    "functional_mean": ("Functional mean", "Mittelwert funktional"),
    "dysfunctional_mean": ("Dysfunctional mean", "Mittelwert dysfunktional"),
    "importance": ("Importance (mean)", "Wichtigkeit (Mittel)"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "kano.A": ("Attractive (delighter)", "Begeisterung"),
    "kano.O": ("One-dimensional (performance)", "Leistung"),
    "kano.M": ("Must-be (basic)", "Basis"),
    "kano.I": ("Indifferent", "Indifferent"),
    "kano.R": ("Reverse", "Rückweisend"),
    "kano.Q": ("Questionable", "Fragwürdig"),
    "chart.better_worse": ("Better/worse diagram", "Better/Worse-Diagramm"),
    # gaps
    "customer_category": ("Customers' category", "Kategorie Kunden"),
    "employee_category": ("Employees' category", "Kategorie Mitarbeitende"),
    "better_gap": ("Better gap (employees - customers)", "Better-Lücke (MA - Kunden)"),
    "worse_gap": ("Worse gap (employees - customers)", "Worse-Lücke (MA - Kunden)"),
    "misjudged": ("Category misjudged", "Kategorie verkannt"),
    # measures
    "measure": ("Measure", "Maßnahme"),
    "description": ("Description", "Beschreibung"),
    "cluster": ("Cluster", "Cluster"),
    "owner": ("Owner", "Verantwortlich"),
    "due_date": ("Due", "Fällig"),
    "go_live": ("Go-live", "Go-live"),
    "status": ("Status", "Status"),
    # Responses parts
    "part.functional": ("functional", "funktional"),
    "part.dysfunctional": ("dysfunctional", "dysfunktional"),
    "part.importance": ("importance", "Wichtigkeit"),
    "part.channels": ("channels", "Kanäle"),
    "codes.kano": (
        "1 I like it; 2 I expect it; 3 I am neutral; 4 I can live with it; 5 I dislike it",
        "1 Das würde mich sehr freuen; 2 Das setze ich voraus; 3 Das ist mir egal; "
        "4 Das nehme ich gerade noch hin; 5 Das würde mich sehr stören",
    ),
    "codes.importance": ("1 not important ... 9 very important", "1 unwichtig ... 9 sehr wichtig"),
    "codes.channels": ("comma-separated channels", "Kanäle, durch Komma getrennt"),
    "codes.text": ("free text", "Freitext"),
    "codes.yes_no": ("1 yes; 0 no", "1 ja; 0 nein"),
}


class Labels:
    """Looks up workbook wording in one language: ``labels("wave")``."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._index = LANGUAGES.index(lang)

    def __call__(self, key: str, **values: object) -> str:
        text = TEXTS[key][self._index]
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        return self(key) if key in TEXTS else default
