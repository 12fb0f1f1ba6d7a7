"""Measurement waves: schedules, periods, opening and closing."""
