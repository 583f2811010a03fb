"""Training the judge's heads: data loaders, generated pairs, and the one training command."""
