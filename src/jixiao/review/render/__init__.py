"""Renderers of a review report: text for a terminal, json (`jixiao/review@1`), html, xlsx."""
