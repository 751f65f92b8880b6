"""Voice AI receptionist for appointment scheduling."""

__version__ = "0.1.0"
