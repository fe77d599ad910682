import time

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


@app.route("/io")
def io():
    # A slow request: shows the difference between the sync and gevent worker classes.
    time.sleep(2)
    return "ok"
