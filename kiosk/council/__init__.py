"""Council mode: member assemblies, the roll of delegates, and votes bound by their mandates."""
