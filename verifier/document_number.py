"""The number a red-header document carries (黔教发〔2023〕12号): the bracketed year and the serial after the
organ's abbreviation, written once for the readers that type such documents, read their number and year, and
place the organ that issued them."""

from __future__ import annotations

# 〔2023〕12号, with the brackets OCR may give for 〔〕; the year is the group `year`.
BRACKETED_YEAR_AND_SERIAL = r"\s*[〔(（\[]\s*(?P<year>(?:19|20)\d{2})\s*[〕)）\]]\s*\d{1,4}\s*号"
