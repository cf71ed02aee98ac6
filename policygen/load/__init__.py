"""Load: YAML files → plain data with source locations, then → models."""
