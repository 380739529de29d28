"""People in the letters: the legislators who signed and the detainees named."""
