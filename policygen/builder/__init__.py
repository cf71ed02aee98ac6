"""Build: resolve, render and write every targeted document, skipping outputs whose inputs are unchanged.

- ``run``: the build run, parallel across documents, in a stable order;
- ``cache``: each output's input key, and the record of what was written;
- ``progress``: how far a build has got, for the terminal or a log.
"""
