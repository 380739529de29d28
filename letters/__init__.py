"""Letters with their sources, signers, recipients, demands and the detainees they name."""
