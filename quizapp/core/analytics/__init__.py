"""What the history says: scores, weak topics, readiness, the home dashboard."""
