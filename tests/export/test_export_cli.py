"""``surveyor export`` writes the same workbook as the download."""

from __future__ import annotations

from tests.export.conftest import CUSTOMER_PAIRS, open_workbook, rows_of


def test_export_command_writes_the_workbook(runner, tmp_path, export_project):
    out = tmp_path / "contact.xlsx"
    result = runner.invoke(
        args=[
            "export",
            "--project",
            export_project.project.slug,
            "--out",
            str(out),
            "--wave",
            "0",
            "--touchpoint",
            "Hotline",
            "--lang",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    expected = len(CUSTOMER_PAIRS["f1"]) + 3  # customers and employees of the baseline
    assert f"with {expected} responses" in result.output
    workbook = open_workbook(str(out))
    assert len(rows_of(workbook["Responses"])) == expected


def test_export_command_explains_unknown_choices(runner, tmp_path, export_project):
    out = str(tmp_path / "x.xlsx")
    slug = export_project.project.slug
    result = runner.invoke(args=["export", "--project", "nope", "--out", out])
    assert result.exit_code == 2 and "no project with slug nope" in result.output
    result = runner.invoke(args=["export", "--project", slug, "--out", out, "--wave", "9"])
    assert result.exit_code == 2 and "has no wave 9" in result.output
    result = runner.invoke(args=["export", "--project", slug, "--out", out, "--touchpoint", "X"])
    assert result.exit_code == 2 and "has no touchpoint 'X'" in result.output
