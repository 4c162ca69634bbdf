"""Understanding a document's text: who it is for, who issued it and when, and what it awards."""
