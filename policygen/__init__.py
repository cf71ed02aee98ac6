"""policygen: NHS policies as structured data, rendered to HTML, PDF and DOCX.

The pipeline is load → validate → resolve → render → write; each stage is a
subpackage or module of the same name, ``builder`` runs it, and ``review``,
``diff`` and ``compare`` work beside it (see docs/architecture.md).
"""

__version__ = "0.1.0"
