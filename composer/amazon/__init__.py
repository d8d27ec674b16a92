"""Amazon seller accounts connected through the Selling Partner API: orders, eligibility, sends."""
