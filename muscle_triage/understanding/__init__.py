"""What a message says: normalising and spelling, unreadable input, breathing trouble, answers to the symptom
check's questions, and which article question a message asks."""
