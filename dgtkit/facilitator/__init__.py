"""The facilitator's kit: what a workshop needs besides the book.

- ``slides``: one PowerPoint deck per module, from the session pages and the week;
- ``worksheets``: a paper worksheet for each exercise, with the fields of its form;
- ``pdf``: the whole book as one PDF, and the worksheets as PDF, printed by Chromium;
- ``book``: the book's links to the decks, which its build copies into the site;
- ``pages`` (the session pages read as data), ``fit`` (how much room text takes) and
  ``look`` (the course's colours and font) serve them.

Run as ``python -m dgtkit.facilitator slides|pdf|worksheets`` (``make slides``, ``make pdf``,
``make worksheets``).
"""
