"""Exploring in a notebook: displays, variants of a scenario, flow paths and diagrams, tables."""
