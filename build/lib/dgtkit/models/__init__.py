"""The exercises' models: plain dataclasses with their rules, free of any UI code."""
