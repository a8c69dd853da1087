"""The panes of the reader app, one widget per module."""
