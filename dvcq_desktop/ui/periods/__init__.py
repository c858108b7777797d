"""The periods page (both roles): choosing the period, the office issuing the year, a unit taking it."""
