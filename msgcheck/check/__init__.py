"""Checking calls against a campaign: the Checker, the campaign and its promises, reviewers' overrides."""
