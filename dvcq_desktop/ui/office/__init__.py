"""The pages of the receiving office: intake, the submission board, consolidation, the unit catalogue."""
