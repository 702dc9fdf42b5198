"""The JSON API under /api/v1/ (docs/api.md): the same core and permissions as the pages."""
