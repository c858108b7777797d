"""Domain objects: the plan (areas, indicators, rules, periods), units, and a unit's report data."""
