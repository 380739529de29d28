"""People: members of Congress (every current member and everyone who signed a letter) with
their terms, and the detainees the letters name."""
