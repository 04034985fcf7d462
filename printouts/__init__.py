"""Paper: pure functions from plain data to PDF bytes. They never reach into the database."""
