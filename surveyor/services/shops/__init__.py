"""Mystery shopping: plans, assignments, answers, photos, review and visibility."""
