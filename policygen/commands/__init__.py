"""One module per subcommand: ``add_parser(subparsers)`` adds its arguments, ``run(args, project)`` runs it."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def date_argument(text: str):
    """argparse type for YYYY-MM-DD or YYYY-MM: a bad date is a usage error, never a traceback."""
    import argparse

    from policygen.model.base import PolicyDate

    try:
        return PolicyDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def day_argument(text: str):
    """argparse type for a full date, YYYY-MM-DD."""
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def days_argument(text: str) -> int:
    """argparse type for a number of days ahead: a whole number, 0 or more."""
    import argparse

    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days: give a whole number, 0 or more")
    return days
