"""Output formats. Each module turns results into text for one kind of reader."""
