"""Writers for what a build produces besides pages: feeds, calendar, CSV, schedule."""
