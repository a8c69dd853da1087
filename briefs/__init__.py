"""The domain: the Brief model, one loader per format, and what reads files safely."""
