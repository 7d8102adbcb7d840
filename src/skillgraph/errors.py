"""The one exception type for problems the user can fix (bad file, bad query, bad option)."""


class UserError(Exception):
    """Printed as `skillgraph: error: <message>` with exit code 2, never as a traceback.

    The message names the problem and, where there is one, the fix.
    """
