"""drafter: shareholder proposals and coalition letters from a reusable clause library."""

__version__ = "0.1.0"
