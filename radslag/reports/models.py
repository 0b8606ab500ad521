"""Models are added with the feature that needs them."""
