"""The evidence verifier: reads teacher-title application uploads and reports what they prove."""

__version__ = "0.1.0"
