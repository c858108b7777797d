"""The pages of a reporting unit (ward or commune): overview, activities, indicators, report, submit."""
