"""The helpers every other part of the core stands on; they import nothing else of portavoz.

Problems (what the core reports instead of logging), the clock, the edges of time, reading
the project's files safely, atomic writes, and text made inert for logs and Markdown.
"""
