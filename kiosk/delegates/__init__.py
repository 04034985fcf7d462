"""Delegates: seats on councils, elections, mandates, recall and report-backs."""
