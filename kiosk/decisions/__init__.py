"""Deciding: proposals and their wording, kinds of round, rules, ballots, hand counts, outcomes."""
