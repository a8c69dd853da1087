"""Fault and hostile-input suite (issue 7): kills, power loss, full disks, concurrency, bad files."""
