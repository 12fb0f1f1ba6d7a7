"""Personal data: access and erasure requests, retention, the audit log."""
