"""Link: mentions from many articles become events with all their sources."""
