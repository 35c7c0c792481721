#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    if sys.argv[1:2] == ["match"]:
        import gc

        # Start-up makes objects kept to the end (modules, the engine), no garbage: the collector
        # stays off until the snapshot is loaded (kb.match_command.main says why).
        gc.disable()
        # Answers from the engine's snapshot without setting Django up (kb/match_command.py).
        from kb.match_command import main

        sys.exit(main(sys.argv))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
