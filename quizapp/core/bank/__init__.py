"""The question bank: what a question is, how a bank is read and checked."""
