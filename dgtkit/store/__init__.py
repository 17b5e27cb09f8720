"""What a participant saves, and how one exercise hands it to the next.

``workbook``: the append-only SQLite workbook every exercise saves to. ``handoff``: every read
of an earlier exercise's saved answers (Ex 3 → Ex 5 → Ex 7 → Ex 10 → Ex 11 → the plan).
"""
