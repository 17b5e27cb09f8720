"""The exercises' models: plain dataclasses with their rules, free of any UI code."""

#: What a model's ``from_dict`` raises for saved answers it cannot read (a rule changed since,
#: or the file was edited by hand). The revision stays in the workbook: nothing is lost.
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)
