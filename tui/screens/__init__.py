"""Screens of the reader app: the main screen and the help screen."""
