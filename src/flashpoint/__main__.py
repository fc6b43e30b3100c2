from flashpoint.entry import main

# Guarded: worker processes (multiprocessing "spawn") import this module under another name.
if __name__ == "__main__":
    main()
