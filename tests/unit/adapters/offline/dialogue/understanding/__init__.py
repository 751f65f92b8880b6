"""The reader of caller turns, tested one utterance at a time (helpers: ``reading``)."""
