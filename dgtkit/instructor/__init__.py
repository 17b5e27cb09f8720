"""The lecturer's tools around nbgrader: parallel autograding, validating the assignments, the
sample answers, the course's nbgrader hooks, the kernel guard and the hub's private exchange.

Nothing here runs in a student's kernel except ``kernel_guard``.
"""
