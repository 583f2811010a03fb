"""The workspace: one SQLite file of campaigns, calls, runs, findings and reviews, and what works on it."""
