"""Pure extractors: text in, facts out. No I/O (lexicons are read once as package data), no global state."""
