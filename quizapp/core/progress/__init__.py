"""The candidate's progress on disk: answers, settings, exams; journal and snapshot."""
