"""projects models: filled by later issues."""
