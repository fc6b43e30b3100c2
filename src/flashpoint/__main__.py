from flashpoint.cli import app

app(prog_name="flashpoint")
