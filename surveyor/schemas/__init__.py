"""Marshmallow schemas of Surveyor's external JSON formats, shared by the web UI and the API."""
