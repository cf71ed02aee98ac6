"""Bringing an existing policy in: a Word, HTML or Markdown file → a policy YAML of our own.

Readers (``readers/``) know a file format and nothing of policies; each turns a file into
the flat run of blocks in ``blocks.py``. The recogniser knows policies and nothing of file
formats: it finds the title, the document control, the version history, the numbered
sections and clauses, definitions, roles and cross-references in that run, and the writer
emits YAML with a ``# import: check`` comment wherever it was unsure.
"""
