"""The `jixiao` command: thin wrappers over the core."""
