"""Composing social variants: one ready-to-paste text per post and network, fitted to its limit."""
