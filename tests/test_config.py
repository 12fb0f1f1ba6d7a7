"""Configuration precedence and the generated secret key."""

import stat

from surveyor import config, create_app


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = config.instance_secret_key(tmp_path)
    second = config.instance_secret_key(tmp_path)
    assert first == second
    assert len(first) >= 64
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_environment_overrides_database_and_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("SURVEYOR_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("SURVEYOR_SECRET_KEY", "from-environment")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["SECRET_KEY"] == "from-environment"


def test_postgres_urls_use_psycopg_3():
    assert config.normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_secure_cookies_behind_https(monkeypatch, tmp_path):
    monkeypatch.setenv("SURVEYOR_SECURE_COOKIES", "1")
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}", "SECRET_KEY": "x"}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_behind_a_proxy_forwarded_headers_are_trusted(monkeypatch, tmp_path):
    monkeypatch.setenv("SURVEYOR_BEHIND_PROXY", "1")
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite'}", "SECRET_KEY": "x"}
    )

    @app.get("/where")
    def where():
        from flask import request, url_for

        return {"address": request.remote_addr, "url": url_for("where", _external=True)}

    answer = (
        app.test_client()
        .get(
            "/where",
            headers={
                "X-Forwarded-For": "203.0.113.9",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "survey.example.com",
            },
        )
        .json
    )
    assert answer == {"address": "203.0.113.9", "url": "https://survey.example.com/where"}
