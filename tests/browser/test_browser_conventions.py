"""Rules for the browser tests themselves, learnt from a CI run that failed on one of them.

``page.wait_for_function`` passes while its condition holds on the first try and raises an
``EvalError`` under our Content-Security-Policy as soon as it has to poll, so a browser test that
uses it fails only when the machine is slow. ``conftest.wait_until`` polls without ``eval()``.
"""

from pathlib import Path

BROWSER_TESTS = Path(__file__).parent


def test_no_browser_test_polls_with_wait_for_function():
    offenders = [
        path.name
        for path in sorted(BROWSER_TESTS.glob("test_*.py"))
        if path.name != Path(__file__).name and ".wait_for_function(" in path.read_text()
    ]
    assert offenders == [], f"use conftest.wait_until instead in {offenders}"
