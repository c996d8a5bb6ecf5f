"""donors models: filled by later issues."""
