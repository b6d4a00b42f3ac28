"""Report formats of a comparison: terminal, JSON (versioned schema), SARIF, Markdown, CSV."""
