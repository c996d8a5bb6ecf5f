"""search models: filled by later issues."""
