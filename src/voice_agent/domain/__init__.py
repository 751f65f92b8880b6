"""Pure scheduling domain: standard library (plus phonenumbers) only, no framework imports."""
