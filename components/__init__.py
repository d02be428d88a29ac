"""Reported public-safety metrics for Vietnam: catalogue, figures, charts and dashboard pages."""
