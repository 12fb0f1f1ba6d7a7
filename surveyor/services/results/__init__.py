"""Reading results: Kano categories, checklist scores, trends and drift."""
