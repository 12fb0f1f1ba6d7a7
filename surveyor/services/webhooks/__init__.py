"""Webhooks: subscriptions per project, signed deliveries by the worker, and SSRF-safe targets."""
