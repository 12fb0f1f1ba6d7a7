"""Running Surveyor: backup and restore."""
