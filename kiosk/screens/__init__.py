"""What each page is sent: snapshots built from the domain, as plain data."""
