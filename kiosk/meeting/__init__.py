"""Meetings and the people in them: join codes, check-in, attendance, one person one vote."""
