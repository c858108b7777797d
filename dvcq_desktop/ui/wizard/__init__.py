"""The first-run wizard that creates a workspace, and the sample workspace it can open instead."""
