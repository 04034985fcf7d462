"""Bundles between kiosks: signed export, and import into an assembly or a council."""
