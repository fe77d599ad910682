import time

from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


@app.route("/io")
def io():
    # A slow request: shows the difference between the sync and gevent worker classes, and (with ?seconds=N)
    # that stopping the container lets a request in flight finish.
    seconds = min(float(request.args.get("seconds", "2")), 60.0)
    app.logger.warning("sleeping %.0f s", seconds)
    time.sleep(seconds)
    return "ok"
