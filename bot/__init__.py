"""Fraudbot: an anti-fraud consultation chatbot."""
