"""Judging one aligned pair: the rules, the trained heads, their evidence features and artifacts."""
