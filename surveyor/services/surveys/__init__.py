"""Customer and employee questionnaires: links, submissions, answers, reminders."""
