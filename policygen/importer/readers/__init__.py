"""One reader per file format, each ``read(path, data: bytes) -> Source`` (see ``importer.blocks``)."""
