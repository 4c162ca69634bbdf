"""Seals: where a page's seals are, their lifted images, the text of their rings and the issuer it names."""
