"""The published book: its Sphinx extension (``book``, with ``render``, ``self_check`` and
``widget_js``), the figures it draws from ``data/`` (``figures``) and where its launch buttons
point (``launch``)."""
