"""Use cases over the domain's ports."""
