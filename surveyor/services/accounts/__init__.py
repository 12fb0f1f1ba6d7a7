"""People who sign in: accounts, API tokens and passwords."""
