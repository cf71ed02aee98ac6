"""Compare clauses across organisations: which topics each covers, who has a gap.

The pipeline is the project's own: the policies are loaded and checked
(``validate.checked.load_and_check``), numbered by the view model (``build_view``),
and only then compared. Nothing here re-derives a number or an anchor.

- ``units``: each organisation's comparable units (clauses, tables,
  definitions lists, sections with lead text) with how to cite them.
- ``comparison``: policies grouped by kind; the coverage matrix and, per topic, each column's clauses.
- ``similarity``: TF-IDF cosine scores (scikit-learn) for topic suggestions
  and near-identical clauses; imported only when asked for.
- ``output``: terminal table, CSV and Markdown.
- ``page``: the accessible HTML page ``build/compare/<kind>.html``.
"""

from policygen.compare.comparison import Comparison, by_kind, compare

__all__ = ["Comparison", "by_kind", "compare"]
