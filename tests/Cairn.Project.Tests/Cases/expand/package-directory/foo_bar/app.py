from flask import Flask


def make_app():
    return Flask(__name__)
