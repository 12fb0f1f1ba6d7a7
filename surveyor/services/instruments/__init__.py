"""Authoring instruments: questionnaires and checklists, their import and export."""
