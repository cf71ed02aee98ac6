"""Full-text search over every clause of every policy (``policygen search``, ``compare --query``).

load and resolve (as for the comparison) → ``rows`` (one per citable unit) →
``store`` (build/search.sqlite, SQLite FTS5, kept in step by ``refresh``) →
``query`` (what a user types, made safe) → ``results`` (ranked hits, matches
marked) → ``output`` / ``side_by_side`` (what the commands print).
``spelling`` folds British and American spellings for the index and the query alike;
``related`` gives a query word the other words policies use for the same thing.
"""
