"""Use cases shared by the web views, the API, the CLI and the scheduler."""
