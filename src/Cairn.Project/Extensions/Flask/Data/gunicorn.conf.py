"""Gunicorn settings for a Flask rock built by cairn's flask-framework extension."""

bind = ["0.0.0.0:8000"]
chdir = "/flask/app"
statsd_host = "localhost:9125"
