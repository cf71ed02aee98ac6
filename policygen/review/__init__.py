"""The review cycle: what is due, recording a new version, and starting a new policy.

- ``register``: the policy register (``policygen status`` and build/index.html);
- ``record``: a review recorded as a round-trip edit of the policy's YAML;
- ``scaffold``: the text of a new policy (``policygen new``), a draft in the
  organisation's own version numbering, ready for its first review.

The rules these apply (review dates in ``model.schedule``, version numbers in
``model.versioning``) sit with the models: validation lints by them too, and
this package builds on validation.
"""
