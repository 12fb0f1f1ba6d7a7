"""Pure-Python scoring: numbers in, results out. No Flask, no database session."""
