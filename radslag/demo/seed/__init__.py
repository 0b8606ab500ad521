"""The pieces of the demo municipality, each loaded by one module in dependency order."""
