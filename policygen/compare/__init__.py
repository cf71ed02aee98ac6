"""Compare clauses across organisations: which topics each covers, who has a gap.

The pipeline is the project's own: the policies are loaded and checked
(``validate.checked.load_and_check``), numbered by the view model (``build_view``),
and only then compared. Nothing here re-derives a number or an anchor.

- ``units``: each organisation's comparable units (clauses, tables,
  definitions lists, sections with lead text) with how to cite them.
- ``comparison``: the coverage matrix and, per topic, each organisation's clauses.
- ``similarity``: TF-IDF cosine scores (scikit-learn) for topic suggestions
  and near-identical clauses; imported only when asked for.
- ``output``: terminal table, CSV and Markdown.
- ``page``: the accessible HTML page ``build/compare/<policy-id>.html``.
"""

from policygen.compare.comparison import Comparison, compare, policy_ids

__all__ = ["Comparison", "compare", "policy_ids"]
