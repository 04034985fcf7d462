"""Who this kiosk is and whom it trusts: its key, known keys, signed cards and revocations."""
