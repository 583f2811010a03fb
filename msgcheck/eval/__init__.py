"""Evaluation on labelled sets (the gold format), and the baselines msgcheck is compared with."""
