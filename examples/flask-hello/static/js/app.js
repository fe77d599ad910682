console.log("flask-hello");
