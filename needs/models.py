"""needs models: filled by later issues."""
