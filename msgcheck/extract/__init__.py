"""Extraction: claims, speaker roles and what a claim carries (values, polarity, qualifiers, slots)."""
