"""Entry point for WSGI servers: ``gunicorn wsgi:app``."""

from surveyor import create_app

app = create_app()
