"""Reading what ``surveyor demo`` prints, as a newcomer reads it."""

import re


def demo_password(output: str) -> str:
    """The one password of the demo logins, from the line 'Open … with password X as'."""
    return re.search(r"with password (\S+)", output).group(1)
