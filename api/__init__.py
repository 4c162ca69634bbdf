"""The verification service: HTTP API for platforms, durable jobs, stores and the reviewer pages."""
