"""Thin ipywidgets views: they build a form around a model, write input into it, redraw."""
