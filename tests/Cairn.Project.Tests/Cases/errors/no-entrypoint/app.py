from flask import Flask

if True:
    app = Flask(__name__)
