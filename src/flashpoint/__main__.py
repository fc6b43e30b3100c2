from flashpoint.cli import app

# Guarded: worker processes (multiprocessing "spawn") import this module under another name.
if __name__ == "__main__":
    app(prog_name="flashpoint")
