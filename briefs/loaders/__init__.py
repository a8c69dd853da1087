"""One loader per format; each turns decoded text into briefs."""
