"""Invitations to customer surveys (the sending is in :mod:`surveyor.services.wave_setup`)."""
