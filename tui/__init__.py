"""Terminal front ends: the command line and (soon) the Textual app."""
