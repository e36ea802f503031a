"""What a candidate does: timed exams, drills and the review queue."""
