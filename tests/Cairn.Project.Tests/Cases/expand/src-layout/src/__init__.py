from .webapp import app
