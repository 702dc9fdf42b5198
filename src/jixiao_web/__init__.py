"""jixiao_web: the Django application over the jixiao core (forms, import, review, portal)."""
