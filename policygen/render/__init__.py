"""Render: one module per output format, each reading the same DocumentView."""
